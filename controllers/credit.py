"""The company's credit on the portal's home page (the tile): read by the
controller, shown by ``b2b_customer.portal_my_home_credit``."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2BCreditPortal(CustomerPortal):
    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if request.env.user.share and hasattr(response, "qcontext"):
            response.qcontext["b2b_home_credit"] = (
                request.env.user.partner_id._b2b_portal_credit()
            )
        return response
