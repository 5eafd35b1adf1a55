"""The negotiation clicked through in headless Chromium: a buyer requests a
quote from the quick order, the seller counters one line, the buyer
counters back, the seller accepts the counter, the buyer accepts and the
order is confirmed."""

from odoo.tests import tagged

from .common import B2BHttpCommon
from .quote_common import QuoteFixtures


@tagged("post_install", "-at_install")
class TestQuoteTour(QuoteFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_quote_fixtures()
        cls.company_a.b2b_allow_pay_later = True

    def test_negotiation(self):
        self.start_tour(
            "/my/quick-order", "b2b_quote_request_tour", login="portal_user_a"
        )
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.user_a.id), ("b2b_quote_state", "!=", False)]
        )
        self.assertEqual(order.b2b_quote_state, "requested")
        self.assertEqual(order.client_order_ref, "PO-TOUR-1")
        order.name = "Tour Quote"
        action = self.env.ref("b2b_customer.sale_order_action_b2b_quote")
        requests_url = f"/odoo/action-{action.id}"
        self.start_tour(
            requests_url,
            "b2b_quote_seller_offer_tour",
            login="b2b_manager",
        )
        self.assertEqual(order.b2b_quote_state, "offered")
        bolt = self.line_of(order, self.bolt)
        self.assertEqual(bolt.price_unit, 10.8)
        self.start_tour(
            order.get_portal_url(), "b2b_quote_counter_tour", login="portal_user_a"
        )
        self.assertEqual(order.b2b_quote_state, "countered")
        self.assertEqual(bolt.product_uom_qty, 200)
        self.start_tour(
            requests_url,
            "b2b_quote_seller_accept_tour",
            login="b2b_manager",
        )
        self.assertEqual(bolt.price_unit, 10.0)
        self.start_tour(
            order.get_portal_url(), "b2b_quote_accept_tour", login="portal_user_a"
        )
        self.assertEqual(order.b2b_quote_state, "accepted")
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            order.b2b_quote_revision_ids.mapped("kind"),
            ["request", "offer", "counter", "offer"],
        )
