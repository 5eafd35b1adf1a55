"""Which orders and order lines a portal user sees by its company role
(the record rules of ``security/b2b_customer_rules.xml``)."""

from odoo import api, fields, models
from odoo.fields import Domain


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_portal_visible = fields.Boolean(
        string="Visible on the B2B Portal",
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the orders the current portal user may see by its "
        "company role (see the record rules).",
    )

    def _compute_b2b_portal_visible(self):
        domain = self._search_b2b_portal_visible("in", [True])
        visible = self.env["res.partner"]._b2b_portal_visible_records(self, domain)
        for order in self:
            order.b2b_portal_visible = order._origin in visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        return self.env["res.partner"]._b2b_portal_document_domain(
            "view_orders", "partner_id"
        )


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    b2b_portal_visible = fields.Boolean(
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the line of an order the current portal user may see.",
    )

    @api.depends("order_id")
    def _compute_b2b_portal_visible(self):
        for line in self:
            line.b2b_portal_visible = line.order_id.b2b_portal_visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        if not self.env.user.share:
            return Domain.TRUE
        return Domain("order_id", "any!", [("b2b_portal_visible", "=", True)])
