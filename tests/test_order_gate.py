"""The order gate (models/sale_order.py): one reason per capability, the
steps each reason stops, and Odoo's payment framework asking it before money
moves and never failing after."""

from odoo import Command
from odoo.exceptions import UserError, ValidationError
from odoo.tests import tagged

from odoo.addons.payment.tests.common import PaymentCommon

from .common import B2BCommon
from .credit_common import CreditFixtures


class OrderGateCommon(B2BCommon, PaymentCommon, CreditFixtures):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        # pay-later only where a test says so
        cls.company_a.b2b_allow_pay_later = False
        cls.currency = cls.env.company.currency_id
        cls.provider.available_currency_ids = [Command.link(cls.currency.id)]

    def codes(self, order, step):
        return [b["code"] for b in order._b2b_order_blockers(step)]

    def as_buyer(self, order, user):
        """The order as the shop and the payment routes hold it: the
        superuser's record, the portal user's environment."""
        return order.with_user(user).sudo()

    def pay(self, order, user, **values):
        """Create the transaction the payment routes create for ``order``."""
        return (
            self.env["payment.transaction"]
            .with_user(user)
            .sudo()
            .create(
                {
                    "payment_method_id": self.payment_method_id,
                    "amount": order.amount_total,
                    "currency_id": order.currency_id.id,
                    "provider_id": self.provider.id,
                    "reference": f"{order.name}-{user.login}",
                    "operation": "online_redirect",
                    "partner_id": order.partner_invoice_id.id,
                    "sale_order_ids": [Command.set(order.ids)],
                    **values,
                }
            )
        )

    def order_txs(self, order):
        return self.env["payment.transaction"].search(
            [("sale_order_ids", "in", order.ids)]
        )


@tagged("post_install", "-at_install")
class TestOrderGateReasons(OrderGateCommon):
    def test_nothing_stops_an_approved_customers_order(self):
        order = self.order(self.user_a, 100)
        for step in ("sign", "pay", "confirm", "validate"):
            self.assertEqual(
                self.codes(self.as_buyer(order, self.portal_user_a), step), []
            )

    def test_account_not_approved_stops_signing_paying_confirming(self):
        self.company_a.b2b_state = "suspended"
        order = self.as_buyer(self.order(self.user_a, 100), self.portal_user_a)
        for step in ("sign", "pay", "confirm"):
            self.assertEqual(self.codes(order, step), ["account_not_approved"])
        message = order._b2b_order_blockers("pay")[0]["message"]
        self.assertIn("not approved yet", message)
        self.assertNotIn("Confirm Anyway", message)  # the buyer reads it
        staff = self.order(self.user_a, 50)._b2b_order_blockers("confirm")[0]
        self.assertIn("Confirm Anyway", staff["message"])
        self.assertTrue(staff["override"])

    def test_function_missing(self):
        self.company_a.b2b_perm_confirm_orders = "deny"
        order = self.order(self.user_a, 100)
        buyer_order = self.as_buyer(order, self.portal_user_a)
        self.assertEqual(self.codes(buyer_order, "sign"), ["function_missing"])
        self.assertEqual(self.codes(buyer_order, "pay"), ["function_missing"])
        self.assertEqual(self.codes(buyer_order, "confirm"), ["function_missing"])
        # staff still confirm it in the back office
        self.assertEqual(self.codes(order, "confirm"), [])

    def test_viewer(self):
        self.user_a.b2b_role = "viewer"
        order = self.as_buyer(self.order(self.user_a, 100), self.portal_user_a)
        for step in ("sign", "pay", "confirm"):
            self.assertEqual(self.codes(order, step), ["viewer"])

    def test_buyer_approval_needed_stops_paying_only(self):
        self.user_a.b2b_order_limit = 50
        order = self.as_buyer(self.order(self.user_a, 90), self.portal_user_a)
        self.assertEqual(self.codes(order, "pay"), ["buyer_approval_needed"])
        # signing submits the order for approval instead
        self.assertEqual(self.codes(order, "sign"), [])
        self.assertEqual(self.codes(order, "confirm"), [])
        # staff confirming in the back office: no buyer acts
        self.assertEqual(self.codes(order.with_user(self.env.user), "pay"), [])

    def test_buyer_approval_waiting(self):
        order = self.order(self.user_a, 100)
        order.b2b_approval_state = "waiting"
        for step in ("sign", "pay", "confirm", "validate"):
            self.assertEqual(self.codes(order, step), ["buyer_approval_waiting"])

    def test_credit_hold_and_limit_stop_confirming_only(self):
        self.company_a.b2b_allow_pay_later = True
        order = self.order(self.user_a, 1500)
        self.assertEqual(self.codes(order, "confirm"), ["credit_limit"])
        for step in ("sign", "pay", "validate"):
            self.assertEqual(self.codes(order, step), [])
        self.company_a.b2b_credit_hold = True
        small = self.order(self.user_a, 10)
        self.assertEqual(self.codes(small, "confirm"), ["credit_hold"])

    def test_portal_review(self):
        self.env.company.b2b_quick_order_confirm = "review"
        order = self.order(self.user_a, 100, b2b_portal_order=True)
        self.assertEqual(self.codes(order, "pay"), ["portal_review"])
        self.assertEqual(self.codes(order, "validate"), ["portal_review"])
        self.assertEqual(self.codes(order, "confirm"), [])

    def test_most_important_reason_first(self):
        self.company_a.b2b_state = "suspended"
        self.user_a.b2b_role = "viewer"
        order = self.as_buyer(self.order(self.user_a, 100), self.portal_user_a)
        self.assertEqual(self.codes(order, "pay"), ["account_not_approved", "viewer"])

    def test_confirm_anyway_passes_only_what_may_be_overridden(self):
        self.company_a.b2b_state = "suspended"
        order = self.order(self.user_a, 100)
        with self.assertRaisesRegex(UserError, "not approved"):
            order.action_confirm()
        order.with_user(self.manager).with_context(
            b2b_confirm_override=True
        ).sudo().action_confirm()
        self.assertEqual(order.state, "sale")


@tagged("post_install", "-at_install")
class TestOrderGatePayments(OrderGateCommon):
    def test_no_transaction_for_an_account_waiting_for_approval(self):
        self.company_a.b2b_state = "pending"
        order = self.order(self.user_a, 90)
        with self.assertRaisesRegex(ValidationError, "not approved yet"):
            self.pay(order, self.portal_user_a)
        self.assertFalse(self.order_txs(order))
        self.assertEqual(order.state, "draft")

    def test_no_transaction_over_the_buyers_order_limit(self):
        self.user_a.b2b_order_limit = 50
        order = self.order(self.user_a, 90)
        with self.assertRaisesRegex(ValidationError, "needs the approval"):
            self.pay(order, self.portal_user_a)
        self.assertFalse(self.order_txs(order))

    def test_no_transaction_for_a_viewer(self):
        self.user_a.b2b_role = "viewer"
        order = self.order(self.user_a, 90)
        with self.assertRaisesRegex(ValidationError, "Viewers"):
            self.pay(order, self.portal_user_a)

    def test_approved_customer_pays(self):
        order = self.order(self.user_a, 90)
        tx = self.pay(order, self.portal_user_a)
        self.assertEqual(tx.sale_order_ids, order)

    def test_plain_customer_pays_as_in_odoo(self):
        order = self.order(self.plain_customer, 90)
        tx = self.pay(order, self.portal_plain)
        self.assertEqual(tx.sale_order_ids, order)

    def test_paid_order_of_an_account_suspended_meanwhile_is_held(self):
        order = self.order(self.user_a, 90)
        tx = self.pay(order, self.portal_user_a)
        self.company_a.b2b_state = "suspended"
        tx._set_done()
        tx._post_process()  # never raises for a B2B reason
        self.assertEqual(tx.state, "done")
        self.assertIn(order.state, ("draft", "sent"))
        self.assertTrue(order.b2b_payment_held)
        self.assertIn(tx, order.transaction_ids)
        activity = order.activity_ids.filtered(
            lambda a: a.summary == "Paid, not confirmed"
        )
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn("not approved", activity.note)
        # approved again, the salesperson confirms it
        self.company_a.b2b_state = "approved"
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_payment_held)

    def test_paid_order_of_an_approved_account_is_confirmed_as_in_odoo(self):
        order = self.order(self.user_a, 90)
        tx = self.pay(order, self.portal_user_a)
        tx._set_done()
        tx._post_process()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_payment_held)

    def test_payment_link_wizard_tells_the_salesperson(self):
        self.company_a.b2b_state = "pending"
        order = self.order(self.user_a, 90)
        wizard = (
            self.env["payment.link.wizard"]
            .with_context(active_model="sale.order", active_id=order.id)
            .create({"res_model": "sale.order", "res_id": order.id, "amount": 90})
        )
        self.assertIn("cannot pay this order yet", wizard.warning_message)
        self.assertIn("not approved", wizard.warning_message)
        self.company_a.b2b_state = "approved"
        wizard.invalidate_recordset(["warning_message"])
        self.assertFalse(wizard.warning_message)

    def test_orders_given_as_plain_ids_are_checked_too(self):
        """The ORM takes a list of ids for ``sale_order_ids`` as well (Odoo's
        own tests do): the gate reads them too."""
        self.company_a.b2b_state = "pending"
        order = self.order(self.user_a, 90)
        with self.assertRaisesRegex(ValidationError, "not approved yet"):
            self.pay(order, self.portal_user_a, sale_order_ids=order.ids)
        approved = self.order(self.plain_customer, 90)
        tx = self.pay(approved, self.portal_plain, sale_order_ids=approved.ids)
        self.assertEqual(tx.sale_order_ids, approved)
