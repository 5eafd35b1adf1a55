from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon
from .credit_common import CreditFixtures

#: a 1x1 GIF, as Odoo's own sale tests sign with
SIGNATURE = "R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs="


@tagged("post_install", "-at_install")
class TestB2BCreditPortal(CreditFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        cls.invoice(cls.company_a, 250, due_days=-5)

    def quotation(self, partner, amount):
        order = self.order(partner, amount, require_signature=True)
        order.action_quotation_sent()
        return order

    def page(self, login, url):
        self.authenticate(login, login)
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return response.text

    def test_b2b_page_shows_the_credit_to_administrators(self):
        text = self.page("portal_admin_a", "/my/b2b")
        self.assertIn('id="b2b_credit"', text)
        for amount in ("1,000.00", "250.00", "750.00"):
            self.assertIn(amount, text)
        self.assertIn("o_b2b_credit_available", text)
        self.assertIn("filterby=overdue_invoices", text)
        # a plain user of the same company does not see the amounts
        text = self.page("portal_user_a", "/my/b2b")
        self.assertNotIn('id="b2b_credit"', text)
        # another company sees nothing of company A
        text = self.page("portal_admin_b", "/my/b2b")
        self.assertNotIn('id="b2b_credit"', text)

    def test_home_card(self):
        self.assertIn("Company credit", self.page("portal_admin_a", "/my"))
        self.assertNotIn("Company credit", self.page("portal_user_a", "/my"))
        self.assertNotIn("Company credit", self.page("portal_plain", "/my"))

    def test_hold_on_the_b2b_page(self):
        self.company_a.sudo()._b2b_credit_set_hold("Overdue")
        text = self.page("portal_admin_a", "/my/b2b")
        self.assertIn("o_b2b_credit_hold", text)

    def test_order_within_credit_says_what_it_uses(self):
        order = self.quotation(self.admin_a, 300)
        text = self.page("portal_admin_a", f"/my/orders/{order.id}")
        self.assertIn("o_b2b_credit_ok", text)
        self.assertIn("of your available credit", text)

    def test_order_over_credit_says_why_with_the_amounts(self):
        order = self.quotation(self.admin_a, 900)
        text = self.page("portal_admin_a", f"/my/orders/{order.id}")
        self.assertIn("o_b2b_credit_blocked", text)
        self.assertIn("exceeds your available credit", text)
        self.assertNotIn("You can confirm this order without paying online", text)

    def test_plain_user_sees_only_whether(self):
        order = self.quotation(self.user_a, 900)
        text = self.page("portal_user_a", f"/my/orders/{order.id}")
        self.assertIn("o_b2b_credit_blocked", text)
        self.assertIn("ask your company administrator", text)
        self.assertNotIn("exceeds your available credit", text)
        small = self.quotation(self.user_a, 10)
        text = self.page("portal_user_a", f"/my/orders/{small.id}")
        self.assertNotIn("of your available credit", text)

    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_signing_over_credit_goes_to_payment_and_tells_the_salesperson(self):
        order = self.quotation(self.admin_a, 900)
        self.authenticate("portal_admin_a", "portal_admin_a")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Alice Admin", "signature": SIGNATURE},
        )
        self.assertIn("allow_payment=yes", result["redirect_url"])
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.signed_on)
        activity = self.env["mail.activity"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(activity.user_id, self.salesperson)

    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_signing_within_credit_confirms(self):
        order = self.quotation(self.admin_a, 300)
        self.authenticate("portal_admin_a", "portal_admin_a")
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Alice Admin", "signature": SIGNATURE},
        )
        self.assertNotIn("allow_payment=yes", result["redirect_url"])
        self.assertEqual(order.state, "sale")

    def test_b2b_page_query_count_with_credit(self):
        def queries(login):
            self.authenticate(login, login)
            self.url_open("/my/b2b")  # warm the caches
            before = self.cr.sql_log_count
            self.url_open("/my/b2b")
            return self.cr.sql_log_count - before

        without = queries("portal_admin_b")
        with_credit = queries("portal_admin_a")
        self.assertLessEqual(with_credit, without + 3)


@tagged("post_install", "-at_install")
class TestB2BCreditTour(CreditFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        cls.invoice(cls.company_a, 250, due_days=-5)

    def test_buyer_over_the_limit_reads_why(self):
        order = self.order(self.admin_a, 900, require_signature=True)
        order.action_quotation_sent()
        order.name = "Credit Tour Quote"
        self.start_tour("/my", "b2b_credit_tour", login="portal_admin_a")
        self.assertEqual(order.state, "sent")
