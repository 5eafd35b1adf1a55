""" "Pay on Account" on Odoo's payment framework: a provider of the module
(like Odoo's own wire transfer in ``payment_custom``) that moves no money.
Its method "Pay on Account" is offered only to B2B pay-later customers who
may order, are not on credit hold and whose order fits their available
credit; its method "Submit for Approval" replaces the paying methods while
the buyer's company must approve the order first (see
``sale.order._b2b_on_account_mode``). Nobody else ever sees it."""

from odoo import api, fields, models

#: the provider's code and its two payment methods' codes
B2B_ON_ACCOUNT = "b2b_on_account"
B2B_SUBMIT_FOR_APPROVAL = "b2b_buyer_approval"


class PaymentProvider(models.Model):
    _inherit = "payment.provider"

    code = fields.Selection(
        selection_add=[(B2B_ON_ACCOUNT, "Pay on Account")],
        ondelete={B2B_ON_ACCOUNT: "set default"},
    )

    @api.model
    def _get_compatible_providers(
        self, *args, sale_order_id=None, report=None, **kwargs
    ):
        providers = super()._get_compatible_providers(
            *args, sale_order_id=sale_order_id, report=report, **kwargs
        )
        ours = providers.filtered(lambda p: p.code == B2B_ON_ACCOUNT)
        if not ours:
            return providers
        order = self.env["sale.order"].browse(sale_order_id).exists()
        mode = order._b2b_on_account_mode() if order else False
        if mode == "approval":
            # no money moves before the buyer's company approves the order
            return ours
        if mode == "on_account":
            return providers
        return providers - ours

    def _get_default_payment_method_codes(self):
        self.ensure_one()
        if self.code != B2B_ON_ACCOUNT:
            return super()._get_default_payment_method_codes()
        return {B2B_ON_ACCOUNT, B2B_SUBMIT_FOR_APPROVAL}
