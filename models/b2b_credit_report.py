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
        pending = self.env["res.partner"]._b2b_credit_pending_order_sql()
        self.env.cr.execute(
            SQL(
                """
            CREATE OR REPLACE VIEW %(table)s AS (
                SELECT row_number() OVER (ORDER BY d.kind, d.doc_id, g.group_id) AS id,
                       d.company_id, d.partner_id, g.group_id, d.kind,
                       d.amount, d.overdue_amount
                  FROM (
                    SELECT l.id AS doc_id, l.company_id,
                           p.commercial_partner_id AS partner_id,
                           'receivable' AS kind, l.amount_residual AS amount,
                           CASE WHEN l.date_maturity < CURRENT_DATE
                                 AND l.amount_residual > 0
                                THEN l.amount_residual ELSE 0 END AS overdue_amount
                      FROM account_move_line l
                      JOIN res_partner p ON p.id = l.partner_id
                      JOIN account_account a ON a.id = l.account_id
                     WHERE a.account_type = 'asset_receivable'
                       AND l.parent_state = 'posted'
                       AND l.reconciled IS NOT TRUE
                    UNION ALL
                    SELECT m.id, m.company_id, p.commercial_partner_id, 'draft',
                           m.amount_total_signed, 0
                      FROM account_move m
                      JOIN res_partner p ON p.id = m.partner_id
                     WHERE m.state = 'draft'
                       AND m.move_type IN ('out_invoice', 'out_refund')
                    UNION ALL
                    SELECT sol.id, so.company_id, p.commercial_partner_id,
                           'to_invoice',
                           GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                           * sol.price_total / sol.product_uom_qty
                           / COALESCE(NULLIF(so.currency_rate, 0), 1), 0
                      FROM sale_order_line sol
                      JOIN sale_order so ON so.id = sol.order_id
                      JOIN res_partner p ON p.id = so.partner_invoice_id
                     WHERE so.state = 'sale'
                       AND sol.display_type IS NULL
                       AND sol.product_uom_qty > 0
                    UNION ALL
                    SELECT so.id, so.company_id, p.commercial_partner_id, 'pending',
                           so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1), 0
                      FROM sale_order so
                      JOIN res_partner p ON p.id = so.partner_invoice_id
                     WHERE so.state IN ('draft', 'sent') AND %(pending)s
                  ) d
                  JOIN res_partner c ON c.id = d.partner_id AND c.is_b2b IS TRUE
                  LEFT JOIN b2b_customer_group_res_partner_rel g
                         ON g.partner_id = d.partner_id
            )
                """,
                table=SQL.identifier(self._table),
                pending=pending,
            )
        )
