"""The statement of account as a QWeb report (PDF in the company's layout)."""

from odoo import api, models


class ReportB2bStatement(models.AbstractModel):
    _name = "report.b2b_customer.report_b2b_statement"
    _description = "B2B Statement of Account"

    @api.model
    def _get_report_values(self, docids, data=None):
        """``data``: ``date_from``, ``date_to`` (YYYY-MM-DD), ``group``
        (the subsidiaries too) and ``end_customers`` (a reseller's end
        customers too); without them, the current year to today."""
        data = data or {}
        Partner = self.env["res.partner"]
        date_from, date_to = Partner._b2b_statement_period(
            data.get("date_from"), data.get("date_to")
        )
        docs = Partner.browse(docids).sudo().commercial_partner_id
        statements = {}
        for company in docs:
            companies = company._b2b_statement_scope(
                group=data.get("group"), end_customers=data.get("end_customers")
            )
            statements[company.id] = companies._b2b_statement(date_from, date_to)
        return {
            "doc_ids": docs.ids,
            "doc_model": "res.partner",
            "docs": docs,
            "statements": statements,
        }
