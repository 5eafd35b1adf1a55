from odoo import models
from odoo.exceptions import UserError

from .payment_provider import B2B_ON_ACCOUNT

#: where the module's redirect form posts the transaction (controllers/selling.py)
B2B_PROCESS_URL = "/payment/b2b/process"


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    def _get_specific_rendering_values(self, processing_values):
        if self.provider_code != B2B_ON_ACCOUNT:
            return super()._get_specific_rendering_values(processing_values)
        return {"api_url": B2B_PROCESS_URL, "reference": self.reference}

    def _extract_amount_data(self, payment_data):
        """No money moves: nothing to compare."""
        if self.provider_code != B2B_ON_ACCOUNT:
            return super()._extract_amount_data(payment_data)
        return None

    def _apply_updates(self, payment_data):
        """The buyer confirmed "Pay on Account" or "Submit for Approval": the
        order is ordered on account or submitted (once); the transaction
        stays pending, with what the buyer is told, or fails with why."""
        if self.provider_code != B2B_ON_ACCOUNT:
            return super()._apply_updates(payment_data)
        if self.state != "draft" or len(self.sale_order_ids) != 1:
            return None
        user = self.env.user
        if (
            user.share
            and not user._is_public()
            and (
                self.partner_id.commercial_partner_id
                != user.partner_id.commercial_partner_id
            )
        ):
            # the reference of another customer's transaction: not this
            # user's to process (a public payer holds the link's token)
            self._set_error(self.env._("This payment is not yours to confirm."))
            return None
        try:
            with self.env.cr.savepoint():
                message = self.sale_order_ids._b2b_order_on_account(
                    self.payment_method_code
                )
        except UserError as error:
            self._set_error(error.args[0])
            return None
        self._set_pending(state_message=message)
        return None
