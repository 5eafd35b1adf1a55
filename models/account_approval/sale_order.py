"""The buy-block: orders of B2B accounts that are not approved are not
signed, paid or confirmed (the order gate's ``account_not_approved``),
except by a B2B manager's "Confirm Anyway" with a logged reason."""

from odoo import api, fields, models

from ..sale_order import b2b_blocker

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

    def _b2b_account_blockers(self, step):
        """The order gate's hook: the customer's B2B account is not approved
        (signing, paying, confirming; after a signature or a payment,
        ``action_confirm`` says so)."""
        if step == "validate" or not self.b2b_blocked:
            return []
        commercial = self.partner_id.commercial_partner_id
        if self.env.user.share:
            message = self.env._(
                "The B2B account of %(customer)s is not approved yet: its orders "
                "cannot be accepted, paid or confirmed until it is. We will tell "
                "you as soon as it is approved.",
                customer=commercial.display_name,
            )
        else:
            state = dict(
                commercial._fields["b2b_state"]._description_selection(self.env)
            ).get(commercial.b2b_state)
            message = self.env._(
                "The B2B account of %(customer)s is not approved (%(state)s): its "
                "orders cannot be confirmed yet. A B2B manager can use "
                '"Confirm Anyway" with a reason.',
                customer=commercial.display_name,
                state=state,
            )
        blocker = b2b_blocker("account_not_approved", message, override=True)
        blocker["why"] = self.env._("the customer's B2B account is not approved")
        return [blocker]

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
