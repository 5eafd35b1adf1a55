"""Company credit, the SQL of what uses credit: the open receivable items,
draft invoices, confirmed orders not invoiced yet and the quotations that
count before their confirmation, one row per document. The exposure
(``res_partner_credit.py``) and the exposure report
(``b2b_credit_report.py``) both read it."""

from odoo import api, models
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _b2b_credit_pending_order_sql(self):
        """Condition on ``so`` (sale_order) for the quotations that count as
        credit used before they are confirmed: pay-later orders the buyer
        accepted, waiting for the shop's confirmation or for the approval of
        the customer's own approvers."""
        return SQL(
            "(so.require_payment IS NOT TRUE AND (so.signed_on IS NOT NULL"
            " OR so.b2b_approval_state = 'waiting'))"
        )

    @api.model
    def _b2b_credit_receivable_sql(self, today, condition, per_partner=False):
        """SQL summing the open receivable journal items that match
        ``condition`` (on ``l``): ``amount``, ``overdue_amount`` and
        ``overdue_date`` (due before ``today``); ``per_partner``: one row per
        partner and company, with the columns of the documents."""
        overdue = SQL("l.date_maturity < %s AND l.amount_residual > 0", today)
        return SQL(
            """
            SELECT %(keys)s SUM(l.amount_residual) AS amount,
                   COALESCE(SUM(l.amount_residual) FILTER (WHERE %(overdue)s), 0)
                       AS overdue_amount,
                   MIN(l.date_maturity) FILTER (WHERE %(overdue)s) AS overdue_date
              FROM account_move_line l
             WHERE l.account_id = ANY(ARRAY(
                       SELECT id FROM account_account
                        WHERE account_type = 'asset_receivable'))
               AND l.parent_state = 'posted'
               AND l.reconciled IS NOT TRUE
               AND %(condition)s
            %(group_by)s
            """,
            keys=SQL(
                "l.partner_id, l.company_id, 'receivable' AS kind, MIN(l.id) AS doc_id,"
            )
            if per_partner
            else SQL(),
            overdue=overdue,
            condition=condition,
            group_by=SQL("GROUP BY l.partner_id, l.company_id")
            if per_partner
            else SQL(),
        )

    @api.model
    def _b2b_credit_documents_sql(
        self, today, exclude_order_ids=(), where=None, receivable=True
    ):
        """SQL of the documents that use credit, one row each: ``partner_id``
        (the document's partner), ``company_id``, ``kind`` (``receivable``:
        the open receivable journal items of a partner in a company, summed:
        posted invoices not paid minus credit notes and unreconciled
        payments; ``draft``: a draft invoice;
        ``to_invoice``: the part of a confirmed order line not invoiced yet;
        ``pending``: a quotation that counts before its confirmation, see
        ``_b2b_credit_pending_order_sql``), ``doc_id``, ``amount`` in the
        company's currency, ``overdue_amount`` and ``overdue_date`` (due
        before ``today``, an SQL date or a date). The exposure and the
        exposure report both read it.

        ``where(partner_column, company_column)``: an SQL condition each
        branch adds on its own columns, so that PostgreSQL reads only the
        partners' documents through their indexes. ``receivable=False``
        leaves the open items out (the exposure sums them per partner, see
        ``_b2b_credit_receivable_sql``)."""
        # the lines of the orders: for given partners, order by order
        # through the order_id index (PostgreSQL cannot estimate the orders
        # of a tree of partners, and merged every line of the database with
        # every order instead: 170 ms for a company with 10,000 orders);
        # for everything (the report), joined as PostgreSQL sees fit
        order_lines = SQL(
            """CROSS JOIN LATERAL (
                    SELECT sol.id, sol.product_uom_qty, sol.qty_invoiced,
                           sol.price_total
                      FROM sale_order_line sol
                     WHERE sol.order_id = so.id
                       AND sol.display_type IS NULL
                       AND sol.product_uom_qty > 0
                    OFFSET 0) sol"""
        )
        if where is None:
            order_lines = SQL(
                """JOIN sale_order_line sol ON sol.order_id = so.id
                       AND sol.display_type IS NULL
                       AND sol.product_uom_qty > 0"""
            )

            def where(_partner, _company):
                return SQL("TRUE")

        receivables = (
            SQL(
                "%s UNION ALL",
                self._b2b_credit_receivable_sql(
                    today,
                    where(SQL("l.partner_id"), SQL("l.company_id")),
                    per_partner=True,
                ),
            )
            if receivable
            else SQL()
        )
        return SQL(
            """
            %(receivables)s
            SELECT m.partner_id, m.company_id, 'draft' AS kind, m.id AS doc_id,
                   m.amount_total_signed AS amount, 0 AS overdue_amount,
                   NULL::date AS overdue_date
              FROM account_move m
             WHERE m.state = 'draft'
               AND m.move_type IN ('out_invoice', 'out_refund')
               AND %(where_m)s
            UNION ALL
            SELECT so.partner_invoice_id, so.company_id, 'to_invoice', sol.id,
                   GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                   * sol.price_total / sol.product_uom_qty
                   / COALESCE(NULLIF(so.currency_rate, 0), 1), 0, NULL::date
              FROM sale_order so %(order_lines)s
             WHERE so.state = 'sale'
               AND %(where_so)s
            UNION ALL
            SELECT so.partner_invoice_id, so.company_id, 'pending', so.id,
                   so.amount_total / COALESCE(NULLIF(so.currency_rate, 0), 1),
                   0, NULL::date
              FROM sale_order so
             WHERE so.state IN ('draft', 'sent')
               AND NOT so.id = ANY(%(excluded)s)
               AND %(pending)s
               AND %(where_so)s
            """,
            receivables=receivables,
            order_lines=order_lines,
            where_m=where(SQL("m.partner_id"), SQL("m.company_id")),
            where_so=where(SQL("so.partner_invoice_id"), SQL("so.company_id")),
            excluded=list(exclude_order_ids),
            pending=self._b2b_credit_pending_order_sql(),
        )
