"""The order gate through Odoo's own payment routes: a payment link's (or
the portal quotation's) ``/my/orders/<id>/transaction`` creates no
transaction for an order the gate refuses, and answers with its message."""

import json

from odoo import Command
from odoo.tests import tagged

from odoo.addons.payment.tests.common import PaymentCommon

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestOrderGatePaymentRoutes(B2BHttpCommon, PaymentCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        currency = cls.env.company.currency_id
        cls.provider.available_currency_ids = [Command.link(currency.id)]

    def order_transaction(self, order, login):
        """Odoo's portal payment form asking for a transaction, as ``login``;
        returns (JSON-RPC result, error message)."""
        self.authenticate(login, login)
        response = self.url_open(
            f"/my/orders/{order.id}/transaction",
            data=json.dumps(
                {
                    "jsonrpc": "2.0",
                    "method": "call",
                    "id": 1,
                    "params": {
                        "access_token": order._portal_ensure_token(),
                        "provider_id": self.provider.id,
                        "payment_method_id": self.payment_method_id,
                        "token_id": None,
                        "amount": order.amount_total,
                        "flow": "redirect",
                        "tokenization_requested": False,
                        "landing_route": order.get_portal_url(),
                        "is_validation": False,
                    },
                }
            ),
            headers={"Content-Type": "application/json"},
        )
        body = response.json()
        error = body.get("error")
        return body.get("result"), error and error["data"]["message"]

    def txs(self, order):
        return self.env["payment.transaction"].search(
            [("sale_order_ids", "in", order.ids)]
        )

    def test_payment_link_of_an_account_waiting_for_approval(self):
        order = self.sent_quotation(self.user_a)
        self.company_a.b2b_state = "pending"
        result, error = self.order_transaction(order, "portal_user_a")
        self.assertFalse(result)
        self.assertIn("not approved yet", error)
        self.assertFalse(self.txs(order))
        self.assertEqual(order.state, "sent")

    def test_payment_over_the_buyers_limit_asks_for_approval_first(self):
        order = self.sent_quotation(self.user_a, price=90)
        self.user_a.b2b_order_limit = 50
        result, error = self.order_transaction(order, "portal_user_a")
        self.assertFalse(result)
        self.assertIn("needs the approval of your company", error)
        self.assertFalse(self.txs(order))

    def test_approved_buyer_gets_the_payment_form_values(self):
        order = self.sent_quotation(self.user_a)
        result, error = self.order_transaction(order, "portal_user_a")
        self.assertFalse(error)
        self.assertTrue(result["reference"])
        self.assertEqual(self.txs(order).reference, result["reference"])

    def test_held_payment_is_told_on_the_order_page(self):
        order = self.sent_quotation(self.user_a)
        order.b2b_payment_held = True
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("We have received your payment", page.text)

    def test_pay_on_account_offered_on_a_payment_link(self):
        self.env.ref("b2b_customer.payment_provider_b2b_on_account").write(
            {"available_currency_ids": [Command.link(self.env.company.currency_id.id)]}
        )
        self.company_a.write({"b2b_allow_pay_later": True, "credit_limit": 1000.0})
        order = self.sent_quotation(self.user_a, price=100)
        url = f"{order.get_portal_url()}&payment_amount={order.amount_total}"
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open(url)
        self.assertIn("Pay on Account", page.text)
        self.assertIn("Available credit", page.text)
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(url)
        self.assertIn("Pay on Account", page.text)
        self.assertNotIn("Available credit", page.text)
        self.assertIn("pay it by its due date", page.text)
        plain = self.sent_quotation(self.plain_customer)
        self.authenticate("portal_plain", "portal_plain")
        page = self.url_open(
            f"{plain.get_portal_url()}&payment_amount={plain.amount_total}"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("Pay on Account", page.text)
