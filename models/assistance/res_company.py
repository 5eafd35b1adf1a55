from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    b2b_assistance_minutes = fields.Integer(
        string="Acting on Behalf Time Limit",
        default=30,
        help="Minutes a session acting on behalf of a customer lasts; it ends "
        "then by itself.",
    )
