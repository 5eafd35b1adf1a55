import secrets

from psycopg2 import IntegrityError

from odoo import api, fields, models
from odoo.exceptions import AccessDenied, MissingError, UserError, ValidationError
from odoo.http import request

from odoo.addons.auth_signup.models.res_partner import SignupError


class ResUsers(models.Model):
    _inherit = "res.users"

    b2b_suspended = fields.Boolean(
        string="B2B Account Suspended",
        copy=False,
        readonly=True,
        help="The user's company B2B account is suspended: the user cannot log in.",
    )

    @api.model
    def _b2b_signup(self, values, b2b_values):
        """Create the portal user of a B2B sign-up with its company request,
        all or nothing. Returns ``(login, password, outcome, company)``;
        refusals (an invalid VAT, the same form sent twice at once) come as
        a translated ``UserError`` and leave no record behind."""
        # the approvers' activity and mail, and the verification link, are
        # left to the scheduled action "B2B: request follow-up"
        Users = self.sudo().with_context(b2b_defer_followup=True)
        try:
            with self.env.cr.savepoint():
                company = Users._b2b_signup_company(values, b2b_values)
                # the person is flagged for its verification link
                values = {**values, "b2b_followup_pending": True}
                if company:
                    # the person is created as the new company's administrator
                    # (re-parenting it afterwards costs Odoo's commercial sync)
                    values.update(parent_id=company.id, b2b_role="admin")
                # Odoo's sign-up without a token (``signup``), keeping the
                # user it creates instead of looking it up by its login
                values["email"] = values.get("email") or values.get("login")
                user = Users.with_context(
                    b2b_signup_company_ids=company.ids
                )._signup_create_user(values)
                login, password = values.get("login"), values.get("password")
                if company:
                    outcome = "request"
                    company._b2b_on_request_recorded()
                else:
                    outcome, company = user.partner_id._b2b_request_from_portal(
                        b2b_values
                    )
                Users.env["res.partner"]._b2b_trigger_followup()
        except ValidationError as error:
            # e.g. base_vat refusing the VAT number: said next to the input,
            # with the format expected, else shown on the form
            Partner = self.env["res.partner"].sudo()
            country = Partner._b2b_country_from_vat(b2b_values["vat"])
            if country:
                Partner._b2b_check_vat(b2b_values["vat"], country)
            raise UserError(error.args[0]) from error
        except (SignupError, IntegrityError) as error:
            # the login exists, or was committed meanwhile by a concurrent
            # request (the same form sent twice)
            cause = error if isinstance(error, IntegrityError) else error.__context__
            login_taken = (
                isinstance(cause, IntegrityError)
                and cause.diag.constraint_name == "res_users_login_key"
            ) or Users.with_context(active_test=False).search_count(
                Users._get_login_domain(values.get("login")), limit=1
            )
            if not login_taken:
                raise
            raise UserError(
                self.env._(
                    "Another user is already registered using this email "
                    "address. Please log in or reset your password."
                )
            ) from error
        return login, password, outcome, company

    @api.model
    def _b2b_signup_company(self, values, b2b_values):
        """The company of a B2B sign-up, created before its person unless the
        VAT number belongs to an approved customer (the person then asks to
        join it: empty result). It is created with its request recorded
        (``_b2b_prepare_request_vals``) and flagged for its follow-up:
        written afterwards, when the person exists, the request would cost
        Odoo's updates of the company's contacts and a tracking message
        about values this very request set."""
        Partner = self.env["res.partner"].sudo()
        if Partner._b2b_find_approved_by_vat(b2b_values["vat"]):
            return Partner
        person = Partner.new(
            {
                "email": values.get("email") or values.get("login"),
                "lang": values.get("lang"),
            }
        )
        # the VAT number is checked by the creation (base_vat), once
        vals = Partner._b2b_prepare_company_vals(b2b_values, person, check_vat=False)
        vals["is_b2b"] = True
        vals.update(Partner.new(vals)._b2b_prepare_request_vals())
        vals["b2b_followup_pending"] = True
        # its request is the first line of its chatter (no "created" line)
        return Partner.with_context(mail_create_nolog=True).create(vals)

    def _compute_session_token(self, sid):
        """No session of a suspended user is valid: suspending a company ends
        its users' running sessions at their next request (Odoo checks the
        token on each one and logs the session out). The flag is read from
        the user's row, which the request reads anyway, instead of being one
        of the session token's fields: a change of those clears the caches
        of every worker (Odoo caches the token per session), and suspensions
        and reactivations would do that each time."""
        try:
            suspended = self.sudo().b2b_suspended
        except MissingError:
            suspended = False  # Odoo's own check refuses the session
        if suspended:
            return False
        return super()._compute_session_token(sid)

    def _b2b_is_suspended(self):
        self.ensure_one()
        commercial = self.partner_id.commercial_partner_id
        return self.share and (
            self.b2b_suspended
            or (commercial.is_b2b and commercial.b2b_state == "suspended")
        )

    def _check_credentials(self, credential, env):
        auth_info = super()._check_credentials(credential, env)
        # the password was right: only now say why the door stays closed
        # (like Odoo, the checked user is self, or the session user)
        user = self[:1] or self.env.user
        if user._b2b_is_suspended():
            # in the language of the page the person logs in on (the
            # environment here is the user's, whose company may speak another)
            lang = (request and request.env.lang) or user.lang
            raise AccessDenied(
                self.with_context(lang=lang).env._(
                    "Your company's account is suspended. Please contact us."
                )
            )
        return auth_info

    def _b2b_scramble_password(self):
        """Replace the users' passwords by random ones, so that the old ones
        stop working at once, without Odoo's "password changed" alert: the
        reset mail that follows tells the user what happened. Their sessions
        end (the session token covers the password hash)."""
        context = self._crypt_context()
        for user in self:
            self._set_encrypted_password(
                user.id, context.hash(secrets.token_urlsafe(32))
            )
