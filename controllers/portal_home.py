"""The portal's home page (``/my``): what its B2B tiles show is read by the
controller from ``res.partner._b2b_portal_home_values`` (the templates call
no model method)."""

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2BPortalHome(CustomerPortal):
    @http.route()
    def home(self, **kw):
        response = super().home(**kw)
        if request.env.user.share and hasattr(response, "qcontext"):
            response.qcontext["b2b_home"] = (
                request.env.user.partner_id._b2b_portal_home_values()
            )
        return response
