import csv
import html
import io
import re
from datetime import timedelta

from odoo import http
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import hmac, mute_logger

from .common import B2BHttpCommon
from .invoicing_common import InvoicingFixtures


@tagged("post_install", "-at_install")
class TestInvoicingHttp(InvoicingFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_fixtures()
        cls.inv_a = cls.doc(cls.company_a, 100, ref="PO-1")
        cls.inv_b = cls.doc(cls.company_a, 200)
        cls.inv_foreign = cls.doc(cls.company_a, 80, currency=cls.other_currency)
        cls.inv_other = cls.doc(cls.company_b, 70)

    def login(self, login):
        self.authenticate(login, login)

    def payment_token(self, partner, selection):
        """The token of Odoo's payment utils, computed outside a request."""
        return hmac(
            self.env(su=True), "generate_access_token", f"{partner.id}|{selection}"
        )

    def post_pay(self, documents, amounts=None, **extra):
        data = [("csrf_token", http.Request.csrf_token(self))]
        data += [("invoice_ids", str(doc.id)) for doc in documents]
        data += [(f"amount_{doc.id}", value) for doc, value in (amounts or {}).items()]
        data += list(extra.items())
        return self.url_open("/my/invoices/pay", data=data)

    def test_list_offers_open_invoices_to_payers(self):
        self.pay(self.inv_b, 200)
        self.login("portal_admin_a")
        page = self.url_open("/my/invoices").text
        self.assertIn('id="o_b2b_pay_form"', page)
        for doc in (self.inv_a, self.inv_foreign):
            self.assertIn(f'name="amount_{doc.id}"', page)
        self.assertNotIn(f'name="amount_{self.inv_b.id}"', page)  # paid
        self.login("portal_user_a")
        self.assertNotIn("o_b2b_pay_form", self.url_open("/my/invoices").text)

    def test_live_totals_data_and_no_javascript(self):
        """The list gives the live totals what they need (currency, sign,
        what is open, the default amount); their block is hidden until the
        script shows it, and the form posts the same without it."""
        note = self.doc(self.company_a, 30, refund=True)
        self.login("portal_admin_a")
        page = self.url_open("/my/invoices").text
        self.assertIn('class="d-none o_b2b_pay_live"', page)
        inputs = {
            doc: re.search(rf'<input[^>]*name="amount_{doc.id}"[^>]*>', page).group(0)
            for doc in (self.inv_a, self.inv_foreign, note)
        }
        self.assertIn(
            f'data-b2b-currency-id="{self.other_currency.id}"', inputs[self.inv_foreign]
        )
        self.assertIn(f'data-b2b-currency-id="{self.currency.id}"', inputs[self.inv_a])
        self.assertIn('data-b2b-sign="1"', inputs[self.inv_a])
        self.assertIn('data-b2b-sign="-1"', inputs[note])
        self.assertIn('data-b2b-open="100.0"', inputs[self.inv_a])
        page = self.post_pay(self.inv_a | note, {self.inv_a: "60"}).text
        self.assertIn('id="o_payment_form"', page)
        self.assertIn('data-amount="30.0"', page)

    def test_pay_page_shows_odoos_payment_form(self):
        self.login("portal_admin_a")
        response = self.post_pay(
            self.inv_a | self.inv_b | self.inv_foreign,
            {self.inv_a: "40"},
            currency_id=str(self.currency.id),
        )
        self.assertEqual(response.status_code, 200)
        page = response.text
        self.assertIn('id="o_payment_form"', page)
        route = html.unescape(
            re.search(r'data-transaction-route="([^"]+)"', page).group(1)
        )
        self.assertTrue(route.startswith("/my/invoices/pay/transaction/"))
        # the two currencies, one paid at a time
        self.assertIn("o_b2b_pay_other_currency", page)
        self.assertIn(f'data-currency="{self.other_currency.name}"', page)
        self.assertIn('data-amount="240.0"', page)
        # the transaction of this currency
        access_token = html.unescape(
            re.search(r'data-access-token="([^"]+)"', page).group(1)
        )
        params = {
            "provider_id": self.provider.id,
            "payment_method_id": self.payment_method.id,
            "token_id": None,
            "amount": 240.0,
            "flow": "redirect",
            "tokenization_requested": False,
            "landing_route": "/my/invoices",
            "is_validation": False,
            "access_token": access_token,
        }
        self.make_jsonrpc_request(route, params)
        tx = self.env["payment.transaction"].search(
            [("partner_id", "=", self.admin_a.id)]
        )
        self.assertEqual(tx.invoice_ids, self.inv_a | self.inv_b)
        self.assertEqual(tx.amount, 240)
        self.assertEqual(tx.currency_id, self.currency)
        self.assertEqual(
            tx.b2b_invoice_amounts, {str(self.inv_a.id): 40, str(self.inv_b.id): 200}
        )
        # a changed amount, or a changed selection, is refused
        with mute_logger("odoo.http"):
            with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
                self.make_jsonrpc_request(route, {**params, "amount": 1.0})
            with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
                self.make_jsonrpc_request(
                    route.replace(f"{self.inv_a.id}-40", f"{self.inv_a.id}-1"), params
                )
        # the other currency on its own
        page = self.post_pay(
            self.inv_a | self.inv_b | self.inv_foreign,
            {self.inv_a: "40"},
            currency_id=str(self.other_currency.id),
        ).text
        self.assertIn('data-amount="80.0"', page)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_transaction_route_refusals(self):
        selection = f"{self.inv_a.id}-100.0"
        route = f"/my/invoices/pay/transaction/{selection}"
        params = {
            "provider_id": self.provider.id,
            "payment_method_id": self.payment_method.id,
            "token_id": None,
            "amount": 100.0,
            "flow": "redirect",
            "tokenization_requested": False,
            "landing_route": "/my/invoices",
            "is_validation": False,
        }
        # another company's administrator, with a token of its own
        self.login("portal_admin_b")
        token = self.payment_token(self.admin_b, selection)
        with self.assertRaisesRegex(JsonRpcException, "UserError"):
            self.make_jsonrpc_request(route, {**params, "access_token": token})
        # a colleague who may not pay
        self.login("portal_user_a")
        token = self.payment_token(self.user_a, selection)
        with self.assertRaisesRegex(JsonRpcException, "ValidationError"):
            self.make_jsonrpc_request(route, {**params, "access_token": token})
        # nobody logged in
        self.authenticate(None, None)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(route, {**params, "access_token": token})
        self.assertFalse(
            self.env["payment.transaction"].search(
                [("invoice_ids", "in", self.inv_a.ids)]
            )
        )

    def test_refusals_are_shown_with_what_was_typed(self):
        self.login("portal_admin_a")
        for amount in ("999", "1\x002", "abc"):
            response = self.post_pay(self.inv_a, {self.inv_a: amount})
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_b2b_pay_error", response.text)
            self.assertNotIn('id="o_payment_form"', response.text)
        self.assertIn(
            'value="999"', self.post_pay(self.inv_a, {self.inv_a: "999"}).text
        )
        with mute_logger("odoo.addons.base.models.ir_rule"):
            page = self.post_pay(self.inv_a | self.inv_other).text
        self.assertIn("o_b2b_pay_error", page)
        self.assertNotIn(self.inv_other.name, page)

    def test_only_payers_reach_the_pay_page(self):
        self.login("portal_user_a")
        self.assertEqual(self.post_pay(self.inv_a).status_code, 403)
        self.login("portal_admin_b")
        page = self.post_pay(self.inv_a).text
        self.assertIn("o_b2b_pay_error", page)

    def test_statement_page_csv_pdf(self):
        self.login("portal_admin_a")
        start = (self.today - timedelta(days=30)).isoformat()
        end = self.today.isoformat()
        page = self.url_open(f"/my/statement?date_from={start}&date_to={end}").text
        self.assertIn("o_b2b_statement_lines", page)
        self.assertIn(self.inv_a.name, page)
        self.assertIn("PO-1", page)
        self.assertNotIn(self.inv_other.name, page)
        response = self.url_open(
            f"/my/statement?date_from={start}&date_to={end}&format=csv"
        )
        self.assertEqual(response.headers["Content-Type"], "text/csv; charset=utf-8")
        rows = list(csv.reader(io.StringIO(response.content.decode())))
        self.assertEqual(rows[0][:3], ["number", "date", "due_date"])
        self.assertEqual(
            {row[0] for row in rows[1:]},
            {self.inv_a.name, self.inv_b.name, self.inv_foreign.name},
        )
        response = self.url_open(
            f"/my/statement?date_from={start}&date_to={end}&format=pdf"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("attachment", response.headers["Content-Disposition"])
        # the home card
        self.assertIn("Statement of account", self.url_open("/my").text)

    def page_queries(self, path):
        self.url_open(path)  # warm-up
        before = self.cr.sql_log_count
        response = self.url_open(path)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_pages_do_not_grow(self):
        self.login("portal_admin_a")

        def selection_cost():
            """What the selection adds to Odoo's own list."""
            self.company_a.b2b_perm_pay_invoices = "deny"
            plain = self.page_queries("/my/invoices")
            self.company_a.b2b_perm_pay_invoices = False
            return self.page_queries("/my/invoices") - plain

        start = (self.today - timedelta(days=30)).isoformat()
        statement = f"/my/statement?date_from={start}"
        # a bounded number of queries (one search), whatever the page holds
        self.assertLessEqual(selection_cost(), 3)
        small = self.page_queries(statement)
        for index in range(30):
            invoice = self.doc(self.company_a, 10 + index)
            if index % 2:
                self.pay(invoice, 5)
        self.assertLessEqual(selection_cost(), 3)
        self.assertEqual(self.page_queries(statement), small)

    def test_statement_refusals(self):
        self.login("portal_user_a")
        self.assertEqual(self.url_open("/my/statement").status_code, 403)
        self.login("portal_plain")
        self.assertEqual(self.url_open("/my/statement").status_code, 403)
        self.login("portal_admin_a")
        for value in ("2026-02-30", "soon", "2026-01-01%00"):
            response = self.url_open(f"/my/statement?date_from={value}")
            self.assertEqual(response.status_code, 200)
            self.assertIn("o_b2b_statement_error", response.text)
        self.assertIn(
            'value="soon"', self.url_open("/my/statement?date_from=soon").text
        )


@tagged("post_install", "-at_install")
class TestInvoicingTour(InvoicingFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_fixtures()
        # the test provider's redirect form leads to Odoo's payment status page
        cls.provider.redirect_form_view_id = cls.env["ir.ui.view"].create(
            {
                "name": "B2B Test Redirect Form",
                "type": "qweb",
                "arch": '<form action="/payment/status" method="get"/>',
            }
        )
        cls.sub = cls.env["res.partner"].create(
            {
                "name": "Alpha Subsidiary",
                "is_company": True,
                "parent_id": cls.company_a.id,
            }
        )
        cls.sub.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        cls.admin_a.b2b_scope = "group"
        cls.first = cls.doc(cls.company_a, 100, ref="TOUR-1")
        cls.second = cls.doc(cls.company_a, 200, ref="TOUR-2")
        cls.third = cls.doc(cls.sub, 300, ref="TOUR-3")

    def test_pay_three_invoices_and_read_the_statement(self):
        self.start_tour(
            "/my/invoices", "b2b_invoicing_pay_tour", login="portal_admin_a"
        )
        tx = self.env["payment.transaction"].search(
            [("partner_id", "=", self.admin_a.id)]
        )
        self.assertEqual(tx.invoice_ids, self.first | self.second | self.third)
        self.assertEqual(tx.amount, 100 + 150 + 300)
        tx._set_done()
        tx._post_process()
        self.assertEqual(
            [
                self.first.amount_residual,
                self.second.amount_residual,
                self.third.amount_residual,
            ],
            [0, 50, 0],
        )
        self.start_tour("/my", "b2b_invoicing_statement_tour", login="portal_admin_a")
