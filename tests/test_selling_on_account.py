""" "Pay on Account" and "Submit for Approval": the module's payment provider,
offered by Odoo's payment framework only where it applies, moving no money."""

from odoo import Command
from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_order_gate import OrderGateCommon


@tagged("post_install", "-at_install")
class TestPayOnAccount(OrderGateCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.on_account = cls.env.ref("b2b_customer.payment_provider_b2b_on_account")
        cls.on_account.available_currency_ids = [Command.link(cls.currency.id)]
        cls.pm_on_account = cls.env.ref("b2b_customer.payment_method_b2b_on_account")
        cls.pm_approval = cls.env.ref("b2b_customer.payment_method_b2b_buyer_approval")
        cls.company_a.b2b_allow_pay_later = True  # limit 1,000

    def offered(self, order, user):
        """(providers, payment methods) Odoo's payment form offers ``user``."""
        env_order = self.as_buyer(order, user)
        providers = env_order.env["payment.provider"]._get_compatible_providers(
            order.company_id.id,
            order.partner_invoice_id.id,
            order.amount_total,
            currency_id=order.currency_id.id,
            sale_order_id=order.id,
        )
        methods = env_order.env["payment.method"]._get_compatible_payment_methods(
            providers.ids,
            order.partner_invoice_id.id,
            currency_id=order.currency_id.id,
            sale_order_id=order.id,
        )
        return providers, methods

    def checkout(self, order, user, method):
        """The buyer chooses ``method`` of the module's provider and Odoo's
        payment form posts it (the redirect form's processing)."""
        tx = self.pay(
            order,
            user,
            provider_id=self.on_account.id,
            payment_method_id=method.id,
        )
        processing = tx._get_processing_values()
        self.assertIn("/payment/b2b/process", processing["redirect_form_html"])
        return (
            tx.with_user(user)
            .sudo()
            ._process("b2b_on_account", {"reference": tx.reference})
        )

    def test_offered_to_a_pay_later_customer_within_its_credit(self):
        order = self.order(self.user_a, 400)
        providers, methods = self.offered(order, self.portal_user_a)
        self.assertIn(self.on_account, providers)
        self.assertIn(self.provider, providers)
        self.assertIn(self.pm_on_account, methods)
        self.assertNotIn(self.pm_approval, methods)

    def test_never_offered_to_anybody_else(self):
        cases = {
            "over the available credit": lambda: self.order(self.user_a, 1500),
            "on credit hold": lambda: (
                self.company_a.write({"b2b_credit_hold": True}),
                self.order(self.user_a, 10),
            )[1],
        }
        for name, make in cases.items():
            with self.subTest(name):
                providers, methods = self.offered(make(), self.portal_user_a)
                self.assertNotIn(self.on_account, providers)
                self.assertIn(self.provider, providers)
        self.company_a.b2b_credit_hold = False
        self.company_a.b2b_allow_pay_later = False
        providers, _methods = self.offered(
            self.order(self.user_a, 10), self.portal_user_a
        )
        self.assertNotIn(self.on_account, providers)
        plain = self.order(self.plain_customer, 10)
        self.assertNotIn(self.on_account, self.offered(plain, self.portal_plain)[0])
        # without an order (an invoice, a free amount): never
        providers = self.env["payment.provider"]._get_compatible_providers(
            self.env.company.id, self.user_a.id, 10.0, currency_id=self.currency.id
        )
        self.assertNotIn(self.on_account, providers)

    def test_pay_on_account_confirms_the_order_and_moves_no_money(self):
        order = self.order(self.user_a, 400)
        tx = self.checkout(order, self.portal_user_a, self.pm_on_account)
        self.assertEqual(order.state, "sale")
        self.assertEqual(tx.state, "pending")
        self.assertIn("pay it on account", tx.state_message)
        self.assertEqual(order.amount_paid, 0.0)
        # the credit counts it now
        self.assertEqual(self.company_a.b2b_credit_exposure, 400.0)

    def test_credit_checked_again_when_the_buyer_confirms(self):
        order = self.order(self.user_a, 600)
        tx = self.pay(
            order,
            self.portal_user_a,
            provider_id=self.on_account.id,
            payment_method_id=self.pm_on_account.id,
        )
        # meanwhile another order used the credit
        self.order(self.user_a, 600, confirm=True)
        tx.with_user(self.portal_user_a).sudo()._process(
            "b2b_on_account", {"reference": tx.reference}
        )
        self.assertEqual(tx.state, "error")
        self.assertIn("cannot be paid on account", tx.state_message)
        self.assertIn(order.state, ("draft", "sent"))

    def test_processed_once(self):
        order = self.order(self.user_a, 100)
        tx = self.checkout(order, self.portal_user_a, self.pm_on_account)
        tx._process("b2b_on_account", {"reference": tx.reference})
        self.assertEqual(tx.state, "pending")
        self.assertEqual(order.state, "sale")

    def test_refused_when_it_does_not_apply(self):
        order = self.order(self.user_a, 1500)
        with self.assertRaisesRegex(ValidationError, "cannot be paid on account"):
            self.pay(
                order,
                self.portal_user_a,
                provider_id=self.on_account.id,
                payment_method_id=self.pm_on_account.id,
            )
        with self.assertRaisesRegex(ValidationError, "does not need the approval"):
            self.pay(
                self.order(self.user_a, 10),
                self.portal_user_a,
                provider_id=self.on_account.id,
                payment_method_id=self.pm_approval.id,
            )

    def test_submit_for_approval_instead_of_paying(self):
        self.company_a.b2b_allow_pay_later = False
        self.user_a.b2b_order_limit = 50
        order = self.order(self.user_a, 90)
        providers, methods = self.offered(order, self.portal_user_a)
        # only the submission: no paying method while approval is needed
        self.assertEqual(providers, self.on_account)
        self.assertEqual(methods, self.pm_approval)
        tx = self.checkout(order, self.portal_user_a, self.pm_approval)
        self.assertEqual(tx.state, "pending")
        self.assertIn("sent to the approvers", tx.state_message)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.b2b_requested_by_id, self.user_a)
        self.assertEqual(order.amount_paid, 0.0)
        self.assertIn(self.admin_a, order.b2b_approval_ids.candidate_ids)
        # waiting: nothing is offered any more, nothing can be paid
        self.assertFalse(self.offered(order, self.portal_user_a)[0] & self.on_account)
        with self.assertRaises(ValidationError):
            self.pay(order, self.portal_user_a)

    def test_another_customers_transaction_is_not_processed(self):
        order = self.order(self.user_a, 100)
        tx = self.pay(
            order,
            self.portal_user_a,
            provider_id=self.on_account.id,
            payment_method_id=self.pm_on_account.id,
        )
        tx.with_user(self.portal_admin_b).sudo()._process(
            "b2b_on_account", {"reference": tx.reference}
        )
        self.assertEqual(tx.state, "error")
        self.assertIn(order.state, ("draft", "sent"))
