"""Fixtures of the invoicing tests: documents of the shared B2B companies on
given dates, in the company's currency or in EUR/another currency, without
taxes; a payment provider of Odoo's framework ("none", as Odoo's payment tests
use) with a journal to book its payments."""

from datetime import timedelta

from odoo import Command, fields

from .credit_common import CreditFixtures


class InvoicingFixtures(CreditFixtures):
    @classmethod
    def setup_invoicing_fixtures(cls):
        cls.setup_credit_fixtures()
        env = cls.env
        cls.today = fields.Date.context_today(env["account.move"])
        cls.other_currency = env.ref(
            "base.EUR" if cls.currency.name != "EUR" else "base.USD"
        )
        cls.other_currency.active = True
        if not cls.other_currency.rate_ids:
            env["res.currency.rate"].create(
                {
                    "currency_id": cls.other_currency.id,
                    "name": cls.today - timedelta(days=400),
                    "rate": 2.0,
                }
            )
        bank = env["account.journal"].search(
            [("type", "=", "bank"), ("company_id", "=", env.company.id)], limit=1
        )
        method = env.ref("payment.payment_method_unknown")
        cls.provider = env["payment.provider"].create(
            {
                "name": "B2B Test Provider",
                "code": "none",
                "state": "test",
                "is_published": True,
                "payment_method_ids": [Command.set(method.ids)],
                "journal_id": bank.id,
            }
        )
        method.active = True
        cls.payment_method = method
        env["account.payment.method.line"].create(
            {
                "name": "B2B Test Provider",
                "payment_method_id": bank.inbound_payment_method_line_ids[
                    :1
                ].payment_method_id.id,
                "journal_id": bank.id,
                "payment_provider_id": cls.provider.id,
            }
        )

    @classmethod
    def doc(
        cls,
        partner,
        amount,
        date=None,
        due=None,
        currency=None,
        refund=False,
        ref=False,
        payment_term=None,
    ):
        """A posted invoice (or credit note) of ``amount`` dated ``date``
        (default today), due ``due`` (default the date)."""
        date = date or cls.today
        vals = {"invoice_date": date, "date": date, "ref": ref}
        vals["currency_id"] = (currency or cls.currency).id
        if payment_term:
            vals["invoice_payment_term_id"] = payment_term.id
        else:
            vals["invoice_date_due"] = due or date
        return cls.invoice(partner, amount, refund=refund, **vals)

    @classmethod
    def pay_on(cls, invoice, amount, date):
        """A payment of ``amount`` of ``invoice`` booked on ``date``."""
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount, "payment_date": date})._create_payments()

    def transaction(self, groups, partner):
        """The transaction of the first group of a checked selection, as
        ``/my/invoices/pay/transaction`` creates it."""
        group = groups[0]
        return self.env["payment.transaction"].create(
            {
                "provider_id": self.provider.id,
                "payment_method_id": self.payment_method.id,
                "amount": group["total"],
                "currency_id": group["currency"].id,
                "partner_id": partner.id,
                "operation": "online_direct",
                "invoice_ids": [
                    Command.set([line["invoice"].id for line in group["lines"]])
                ],
                "b2b_invoice_amounts": {
                    str(line["invoice"].id): line["amount"] for line in group["lines"]
                },
            }
        )

    def receivable_sums(self, companies, date_from, date_to):
        """Odoo's own sums of the receivable lines of ``companies`` by
        currency: {currency: (before date_from, up to date_to)}."""
        domain = [
            ("parent_state", "=", "posted"),
            ("account_id.account_type", "=", "asset_receivable"),
            ("partner_id.commercial_partner_id", "in", companies.ids),
        ]
        Line = self.env["account.move.line"]
        sums = {}
        for key, extra in (
            (0, [("date", "<", date_from)]),
            (1, [("date", "<=", date_to)]),
        ):
            for currency, total in Line._read_group(
                domain + extra, ["currency_id"], ["amount_currency:sum"]
            ):
                sums.setdefault(currency, [0.0, 0.0])[key] = total
        return sums
