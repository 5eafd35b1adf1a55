from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL


class AccountMove(models.Model):
    _name = "account.move"
    _inherit = ["account.move", "b2b.portal.document.mixin"]

    @api.model
    def _b2b_portal_visible_domain(self):
        uid = self.env.uid
        me = self.env.user.partner_id.id

        def from_own_orders(model, alias, query):
            # invoices of the orders the user placed or is the contact of;
            # not correlated with the invoice (``IN``, not ``EXISTS``): read
            # once per query, else PostgreSQL costs it per invoice and a few
            # thousand invoices pass jit_above_cost (seconds of compiling)
            return SQL(
                """%s IN (SELECT l.move_id FROM sale_order so
                      JOIN sale_order_line sl ON sl.order_id = so.id
                      JOIN sale_order_line_invoice_rel r ON r.order_line_id = sl.id
                      JOIN account_move_line l ON l.id = r.invoice_line_id
                     WHERE so.partner_id = %s OR so.create_uid = %s)""",
                SQL.identifier(alias, "id"),
                me,
                uid,
            )

        return self.env["res.partner"]._b2b_portal_document_domain(
            "view_invoices", "partner_id", extra=Domain.custom(to_sql=from_own_orders)
        )


class AccountMoveLine(models.Model):
    _name = "account.move.line"
    _inherit = ["account.move.line", "b2b.portal.document.line.mixin"]
    _b2b_document_field = "move_id"
