import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

_logger = logging.getLogger(__name__)

B2B_SIGNUP_FIELDS = (
    "is_b2b",
    "company_name",
    "vat",
    "company_registry",
    "b2b_department",
)
#: longest accepted value of a sign-up input (anything longer is refused)
MAX_INPUT_LENGTH = 256


class B2BAuthSignupHome(AuthSignupHome):
    """``/web/signup`` with a "Create a B2B account" option."""

    def get_auth_signup_qcontext(self):
        qcontext = super().get_auth_signup_qcontext()
        for fname in B2B_SIGNUP_FIELDS:
            if fname in request.params:
                qcontext[fname] = request.params[fname]
        return qcontext

    @http.route()
    def web_auth_signup(self, *args, **kw):
        if request.httprequest.method == "POST" and kw.get("is_b2b"):
            kw["redirect"] = "/my/b2b"
        return super().web_auth_signup(*args, **kw)

    @staticmethod
    def _b2b_check_signup_values(qcontext):
        """The B2B inputs of the form, checked; raises a translated UserError."""
        env = request.env
        values = {
            fname: (qcontext.get(fname) or "").strip()
            for fname in B2B_SIGNUP_FIELDS
            if fname != "is_b2b"
        }
        if not values["company_name"] or not values["vat"]:
            raise UserError(
                env._("A B2B account needs the company name and its VAT number.")
            )
        if any(len(value) > MAX_INPUT_LENGTH for value in values.values()):
            raise UserError(env._("Some of the company details are too long."))
        return values

    def do_signup(self, qcontext, do_login=True):
        if not qcontext.get("is_b2b") or qcontext.get("token"):
            return super().do_signup(qcontext, do_login=do_login)
        env = request.env
        env["b2b.throttle"]._check_and_hit(
            "signup", email=qcontext.get("login"), ip=request.httprequest.remote_addr
        )
        b2b_values = self._b2b_check_signup_values(qcontext)
        values = self._prepare_signup_values(qcontext)
        login, password, outcome, company = env["res.users"]._b2b_signup(
            values, b2b_values
        )
        env.cr.commit()
        _logger.info(
            "B2B sign-up of %s for %s (%s)", login, company.display_name, outcome
        )
        if do_login:
            request.session.authenticate(
                env, {"login": login, "password": password, "type": "password"}
            )
