import csv
import io

from odoo import http
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import B2BCommon, B2BHttpCommon
from .invoicing_common import InvoicingFixtures


class ResellerInvoicesFixtures(InvoicingFixtures):
    @classmethod
    def setup_reseller_invoices(cls):
        cls.setup_invoicing_fixtures()
        cls.end_contact = cls.env["res.partner"].create(
            {"name": "Eve End", "parent_id": cls.end_customer.id}
        )
        cls.inv_end = cls.doc(cls.end_customer, 90, ref="END-1")
        cls.inv_end_contact = cls.doc(cls.end_contact, 30)
        cls.inv_reseller = cls.doc(cls.reseller, 40)

    def allow(self, value=True):
        self.reseller.b2b_reseller_end_customer_invoices = value


@tagged("post_install", "-at_install")
class TestInvoicingReseller(ResellerInvoicesFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_reseller_invoices()

    def visible(self, user, documents):
        return (
            self.env["account.move"]
            .with_user(user)
            .search([("id", "in", documents.ids)])
        )

    def select(self, user, documents):
        return (
            self.env["account.move"]
            .with_user(user)
            ._b2b_payment_selection([str(doc.id) for doc in documents], {})
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def assert_refused(self, user=None):
        user = user or self.portal_reseller
        ends = self.inv_end | self.inv_end_contact
        self.assertFalse(self.visible(user, ends))
        with self.assertRaises(AccessError):
            self.inv_end.with_user(user).read(["name", "amount_residual"])
        with self.assertRaises(AccessError):
            self.inv_end.line_ids[:1].with_user(user).read(["name"])
        with self.assertRaises(UserError):
            self.select(user, self.inv_end)

    def test_invisible_unless_allowed(self):
        self.assertFalse(self.reseller.b2b_reseller_end_customer_invoices)
        self.assert_refused()
        self.assertFalse(self.reseller_contact._b2b_sees_end_customer_invoices())
        self.assertEqual(
            self.reseller_contact._b2b_statement_companies(), self.reseller
        )
        # its own invoices as before
        self.assertEqual(
            self.visible(self.portal_reseller, self.inv_reseller), self.inv_reseller
        )

    def test_allowed_visible_and_payable(self):
        self.allow()
        ends = self.inv_end | self.inv_end_contact
        self.assertEqual(self.visible(self.portal_reseller, ends), ends)
        self.inv_end.with_user(self.portal_reseller).read(["name", "amount_residual"])
        self.assertTrue(
            self.inv_end.line_ids.with_user(self.portal_reseller).read(["name"])
        )
        self.assertTrue(
            self.inv_end.with_user(self.portal_reseller).b2b_reseller_visible
        )
        self.assertTrue(self.reseller_contact._b2b_sees_end_customer_invoices())
        self.assertEqual(
            self.reseller_contact._b2b_statement_companies(),
            self.reseller | self.end_customer,
        )
        documents = self.inv_end | self.inv_end_contact | self.inv_reseller
        groups = self.select(self.portal_reseller, documents)
        self.assertEqual(groups[0]["total"], 90 + 30 + 40)
        tx = self.transaction(groups, self.reseller_contact)
        tx._set_done()
        tx._post_process()
        self.assertEqual(documents.mapped("amount_residual"), [0.0, 0.0, 0.0])

    def test_switched_off_again(self):
        self.allow()
        self.assertTrue(self.visible(self.portal_reseller, self.inv_end))
        self.allow(False)
        self.assert_refused()

    def test_who_at_the_reseller(self):
        self.allow()
        # another reseller that allows it sees only its own end customers
        self.reseller_2.b2b_reseller_end_customer_invoices = True
        self.assert_refused(self.portal_reseller_2)
        # a contact who sees only its own documents
        self.reseller_contact.b2b_scope = "own"
        self.assert_refused()
        self.reseller_contact.b2b_scope = False
        # the reseller's groups deny the invoices
        self.reseller.b2b_perm_view_invoices = "deny"
        self.assert_refused()
        self.assertFalse(self.reseller_contact._b2b_sees_end_customer_invoices())
        self.reseller.b2b_perm_view_invoices = False
        # a suspended reseller, or one that is no reseller any more
        self.reseller.sudo().b2b_state = "suspended"
        self.assert_refused()
        self.reseller.sudo().b2b_state = "approved"
        self.reseller.is_reseller = False
        self.assert_refused()
        self.reseller.is_reseller = True
        # an end customer moved to another reseller
        self.end_customer.b2b_reseller_id = self.reseller_2
        self.assert_refused()
        self.assertEqual(
            self.visible(self.portal_reseller_2, self.inv_end), self.inv_end
        )
        # other companies' portal users see nothing more
        self.assert_refused(self.portal_admin_a)


@tagged("post_install", "-at_install")
class TestInvoicingResellerHttp(ResellerInvoicesFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_reseller_invoices()

    def post_pay(self, documents):
        data = [("csrf_token", http.Request.csrf_token(self))]
        data += [("invoice_ids", str(doc.id)) for doc in documents]
        return self.url_open("/my/invoices/pay", data=data)

    def rpc_read(self, document):
        return self.make_jsonrpc_request(
            "/web/dataset/call_kw/account.move/read",
            {
                "model": "account.move",
                "method": "read",
                "args": [document.ids, ["name", "amount_residual"]],
                "kwargs": {},
            },
        )

    def statement_numbers(self):
        response = self.url_open("/my/statement?format=csv")
        rows = csv.reader(io.StringIO(response.content.decode()))
        return {row[0] for row in rows}

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.http")
    def assert_refused(self):
        self.assertNotIn(self.inv_end.name, self.url_open("/my/invoices").text)
        page = self.post_pay(self.inv_end).text
        self.assertIn("o_b2b_pay_error", page)
        self.assertNotIn('id="o_payment_form"', page)
        response = self.url_open(f"/my/invoices/{self.inv_end.id}")
        self.assertNotIn(self.inv_end.name, response.text)
        with self.assertRaisesRegex(JsonRpcException, "AccessError"):
            self.rpc_read(self.inv_end)
        self.assertNotIn(self.inv_end.name, self.statement_numbers())

    def test_reseller_pages_follow_the_switch(self):
        self.authenticate("portal_reseller", "portal_reseller")
        self.assert_refused()
        self.assertIn(self.inv_reseller.name, self.url_open("/my/invoices").text)
        # allowed: listed with an amount to pay, payable, read, in the statement
        self.reseller.b2b_reseller_end_customer_invoices = True
        page = self.url_open("/my/invoices").text
        self.assertIn(self.inv_end.name, page)
        self.assertIn(f'name="amount_{self.inv_end.id}"', page)
        page = self.post_pay(self.inv_end | self.inv_end_contact).text
        self.assertIn('id="o_payment_form"', page)
        self.assertNotIn("o_b2b_pay_error", page)
        self.assertEqual(self.rpc_read(self.inv_end)[0]["name"], self.inv_end.name)
        self.assertTrue(
            {self.inv_end.name, self.inv_end_contact.name} <= self.statement_numbers()
        )
        # switched off: refused on the very next request
        self.reseller.b2b_reseller_end_customer_invoices = False
        self.assert_refused()
