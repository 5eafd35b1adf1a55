from odoo import fields, models


class B2bCustomerGroup(models.Model):
    _inherit = "b2b.customer.group"

    perm_request_quotes = fields.Boolean(
        string="Request Quotes",
        default=True,
        help="Members ask for quotes on the portal and negotiate them "
        "(counter-offers).",
    )
