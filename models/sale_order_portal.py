"""Which orders and order lines a portal user sees by its company role
(the record rules of ``security/b2b_customer_rules.xml``)."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from .ir_rule import partner_tree_domain


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_portal_visible = fields.Boolean(
        string="Visible on the B2B Portal",
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the orders the current portal user may see by its "
        "company role (see the record rules).",
    )

    b2b_partner_tree_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Partner and Those Above",
        compute="_compute_b2b_partner_tree_ids",
        search="_search_b2b_partner_tree_ids",
        help="Technical: the partner and the partners above it. Searched with "
        "'in', the orders of these partners and of everything below them: "
        "Odoo's 'child_of', resolved by PostgreSQL (see ir_rule.py).",
    )

    @api.depends("partner_id")
    def _compute_b2b_partner_tree_ids(self):
        for order in self:
            order.b2b_partner_tree_ids = order.partner_id.sudo()._b2b_self_and_parents()

    @api.model
    def _search_b2b_partner_tree_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        return partner_tree_domain("partner_id", value)

    def _compute_b2b_portal_visible(self):
        domain = self._search_b2b_portal_visible("in", [True])
        visible = self.env["res.partner"]._b2b_portal_visible_records(self, domain)
        for order in self:
            order.b2b_portal_visible = order._origin in visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        me = self.env.user.partner_id.id
        self.flush_model(["b2b_ordered_by_reseller_id"])

        def placed_by_my_reseller(model, alias, query):
            # orders the reseller placed for its end customers: all of them
            # for its administrators (its users see those they created)
            return SQL(
                "%s IN (SELECT co.id FROM res_partner me JOIN res_partner co "
                "ON co.id = me.commercial_partner_id "
                "WHERE me.id = %s AND me.b2b_role = 'admin')",
                SQL.identifier(alias, "b2b_ordered_by_reseller_id"),
                me,
            )

        return self.env["res.partner"]._b2b_portal_document_domain(
            "view_orders",
            "partner_id",
            extra=Domain.custom(to_sql=placed_by_my_reseller),
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
