"""Which orders and order lines a portal user sees by its company role
(the record rules of ``security/b2b_customer_rules.xml``), and what the
company's functions and the buyer's role let it do with them (the order
gate's ``function_missing`` and ``viewer``)."""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL


class SaleOrder(models.Model):
    _name = "sale.order"
    _inherit = ["sale.order", "b2b.portal.document.mixin"]

    @api.model
    def _b2b_portal_visible_domain(self):
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

    def _b2b_company_blockers(self, step):
        """The order gate's hook: the company's groups do not grant
        confirming orders online (signing and paying; confirming by a portal
        user), or the buyer is a viewer (signing, paying, confirming); the
        reasons are ``res.partner._b2b_refusals``'. Decided by the order's
        customer and its buyer, not by the environment's user: the portal's
        order routes run as the superuser (``_document_check_access``)."""
        if step == "validate":
            return []
        blockers = []
        if step != "confirm" or self.env.user.share:
            blockers += self.partner_id._b2b_refusals("confirm")
        # a B2B manager's "Confirm Anyway" passes a viewer's order
        blockers += [dict(b, override=True) for b in self._b2b_buyer_refusals("order")]
        return blockers


class SaleOrderLine(models.Model):
    _name = "sale.order.line"
    _inherit = ["sale.order.line", "b2b.portal.document.line.mixin"]
    _b2b_document_field = "order_id"
