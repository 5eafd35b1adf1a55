from odoo import fields, models

from .sale_order import B2B_QUOTE_FROZEN


class SaleOrderLine(models.Model):
    _inherit = "sale.order.line"

    b2b_requested_price_unit = fields.Float(
        string="Requested Unit Price",
        digits="Product Price",
        copy=False,
        help="The unit price the buyer asked for in their quote request or "
        "counter-offer (empty: none asked).",
    )

    def _b2b_quote_price_frozen(self):
        """Existing lines of a standing or accepted offer: their prices do
        not move when a pricelist changes, the quantity changes or "Update
        Prices" is used; the seller changes them by hand."""
        return self.filtered(
            lambda line: line._origin.id
            and line.order_id.b2b_quote_state in B2B_QUOTE_FROZEN
        )

    def _compute_price_unit(self):
        frozen = self._b2b_quote_price_frozen()
        return super(SaleOrderLine, self - frozen)._compute_price_unit()

    def _compute_discount(self):
        frozen = self._b2b_quote_price_frozen()
        return super(SaleOrderLine, self - frozen)._compute_discount()
