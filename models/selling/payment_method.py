from odoo import api, models

from .payment_provider import B2B_ON_ACCOUNT, B2B_SUBMIT_FOR_APPROVAL


class PaymentMethod(models.Model):
    _inherit = "payment.method"

    @api.model
    def _get_compatible_payment_methods(
        self, provider_ids, partner_id, *args, sale_order_id=None, **kwargs
    ):
        """Of the module's two methods, the one the order calls for (see
        ``sale.order._b2b_on_account_mode``)."""
        methods = super()._get_compatible_payment_methods(
            provider_ids, partner_id, *args, sale_order_id=sale_order_id, **kwargs
        )
        ours = methods.filtered(
            lambda m: m.code in (B2B_ON_ACCOUNT, B2B_SUBMIT_FOR_APPROVAL)
        )
        if not ours:
            return methods
        order = self.env["sale.order"].browse(sale_order_id).exists()
        mode = order._b2b_on_account_mode() if order else False
        wanted = {"approval": B2B_SUBMIT_FOR_APPROVAL, "on_account": B2B_ON_ACCOUNT}
        return methods - ours.filtered(lambda m: m.code != wanted.get(mode))
