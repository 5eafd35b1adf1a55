from datetime import timedelta

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon
from .invoicing_common import InvoicingFixtures


@tagged("post_install", "-at_install")
class TestInvoicingPayment(InvoicingFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_fixtures()
        cls.inv_a = cls.doc(cls.company_a, 100, due=cls.today - timedelta(days=10))
        cls.inv_b = cls.doc(cls.company_a, 200)
        cls.inv_c = cls.doc(cls.user_a, 300, due=cls.today + timedelta(days=5))
        cls.note = cls.doc(cls.company_a, 50, refund=True)
        cls.inv_other = cls.doc(cls.company_b, 70)
        cls.inv_end_customer = cls.doc(cls.end_customer, 90)

    def select(self, user, documents, amounts=None):
        Move = self.env["account.move"].with_user(user)
        return Move._b2b_payment_selection(
            [str(doc.id) for doc in documents],
            {doc.id: value for doc, value in (amounts or {}).items()},
        )

    def test_who_pays(self):
        self.assertFalse(self.admin_a._b2b_refusals("pay_invoices"))
        self.assertTrue(self.user_a._b2b_refusals("pay_invoices"))
        self.assertTrue(self.plain_customer._b2b_refusals("pay_invoices"))
        self.assertFalse(self.reseller_contact._b2b_refusals("pay_invoices"))
        group = self.env["b2b.customer.group"].create(
            {"name": "Transfer only", "perm_pay_invoices": False}
        )
        self.company_a.b2b_group_ids = group
        self.assertTrue(self.admin_a._b2b_refusals("pay_invoices"))
        self.company_a.b2b_perm_pay_invoices = "allow"
        self.assertFalse(self.admin_a._b2b_refusals("pay_invoices"))
        self.company_a.b2b_perm_pay_invoices = "deny"
        self.company_a.b2b_group_ids = False
        self.assertTrue(self.admin_a._b2b_refusals("pay_invoices"))
        self.company_a.b2b_perm_pay_invoices = False
        self.company_a.sudo().b2b_state = "suspended"
        self.assertTrue(self.admin_a._b2b_refusals("pay_invoices"))

    def test_company_scope(self):
        groups = self.select(
            self.portal_admin_a, self.inv_a | self.inv_b | self.inv_c | self.note
        )
        self.assertEqual(len(groups), 1)
        self.assertEqual(groups[0]["total"], 100 + 200 + 300 - 50)
        self.assertEqual(
            {line["invoice"] for line in groups[0]["lines"]},
            set(self.inv_a | self.inv_b | self.inv_c | self.note),
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_other_companies_refused(self):
        for document in (self.inv_other, self.inv_end_customer):
            with self.assertRaises(UserError):
                self.select(self.portal_admin_a, self.inv_a | document)
        # a reseller does not pay its end customer's invoices
        reseller_invoice = self.doc(self.reseller, 40)
        self.select(self.portal_reseller, reseller_invoice)
        with self.assertRaises(UserError):
            self.select(self.portal_reseller, self.inv_end_customer)

    def test_own_scope(self):
        self.admin_a.b2b_scope = "own"
        own = self.doc(self.admin_a, 25)
        self.assertEqual(self.select(self.portal_admin_a, own)[0]["total"], 25)
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.inv_c)  # a colleague's

    def test_group_scope(self):
        sub = self.env["res.partner"].create(
            {"name": "Alpha Sub", "is_company": True, "parent_id": self.company_a.id}
        )
        sub.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        sub_invoice = self.doc(sub, 60)
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.inv_a | sub_invoice)
        self.admin_a.b2b_scope = "group"
        groups = self.select(self.portal_admin_a, self.inv_a | sub_invoice)
        self.assertEqual(groups[0]["total"], 160)

    def test_only_open_documents(self):
        draft = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.company_a.id,
                "invoice_line_ids": [Command.create({"name": "X", "price_unit": 5})],
            }
        )
        paid = self.doc(self.company_a, 10)
        self.pay(paid, 10)
        for document in (draft, paid):
            with self.assertRaises(UserError):
                self.select(self.portal_admin_a, document)
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.env["account.move"])
        with self.assertRaises(UserError):
            self.env["account.move"].with_user(
                self.portal_admin_a
            )._b2b_payment_selection(["1; DROP"], {})

    def test_amounts_never_above_what_is_open(self):
        self.pay(self.inv_a, 60)  # partly paid: 40 open
        self.assertEqual(self.inv_a.amount_residual, 40)
        groups = self.select(self.portal_admin_a, self.inv_a)
        self.assertEqual(groups[0]["total"], 40)  # the default: all that is open
        for amount in ("40.01", "50", "100"):
            with self.assertRaises(UserError):
                self.select(self.portal_admin_a, self.inv_a, {self.inv_a: amount})
        self.assertEqual(
            self.select(self.portal_admin_a, self.inv_a, {self.inv_a: "12,5"})[0][
                "total"
            ],
            12.5,
        )
        for amount in ("abc", "-5", "0", "nan", "inf", "1e309", "4\x000", "0.001"):
            with self.assertRaises(UserError):
                self.select(self.portal_admin_a, self.inv_a, {self.inv_a: amount})

    def test_credit_notes_larger_than_the_invoices(self):
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.note)
        big_note = self.doc(self.company_a, 500, refund=True)
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.inv_a | big_note)
        with self.assertRaises(UserError):
            self.select(self.portal_admin_a, self.inv_a | big_note, {big_note: "100"})
        groups = self.select(
            self.portal_admin_a, self.inv_a | big_note, {big_note: "60"}
        )
        self.assertEqual(groups[0]["total"], 40)

    def test_currencies_apart(self):
        foreign = self.doc(self.company_a, 80, currency=self.other_currency)
        groups = self.select(self.portal_admin_a, self.inv_a | foreign | self.inv_b)
        self.assertEqual(
            {group["currency"]: group["total"] for group in groups},
            {self.currency: 300, self.other_currency: 80},
        )

    def test_each_invoice_gets_its_share(self):
        exposure = self.company_a.b2b_credit_exposure
        groups = self.select(
            self.portal_admin_a,
            self.inv_a | self.inv_b | self.inv_c | self.note,
            {self.inv_a: "40", self.inv_c: "120.50"},
        )
        self.assertEqual(groups[0]["total"], 40 + 200 + 120.5 - 50)
        tx = self.transaction(groups, self.admin_a)
        tx._set_done()
        tx._post_process()
        self.assertEqual(tx.payment_id.amount, 310.5)
        self.assertEqual(
            [self.inv_a.amount_residual, self.inv_b.amount_residual],
            [60, 0],
        )
        self.assertEqual(self.inv_c.amount_residual, 179.5)
        self.assertEqual(self.note.amount_residual, 0)
        self.assertEqual(self.inv_a.payment_state, "partial")
        # the company's credit at once
        self.company_a.invalidate_recordset()
        self.assertAlmostEqual(self.company_a.b2b_credit_exposure, exposure - 310.5)
        # the payment is in the statement
        statement = self.company_a._b2b_statement(self.today, self.today)
        section = statement["currencies"][0]
        payment = [x for x in section["lines"] if x["type"] == "payment"]
        self.assertEqual([x["amount"] for x in payment], [-310.5])
        self.assertEqual(section["closing"], 100 + 200 + 300 - 50 - 310.5)

    def test_paid_meanwhile_never_below_zero(self):
        groups = self.select(self.portal_admin_a, self.inv_a | self.inv_b)
        tx = self.transaction(groups, self.admin_a)
        self.pay(self.inv_a, 70)  # by bank transfer while the card payment runs
        tx._set_done()
        tx._post_process()
        self.assertEqual(
            (self.inv_a.amount_residual, self.inv_b.amount_residual), (0, 0)
        )
        # what the invoice no longer needed stays on the account as a credit
        statement = self.company_a._b2b_statement(self.today, self.today)
        self.assertEqual(statement["currencies"][0]["closing"], 300 + 300 - 50 - 370)

    def test_one_document_as_odoo_pays_it(self):
        groups = self.select(self.portal_admin_a, self.inv_b, {self.inv_b: "75"})
        tx = self.transaction(groups, self.admin_a)
        tx._set_done()
        tx._post_process()
        self.assertEqual(self.inv_b.amount_residual, 125)

    def test_early_payment_discount(self):
        term = self.env["account.payment.term"].create(
            {
                "name": "2% in 10 days",
                "early_discount": True,
                "discount_percentage": 2,
                "discount_days": 10,
                "early_pay_discount_computation": "included",
                "line_ids": [
                    Command.create(
                        {"value": "percent", "value_amount": 100, "nb_days": 30}
                    )
                ],
            }
        )
        discounted = self.doc(self.company_a, 1000, payment_term=term)
        other = self.doc(self.company_a, 500, payment_term=term)
        groups = self.select(
            self.portal_admin_a, discounted | other | self.inv_b, {other: "100"}
        )
        shares = {line["invoice"]: line for line in groups[0]["lines"]}
        self.assertEqual(shares[discounted]["amount"], 980)  # as Odoo asks for it
        self.assertTrue(shares[discounted]["epd"])
        self.assertFalse(shares[other]["epd"])  # a part: no discount
        tx = self.transaction(groups, self.admin_a)
        tx._set_done()
        tx._post_process()
        self.assertEqual(tx.payment_id.amount, 980 + 100 + 200)
        self.assertEqual(discounted.payment_state, "paid")
        self.assertEqual(discounted.amount_residual, 0)
        self.assertEqual(other.amount_residual, 400)
        self.assertEqual(self.inv_b.amount_residual, 0)
        # the discount is written off, as for one invoice
        lines = tx.payment_id.move_id.line_ids
        receivable = lines.filtered(
            lambda line: line.account_id.account_type == "asset_receivable"
        )
        self.assertAlmostEqual(sum(receivable.mapped("balance")), -(1280 + 20))
