from odoo import fields, models

from ..company.res_partner import PERMISSION_SELECTION


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_perm_request_quotes = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Request Quotes",
        help="Empty: as the customer groups grant it.",
    )

    def _b2b_may_request_quotes(self):
        """A contact of an approved B2B company, not a viewer, whose groups
        grant requesting quotes (``request_quotes``): may ask for a quote
        and counter an offer on the portal."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return bool(
            commercial != self
            and commercial.is_b2b
            and commercial.b2b_state == "approved"
            and self._b2b_may_order()
            and self.b2b_has_permission("request_quotes")
        )
