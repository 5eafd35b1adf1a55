from odoo import api, fields, models
from odoo.exceptions import UserError


class B2bReviewWizard(models.TransientModel):
    _name = "b2b.review.wizard"
    _description = "Review B2B Requests"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Accounts",
        required=True,
        domain=[("is_b2b", "=", True)],
    )
    partner_count = fields.Integer(compute="_compute_partner_count")
    decision = fields.Selection(
        selection=[
            ("approve", "Approve"),
            ("reject", "Reject"),
            ("request_info", "Ask for more information"),
        ],
        required=True,
        default="approve",
    )
    message = fields.Text(
        help="Sent to the customer by e-mail and shown on its portal page. "
        "Required to reject or to ask for information.",
    )

    @api.model
    def default_get(self, fields_list):
        values = super().default_get(fields_list)
        if (
            "partner_ids" in fields_list
            and not values.get("partner_ids")
            and self.env.context.get("active_model") == "res.partner"
        ):
            values["partner_ids"] = [(6, 0, self.env.context.get("active_ids", []))]
        return values

    @api.depends("partner_ids")
    def _compute_partner_count(self):
        for wizard in self:
            wizard.partner_count = len(wizard.partner_ids)

    def action_confirm(self):
        self.ensure_one()
        partners = self.partner_ids
        partners._b2b_check_manager()
        message = (self.message or "").strip()
        if self.decision in ("reject", "request_info") and not message:
            raise UserError(
                self.env._("Please write the customer a message explaining why.")
            )
        partners.sudo()._b2b_transition(self.decision, message=message)
        return partners._b2b_decision_notification(self.decision, close=True)
