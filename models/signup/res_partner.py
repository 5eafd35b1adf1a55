"""Requests made on the portal: a B2B account for the person's company,
joining an existing B2B customer, and the e-mail verification link."""

import json
import re
from datetime import timedelta

from odoo import api, fields, models, tools
from odoo.exceptions import UserError, ValidationError
from odoo.tools import SQL

from odoo.addons.base_vat.models.res_partner import EU_EXTRA_VAT_CODES_INV, _ref_vat

from ...exceptions import B2BFieldError
from ..res_partner import B2B_MAX_INPUT_LENGTH

#: scope of the signed e-mail verification tokens (``tools.hash_sign``)
B2B_VERIFY_SCOPE = "b2b_customer.verify_email"
#: inputs of a B2B request (sign-up and upgrade), as res.partner names
B2B_REQUEST_FIELDS = ("company_name", "vat", "company_registry", "b2b_department")
#: longest accepted value of a request input (anything longer is refused)


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_email_verified = fields.Boolean(
        string="E-mail Verified", copy=False, readonly=True
    )

    b2b_email_verified_date = fields.Datetime(
        string="E-mail Verified On", copy=False, readonly=True
    )

    b2b_join_company_id = fields.Many2one(
        comodel_name="res.partner",
        string="Asks to Join",
        copy=False,
        index="btree_not_null",
        help="This person signed up with the VAT number of this existing "
        "customer and waits for its administrator or the shop to accept them.",
    )

    b2b_join_request_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="b2b_join_company_id",
        string="Join Requests",
    )

    b2b_verify_token_expiry = fields.Datetime(
        copy=False,
        groups="base.group_system",
        help="Expiry of the one verification link that works (the newest); "
        "empty once it was used.",
    )

    b2b_verify_sent_date = fields.Datetime(
        string="Verification Sent On", copy=False, readonly=True
    )

    def _company_dependent_commercial_sync(self):
        """A person signing up is created under the company created by the
        same sign-up (``b2b_signup_company_ids`` in the context): that
        company has no value of its own in the other companies, so there is
        nothing to copy to the person there (Odoo would read and write the
        values of each other company: both would show the same defaults)."""
        new_companies = self.env.context.get("b2b_signup_company_ids")
        if new_companies and set(self.commercial_partner_id.ids) <= set(new_companies):
            return None
        return super()._company_dependent_commercial_sync()

    @api.model
    def _b2b_normalize_vat(self, vat):
        return re.sub(r"[^A-Za-z0-9]", "", vat or "").upper()

    @api.model
    def _b2b_find_approved_by_vat(self, vat):
        """The approved B2B customer that already has this VAT number."""
        normalized = self._b2b_normalize_vat(vat)
        if not normalized:
            return self.browse()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE is_b2b IS TRUE AND b2b_state = 'approved' AND active
                   AND regexp_replace(upper(vat), '[^A-Z0-9]', '', 'g') = %s
                 ORDER BY id LIMIT 1
                """,
                normalized,
            )
        )
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    @api.model
    def _b2b_country_from_vat(self, vat):
        """The country a VAT number's prefix names (EL is Greece)."""
        prefix = self._b2b_normalize_vat(vat)[:2]
        prefix = EU_EXTRA_VAT_CODES_INV.get(prefix, prefix)
        if len(prefix) != 2 or not prefix.isalpha():
            return self.env["res.country"]
        return self.env["res.country"].search([("code", "=", prefix)], limit=1)

    @api.model
    def _b2b_prepare_company_vals(self, values, person, check_vat=True):
        """Values of the company created by a portal B2B request
        (extension point). The country comes from the person, else from the
        VAT number's prefix, so that base_vat validates the number. With
        ``check_vat=False`` the caller leaves the check to the creation
        (base_vat checks the number again there) and explains a refusal with
        ``_b2b_check_vat``."""
        country = person.country_id or self._b2b_country_from_vat(values["vat"])
        if not country:
            raise B2BFieldError(
                "vat",
                self.env._(
                    "Please enter the VAT number with its country code, "
                    "for example DE123456788."
                ),
            )
        if check_vat:
            self._b2b_check_vat(values["vat"], country)
        return {
            "name": values["company_name"],
            "is_company": True,
            "vat": values["vat"],
            "company_registry": values.get("company_registry") or False,
            "b2b_department": values.get("b2b_department") or False,
            "email": person.email,
            "phone": person.phone,
            "lang": person.lang,
            "country_id": country.id,
            "street": person.street,
            "city": person.city,
            "zip": person.zip,
        }

    @api.model
    def _b2b_check_request_values(self, values):
        """The company inputs of a B2B request (sign-up or upgrade), checked;
        raises a translated UserError."""
        if not values.get("company_name") or not values.get("vat"):
            raise UserError(
                self.env._("A B2B account needs the company name and its VAT number.")
            )
        if any(
            len(values.get(f) or "") > B2B_MAX_INPUT_LENGTH for f in B2B_REQUEST_FIELDS
        ):
            raise UserError(self.env._("Some of the company details are too long."))
        return values

    def _b2b_request_upgrade(self, values):
        """The portal user's partner (self) asks on ``/my/b2b`` for the B2B
        account of its company: checked, then as ``_b2b_request_from_portal``.
        """
        self.ensure_one()
        self._b2b_check_request_values(values)
        return self._b2b_request_from_portal(values)

    @api.model
    def _b2b_check_vat(self, vat, country):
        """Raise a short message about the VAT number as it was typed, with
        the format expected in ``country`` (base_vat's check)."""
        try:
            self._run_vat_checks(country, vat, validation="error")
        except ValidationError:
            code = (self._b2b_country_from_vat(vat) or country).code or ""
            example = _ref_vat.get(code.lower())
            if example:
                message = self.env._(
                    "%(vat)s is not a valid VAT number for %(country)s. "
                    "Expected format: %(example)s.",
                    vat=vat,
                    country=country.name,
                    example=example,
                )
            else:
                message = self.env._(
                    "%(vat)s is not a valid VAT number for %(country)s.",
                    vat=vat,
                    country=country.name,
                )
            raise B2BFieldError("vat", message) from None

    def _b2b_request_from_portal(self, values):
        """A person (self, a portal user's partner) asks for a B2B account for
        its company. Returns ``("request", company)`` when a request was made,
        ``("join", company)`` when the VAT belongs to an approved customer:
        the person then waits for that company's administrator or the shop
        to accept it as a colleague. No access check: callers check."""
        self.ensure_one()
        person = self.sudo()
        existing = self._b2b_find_approved_by_vat(values["vat"])
        if existing and existing != person.commercial_partner_id:
            person.write({"b2b_join_company_id": existing.id, "b2b_role": "user"})
            existing._b2b_notify_join_request(person)
            return "join", existing
        commercial = person.commercial_partner_id
        if commercial == person:
            company = person.create(self._b2b_prepare_company_vals(values, person))
            person.write({"parent_id": company.id, "b2b_role": "admin"})
            company.is_b2b = True
        else:
            company = commercial
            vals = self._b2b_prepare_company_vals(values, person)
            company.write(
                {
                    key: vals[key]
                    for key in ("name", "vat", "company_registry", "b2b_department")
                }
                | ({} if company.country_id else {"country_id": vals["country_id"]})
            )
            if not company.child_ids.filtered(lambda c: c.b2b_role == "admin"):
                person.b2b_role = "admin"
            if not company.is_b2b or not company.b2b_state:
                company.is_b2b = True
                if company.b2b_state != "pending":
                    company._b2b_start_request()
            elif company.b2b_state == "rejected":
                company._b2b_start_request()
        return "request", company

    def _b2b_notify_join_request(self, person):
        """Tell the company's administrators (each in their language) that
        ``person`` asks to join this company; the request shows in the
        company's chatter for the shop."""
        self.ensure_one()
        admins = self.sudo().child_ids.filtered(
            lambda c: c.b2b_role == "admin" and c.email
        )
        self.env.ref("b2b_customer.mail_template_b2b_join_request")._b2b_queue(
            admins, thread_of=lambda admin: admin.commercial_partner_id
        )
        self.sudo().message_post(
            body=self.env._(
                "%(person)s (%(email)s) signed up with this company's VAT number "
                "and asks to join it.",
                person=person.name,
                email=person.email or "-",
            ),
            subtype_xmlid="mail.mt_note",
        )

    def _b2b_approve_contact(self):
        """Accept persons who asked to join a company: they become its
        contacts (users, not administrators). No access check."""
        for person in self.sudo().filtered("b2b_join_company_id"):
            company = person.b2b_join_company_id
            person.write(
                {
                    "parent_id": company.id,
                    "b2b_join_company_id": False,
                    "b2b_role": "user",
                }
            )
            company.message_post(
                body=self.env._(
                    "%(person)s joined the company account.", person=person.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _b2b_decline_contact(self):
        """Refuse a join request: the person keeps its own account, detached."""
        for person in self.sudo().filtered("b2b_join_company_id"):
            company = person.b2b_join_company_id
            person.write({"b2b_join_company_id": False})
            company.message_post(
                body=self.env._(
                    "The request of %(person)s to join was declined.",
                    person=person.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_b2b_approve_contact(self):
        self._b2b_check_staff()
        return self._b2b_approve_contact()

    def action_b2b_decline_contact(self):
        self._b2b_check_staff()
        return self._b2b_decline_contact()

    def _b2b_verify_token_days(self):
        days = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("b2b_customer.verify_token_days", "7")
        )
        try:
            return max(int(days), 1)
        except ValueError:
            return 7

    def _b2b_make_verify_token(self, expiry):
        """A token signed by the database secret (``tools.hash_sign``, as
        auth_signup's tokens) naming the partner, its address and the expiry
        stored on the partner: only the newest link works, and only once."""
        self.ensure_one()
        payload = [self.id, self.email, int(expiry.timestamp())]
        return tools.hash_sign(self.sudo().env, B2B_VERIFY_SCOPE, payload)

    def _b2b_send_email_verification(self):
        """Queue for each partner a verification link, at most once a minute.
        Returns the partners a mail was queued for. No access check."""
        now = fields.Datetime.now()
        sent = self.browse()
        template = self.env.ref("b2b_customer.mail_template_b2b_verify_email")
        for partner in self.sudo():
            if not partner.email:
                raise UserError(
                    self.env._(
                        "%(name)s has no e-mail address to verify.", name=partner.name
                    )
                )
            if (
                partner.b2b_verify_sent_date
                and (now - partner.b2b_verify_sent_date).total_seconds() < 60
            ):
                continue
            expiry = (now + timedelta(days=partner._b2b_verify_token_days())).replace(
                microsecond=0
            )
            partner.write(
                {"b2b_verify_token_expiry": expiry, "b2b_verify_sent_date": now}
            )
            token = partner._b2b_make_verify_token(expiry)
            template.with_context(b2b_verify_token=token)._b2b_queue(
                partner, email_values={"recipient_ids": [(6, 0, partner.ids)]}
            )
            sent |= partner
        return sent

    def action_b2b_send_email_verification(self):
        self._b2b_check_staff()
        sent = self._b2b_send_email_verification()
        message = (
            self.env._("The verification e-mail is queued.")
            if sent
            else self.env._("A verification e-mail was sent less than a minute ago.")
        )
        return self._b2b_notification(message, kind="success" if sent else "warning")

    @api.model
    def _b2b_verify_email(self, token):
        """Check a verification token. Returns ``(status, partner)`` with
        status ``verified``, ``expired`` or ``invalid``; a token works once,
        for the address it was sent to."""
        if not token or len(token) > 2000:
            return "invalid", self.browse()
        try:
            payload = tools.verify_hash_signed(self.sudo().env, B2B_VERIFY_SCOPE, token)
        except (ValueError, TypeError, UnicodeDecodeError, json.JSONDecodeError):
            payload = None
        if not isinstance(payload, list) or len(payload) != 3:
            return "invalid", self.browse()
        partner_id, email, expiry_ts = payload
        partner = (
            self.sudo().with_context(active_test=False).browse(partner_id).exists()
            if isinstance(partner_id, int)
            else self.browse()
        )
        expiry = partner.b2b_verify_token_expiry
        if (
            not partner
            or not expiry
            or partner.email != email
            or int(expiry.timestamp()) != expiry_ts
        ):
            return "invalid", self.browse()
        if expiry < fields.Datetime.now():
            partner.write({"b2b_verify_token_expiry": False})
            return "expired", partner
        partner.write(
            {
                "b2b_verify_token_expiry": False,
                "b2b_email_verified": True,
                "b2b_email_verified_date": fields.Datetime.now(),
            }
        )
        partner.message_post(
            body=self.env._("E-mail address %(email)s verified.", email=partner.email),
            subtype_xmlid="mail.mt_note",
        )
        return "verified", partner

    def _b2b_verification_url(self):
        token = self.env.context.get("b2b_verify_token")
        return f"{self.get_base_url()}/b2b/verify/{token}" if token else False
