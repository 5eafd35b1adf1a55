import logging

from odoo import http
from odoo.exceptions import UserError
from odoo.http import request

from odoo.addons.auth_signup.controllers.main import AuthSignupHome

from ..exceptions import B2BFieldError
from .form import check_form_input, read_form

_logger = logging.getLogger(__name__)

B2B_SIGNUP_FIELDS = (
    "is_b2b",
    "company_name",
    "vat",
    "company_registry",
    "b2b_department",
)
#: inputs of Odoo's own sign-up form checked for characters that are not
#: allowed (the password may hold anything but those)
SIGNUP_TEXT_FIELDS = (
    "login",
    "name",
    "password",
    "confirm_password",
    *B2B_SIGNUP_FIELDS,
)
#: inputs the sign-up form shows again as they were typed
SIGNUP_SHOWN_FIELDS = ("login", "name", *B2B_SIGNUP_FIELDS)


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

    def do_signup(self, qcontext, do_login=True):
        try:
            check_form_input(qcontext, SIGNUP_TEXT_FIELDS)
        except UserError:
            # the form comes back with what was typed, the refused
            # characters left out (passwords are never shown again)
            qcontext.update(read_form(qcontext, SIGNUP_SHOWN_FIELDS))
            raise
        if not qcontext.get("is_b2b") or qcontext.get("token"):
            return super().do_signup(qcontext, do_login=do_login)
        env = request.env
        env["b2b.throttle"]._check_and_hit(
            "signup", email=qcontext.get("login"), ip=request.httprequest.remote_addr
        )
        b2b_values = env["res.partner"]._b2b_check_request_values(
            read_form(qcontext, B2B_SIGNUP_FIELDS[1:])
        )
        values = self._prepare_signup_values(qcontext)
        try:
            login, password, outcome, company = env["res.users"]._b2b_signup(
                values, b2b_values
            )
        except B2BFieldError as error:
            # shown next to the input (the page also shows it as the error)
            qcontext["b2b_field_errors"] = {error.field: error.args[0]}
            raise
        _logger.info("B2B sign-up of %s for %s (%s)", login, company.name, outcome)
        if do_login:
            request.session.authenticate(
                env, {"login": login, "password": password, "type": "password"}
            )
        # One commit at the end, as Odoo's own sign-up does: the follow-up job
        # the sign-up triggered starts at this commit, in the cron thread, and
        # writes the new partners; a commit before the login (which writes the
        # browser's time zone on the new person) made the rest of this request
        # fail on a serialization error and Odoo's retry on the login taken.
        env.cr.commit()
