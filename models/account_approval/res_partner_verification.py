"""What staff verify about a company before approving it: department,
size, revenue and creditworthiness. Everything but the department (which the
customer types itself) is for B2B staff only: the ORM refuses it to portal
and public users, over RPC too."""

from odoo import api, fields, models

B2B_STAFF = "b2b_customer.group_b2b_user"


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_department = fields.Char(string="Department")
    b2b_company_size = fields.Selection(
        selection=[
            ("1_9", "1-9 employees"),
            ("10_49", "10-49 employees"),
            ("50_249", "50-249 employees"),
            ("250_999", "250-999 employees"),
            ("1000", "1000 or more employees"),
        ],
        string="Company Size",
        groups=B2B_STAFF,
    )
    b2b_currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_b2b_currency_id"
    )
    b2b_annual_revenue = fields.Monetary(
        string="Annual Revenue", currency_field="b2b_currency_id", groups=B2B_STAFF
    )
    b2b_credit_check = fields.Selection(
        selection=[
            ("not_checked", "Not checked"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("pre_screened", "Pre-screened"),
        ],
        string="Credit Check",
        tracking=True,
        groups=B2B_STAFF,
        help="Creditworthiness of the company. Pre-screened: checked by a "
        "payment provider (for example a single-creditor service).",
    )
    b2b_credit_check_date = fields.Date(string="Credit Checked On", groups=B2B_STAFF)
    b2b_internal_note = fields.Text(
        string="Internal Review Note",
        groups=B2B_STAFF,
        help="What the reviewers noted about this account (never shown to the "
        "customer, unlike the message to the customer).",
    )

    @api.depends("company_id")
    def _compute_b2b_currency_id(self):
        for partner in self:
            partner.b2b_currency_id = (
                partner.company_id.currency_id or self.env.company.currency_id
            )
