import werkzeug

from odoo import models
from odoo.http import request

from .b2b_assistance_session import B2B_ASSIST_SESSION_KEY
from .http_session import stop_acting

#: routes refused while acting on behalf of a customer (as declared): what
#: they do (a key of ``_b2b_forbidden_actions``); the models refuse the same
#: over RPC
B2B_ASSIST_FORBIDDEN_ROUTES = {
    "/my/deactivate_account": "delete_account",
    "/my/payment_method": "payment_methods",
    "/payment/archive_token": "payment_methods",
    "/my/company/invite": "invite",
    "/my/company/<int:partner_id>/remove": "remove",
    "/my/company/<int:partner_id>/role": "access",
    "/my/company/assistance": "policy",
    "/my/approvals/<int:order_id>/<any(approve,reject):decision>": "approve",
    "/my/approvals/bulk/<any(approve,reject):decision>": "approve",
}
#: the routes that end the acting session
B2B_ASSIST_LOGOUT_ROUTES = {"/web/session/logout"}


class IrHttp(models.AbstractModel):
    _inherit = "ir.http"

    @classmethod
    def _authenticate(cls, endpoint):
        """An acting session that ended meanwhile (its time limit, a
        colleague's change of the policy, the contact suspended), or that
        logs out, gives the browser the staff member's session back."""
        data = request.session.get(B2B_ASSIST_SESSION_KEY)
        if data and request.session.uid:
            routes = set(endpoint.routing.get("routes") or ())
            if routes & B2B_ASSIST_LOGOUT_ROUTES:
                cls._b2b_assist_end(data, "logout")
            session = request.env["b2b.assistance.session"].sudo().browse(data["id"])
            if not session.exists() or not session._b2b_is_open():
                cls._b2b_assist_end(
                    data, "expired" if session.state == "ended" else "revoked"
                )
        return super()._authenticate(endpoint)

    @classmethod
    def _b2b_assist_end(cls, data, reason):
        """Give the browser the staff member's session back and send it to
        the route that records the end of the acting session ``data`` (this
        request may be read-only, and it is answered by a redirect, which
        rolls back what it wrote)."""
        session = request.env["b2b.assistance.session"].sudo().browse(data["id"])
        session = session.exists()
        restored = stop_acting(session.staff_user_id.id)
        url = f"/b2b/assist/{session.id}/closed/{reason}" if restored else "/web/login"
        werkzeug.exceptions.abort(request.redirect(url, 303))

    @classmethod
    def _pre_dispatch(cls, rule, args):
        res = super()._pre_dispatch(rule, args)
        if request.session.get(B2B_ASSIST_SESSION_KEY):
            routes = rule.endpoint.routing.get("routes") or ()
            for route in routes:
                what = B2B_ASSIST_FORBIDDEN_ROUTES.get(route)
                if what:
                    request.env["b2b.assistance.session"]._b2b_refuse_while_acting(what)
        return res
