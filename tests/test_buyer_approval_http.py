"""Buyer approvals on the portal: Odoo's accept held back, viewers refused,
``/my/approvals`` (who may open it, deciding, errors on the page, the same
number of queries for 10 and 100 waiting orders), the rules, budgets, roles
and order limits on ``/my/company``, what the approval adds to Odoo's own
accept, and the tour."""

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .buyer_approval_common import SIGNATURE, ApprovalFixtures
from .common import B2BHttpCommon


class ApprovalHttpCommon(ApprovalFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()

    def sign(self, login, order):
        self.authenticate(login, login)
        return self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept", {"name": login, "signature": SIGNATURE}
        )

    def post(self, url, **data):
        return self.url_open(
            url, data={"csrf_token": http.Request.csrf_token(self), **data}
        )

    def waiting_orders(self, count, buyer=None, approver=None):
        """``count`` orders waiting for ``approver`` (created directly)."""
        return self.waiting(count, buyer=buyer, approvers=approver)


@tagged("post_install", "-at_install")
class TestBuyerApprovalPortal(ApprovalHttpCommon):
    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_accept_over_the_limit_waits(self):
        self.user_a.b2b_order_limit = 100
        order = self.quotation(self.user_a, 150)
        result = self.sign("portal_user_a", order)
        self.assertNotIn("error", result)
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_requested_by_id, self.user_a)
        self.assertTrue(order.signature)
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("o_b2b_order_waiting", page)
        self.assertNotIn('data-bs-target="#modalaccept"', page, "nothing to sign")

    def test_accept_within_the_limit_confirms(self):
        self.user_a.b2b_order_limit = 1000
        order = self.quotation(self.user_a, 150)
        self.sign("portal_user_a", order)
        self.assertEqual(order.state, "sale")

    def test_viewer_cannot_accept(self):
        order = self.quotation(self.user_a, 10)
        self.authenticate("portal_viewer_a", "portal_viewer_a")
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("o_b2b_viewer", page)
        self.assertNotIn('data-bs-target="#modalaccept"', page)
        result = self.sign("portal_viewer_a", order)
        self.assertIn("Viewers cannot accept", result["error"])
        self.assertFalse(order.signature)
        self.assertEqual(order.state, "sent")

    def test_no_one_to_approve_is_said_on_the_page(self):
        self.admin_a2.b2b_role = "user"
        self.admin_a.b2b_order_limit = 10
        order = self.quotation(self.admin_a, 150)
        result = self.sign("portal_admin_a", order)
        self.assertIn("No one else in Alpha Trading", result["error"])
        self.assertFalse(order.signature, "nothing was kept")
        self.assertEqual(order.b2b_approval_state, "not_required")

    @mute_logger("odoo.http")
    def test_who_opens_my_approvals(self):
        order = self.waiting_orders(1)
        for login, status in (
            ("portal_user_a", 403),
            ("portal_viewer_a", 403),
            ("portal_plain", 403),
            ("portal_admin_a", 200),
            ("portal_admin_b", 200),
            ("portal_approver_a", 200),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open("/my/approvals")
                self.assertEqual(response.status_code, status)
                shown = order.name in response.text
                self.assertEqual(shown, login == "portal_approver_a")
                decision = self.post(f"/my/approvals/{order.id}/approve")
                if login == "portal_admin_a":
                    # of the company, but not asked: said on the page
                    self.assertIn("no longer waiting for your approval", decision.text)
                elif login != "portal_approver_a":
                    self.assertIn(decision.status_code, (403, 404))
                expected = "approved" if login == "portal_approver_a" else "waiting"
                self.assertEqual(order.b2b_approval_state, expected)

    def test_approve_and_reject_on_the_portal(self):
        self.user_a.b2b_order_limit = 100
        order = self.quotation(self.user_a, 150)
        self.sign("portal_user_a", order)
        self.authenticate("portal_approver_a", "portal_approver_a")
        # refused with the message on the page, the comment kept
        response = self.post(f"/my/approvals/{order.id}/reject", comment="")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please say why you reject the order", response.text)
        response = self.post(f"/my/approvals/{order.id}/reject", comment="Nope\x00")
        self.assertIn("control characters", response.text)
        self.assertIn("Nope", response.text)
        self.assertEqual(order.b2b_approval_state, "waiting")
        response = self.post(
            f"/my/approvals/{order.id}/reject", comment="<b>Wrong depot</b>"
        )
        self.assertIn("The order was rejected", response.text)
        self.assertEqual(order.b2b_approval_state, "rejected")
        # the buyer reads why, and accepts again
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("&lt;b&gt;Wrong depot&lt;/b&gt;", page)
        self.sign("portal_user_a", order)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.post(f"/my/approvals/{order.id}/approve", comment="OK")
        self.assertIn("The order was approved", response.text)
        self.assertEqual(order.state, "sale")
        response = self.post(f"/my/approvals/{order.id}/approve")
        self.assertIn("no longer waiting for your approval", response.text)

    def test_search_and_pages(self):
        orders = self.waiting_orders(25)
        self.authenticate("portal_approver_a", "portal_approver_a")
        first = self.url_open("/my/approvals").text
        self.assertEqual(first.count('o_b2b_approval"'), 20)
        self.assertIn("/my/approvals/page/2", first)
        second = self.url_open("/my/approvals/page/2").text
        self.assertEqual(second.count('o_b2b_approval"'), 5)
        found = self.url_open(f"/my/approvals?search={orders[3].name}").text
        self.assertEqual(found.count('o_b2b_approval"'), 1)

    def test_approvals_page_queries_do_not_grow(self):
        self.waiting_orders(10)
        self.waiting_orders(30, buyer=self.admin_b, approver=self.admin_b)

        def queries():
            self.authenticate("portal_approver_a", "portal_approver_a")
            self.url_open("/my/approvals")  # warm the caches
            before = self.cr.sql_log_count
            response = self.url_open("/my/approvals")
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before

        with_10 = queries()
        self.waiting_orders(90)
        with_100 = queries()
        self.assertLessEqual(abs(with_100 - with_10), 2, f"{with_10} vs {with_100}")

    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_accept_with_rules_adds_at_most_5_queries(self):
        def queries(order):
            self.authenticate("portal_user_a", "portal_user_a")
            before = self.cr.sql_log_count
            self.sign("portal_user_a", order)
            self.assertEqual(order.state, "sale")
            return self.cr.sql_log_count - before

        orders = [self.quotation(self.user_a, 100) for _i in range(3)]
        queries(orders[0])  # warm the caches
        native = queries(orders[1])
        self.rule(amount_threshold=1000)
        self.rule(name="Users", applies_to="role", role="user", amount_threshold=500)
        with_rules = queries(orders[2])
        self.assertLessEqual(with_rules, native + 5, f"{native} vs {with_rules}")


@tagged("post_install", "-at_install")
class TestBuyerApprovalCompanyPage(ApprovalHttpCommon):
    def test_rules_and_budgets_kept_by_the_admin(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company").text
        self.assertIn("o_b2b_rule_form", page)
        self.assertIn("o_b2b_budget_form", page)
        response = self.post(
            "/my/company/approval-rules",
            name="Junior buyers",
            amount_threshold="500",
            amount_basis="total",
            applies_to="role",
            role="user",
            approver_type="approvers",
        )
        self.assertIn("Junior buyers", response.text)
        rule = self.env["b2b.approval.rule"].search([("name", "=", "Junior buyers")])
        self.assertEqual(
            (rule.partner_id, rule.amount_threshold, rule.role, rule.approver_type),
            (self.company_a, 500, "user", "approvers"),
        )
        # a foreign contact is refused with a message, what was typed is kept
        response = self.post(
            "/my/company/approval-rules",
            name="Sneaky",
            amount_threshold="100",
            amount_basis="untaxed",
            applies_to="all",
            approver_type="contacts",
            approver_ids=str(self.admin_b.id),
        )
        self.assertIn("Please choose colleagues of your company", response.text)
        self.assertIn('value="Sneaky"', response.text)
        self.assertFalse(
            self.env["b2b.approval.rule"].search([("name", "=", "Sneaky")])
        )
        response = self.post(
            "/my/company/approval-rules",
            name="Bad amount",
            amount_threshold="lots",
            amount_basis="untaxed",
            applies_to="all",
            approver_type="admins",
        )
        self.assertIn("Please enter the amount as a positive number", response.text)
        # budgets
        self.post(
            "/my/company/budgets",
            partner_id=str(self.user_a.id),
            period="quarter",
            amount="2000",
        )
        budget = self.env["b2b.budget"].search([("partner_id", "=", self.user_a.id)])
        self.assertEqual((budget.period, budget.amount), ("quarter", 2000))
        self.quotation(self.user_a, 1700).action_confirm()
        page = self.url_open("/my/company").text
        self.assertIn("o_b2b_budget_notice", page)
        self.assertIn("85 %", page)
        response = self.post(
            "/my/company/budgets", partner_id="company", period="month", amount="-5"
        )
        self.assertIn("Please enter the budget as a positive amount", response.text)
        # archive and remove
        self.post(f"/my/company/approval-rules/{rule.id}/archive")
        self.assertFalse(rule.active)
        self.post(f"/my/company/budgets/{budget.id}/remove")
        self.assertFalse(budget.exists())

    @mute_logger("odoo.http")
    def test_only_the_admin_keeps_them(self):
        rule = self.rule()
        for login in ("portal_approver_a", "portal_user_a", "portal_viewer_a"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.post(f"/my/company/approval-rules/{rule.id}/archive")
                self.assertEqual(response.status_code, 403)
                response = self.post(
                    "/my/company/budgets",
                    partner_id="company",
                    period="month",
                    amount="1",
                )
                self.assertEqual(response.status_code, 403)
        self.assertTrue(rule.active)
        self.assertFalse(
            self.env["b2b.budget"].search([("partner_id", "=", self.company_a.id)])
        )

    def test_roles_and_order_limits(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company").text
        for label in ("Approver", "Viewer"):
            self.assertIn(f">{label}</option>", page)
        self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="viewer",
            b2b_order_limit="250",
        )
        self.assertEqual(
            (self.user_a.b2b_role, self.user_a.b2b_order_limit), ("viewer", 250)
        )
        response = self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="approver",
            b2b_order_limit="a lot",
        )
        self.assertIn(
            "Please enter the order limit as a positive amount", response.text
        )
        self.assertEqual(self.user_a.b2b_role, "viewer", "nothing changed")
        self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="approver",
            b2b_order_limit="",
        )
        self.assertEqual(
            (self.user_a.b2b_role, self.user_a.b2b_order_limit), ("approver", 0)
        )


@tagged("post_install", "-at_install")
class TestBuyerApprovalTour(ApprovalHttpCommon):
    def test_buyer_accepts_approver_approves(self):
        self.user_a.b2b_order_limit = 100
        order = self.quotation(self.user_a, 150)
        order.name = "Approval Tour Quote"
        self.start_tour(
            "/my/quotes", "b2b_buyer_approval_accept_tour", login="portal_user_a"
        )
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.start_tour(
            "/my", "b2b_buyer_approval_approve_tour", login="portal_approver_a"
        )
        self.assertEqual(order.b2b_approval_state, "approved")
        self.assertEqual(order.state, "sale")
        comment = order.sudo().b2b_approval_ids.comment
        self.assertEqual(comment, "Within this month's plan")


@tagged("post_install", "-at_install")
class TestBuyerApprovalAccessToken(ApprovalHttpCommon):
    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_accept_with_the_link_and_no_session_waits_too(self):
        self.user_a.b2b_order_limit = 100
        order = self.quotation(self.user_a, 150)
        self.authenticate(None, None)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept?access_token={order._portal_ensure_token()}",
            {"name": "Ulrich", "signature": SIGNATURE},
        )
        self.assertNotIn("error", result)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_requested_by_id, self.user_a)
        self.assertEqual(order.state, "sent")
