"""What acting on behalf leaves behind: orders and quote requests carry who
placed them, addresses created or changed are logged, and the trail is read
by the company's administrators on /my/company and by the staff on the
company; the tour clicks it through."""

from odoo import Command
from odoo.tests import tagged

from .assistance_common import AssistanceHttpCommon
from .ordering_common import setup_products


@tagged("post_install", "-at_install")
class TestAssistanceTrail(AssistanceHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_products(cls)
        cls.company_a.b2b_allow_pay_later = True

    def orders_of(self, partner):
        return self.env["sale.order"].search([("partner_id", "=", partner.id)])

    def assistance(self):
        self.env.invalidate_all()
        return self.env["b2b.assistance.session"].search(
            [("contact_id", "=", self.user_a.id)], limit=1
        )

    def test_orders_and_addresses_are_logged(self):
        self.start_acting()
        response = self.post(
            "/my/quick-order", {"lines": "SCREW-100;2", "step": "order"}
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        order = self.orders_of(self.user_a)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.b2b_placed_by_user_id, self.salesperson)
        page = self.url_open(order.access_url).text
        self.assertIn("o_b2b_placed_by", page)
        self.assertIn("Sven Sales", page)
        # a delivery address, created then changed
        response = self.post(
            "/my/address/submit",
            {
                "address_type": "delivery",
                "name": "Alpha Depot",
                "street": "Quay 7",
                "city": "Ghent",
                "zip": "9000",
                "country_id": str(self.env.ref("base.be").id),
                "phone": "+32 9 123 45 67",
                "email": "depot@alpha.example.com",
            },
        )
        self.assertNotIn("invalid_fields", response.json(), response.text)
        depot = self.env["res.partner"].search(
            [
                ("name", "=", "Alpha Depot"),
                ("commercial_partner_id", "=", self.company_a.id),
            ]
        )
        self.assertEqual(len(depot), 1)
        self.end_acting()

        log = self.assistance().log_ids
        created = log.filtered(lambda line: line.action == "created")
        self.assertEqual(
            {(line.res_model, line.res_id) for line in created},
            {("sale.order", order.id), ("res.partner", depot.id)},
        )
        self.assertEqual(log[0].action, "started")
        self.assertEqual(log[-1].action, "ended")
        # the customer's own orders carry nobody
        self.authenticate("portal_user_a", "portal_user_a")
        self.post("/my/quick-order", {"lines": "NUT-M8;1", "step": "order"})
        own = self.orders_of(self.user_a) - order
        self.assertEqual(len(own), 1)
        self.assertFalse(own.b2b_placed_by_user_id)

    def test_administrators_read_the_trail(self):
        self.start_acting()
        self.post("/my/quick-order", {"lines": "SCREW-100;2", "step": "order"})
        order = self.orders_of(self.user_a)
        self.end_acting()
        # the company's administrator, on /my/company
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company").text
        self.assertIn("o_b2b_assistance_trail", page)
        self.assertIn("Sven Sales", page)
        self.assertIn(order.name, page)
        # not another company's administrator
        self.authenticate("portal_admin_b", "portal_admin_b")
        self.assertNotIn("Sven Sales", self.url_open("/my/company").text)
        # staff read it on the company
        sessions = (
            self.env["b2b.assistance.session"]
            .with_user(self.b2b_back_user)
            .search([("company_id", "=", self.company_a.id)])
        )
        self.assertEqual(len(sessions), 1)
        self.assertIn(order.name, sessions.log_ids.mapped("record_name"))
        action = self.company_a.with_user(
            self.b2b_back_user
        ).action_b2b_view_assistance_sessions()
        self.assertEqual(action["domain"], [("company_id", "=", self.company_a.id)])
        # a salesperson of others does not
        self.assertFalse(
            self.env["b2b.assistance.session"]
            .with_user(self.other_salesperson)
            .search([("company_id", "=", self.company_a.id)])
        )

    def test_administrator_sets_the_consent(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.post(
            "/my/company/assistance", {"b2b_assistance_policy": "staff"}
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.company_a.b2b_assistance_policy, "staff")
        # the chatter says who changed it
        tracking = self.env["mail.tracking.value"].search(
            [
                ("mail_message_id.res_id", "=", self.company_a.id),
                ("mail_message_id.model", "=", "res.partner"),
                ("field_id.name", "=", "b2b_assistance_policy"),
            ]
        )
        self.assertEqual(tracking.mail_message_id.author_id, self.admin_a)
        # bad input: a clear message, nothing changed
        response = self.post(
            "/my/company/assistance", {"b2b_assistance_policy": "every\x00one"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("control characters", response.text)
        response = self.post("/my/company/assistance", {"b2b_assistance_policy": "all"})
        self.assertIn("Please choose who may act", response.text)
        self.assertEqual(self.company_a.b2b_assistance_policy, "staff")
        # a user who is not an administrator may not
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/company/assistance", {"b2b_assistance_policy": "none"}
        )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.company_a.b2b_assistance_policy, "staff")

    def test_tour_act_order_from_a_list_end_and_read_the_trail(self):
        # the salesperson of Alpha works in the B2B back office
        self.company_a.user_id = self.b2b_back_user
        self.env["b2b.requisition.list"].create(
            {
                "name": "Weekly screws",
                "partner_id": self.user_a.id,
                "line_ids": [
                    Command.create({"product_id": self.screw.id, "quantity": 3})
                ],
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{self.user_a.id}",
            "b2b_assistance_tour",
            login="b2b_backuser",
        )
        order = self.orders_of(self.user_a)
        self.assertEqual(len(order), 1)
        self.assertEqual(order.b2b_placed_by_user_id, self.b2b_back_user)
        self.assertEqual(order.order_line.product_uom_qty, 3)
        assistance = self.env["b2b.assistance.session"].search(
            [("contact_id", "=", self.user_a.id)]
        )
        self.assertEqual(assistance.end_reason, "ended")
        self.start_tour(
            "/my/company", "b2b_assistance_trail_tour", login="portal_admin_a"
        )
