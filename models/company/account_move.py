from odoo import api, fields, models
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
    _inherit = "account.move.line"

    b2b_portal_visible = fields.Boolean(
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the line of an invoice the current portal user may see.",
    )

    @api.depends("move_id")
    def _compute_b2b_portal_visible(self):
        for line in self:
            line.b2b_portal_visible = line.move_id.b2b_portal_visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        if not self.env.user.share:
            return Domain.TRUE
        return Domain("move_id", "any!", [("b2b_portal_visible", "=", True)])
