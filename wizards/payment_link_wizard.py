from odoo import api, models


class PaymentLinkWizard(models.TransientModel):
    _inherit = "payment.link.wizard"

    @api.depends("res_model", "res_id")
    def _compute_warning_message(self):
        """A payment link for a quotation the order gate does not let the
        customer pay: the salesperson is told why (and Odoo's wizard then
        offers no link to copy)."""
        res = super()._compute_warning_message()
        for wizard in self.filtered(
            lambda w: w.res_model == "sale.order" and not w.warning_message
        ):
            order = self.env["sale.order"].browse(wizard.res_id)
            if order.state not in ("draft", "sent"):
                continue
            # as the customer who will pay it
            blockers = order.with_context(
                b2b_portal_partner_id=order.partner_id.id
            )._b2b_order_blockers("pay")
            if blockers:
                wizard.warning_message = self.env._(
                    "The customer cannot pay this order yet: %(reason)s",
                    reason=blockers[0]["message"],
                )
        return res
