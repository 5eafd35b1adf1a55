from odoo import models
from odoo.http import request

from .b2b_assistance_session import B2B_ASSIST_SESSION_KEY


class IrQweb(models.AbstractModel):
    _inherit = "ir.qweb"

    def _prepare_frontend_environment(self, values):
        """Every frontend page rendered while acting on behalf of a customer
        gets the banner's sentence (``b2b_assist_banner``), written from the
        acting session's data in Odoo's session store: no query."""
        ir_qweb = super()._prepare_frontend_environment(values)
        data = request and request.session.get(B2B_ASSIST_SESSION_KEY)
        if data:
            values["b2b_assist_banner"] = ir_qweb.env[
                "b2b.assistance.session"
            ]._b2b_banner_text(data)
        return ir_qweb
