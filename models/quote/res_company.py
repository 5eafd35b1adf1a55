from odoo import fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    b2b_quote_sla_hours = fields.Integer(
        string="Quote Response Target (hours)",
        default=24,
        help="A buyer's quote request or counter-offer must be answered "
        "within this many hours.",
    )

    _b2b_quote_sla_hours_positive = models.Constraint(
        "CHECK (b2b_quote_sla_hours IS NULL OR b2b_quote_sla_hours > 0)",
        "The quote response target must be a positive number of hours.",
    )
