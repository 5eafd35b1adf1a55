from odoo import fields, models, tools
from odoo.tools import SQL


class B2bCreditReport(models.Model):
    """What B2B customers owe and have ordered, one line per document (open
    receivable, draft invoice, order not yet invoiced, pay-later order waiting
    for confirmation), by company and customer group: the exposure of the
    credit block, summed up. A customer in two groups counts in both."""

    _name = "b2b.credit.report"
    _description = "B2B Credit Exposure Analysis"
    _auto = False
    _rec_name = "partner_id"
    _depends = {
        "account.move.line": [
            "amount_residual",
            "reconciled",
            "parent_state",
            "account_id",
            "date_maturity",
            "partner_id",
            "company_id",
        ],
        "account.account": ["account_type"],
        "account.move": ["state", "amount_total_signed", "move_type", "partner_id"],
        "sale.order": [
            "state",
            "signed_on",
            "require_payment",
            "b2b_approval_state",
            "amount_total",
            "currency_rate",
            "partner_invoice_id",
        ],
        "sale.order.line": ["qty_invoiced", "price_total", "product_uom_qty"],
        "res.partner": ["commercial_partner_id", "is_b2b", "b2b_group_ids"],
    }

    company_id = fields.Many2one("res.company", readonly=True)
    currency_id = fields.Many2one(related="company_id.currency_id")
    partner_id = fields.Many2one("res.partner", string="Customer", readonly=True)
    group_id = fields.Many2one(
        "b2b.customer.group", string="Customer Group", readonly=True
    )
    kind = fields.Selection(
        selection=[
            ("receivable", "Open receivable"),
            ("draft", "Draft invoice"),
            ("to_invoice", "Ordered, not invoiced"),
            ("pending", "Waiting for confirmation"),
        ],
        string="Source",
        readonly=True,
    )
    amount = fields.Monetary(string="Credit Used", readonly=True)
    overdue_amount = fields.Monetary(string="Overdue", readonly=True)

    def init(self):
        tools.drop_view_if_exists(self.env.cr, self._table)
        documents = self.env["res.partner"]._b2b_credit_documents_sql(
            SQL("CURRENT_DATE")
        )
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT row_number() OVER (ORDER BY d.kind, d.doc_id, g.group_id) AS id,
                       d.company_id, c.id AS partner_id, g.group_id, d.kind,
                       d.amount, d.overdue_amount
                  FROM (%(documents)s) d
                  JOIN res_partner p ON p.id = d.partner_id
                  JOIN res_partner c ON c.id = p.commercial_partner_id
                                    AND c.is_b2b IS TRUE
                  LEFT JOIN b2b_customer_group_res_partner_rel g
                         ON g.partner_id = c.id
            )
                """,
                table=SQL.identifier(self._table),
                documents=documents,
            )
        )
