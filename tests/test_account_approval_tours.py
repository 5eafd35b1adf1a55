from odoo.tests import HttpCase, new_test_user, tagged


@tagged("post_install", "-at_install")
class TestB2BBackOfficeTour(HttpCase):
    def test_create_and_approve_from_contacts(self):
        new_test_user(
            self.env,
            login="tour_manager",
            password="tour_manager",
            groups="b2b_customer.group_b2b_manager,base.group_partner_manager,"
            "sales_team.group_sale_manager",
            name="Tour Manager",
        )
        self.start_tour("/odoo/contacts", "b2b_backoffice_tour", login="tour_manager")
        partner = self.env["res.partner"].search([("name", "=", "Tour Trading BV")])
        self.assertEqual(partner.b2b_state, "approved")
        self.assertEqual(partner.b2b_department, "Purchasing")
        self.assertEqual(partner.company_registry, "KVK 12345678")
        self.assertTrue(partner.ref)


@tagged("post_install", "-at_install")
class TestB2BApprovalQueueTour(HttpCase):
    def test_approval_queue(self):
        new_test_user(
            self.env,
            login="queue_manager",
            password="queue_manager",
            groups="b2b_customer.group_b2b_manager,base.group_partner_manager,"
            "sales_team.group_sale_manager",
            name="Queue Manager",
        )
        Partner = self.env["res.partner"]
        requests = Partner
        for name in ("Queue One BV", "Queue Two BV", "Queue Three BV"):
            requests |= Partner.create(
                {"name": name, "is_company": True, "is_b2b": True}
            )
        action = self.env.ref("b2b_customer.res_partner_action_b2b")
        self.start_tour(
            f"/odoo/action-{action.id}",
            "b2b_approval_queue_tour",
            login="queue_manager",
        )
        one, two, three = requests
        self.assertEqual(one.b2b_state, "approved")
        self.assertEqual(two.b2b_state, "approved")
        self.assertNotEqual(one.ref, two.ref)
        self.assertEqual(three.b2b_state, "rejected")
        self.assertEqual(
            three.b2b_customer_message, "We only sell to registered resellers."
        )


@tagged("post_install", "-at_install")
class TestB2BSignupTours(HttpCase):
    def test_signup_tour(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )
        self.start_tour("/web/signup", "b2b_signup_tour")
        user = self.env["res.users"].search(
            [("login", "=", "tom@tourist-trade.example.nl")]
        )
        self.assertEqual(user.partner_id.parent_id.name, "Tourist Trade BV")
        self.assertEqual(user.partner_id.parent_id.b2b_state, "pending")
        self.assertEqual(user.partner_id.b2b_role, "admin")

    def test_send_credentials_tour(self):
        new_test_user(
            self.env,
            login="cred_staff",
            password="cred_staff",
            groups="b2b_customer.group_b2b_user,base.group_partner_manager",
            name="Credentials Staff",
        )
        company = self.env["res.partner"].create(
            {"name": "Cred Co", "is_company": True}
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Carla Cred",
                "parent_id": company.id,
                "email": "carla@cred.example.org",
            }
        )
        self.assertFalse(contact.user_ids)
        self.start_tour(
            f"/odoo/res.partner/{contact.id}",
            "b2b_send_credentials_tour",
            login="cred_staff",
        )
        self.assertTrue(contact.with_context(active_test=False).user_ids._is_portal())


@tagged("post_install", "-at_install")
class TestB2BSettingsTour(HttpCase):
    def test_saving_settings_keeps_the_group_pricelists(self):
        pricelist = self.env["product.pricelist"].create({"name": "Dealers (-10 %)"})
        group = self.env["b2b.customer.group"].create(
            {"name": "Dealers", "pricelist_id": pricelist.id}
        )
        self.start_tour(
            "/odoo/action-b2b_customer.res_config_settings_action",
            "b2b_settings_pricelist_tour",
            login="admin",
        )
        self.env.invalidate_all()
        self.assertEqual(self.env.company.b2b_sla_hours, 36)
        self.assertTrue(pricelist.active)
        self.assertEqual(group.pricelist_id, pricelist)
