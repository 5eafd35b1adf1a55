"""Quotations paid online without a signature: the buyer over their limit
requests the approval instead of paying, Odoo's payment route refuses them
until it is given, the approval tells the buyer to pay; under the limit,
and for staff, Odoo's payment flow is unchanged."""

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .buyer_approval_common import queued
from .test_buyer_approval_http import ApprovalHttpCommon


@tagged("post_install", "-at_install")
class TestApprovalBeforePayment(ApprovalHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.user_a.b2b_order_limit = 100

    def pay_first(self, amount, buyer=None):
        return self.quotation(
            buyer or self.user_a, amount, require_signature=False, require_payment=True
        )

    def as_buyer(self, order, buyer=None):
        buyer = buyer or self.user_a
        return order.sudo().with_context(b2b_portal_partner_id=buyer.id)

    def test_model(self):
        over, under = self.pay_first(150), self.pay_first(50)
        self.assertTrue(self.as_buyer(over)._b2b_approval_before_payment())
        self.assertFalse(self.as_buyer(over)._has_to_be_paid())
        self.assertTrue(self.as_buyer(under)._has_to_be_paid(), "Odoo's flow")
        self.assertTrue(over._has_to_be_paid(), "staff: Odoo's flow")
        signed_first = self.quotation(self.user_a, 150, require_payment=True)
        self.assertFalse(
            self.as_buyer(signed_first)._b2b_approval_before_payment(),
            "signing submits it for approval",
        )
        self.as_buyer(over)._b2b_request_approval()
        self.assertEqual(over.b2b_approval_state, "waiting")
        self.assertEqual(over.b2b_requested_by_id, self.user_a)
        self.assertFalse(self.as_buyer(over)._has_to_be_paid(), "waiting")
        with self.assertRaisesRegex(Exception, "does not need an approval"):
            self.as_buyer(over)._b2b_request_approval()
        over._b2b_decide(self.approver_a, "approve")
        self.assertEqual(over.b2b_approval_state, "approved")
        self.assertEqual(over.state, "sent", "paid before it is confirmed")
        self.assertTrue(self.as_buyer(over)._has_to_be_paid())
        mail = queued(
            self.env, "b2b_customer.mail_template_b2b_order_approved_pay", over
        )
        self.assertEqual(mail.recipient_ids, self.user_a)

    def test_nobody_to_approve_is_said(self):
        # the only administrator's own order over their limit
        self.admin_a2.b2b_role = "user"
        self.admin_a.b2b_order_limit = 10
        order = self.pay_first(150, buyer=self.admin_a)
        order_sudo = self.as_buyer(order, self.admin_a)
        self.assertIn("No one else", order_sudo._b2b_approval_blocker())
        self.assertFalse(order_sudo._has_to_be_paid())
        with self.assertRaisesRegex(Exception, "No one else"):
            order_sudo._b2b_request_approval()
        self.assertEqual(order.b2b_approval_state, "not_required")

    def test_portal_request_then_pay(self):
        order = self.pay_first(150)
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertIn("o_b2b_request_approval", page)
        self.assertNotIn('id="o_sale_portal_paynow"', page)
        response = self.url_open(
            f"/my/orders/{order.id}/request-approval",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertIn("approvers were asked", response.text)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertIn("o_b2b_order_waiting", response.text)
        order._b2b_decide(self.approver_a, "approve")
        page = self.url_open(f"/my/orders/{order.id}").text
        self.assertNotIn("o_b2b_request_approval", page)
        self.assertIn('id="o_sale_portal_paynow"', page)

    @mute_logger("odoo.http")
    def test_payment_refused_until_approved(self):
        order = self.pay_first(150)
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.opener.post(
            f"{self.base_url()}/my/orders/{order.id}/transaction",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {"access_token": order._portal_ensure_token()},
            },
        )
        error = response.json()["error"]["data"]
        self.assertEqual(error["name"], "odoo.exceptions.ValidationError")
        self.assertIn("approval of your company", error["message"])
        self.assertFalse(order.sudo().transaction_ids)

    @mute_logger("odoo.http")
    def test_request_refused(self):
        order = self.pay_first(150)
        for login in ("portal_viewer_a", "portal_admin_b", "portal_plain"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.url_open(
                    f"/my/orders/{order.id}/request-approval",
                    data={"csrf_token": http.Request.csrf_token(self)},
                )
                self.assertIn(response.status_code, (403, 404))
                self.assertEqual(order.b2b_approval_state, "not_required")
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.url_open(
            f"/my/orders/{order.id}/request-approval", data={"x": "1"}
        )
        self.assertEqual(response.status_code, 400, "no CSRF token")
        under = self.pay_first(50)
        self.url_open(
            f"/my/orders/{under.id}/request-approval",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(under.b2b_approval_state, "not_required", "nothing to ask")
