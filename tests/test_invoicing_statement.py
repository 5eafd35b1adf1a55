import csv
import io
from contextlib import ExitStack
from datetime import timedelta

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import B2BCommon
from .invoicing_common import InvoicingFixtures


@tagged("post_install", "-at_install")
class TestInvoicingStatement(InvoicingFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_invoicing_fixtures()
        t = cls.today
        cls.date_from, cls.date_to = t - timedelta(days=60), t - timedelta(days=5)
        cls.old = cls.doc(cls.company_a, 1000, date=t - timedelta(days=100))
        cls.pay_on(cls.old, 300, t - timedelta(days=50))
        cls.po = cls.doc(
            cls.company_a,
            500,
            date=t - timedelta(days=20),
            due=t + timedelta(days=10),
            ref="PO-77",
        )
        cls.credit_note = cls.doc(
            cls.company_a, 80, date=t - timedelta(days=10), refund=True
        )
        cls.foreign = cls.doc(
            cls.company_a, 200, date=t - timedelta(days=15), currency=cls.other_currency
        )
        # paid after the end of the period: open at its end
        cls.late_paid = cls.doc(cls.company_a, 100, date=t - timedelta(days=8))
        cls.pay_on(cls.late_paid, 100, t - timedelta(days=2))
        cls.other_company = cls.doc(cls.company_b, 777, date=t - timedelta(days=20))

    def statement(self, companies=None, date_from=None, date_to=None):
        companies = companies or self.company_a
        return companies._b2b_statement(
            date_from or self.date_from, date_to or self.date_to
        )

    def section(self, statement, currency):
        return next(s for s in statement["currencies"] if s["currency"] == currency)

    def test_balances_equal_the_receivable_account(self):
        statement = self.statement()
        sums = self.receivable_sums(self.company_a, self.date_from, self.date_to)
        self.assertEqual({s["currency"] for s in statement["currencies"]}, set(sums))
        for section in statement["currencies"]:
            currency = section["currency"]
            opening, closing = sums[currency]
            self.assertAlmostEqual(section["opening"], opening)
            self.assertAlmostEqual(section["closing"], closing)
            # the running balance ends on the closing balance
            last = section["lines"][-1]["balance"] if section["lines"] else opening
            self.assertAlmostEqual(last, closing)
            # what is open at the end is the closing balance, by age
            self.assertAlmostEqual(section["ageing"]["total"], closing)
        main = self.section(statement, self.currency)
        self.assertEqual(main["opening"], 1000)
        self.assertEqual(main["closing"], 1000 - 300 + 500 - 80 + 100)

    def test_documents_of_the_period(self):
        main = self.section(self.statement(), self.currency)
        numbers = [line["number"] for line in main["lines"]]
        self.assertNotIn(self.old.name, numbers)  # before the period
        self.assertNotIn(self.other_company.name, numbers)  # another company
        self.assertIn(self.po.name, numbers)
        self.assertIn(self.credit_note.name, numbers)
        line = next(x for x in main["lines"] if x["number"] == self.po.name)
        self.assertEqual(line["reference"], "PO-77")
        self.assertEqual(line["type"], "out_invoice")
        self.assertEqual(line["due_date"], self.today + timedelta(days=10))
        note = next(x for x in main["lines"] if x["number"] == self.credit_note.name)
        self.assertEqual((note["amount"], note["open_amount"]), (-80, -80))
        payments = [x for x in main["lines"] if x["type"] == "payment"]
        self.assertEqual([x["amount"] for x in payments], [-300])
        # paid two days ago: still open at the end of the period
        late = next(x for x in main["lines"] if x["number"] == self.late_paid.name)
        self.assertEqual(late["open_amount"], 100)
        self.assertEqual(self.late_paid.amount_residual, 0)
        foreign = self.section(self.statement(), self.other_currency)
        self.assertEqual([x["amount"] for x in foreign["lines"]], [200])

    def test_ageing_at_its_edges(self):
        end = self.today - timedelta(days=1)
        fresh = self.env["res.partner"].create(
            {"name": "Ageing Co", "is_company": True}
        )
        amounts = {0: 1, 1: 2, 30: 4, 31: 8, 60: 16, 61: 32, 90: 64, 91: 128}
        for days, amount in amounts.items():
            self.doc(
                fresh,
                amount,
                date=end - timedelta(days=120),
                due=end - timedelta(days=days),
            )
        # due after the end: not due either
        self.doc(fresh, 256, date=end - timedelta(days=1), due=end + timedelta(days=3))
        section = self.section(
            self.statement(fresh, end - timedelta(days=200), end), self.currency
        )
        ageing = section["ageing"]
        self.assertEqual(ageing["days_1_30"], 2 + 4)
        self.assertEqual(ageing["days_31_60"], 8 + 16)
        self.assertEqual(ageing["days_61_90"], 32 + 64)
        self.assertEqual(ageing["days_over_90"], 128)
        self.assertEqual(ageing["not_due"], 1 + 256)
        self.assertEqual(ageing["total"], 511)

    def test_group_statement_has_a_company_column(self):
        sub = self.env["res.partner"].create(
            {
                "name": "Alpha Subsidiary",
                "is_company": True,
                "parent_id": self.company_a.id,
            }
        )
        sub.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        invoice = self.doc(sub, 42, date=self.today - timedelta(days=30))
        self.admin_a.b2b_scope = "group"
        companies = self.admin_a._b2b_statement_companies()
        self.assertEqual(companies, self.company_a | sub)
        statement = self.statement(companies)
        self.assertTrue(statement["show_company"])
        line = next(
            x
            for x in self.section(statement, self.currency)["lines"]
            if x["number"] == invoice.name
        )
        self.assertEqual(line["company"], sub.display_name)
        sums = self.receivable_sums(companies, self.date_from, self.date_to)
        self.assertAlmostEqual(
            self.section(statement, self.currency)["closing"], sums[self.currency][1]
        )
        # a company-scope administrator: the company alone
        self.admin_a.b2b_scope = "company"
        self.assertEqual(self.admin_a._b2b_statement_companies(), self.company_a)

    def test_csv(self):
        statement = self.statement()
        rows = list(
            csv.reader(
                io.StringIO(
                    self.env["res.partner"]._b2b_statement_csv(statement).decode()
                )
            )
        )
        self.assertEqual(
            rows[0][:6],
            ["number", "date", "due_date", "amount", "open_amount", "balance"],
        )
        documents = sum(len(s["lines"]) for s in statement["currencies"])
        self.assertEqual(len(rows), 1 + documents)
        row = next(r for r in rows if r[0] == self.po.name)
        self.assertEqual(row[1], (self.today - timedelta(days=20)).isoformat())
        self.assertEqual(row[3:5], ["500.00", "500.00"])
        self.assertEqual(row[8], "PO-77")
        main_rows = [r for r in rows[1:] if r[6] == self.currency.name]
        closing = self.section(statement, self.currency)["closing"]
        self.assertEqual(float(main_rows[-1][5]), closing)

    def test_csv_cells_are_never_formulas(self):
        self.doc(
            self.company_a, 10, date=self.today - timedelta(days=6), ref="=HYPERLINK(1)"
        )
        data = self.env["res.partner"]._b2b_statement_csv(self.statement()).decode()
        self.assertIn("'=HYPERLINK(1)", data)

    def test_pdf_in_the_customers_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        self.company_a.lang = "de_DE"
        report = self.env.ref("b2b_customer.action_report_b2b_statement")
        html = report._render_qweb_html(
            report.report_name,
            self.company_a.ids,
            data={
                "date_from": self.date_from.isoformat(),
                "date_to": self.date_to.isoformat(),
            },
        )[0].decode()
        self.assertIn(self.po.name, html)
        self.assertIn("PO-77", html)
        self.assertNotIn(self.other_company.name, html)
        # in German, with dates as a German reads them
        self.assertIn("Kontoauszug", html)
        self.assertIn("Anfangssaldo", html)
        self.assertIn(self.date_to.strftime("%d.%m.%Y"), html)

    def test_period(self):
        Partner = self.env["res.partner"]
        start, end = Partner._b2b_statement_period("2026-01-31", "2026-02-28")
        self.assertEqual(
            (start.isoformat(), end.isoformat()), ("2026-01-31", "2026-02-28")
        )
        start, end = Partner._b2b_statement_period("", "")
        self.assertEqual((start.month, start.day, end), (1, 1, self.today))
        for bad in (("2026-13-01", ""), ("yesterday", ""), ("2026-02-01\x00", "")):
            with self.assertRaises(UserError):
                Partner._b2b_statement_period(*bad)
        with self.assertRaises(UserError):
            Partner._b2b_statement_period("2026-03-01", "2026-02-01")

    def test_who_reads_the_statement(self):
        self.assertFalse(self.admin_a._b2b_refusals("read_statement"))
        # own documents only
        self.assertTrue(self.user_a._b2b_refusals("read_statement"))
        self.user_a.b2b_scope = "company"
        self.assertFalse(self.user_a._b2b_refusals("read_statement"))
        self.company_a.b2b_perm_view_invoices = "deny"
        self.assertTrue(self.admin_a._b2b_refusals("read_statement"))
        self.company_a.b2b_perm_view_invoices = False
        self.company_a.sudo().b2b_state = "suspended"
        self.assertTrue(self.admin_a._b2b_refusals("read_statement"))

    def run_cron(self):
        cron = self.env.ref("b2b_customer.ir_cron_b2b_monthly_statement")
        with ExitStack() as stack:
            if not type(self)._registry_patched:
                stack.enter_context(self.enter_registry_test_mode())
            cron.method_direct_trigger()
        self.env.invalidate_all()

    def statement_mails(self):
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", (self.admin_a | self.admin_b).ids),
            ]
        )

    def test_send_queues_one_mail_per_administrator(self):
        second = self.env["res.partner"].create(
            {
                "name": "Anna Second",
                "parent_id": self.company_a.id,
                "email": "anna@alpha.example.com",
                "b2b_role": "admin",
            }
        )
        count = (self.company_a | self.company_b)._b2b_statement_send(
            self.date_from, self.date_to
        )
        self.assertEqual(count, 3)
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", (self.admin_a | second | self.admin_b).ids),
            ]
        )
        self.assertEqual(len(mails), 3)
        self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        self.assertTrue(all(m.attachment_ids for m in mails))
        self.assertEqual(mails.recipient_ids, self.admin_a | second | self.admin_b)

    def test_monthly_subscription(self):
        self.company_a.b2b_statement_subscribed = True
        self.run_cron()
        mails = self.statement_mails()
        self.assertEqual(mails.recipient_ids, self.admin_a)
        _first, last = self.env["res.partner"]._b2b_last_month()
        self.assertEqual(self.company_a.b2b_statement_sent_to, last)
        # once a month
        self.run_cron()
        self.assertEqual(self.statement_mails(), mails)

    def test_wizard(self):
        wizard = (
            self.env["b2b.statement.wizard"]
            .with_user(self.b2b_back_user)
            .create(
                {
                    "partner_ids": [(6, 0, (self.company_a | self.company_b).ids)],
                    "date_from": self.date_from,
                    "date_to": self.date_to,
                }
            )
        )
        action = wizard.action_print()
        self.assertEqual(action["report_name"], "b2b_customer.report_b2b_statement")
        self.assertEqual(
            action["context"]["active_ids"], (self.company_a | self.company_b).ids
        )
        action = wizard.action_send()
        self.assertEqual(action["tag"], "display_notification")
        self.assertEqual(len(self.statement_mails()), 2)
        wizard.date_from = self.date_to + timedelta(days=1)
        with self.assertRaises(UserError):
            wizard.action_print()
