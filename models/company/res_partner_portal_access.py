"""Portal access of contact persons: grant, send credentials, revoke.

Every mail is queued (Odoo's mail queue sends and retries it): an
unreachable mail server never stops a contact from being invited. Why not
Odoo's ``portal.wizard``: its invitation is sent inline
(``send_mail(force_send=True)``), so a mail server that is down fails the
grant, and it works one contact at a time."""

import re

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import email_normalize

#: one plain address: local part, @, a domain with a dot (checked after
#: Odoo's ``email_normalize``, which also accepts ``name@localhost``: no mail
#: server of a customer's company accepts that)
B2B_EMAIL_RE = re.compile(
    r"^[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_portal_access = fields.Selection(
        selection=[
            ("none", "No access"),
            ("invited", "Invited"),
            ("active", "Active"),
            ("revoked", "Revoked"),
        ],
        string="Portal Access",
        compute="_compute_b2b_portal_access",
    )
    b2b_last_login = fields.Datetime(
        string="Last Login", compute="_compute_b2b_portal_access"
    )

    def _compute_b2b_portal_access(self):
        users = self.sudo().with_context(active_test=False).user_ids
        users.fetch(["active", "login_date", "partner_id", "share"])
        by_partner = {user.partner_id.id: user for user in users}
        for partner in self:
            user = by_partner.get(partner._origin.id)
            if not user:
                partner.b2b_portal_access = "none"
            elif not user.active:
                partner.b2b_portal_access = "revoked"
            elif user.login_date:
                partner.b2b_portal_access = "active"
            else:
                partner.b2b_portal_access = "invited"
            partner.b2b_last_login = user.login_date if user else False

    @api.model
    def _b2b_valid_email(self, value):
        """The normalized address, or False when it is not one address a
        mail server would accept (at most 254 characters)."""
        email = email_normalize(value or "", strict=True)
        if not email or len(email) > 254 or not B2B_EMAIL_RE.match(email):
            return False
        return email

    def _b2b_grant_portal_access(self):
        """Give each contact a portal user (created, or reactivated and put in
        the portal group), without sending anything. Returns the users (sudo).

        No access check: callers check who may grant access.
        """
        group_portal = self.env.ref("base.group_portal")
        group_public = self.env.ref("base.group_public")
        users = self.env["res.users"].sudo()
        for partner in self:
            email = email_normalize(partner.email)
            if not email:
                raise UserError(
                    self.env._(
                        "%(name)s needs a valid e-mail address to log in to the "
                        "portal.",
                        name=partner.display_name,
                    )
                )
            user = partner.sudo().with_context(active_test=False).user_ids[:1]
            if not user:
                clash = users.with_context(active_test=False).search(
                    [("login", "=", email)], limit=1
                )
                if clash:
                    raise UserError(
                        self.env._(
                            "The e-mail address %(email)s is already the login of "
                            "another user.",
                            email=email,
                        )
                    )
                company = partner.company_id or self.env.company
                user = (
                    users.with_company(company)
                    .with_context(no_reset_password=True)
                    ._create_user_from_template(
                        {
                            "email": email,
                            "login": email,
                            "partner_id": partner.id,
                            "company_id": company.id,
                            "company_ids": [(6, 0, company.ids)],
                        }
                    )
                )
            elif not user.active or (not user._is_internal() and not user._is_portal()):
                user.write(
                    {
                        "active": True,
                        "group_ids": [(4, group_portal.id), (3, group_public.id)],
                    }
                )
            users |= user
        return users

    def _b2b_send_credentials(self, inviter=None):
        """Grant portal access if needed and queue one e-mail per contact: an
        invitation to pick a password for a new user, a link to reset it for
        a user who logged in before (whose password stops working at once).

        ``inviter`` (res.users, default: the current user) is named in the
        invitation. Returns the users (sudo). No access check."""
        users = self._b2b_grant_portal_access()
        inviter = inviter or self.env.user
        portal_users = users.filtered(lambda u: not u._is_internal())
        invited = portal_users.filtered(lambda u: not u.login_date)
        returning = portal_users - invited
        returning._b2b_scramble_password()
        invited.partner_id.signup_prepare(signup_type="signup")
        returning.partner_id.signup_prepare(signup_type="reset")
        context = {"b2b_inviter_name": inviter.name}
        for template_xmlid, recipients in (
            ("b2b_customer.mail_template_b2b_invitation", invited),
            ("b2b_customer.mail_template_b2b_credentials_reset", returning),
        ):
            self.env.ref(template_xmlid).with_context(**context)._b2b_queue(recipients)
        for partner in self:
            partner.message_post(
                body=self.env._(
                    "Portal credentials sent to %(email)s.", email=partner.email
                ),
                subtype_xmlid="mail.mt_note",
            )
        return users

    def action_b2b_send_credentials(self):
        """On a contact person: grant portal access if needed, reset the
        password and queue the invitation (nothing is sent when a contact is
        merely added)."""
        self._b2b_check_staff()
        self.sudo()._b2b_send_credentials()
        return self._b2b_notification(
            self.env._(
                "The invitation is queued: Odoo's mail queue sends it within "
                "minutes (Settings > Technical > Emails)."
            ),
            close=True,
        )

    def _b2b_revoke_portal_access(self):
        """Archive the contacts' portal users (the contacts stay)."""
        users = (
            self.sudo()
            .with_context(active_test=False)
            .user_ids.filtered(lambda u: not u._is_internal())
        )
        self.sudo().write({"signup_type": False})
        users.write({"active": False})
        return users

    def action_b2b_revoke_access(self):
        self._b2b_check_staff()
        self._b2b_revoke_portal_access()
        for partner in self:
            partner.message_post(
                body=self.env._("Portal access revoked."), subtype_xmlid="mail.mt_note"
            )
        return self._b2b_notification(self.env._("Portal access revoked."))
