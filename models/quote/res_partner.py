from odoo import fields, models

from ..company.res_partner import PERMISSION_SELECTION


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_perm_request_quotes = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Request Quotes",
        help="Empty: as the customer groups grant it.",
    )

    def _b2b_portal_home_values(self):
        values = super()._b2b_portal_home_values()
        values["request_quotes"] = not self._b2b_refusals("request_quotes")
        return values
