from odoo import fields, models
from odoo.exceptions import UserError


class B2bConfirmOverrideWizard(models.TransientModel):
    _name = "b2b.confirm.override.wizard"
    _description = "Confirm Orders that B2B Rules Hold Back"

    order_ids = fields.Many2many(
        comodel_name="sale.order", string="Orders", required=True
    )
    reason = fields.Text(required=True, help="Logged in the order's chatter.")

    def action_confirm(self):
        self.ensure_one()
        self.env["res.partner"]._b2b_check_manager()
        reason = (self.reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason for confirming anyway."))
        for order in self.order_ids:
            order.message_post(
                body=self.env._(
                    "Confirmed anyway (%(why)s). Reason: %(reason)s",
                    why=order._b2b_override_why(),
                    reason=reason,
                ),
                subtype_xmlid="mail.mt_note",
            )
        self.order_ids.with_context(b2b_confirm_override=True).action_confirm()
        return {"type": "ir.actions.act_window_close"}
