"""The statement of account of one or more companies: the opening balance,
every document of the period on the receivable account (invoices, credit
notes, payments, other entries) with a running balance, and the ageing of what
is open at the end of the period, per currency (the documents' own currency,
``amount_currency``), read by PostgreSQL in two queries whatever the number of
documents. What is open at a date counts the reconciliations of that date or
before (``account_partial_reconcile.max_date``), as Odoo's aged receivable
does."""

import csv
import io
from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

#: ageing buckets: key, first and last day past due (None: open-ended)
B2B_AGEING_BUCKETS = [
    ("not_due", None, 0),
    ("days_1_30", 1, 30),
    ("days_31_60", 31, 60),
    ("days_61_90", 61, 90),
    ("days_over_90", 91, None),
]

#: the CSV's header row (stable names for the buyer's accounting import)
B2B_STATEMENT_CSV_HEADER = [
    "number",
    "date",
    "due_date",
    "amount",
    "open_amount",
    "balance",
    "currency",
    "type",
    "reference",
    "company",
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Period
    # ------------------------------------------------------------------
    @api.model
    def _b2b_statement_period(self, date_from=None, date_to=None):
        """(date_from, date_to) from YYYY-MM-DD strings (empty: from the
        first day of the year to today); a clear error for anything else."""
        today = fields.Date.context_today(self)
        try:
            start = date.fromisoformat(date_from) if date_from else None
            end = date.fromisoformat(date_to) if date_to else today
        except (TypeError, ValueError):
            raise UserError(
                self.env._("Please enter the dates as YYYY-MM-DD.")
            ) from None
        if start is None:
            start = end.replace(month=1, day=1)
        if start > end:
            raise UserError(self.env._("The start of the period is after its end."))
        return start, end

    # ------------------------------------------------------------------
    # The statement
    # ------------------------------------------------------------------
    def _b2b_statement(self, date_from, date_to):
        """The statement of account of the companies ``self`` (commercial
        partners; no access check) from ``date_from`` to ``date_to``
        (dates, both included): a dict with ``date_from``, ``date_to``,
        ``companies``, ``show_company`` and ``currencies``, a list (by
        currency name) of dicts with ``currency``, ``opening``, ``closing``,
        ``lines`` (``move_id``, ``number``, ``type``, ``date``,
        ``due_date``, ``reference``, ``company``, ``amount``,
        ``open_amount``, ``balance``) and ``ageing`` (the keys of
        ``B2B_AGEING_BUCKETS``, and ``total``)."""
        companies = self.sudo().commercial_partner_id
        self.env["account.move.line"].flush_model()
        self.env["account.partial.reconcile"].flush_model()
        self.env["account.move"].flush_model()
        self.env["res.partner"].flush_model(["commercial_partner_id"])
        lines = self._b2b_statement_lines_sql(companies, date_to)
        due = SQL("COALESCE(s.date_maturity, s.date)")
        buckets = []
        for _key, first, last in B2B_AGEING_BUCKETS:
            cond = []
            if first is not None:
                cond.append(SQL("%s - %s >= %s", date_to, due, first))
            if last is not None:
                cond.append(SQL("%s - %s <= %s", date_to, due, last))
            buckets.append(
                SQL(
                    "COALESCE(SUM(s.open_amount) FILTER (WHERE %s), 0)",
                    SQL(" AND ").join(cond),
                )
            )
        totals = self.env.execute_query(
            SQL(
                """WITH s AS (%(lines)s)
                   SELECT s.currency_id,
                          COALESCE(SUM(s.amount_currency)
                                   FILTER (WHERE s.date < %(start)s), 0),
                          COALESCE(SUM(s.amount_currency), 0),
                          COALESCE(SUM(s.open_amount), 0),
                          %(buckets)s
                     FROM s GROUP BY s.currency_id""",
                lines=lines,
                start=date_from,
                buckets=SQL(", ").join(buckets),
            )
        )
        documents = self.env.execute_query(
            SQL(
                """WITH s AS (%(lines)s)
                   SELECT s.currency_id, s.move_id, m.name, m.move_type,
                          m.origin_payment_id IS NOT NULL, m.ref,
                          MIN(s.date), MIN(s.date_maturity), s.company_id,
                          SUM(s.amount_currency), SUM(s.open_amount)
                     FROM s JOIN account_move m ON m.id = s.move_id
                    WHERE s.date >= %(start)s
                    GROUP BY s.currency_id, s.move_id, m.name, m.move_type,
                             m.origin_payment_id, m.ref, s.company_id
                    ORDER BY s.currency_id, MIN(s.date), m.name, s.move_id""",
                lines=lines,
                start=date_from,
            )
        )
        return self._b2b_statement_values(
            companies, date_from, date_to, totals, documents
        )

    @api.model
    def _b2b_statement_lines_sql(self, companies, date_to):
        """The receivable lines of ``companies`` (and their contacts) posted
        up to ``date_to``, with what of each is open at ``date_to``."""
        return SQL(
            """SELECT l.id, l.move_id, l.date, l.date_maturity, l.currency_id,
                      l.amount_currency, p.commercial_partner_id AS company_id,
                      l.amount_currency
                      - COALESCE((SELECT SUM(pr.debit_amount_currency)
                                    FROM account_partial_reconcile pr
                                   WHERE pr.debit_move_id = l.id
                                     AND pr.max_date <= %(end)s), 0)
                      + COALESCE((SELECT SUM(pr.credit_amount_currency)
                                    FROM account_partial_reconcile pr
                                   WHERE pr.credit_move_id = l.id
                                     AND pr.max_date <= %(end)s), 0)
                      AS open_amount
                 FROM account_move_line l
                 JOIN account_account a ON a.id = l.account_id
                 JOIN res_partner p ON p.id = l.partner_id
                WHERE l.parent_state = 'posted'
                  AND a.account_type = 'asset_receivable'
                  AND p.commercial_partner_id = ANY(%(companies)s)
                  AND l.date <= %(end)s""",
            end=date_to,
            companies=companies.ids,
        )

    def _b2b_statement_values(self, companies, date_from, date_to, totals, documents):
        currencies = self.env["res.currency"].browse(
            {row[0] for row in totals} | {row[0] for row in documents}
        )
        company_names = dict(companies.mapped(lambda c: (c.id, c.display_name)))
        types = self._b2b_statement_types()
        by_currency = {}
        for row in totals:
            currency = currencies.browse(row[0])
            # the books hold rounded amounts: rounding to the currency's
            # digits only removes the float noise of the sums (and is cheap
            # for 10,000 rows, unlike res.currency.round)
            digits = currency.decimal_places
            ageing = {
                key: round(row[4 + index], digits)
                for index, (key, _first, _last) in enumerate(B2B_AGEING_BUCKETS)
            }
            ageing["total"] = round(row[3], digits)
            by_currency[row[0]] = {
                "currency": currency,
                "digits": digits,
                "opening": round(row[1], digits),
                "closing": round(row[2], digits),
                "ageing": ageing,
                "lines": [],
            }
        for row in documents:
            (currency_id, move_id, name, move_type, is_payment, ref) = row[:6]
            (doc_date, due_date, company_id, amount, open_amount) = row[6:]
            section = by_currency[currency_id]
            digits = section["digits"]
            balance = (
                section["lines"][-1]["balance"]
                if section["lines"]
                else section["opening"]
            )
            kind = "payment" if is_payment else move_type
            section["lines"].append(
                {
                    "move_id": move_id,
                    "number": name,
                    "type": kind,
                    "type_label": types.get(kind, types["entry"]),
                    "date": doc_date,
                    "due_date": due_date if move_type != "entry" else False,
                    "reference": ref or "",
                    "company": company_names.get(company_id, ""),
                    "amount": round(amount, digits),
                    "open_amount": round(open_amount, digits),
                    "balance": round(balance + amount, digits),
                }
            )
        return {
            "date_from": date_from,
            "date_to": date_to,
            "companies": companies,
            "show_company": len(companies) > 1,
            "currencies": sorted(
                by_currency.values(), key=lambda section: section["currency"].name
            ),
        }

    @api.model
    def _b2b_statement_types(self):
        """The documents' kinds as the reader calls them."""
        return {
            "out_invoice": self.env._("Invoice"),
            "out_refund": self.env._("Credit Note"),
            "out_receipt": self.env._("Receipt"),
            "payment": self.env._("Payment"),
            "entry": self.env._("Entry"),
        }

    @api.model
    def _b2b_statement_csv(self, statement):
        """The statement as CSV (UTF-8): the header row, then one row per
        document; dates YYYY-MM-DD, amounts with a decimal point."""
        buffer = io.StringIO()
        writer = csv.writer(buffer, lineterminator="\r\n")
        writer.writerow(B2B_STATEMENT_CSV_HEADER)
        for section in statement["currencies"]:
            currency = section["currency"]
            digits = currency.decimal_places

            def amount(value, digits=digits):
                return f"{value:.{digits}f}"

            for line in section["lines"]:
                writer.writerow(
                    [
                        line["number"],
                        line["date"].isoformat(),
                        line["due_date"].isoformat() if line["due_date"] else "",
                        amount(line["amount"]),
                        amount(line["open_amount"]),
                        amount(line["balance"]),
                        currency.name,
                        line["type"],
                        self._b2b_csv_safe(line["reference"]),
                        self._b2b_csv_safe(line["company"]),
                    ]
                )
        return buffer.getvalue().encode()

    @api.model
    def _b2b_csv_safe(self, text):
        """A text cell a spreadsheet never runs as a formula."""
        text = text or ""
        return "'" + text if text[:1] in ("=", "+", "-", "@", "\t", "\r") else text
