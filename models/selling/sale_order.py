"""Selling defaults on new orders of B2B customers: the customer group's
payment terms (or the parent company's, for a subsidiary; the pricelist is
the customer's own through Odoo's pricelist resolution, see
``product_pricelist._get_partner_pricelist_multi``), the
salesperson of the parent company when the subsidiary has none, the default
delivery address, prepayment unless the customer pays later."""

from odoo import api, models
from odoo.exceptions import UserError

from .payment_provider import B2B_ON_ACCOUNT, B2B_SUBMIT_FOR_APPROVAL


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
        for order in self.filtered("partner_id"):
            partner = order.partner_id.with_company(order.company_id)
            prepayment = partner._b2b_requires_prepayment()
            if prepayment is not None:
                order.require_payment = prepayment
        return res

    # ------------------------------------------------------------------
    # "Pay on Account" and "Submit for Approval" at checkout
    # ------------------------------------------------------------------
    def _b2b_on_account_mode(self):
        """How the module's provider serves this quotation to the buyer
        acting on it (``_b2b_buyer``): ``"approval"`` when the only thing
        that stops its payment is the approval of the buyer's company (the
        order is submitted instead of paid), ``"on_account"`` when a B2B
        pay-later customer who may order, not on credit hold, orders within
        its available credit, else False."""
        self.ensure_one()
        if self.state not in ("draft", "sent"):
            return False
        codes = [b["code"] for b in self._b2b_order_blockers("pay")]
        if codes == ["buyer_approval_needed"]:
            return "approval"
        customer = self.partner_id.commercial_partner_id
        if (
            codes
            or not customer.is_b2b
            or customer.b2b_state != "approved"
            or not self.partner_id._b2b_pay_later()
            or self._b2b_credit_blockers("confirm")
        ):
            return False
        return "on_account"

    def _b2b_on_account_refusal(self, method_code):
        """Why the module's payment method ``method_code`` may not serve this
        quotation now (in the buyer's language), else False."""
        self.ensure_one()
        mode = self._b2b_on_account_mode()
        wanted = {"approval": B2B_SUBMIT_FOR_APPROVAL, "on_account": B2B_ON_ACCOUNT}
        if wanted.get(mode) == method_code:
            return False
        blockers = self._b2b_order_blockers("pay")
        if blockers and mode != "approval":
            return blockers[0]["message"]
        if method_code == B2B_SUBMIT_FOR_APPROVAL:
            return self.env._(
                "%(order)s does not need the approval of your company: please "
                "choose how to pay it.",
                order=self.name,
            )
        return self.env._(
            "%(order)s cannot be paid on account: your company does not pay by "
            "invoice, is on credit hold, or the order exceeds its available credit. "
            "Please choose another payment method.",
            order=self.name,
        )

    def _b2b_order_on_account(self, method_code):
        """The buyer chose the module's payment method ``method_code`` at
        checkout (no money moves): the order is submitted to the approvers
        of the buyer's company, or confirmed on account (the gate checks
        hold and credit again at this moment). Returns what the buyer is
        told; raises a UserError when it is refused."""
        self.ensure_one()
        refusal = self._b2b_on_account_refusal(method_code)
        if refusal:
            raise UserError(refusal)
        order = self.sudo()
        if method_code == B2B_SUBMIT_FOR_APPROVAL:
            order._b2b_submit_for_approval(self._b2b_buyer())
            return self.env._(
                "%(order)s was sent to the approvers of your company: nothing was "
                "paid. Once it is approved, we confirm it or send you the link to "
                "pay it.",
                order=self.name,
            )
        order.with_context(send_email=True).action_confirm()
        return self.env._(
            "%(order)s is confirmed. You pay it on account: our invoice follows.",
            order=self.name,
        )

    def _send_payment_succeeded_for_order_mail(self):
        """No "payment received" mail for an order paid on account or
        submitted for approval at checkout: no money moved."""
        on_account = self.filtered(
            lambda o: o.transaction_ids.filtered(
                lambda t: t.provider_code == B2B_ON_ACCOUNT and t.state == "pending"
            )
        )
        return super(
            SaleOrder, self - on_account
        )._send_payment_succeeded_for_order_mail()
