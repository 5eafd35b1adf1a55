"""Buyer approvals of quotations that are paid online without a signature:
there is no accept to hold back, so the portal asks the buyer to request
their company's approval first (instead of the payment), and Odoo's
payment of such a quotation is refused until it is approved (the order
gate's ``buyer_approval_needed``). Once approved,
the buyer is told to pay, and the payment confirms the order as Odoo
does."""

from odoo import models
from odoo.exceptions import UserError


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_approval_before_payment(self):
        """Whether the portal buyer viewing this quotation must have it
        approved by their company before paying it (the page then offers
        "Request approval" instead of the payment)."""
        self.ensure_one()
        return bool(
            self._b2b_portal_partner()
            and not self._b2b_payment_needs_signature()
            and self._b2b_needs_buyer_approval()
        )

    def _b2b_buyer_approval_page_values(self, requested=False):
        """What the portal's order page tells of the buyer approval:
        ``waiting_reasons`` (why it waits), ``rejection`` (the last refusal,
        ``b2b.order.approval``), ``requested`` (the buyer has just asked),
        ``approval_before_payment`` and ``approval_blocker`` (see above)."""
        self.ensure_one()
        approvals = self.b2b_approval_ids
        before_payment = (
            not self._b2b_buyer_refusals("order")
            and self._b2b_approval_before_payment()
        )
        return {
            "waiting_reasons": "; ".join(
                approvals.filtered(lambda a: a.state == "waiting").mapped(
                    "reason_display"
                )
            ),
            "rejection": self.b2b_approval_state == "rejected"
            and approvals.filtered(lambda a: a.state == "rejected")[-1:],
            "requested": bool(requested) and self.b2b_approval_state == "waiting",
            "approval_before_payment": before_payment,
            "approval_blocker": before_payment and self._b2b_approval_blocker(),
        }

    def _b2b_payment_needs_signature(self):
        """The quotation is signed before it is paid: the signature submits
        it for approval (sale_order_approval.py)."""
        return self.require_signature and not self.signature

    def _b2b_approval_blocker(self):
        """Why the buyer cannot request the approval (no one else in the
        company may give it), else False."""
        self.ensure_one()
        try:
            self.sudo()._b2b_approval_requirements(self._b2b_portal_partner())
        except UserError as error:
            return error.args[0]
        return False

    def _b2b_request_approval(self):
        """The portal buyer asks their company to approve this quotation
        before they pay it. Raises a UserError when it needs no approval
        (any more) or no one may give it."""
        self.ensure_one()
        if not self._b2b_approval_before_payment():
            raise UserError(
                self.env._(
                    "%(order)s does not need an approval before payment.",
                    order=self.name,
                )
            )
        self.sudo()._b2b_submit_for_approval(self._b2b_portal_partner())
        return True
