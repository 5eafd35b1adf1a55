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

    def _b2b_on_account_note(self, partner_id):
        """What the payment form says under "Pay on Account" to the current
        user paying for ``partner_id``: the company's available credit for
        its administrators (as on its credit page), how it works for the
        other buyers."""
        self.ensure_one()
        customer = (
            self.env["res.partner"].sudo().browse(partner_id).commercial_partner_id
        )
        viewer = self.env.user.partner_id.sudo()
        holder, limit = customer._b2b_credit_limits()[customer]
        if (
            limit
            and viewer._b2b_is_company_admin()
            and (viewer.commercial_partner_id == customer)
        ):
            currency = self.env.company.currency_id
            available = limit - holder._b2b_credit_figures()[holder.id]["exposure"]
            return self.env._(
                "No payment now: you receive our invoice. Available credit: "
                "%(available)s.",
                available=currency.format(currency.round(available)),
            )
        return self.env._(
            "No payment now: you receive our invoice and pay it by its due date."
        )
