from odoo import fields, models


class B2bCreditHoldWizard(models.TransientModel):
    _name = "b2b.credit.hold.wizard"
    _description = "Put B2B Accounts on Credit Hold"

    partner_ids = fields.Many2many(
        comodel_name="res.partner", string="Companies", required=True
    )
    reason = fields.Char(
        required=True, help="Shown on the account and logged in its chatter."
    )

    def action_confirm(self):
        self.ensure_one()
        partners = self.env["res.partner"]
        partners._b2b_check_credit_manager()
        held = self.partner_ids.commercial_partner_id.sudo()._b2b_credit_set_hold(
            self.reason
        )
        return partners._b2b_notification(
            self.env._("%(count)s account(s) put on credit hold.", count=len(held)),
            close=True,
        )
