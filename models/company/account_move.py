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
            # invoices of the orders the user placed or is the contact of
            return SQL(
                """EXISTS(SELECT 1 FROM account_move_line l
                      JOIN sale_order_line_invoice_rel r ON r.invoice_line_id = l.id
                      JOIN sale_order_line sl ON sl.id = r.order_line_id
                      JOIN sale_order so ON so.id = sl.order_id
                     WHERE l.move_id = %s
                       AND (so.partner_id = %s OR so.create_uid = %s))""",
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
