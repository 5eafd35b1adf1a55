"""The order gate: one place decides whether an order may be signed, paid or
confirmed, whichever channel asks (the portal, Odoo's webshop, a payment
link, the back office, a payment's post-processing).

``_b2b_order_blockers(step)`` collects the reasons that stop the order now
from one named hook per capability, each returning a list of blockers
(``dict``: ``code``, ``message`` in the reader's language, ``override``:
whether a B2B manager's "Confirm Anyway" may pass it):

- ``_b2b_account_blockers`` (account approval: ``account_not_approved``),
- ``_b2b_company_blockers`` (company accounts: ``function_missing``, ``viewer``),
- ``_b2b_buyer_approval_blockers`` (``buyer_approval_waiting``,
  ``buyer_approval_needed``),
- ``_b2b_credit_blockers`` (``credit_hold``, ``credit_limit``),
- ``_b2b_ordering_blockers`` (``portal_review``: a portal order the
  salesperson reviews),
- ``_b2b_assortment_blockers`` (``assortment``: a product outside the
  customer's assortment, ``quantity_rule``: a quantity its rule refuses).
- ``_b2b_quote_blockers`` (``quote_not_offered``: a negotiable quote
  without a standing offer).
- ``_b2b_assistance_blockers`` (``acting_on_behalf``: nobody pays online
  while acting on behalf of the customer).

The steps: ``sign`` (the portal's signature), ``pay`` (Odoo's pay button and
the creation of any ``payment.transaction`` for the order: before money
moves), ``confirm`` (``action_confirm``) and ``validate`` (what Odoo does
after the buyer signed or paid: confirm, unless the order is held).

Odoo's hooks (``_has_to_be_signed``, ``_has_to_be_paid``,
``_get_prepayment_required_amount``, ``_confirmation_error_message``,
``_validate_order``, ``action_confirm``, ``_action_confirm``, ``write`` of
``signed_on``) are
overridden here only, and ask the gate; what a capability does around them
is a method of its own, called by name here (``_b2b_credit_prepay``,
``_b2b_start_review``, ``_b2b_end_review``, ``_b2b_buyer_approval_confirmed``,
``_b2b_quote_on_signed``, ``_b2b_credit_on_signed``,
``_b2b_submit_signed_for_approval``); before a
decision, the limits it is checked against are locked
(``_b2b_lock_limits``, models/sale_order_limits.py)."""

from odoo import models

#: the order in which blockers are told (the first one is the message)
B2B_BLOCKER_PRIORITY = (
    "function_missing",
    "account_not_approved",
    "credit_hold",
    "credit_limit",
    "viewer",
    "buyer_approval_waiting",
    "buyer_approval_needed",
    "portal_review",
    "assortment",
    "quantity_rule",
    "quote_not_offered",
    "acting_on_behalf",
)
#: the hooks the gate asks, one per capability
B2B_BLOCKER_HOOKS = (
    "_b2b_account_blockers",
    "_b2b_company_blockers",
    "_b2b_buyer_approval_blockers",
    "_b2b_credit_blockers",
    "_b2b_ordering_blockers",
    "_b2b_assortment_blockers",
    "_b2b_quote_blockers",
    "_b2b_assistance_blockers",
)
B2B_STEPS = ("sign", "pay", "confirm", "validate")


def b2b_blocker(code, message, override=False):
    """A reason that stops an order (see the module docstring)."""
    return {"code": code, "message": message, "override": override}


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Who acts
    # ------------------------------------------------------------------
    def _b2b_portal_partner(self):
        """The contact of the portal user the order is shown to, passed by
        the portal controllers (their order records are the superuser's),
        else None."""
        partner_id = self.env.context.get("b2b_portal_partner_id")
        return self.env["res.partner"].sudo().browse(partner_id) if partner_id else None

    def _b2b_buyer(self):
        """The customer's contact acting on the order: the portal's (see
        ``_b2b_portal_partner``), else the logged-in portal user (the shop),
        else the order's contact for a public visitor paying through a link;
        None for staff."""
        partner = self._b2b_portal_partner()
        if partner:
            return partner
        user = self.env.user
        if not user.share:
            return None
        if user._is_public():
            return self.partner_id.sudo()
        return user.partner_id.sudo()

    def _b2b_buyer_refusals(self, action):
        """Why the customer's contact acting on the order (``_b2b_buyer``)
        may not do ``action`` (``res.partner._b2b_refusals``); ``[]`` for
        staff."""
        buyer = self._b2b_buyer()
        return buyer._b2b_refusals(action) if buyer else []

    def _b2b_portal_page_values(self, viewer, requested=False):
        """What the portal's order page shows ``viewer`` (res.users: the
        page's records are the superuser's) of the B2B rules (the controller
        passes it as ``b2b_order_page``): whether the viewer may act on the
        order (``may_act``), its buyer approval (see
        ``_b2b_buyer_approval_page_values``) and what it does to the
        company's credit (``credit``)."""
        self.ensure_one()
        return {
            **self._b2b_buyer_approval_page_values(requested=requested),
            "may_act": not self._b2b_buyer_refusals("order"),
            # "Order again" (a portal user's own quick order)
            "reorder": viewer.share
            and not viewer._is_public()
            and not viewer.partner_id._b2b_refusals("order_online"),
            "credit": self._b2b_credit_portal_info(viewer)
            if self.state in ("draft", "sent")
            else {},
        }

    # ------------------------------------------------------------------
    # The gate
    # ------------------------------------------------------------------
    def _b2b_order_blockers(self, step):
        """The reasons that stop this order at ``step`` now (``sign``,
        ``pay``, ``confirm``, ``validate``), most important first; ``[]``:
        nothing stops it."""
        self.ensure_one()
        assert step in B2B_STEPS, step
        blockers = []
        for hook in B2B_BLOCKER_HOOKS:
            blockers += getattr(self, hook)(step)
        return sorted(blockers, key=lambda b: B2B_BLOCKER_PRIORITY.index(b["code"]))

    def _b2b_confirmation_overridden(self):
        """A B2B manager confirms the order on purpose (through the override
        wizard, which logs the reason)."""
        return self.env.context.get("b2b_confirm_override") and self.env.user.has_group(
            "b2b_customer.group_b2b_manager"
        )

    def _b2b_override_why(self):
        """What a manager's "Confirm Anyway" overrides, for the chatter."""
        self.ensure_one()
        overridden = [b for b in self._b2b_order_blockers("confirm") if b["override"]]
        if not overridden:
            return self.env._("B2B rules")
        return overridden[0].get("why") or overridden[0]["message"]

    # ------------------------------------------------------------------
    # Odoo's hooks, overridden once
    # ------------------------------------------------------------------
    def _has_to_be_signed(self):
        return super()._has_to_be_signed() and not self._b2b_order_blockers("sign")

    def _b2b_prepayment_due(self):
        """A quotation Odoo would not ask to pay that the module's rules make
        the buyer pay online in advance (credit: see ``_b2b_credit_prepay``)."""
        return bool(
            self.state in ("draft", "sent")
            and not self.is_expired
            and self.amount_total > 0
            and self._b2b_credit_prepay()
            and not self._is_confirmation_amount_reached()
        )

    def _has_to_be_paid(self):
        if not (super()._has_to_be_paid() or self._b2b_prepayment_due()):
            return False
        return not self._b2b_order_blockers("pay")

    def _get_prepayment_required_amount(self):
        if not self.require_payment and self._b2b_credit_prepay():
            return self.currency_id.round(self.amount_total)
        return super()._get_prepayment_required_amount()

    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        if message:
            return message
        blockers = self._b2b_order_blockers("confirm")
        if self._b2b_confirmation_overridden():
            blockers = [b for b in blockers if not b["override"]]
        return blockers[0]["message"] if blockers else message

    def _validate_order(self):
        """The buyer signed or paid: orders the gate holds (waiting for the
        buyer's approvers, or for the salesperson's review) are not
        confirmed."""
        held = self.filtered(lambda o: o._b2b_order_blockers("validate"))
        held._b2b_start_review()
        if self - held:
            return super(SaleOrder, self - held)._validate_order()
        return None

    def _action_confirm(self):
        self._b2b_end_review()
        self._b2b_end_payment_hold()
        res = super()._action_confirm()
        self._b2b_buyer_approval_confirmed()
        return res

    def action_confirm(self):
        # the limits the confirmation is checked against, locked first (one
        # statement for the whole batch)
        self._b2b_lock_limits()
        return super(SaleOrder, self._b2b_gate_prefetch()).action_confirm()

    def _b2b_gate_prefetch(self):
        """Hook: these orders, with what the gate's hooks read for each of
        them read once for the batch (in the context: a capability's values
        by partner), so that confirming many orders costs no query per
        order."""
        return self

    def write(self, vals):
        if vals.get("signed_on"):
            # the acceptance decides against the limits
            self._b2b_lock_limits()
        res = super().write(vals)
        if vals.get("signed_on"):
            # a buyer signed: what credit holds back becomes a prepaid order
            # (its salesperson is told), and the buyer's approvers hear of
            # what they must approve
            self._b2b_quote_on_signed()
            self._b2b_credit_on_signed()
            self._b2b_submit_signed_for_approval()
        return res
