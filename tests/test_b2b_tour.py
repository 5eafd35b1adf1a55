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
