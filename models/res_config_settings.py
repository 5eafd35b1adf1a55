from odoo import fields, models
from odoo.exceptions import UserError


class ResConfigSettings(models.TransientModel):
    _inherit = "res.config.settings"

    b2b_approval_mode = fields.Selection(
        related="company_id.b2b_approval_mode", readonly=False
    )
    b2b_sla_hours = fields.Integer(related="company_id.b2b_sla_hours", readonly=False)
    b2b_require_credit_check = fields.Boolean(
        related="company_id.b2b_require_credit_check", readonly=False
    )
    b2b_quote_sla_hours = fields.Integer(
        related="company_id.b2b_quote_sla_hours", readonly=False
    )
    b2b_subsidiary_approval = fields.Boolean(
        related="company_id.b2b_subsidiary_approval", readonly=False
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
    b2b_credit_hold_overdue_days = fields.Integer(
        related="company_id.b2b_credit_hold_overdue_days", readonly=False
    )
    b2b_credit_user_id = fields.Many2one(
        related="company_id.b2b_credit_user_id", readonly=False
    )
    b2b_quick_order_confirm = fields.Selection(
        related="company_id.b2b_quick_order_confirm", readonly=False
    )
    b2b_vat_check_vies = fields.Boolean(
        string="Check VAT Numbers with VIES",
        related="company_id.vat_check_vies",
        readonly=False,
    )
    b2b_migration_requires_approval = fields.Boolean(
        related="company_id.b2b_migration_requires_approval", readonly=False
    )
    b2b_assistance_minutes = fields.Integer(
        related="company_id.b2b_assistance_minutes", readonly=False
    )

    def set_values(self):
        self._b2b_keep_group_pricelists()
        return super().set_values()

    def _b2b_keep_group_pricelists(self):
        """Saving Settings with Pricelists unticked makes Odoo archive every
        pricelist, those of the customer groups included, which would then
        price with archived pricelists. Refuse to switch the feature off while
        groups use pricelists; where it is off although they do (a database
        from before groups switched it on), switch it on instead."""
        if self.group_product_pricelist:
            return
        groups = (
            self.env["b2b.customer.group"]
            .sudo()
            .search([("pricelist_id.active", "=", True)])
        )
        if not groups:
            return
        if not self.env["res.groups"]._is_feature_enabled(
            "product.group_product_pricelist"
        ):
            self.group_product_pricelist = True
            return
        raise UserError(
            self.env._(
                "Pricelists cannot be switched off: the customer groups "
                "%(groups)s sell with pricelists, which Odoo would archive. "
                "Remove their pricelists first.",
                groups=", ".join(groups.mapped("display_name")),
            )
        )
