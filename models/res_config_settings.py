from odoo import fields, models


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_approval_mode = fields.Selection(
        related="company_id.b2b_approval_mode", readonly=False
    )
    b2b_sla_hours = fields.Integer(related="company_id.b2b_sla_hours", readonly=False)
    b2b_require_credit_check = fields.Boolean(
        related="company_id.b2b_require_credit_check", readonly=False
    )
    b2b_customer_sequence_id = fields.Many2one(
        related="company_id.b2b_customer_sequence_id", readonly=False
    )
    b2b_approver_id = fields.Many2one(
        related="company_id.b2b_approver_id", readonly=False
    )
    b2b_approver_email = fields.Char(
        related="company_id.b2b_approver_email", readonly=False
    )
    b2b_vat_check_vies = fields.Boolean(
        string="Check VAT Numbers with VIES",
        related="company_id.vat_check_vies",
        readonly=False,
    )
    b2b_migration_requires_approval = fields.Boolean(
        related="company_id.b2b_migration_requires_approval", readonly=False
    )
