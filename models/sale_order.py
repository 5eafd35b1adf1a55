"""The buy-block: orders of B2B accounts that are not approved cannot be
confirmed, except by a B2B manager with a logged reason."""

from odoo import api, fields, models

B2B_BLOCKING_STATES = ("pending", "rejected", "suspended")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_blocked = fields.Boolean(
        string="B2B Account Not Approved",
        compute="_compute_b2b_blocked",
        help="The customer's B2B account is waiting for approval, rejected or "
        "suspended: the order cannot be confirmed.",
    )

    @api.depends("partner_id.commercial_partner_id.b2b_state")
    def _compute_b2b_blocked(self):
        for order in self:
            commercial = order.partner_id.commercial_partner_id
            order.b2b_blocked = bool(
                commercial.is_b2b and commercial.b2b_state in B2B_BLOCKING_STATES
            )

    def _b2b_confirmation_overridden(self):
        """A B2B manager confirms an unapproved customer's order on purpose
        (through the override wizard, which logs the reason)."""
        return self.env.context.get("b2b_confirm_override") and self.env.user.has_group(
            "b2b_customer.group_b2b_manager"
        )

    def _confirmation_error_message(self):
        message = super()._confirmation_error_message()
        if message:
            return message
        if self.env.user.share and not self._b2b_portal_may_confirm():
            return self.env._(
                "Your company account does not allow confirming quotations online. "
                "Please contact us."
            )
        if not self.b2b_blocked or self._b2b_confirmation_overridden():
            return message
        commercial = self.partner_id.commercial_partner_id
        state = dict(
            commercial._fields["b2b_state"]._description_selection(self.env)
        ).get(commercial.b2b_state)
        return self.env._(
            "The B2B account of %(customer)s is not approved (%(state)s): its "
            "orders cannot be confirmed yet. A B2B manager can use "
            '"Confirm Anyway" with a reason.',
            customer=commercial.display_name,
            state=state,
        )

    def _b2b_portal_may_confirm(self):
        """The customer's users confirm quotations online only when its
        company's groups grant it. Decided by the order's customer, not by
        the environment's user: the portal's order routes run as the
        superuser (``_document_check_access``)."""
        return self.partner_id.sudo().b2b_has_permission("confirm_orders")

    def _has_to_be_signed(self):
        return (
            super()._has_to_be_signed()
            and not self.b2b_blocked
            and self._b2b_portal_may_confirm()
        )

    def _has_to_be_paid(self):
        return (
            super()._has_to_be_paid()
            and not self.b2b_blocked
            and self._b2b_portal_may_confirm()
        )

    def _b2b_override_why(self):
        """What a manager's "Confirm Anyway" overrides, for the chatter."""
        self.ensure_one()
        if self.b2b_blocked:
            return self.env._("the customer's B2B account is not approved")
        return self._b2b_credit_error(self._b2b_credit_status()) or self.env._(
            "B2B rules"
        )

    def action_b2b_confirm_anyway(self):
        self.env["res.partner"]._b2b_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Confirm Anyway"),
            "res_model": "b2b.confirm.override.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_order_ids": self.ids},
        }
