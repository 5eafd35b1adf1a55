"""Selling defaults on new orders of B2B customers: the customer group's
payment terms (or the parent company's, for a subsidiary; the pricelist is
the customer's own through Odoo's pricelist resolution, see
``product_pricelist._get_partner_pricelist_multi``), the
salesperson of the parent company when the subsidiary has none, the default
delivery address, prepayment unless the customer pays later."""

from odoo import api, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    @api.depends("partner_id", "company_id")
    def _compute_payment_term_id(self):
        res = super()._compute_payment_term_id()
        for order in self.filtered("partner_id"):
            partner = order.partner_id.with_company(order.company_id)
            term = partner._b2b_group_payment_term()
            if term:
                order.payment_term_id = term
        return res

    @api.depends("partner_id")
    def _compute_user_id(self):
        # the orders whose salesperson Odoo sets from the customer
        fresh = self.filtered(
            lambda o: o.partner_id and not (o._origin.id and o.user_id)
        )
        res = super()._compute_user_id()
        for order in fresh:
            partner = order.partner_id
            if partner.user_id or partner.commercial_partner_id.user_id:
                continue
            inherited = partner._b2b_inherited_salesperson()
            if inherited:
                order.user_id = inherited
        return res

    @api.depends("partner_id", "company_id")
    def _compute_partner_shipping_id(self):
        res = super()._compute_partner_shipping_id()
        for order in self.filtered("partner_id"):
            delivery = order.partner_id._b2b_get_default_delivery()
            if delivery:
                order.partner_shipping_id = delivery
        return res

    @api.depends("partner_id", "company_id")
    def _compute_require_payment(self):
        res = super()._compute_require_payment()
        for order in self.filtered("partner_id.commercial_partner_id.is_b2b"):
            partner = order.partner_id.with_company(order.company_id)
            order.require_payment = not partner._b2b_pay_later()
        return res
