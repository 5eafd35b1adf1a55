import hashlib
import secrets
import time
from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.http import request

#: seconds the link of "Act on Behalf" may be opened in (once)
B2B_ASSIST_TOKEN_SECONDS = 120
#: the key of the acting session's data in Odoo's session store
B2B_ASSIST_SESSION_KEY = "b2b_assist"


def hash_token(token):
    """What is stored of a token: its SHA-256 (the token itself is only in
    the link handed to the staff member)."""
    return hashlib.sha256(token.encode()).hexdigest()


class B2bAssistanceRefused(UserError):
    """Refused because the request acts on behalf of a customer (a page
    refused so answers 403 Forbidden with the message)."""

    http_status = 403


class B2bAssistanceSession(models.Model):
    """One time a staff member acted on behalf of a contact person: who, for
    whom, from when to when, and what was created or changed (``log_ids``).
    Created by ``res.partner.action_b2b_assist`` with a single-use token whose
    hash only is kept; the token starts the portal session once, within
    ``B2B_ASSIST_TOKEN_SECONDS``."""

    _name = "b2b.assistance.session"
    _description = "Acting on Behalf Session"
    _order = "id desc"
    _rec_name = "contact_id"

    staff_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Staff Member",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    contact_id = fields.Many2one(
        comodel_name="res.partner",
        string="Acting For",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    user_id = fields.Many2one(
        comodel_name="res.users",
        string="Portal User",
        required=True,
        readonly=True,
        ondelete="restrict",
    )
    company_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        readonly=True,
        index=True,
        ondelete="restrict",
    )
    start = fields.Datetime(readonly=True)
    end = fields.Datetime(readonly=True)
    expires = fields.Datetime(
        readonly=True,
        help="Until the session is started: the link's deadline; then the end "
        "of the time limit.",
    )
    end_reason = fields.Selection(
        selection=[
            ("ended", "Ended by the staff member"),
            ("logout", "Logged out"),
            ("expired", "Time limit reached"),
            ("revoked", "No longer allowed"),
        ],
        readonly=True,
    )
    token_hash = fields.Char(readonly=True, copy=False, index="btree_not_null")
    log_ids = fields.One2many(
        comodel_name="b2b.assistance.log",
        inverse_name="session_id",
        string="What Was Done",
        readonly=True,
    )
    state = fields.Selection(
        selection=[
            ("waiting", "Link not used"),
            ("open", "Acting"),
            ("ended", "Ended"),
        ],
        compute="_compute_state",
    )

    @api.depends("start", "end", "expires")
    def _compute_state(self):
        now = fields.Datetime.now()
        for session in self:
            if session.end or (session.expires and session.expires <= now):
                session.state = "ended" if session.start else "waiting"
            else:
                session.state = "open" if session.start else "waiting"

    # ------------------------------------------------------------------
    # The session of the current request
    # ------------------------------------------------------------------
    @api.model
    def _b2b_current(self):
        """The assistance session the current HTTP request acts in (sudo),
        or an empty recordset. Read from Odoo's session store, which the
        client cannot write: a context key could be set by an RPC call."""
        data = request and request.session.get(B2B_ASSIST_SESSION_KEY)
        if not data:
            return self.sudo().browse()
        return self.sudo().browse(data["id"])

    @api.model
    def _b2b_forbidden_actions(self):
        """What acting on behalf may not do: key -> the translated wording
        (completing "While acting on behalf of Anna, you cannot ...")."""
        return {
            "password": self.env._("change the password"),
            "credentials": self.env._("change a password, login or e-mail address"),
            "email": self.env._("change the e-mail address of a user"),
            "delete_account": self.env._("delete the account"),
            "payment_methods": self.env._("change bank accounts or payment methods"),
            "pay": self.env._("pay online"),
            "invite": self.env._("invite users"),
            "remove": self.env._("remove users"),
            "access": self.env._("grant roles, scopes or order limits"),
            "policy": self.env._("change who may act on the company's behalf"),
            "approve": self.env._("approve or reject orders as the customer"),
            "assist": self.env._("act on behalf of someone else"),
        }

    @api.model
    def _b2b_refusal_message(self, what):
        """When the current request acts on behalf of a customer: why
        ``what`` (a key of ``_b2b_forbidden_actions``) is refused; else
        None."""
        session = self._b2b_current()
        if not session:
            return None
        return self.env._(
            "While acting on behalf of %(contact)s, you cannot %(what)s. "
            "Only the customer can.",
            contact=session.contact_id.name,
            what=self._b2b_forbidden_actions()[what],
        )

    @api.model
    def _b2b_refuse_while_acting(self, what):
        """Raise when the current request acts on behalf of a customer:
        ``what`` is a key of ``_b2b_forbidden_actions``."""
        message = self._b2b_refusal_message(what)
        if message:
            raise B2bAssistanceRefused(message)

    @api.model
    def _b2b_banner_text(self, data):
        """The sentence of the banner on every portal page while acting
        (``data``: the acting session's data in Odoo's session store, so
        that the banner costs no query)."""
        minutes = max(int((data["expires_ts"] - time.time()) // 60), 0)
        return self.env._(
            "You are acting for %(contact)s of %(company)s (%(minutes)s min left). "
            "No password, e-mail, bank or payment changes, no user management, no "
            "approvals, no online payment.",
            contact=data["contact"],
            company=data["company"],
            minutes=minutes,
        )

    # ------------------------------------------------------------------
    # Start, check, end
    # ------------------------------------------------------------------
    @api.model
    def _b2b_create_for(self, contact):
        """A new session of the current user for ``contact`` (the policy was
        checked) and its token, which is returned and not stored."""
        token = secrets.token_urlsafe(32)
        session = self.sudo().create(
            {
                "staff_user_id": self.env.uid,
                "contact_id": contact.id,
                "user_id": contact.user_ids.filtered("share")[:1].id,
                "company_id": contact.commercial_partner_id.id,
                "token_hash": hash_token(token),
                "expires": fields.Datetime.now()
                + timedelta(seconds=B2B_ASSIST_TOKEN_SECONDS),
            }
        )
        return session, token

    @api.model
    def _b2b_redeem(self, token):
        """The session ``token`` starts, for the current user, who must be
        the staff member it was made for. The token is consumed in one
        statement (a second use finds nothing, also at the same moment).
        Raises AccessError when the token is unknown, used, expired or
        another user's, or when acting is no longer allowed."""
        refused = AccessError(
            self.env._("This link is not valid (anymore). Please start again.")
        )
        if not isinstance(token, str) or not 20 <= len(token) <= 100:
            raise refused
        minutes = self.env.company.b2b_assistance_minutes or 30
        now = fields.Datetime.now()
        self.env.cr.execute(
            """
            UPDATE b2b_assistance_session
               SET token_hash = NULL, start = %s, expires = %s
             WHERE token_hash = %s
               AND staff_user_id = %s
               AND start IS NULL
               AND "end" IS NULL
               AND expires > %s
            RETURNING id
            """,
            (
                now,
                now + timedelta(minutes=minutes),
                hash_token(token),
                self.env.uid,
                now,
            ),
        )
        row = self.env.cr.fetchone()
        if not row:
            raise refused
        session = self.sudo().browse(row[0])
        session.invalidate_recordset(["token_hash", "start", "expires"])
        refusal = session.contact_id._b2b_assistance_refusal(session.staff_user_id)
        if refusal:
            session._b2b_close("revoked")
            raise AccessError(refusal)
        session._b2b_log("started")
        return session

    def _b2b_is_open(self):
        """Started, not ended, within its time limit, and still allowed
        (the policy, the staff member's rights, the contact's account)."""
        self.ensure_one()
        return self.state == "open" and not self.contact_id._b2b_assistance_refusal(
            self.staff_user_id
        )

    def _b2b_close(self, reason):
        """End the sessions (once): ``reason`` is an ``end_reason``."""
        reasons = dict(self._fields["end_reason"]._description_selection(self.env))
        now = fields.Datetime.now()
        open_sessions = self.filtered(lambda s: not s.end)
        for session in open_sessions:
            # a session found expired ended at its time limit
            session.end = min(now, session.expires) if reason == "expired" else now
        open_sessions.write({"end_reason": reason, "token_hash": False})
        open_sessions.filtered("start")._b2b_log("ended", description=reasons[reason])

    def _b2b_close_after(self, reason):
        """Record the end of this session after its browser session was
        given back to the staff member: ``reason`` is said by the browser,
        so it is taken only where it is true (``logout`` of an open session,
        ``expired`` past the time limit, ``revoked`` when no longer
        allowed)."""
        self.ensure_one()
        if self.end or not self.start:
            return
        if self.state == "ended":
            self._b2b_close("expired")
        elif self.contact_id._b2b_assistance_refusal(self.staff_user_id):
            self._b2b_close("revoked")
        elif reason == "logout":
            self._b2b_close("logout")

    # ------------------------------------------------------------------
    # The trail
    # ------------------------------------------------------------------
    def _b2b_log(self, action, records=None, description=""):
        """Log ``action`` (``started``, ``ended``, ``created``, ``changed``)
        of ``records`` in these sessions."""
        vals_list = []
        for session in self:
            for record in records or [None]:
                vals_list.append(
                    {
                        "session_id": session.id,
                        "action": action,
                        "res_model": record._name if record else False,
                        "res_id": record.id if record else False,
                        "record_name": (record.sudo().display_name or "")[:256]
                        if record
                        else False,
                        "description": description,
                    }
                )
        self.env["b2b.assistance.log"].sudo().create(vals_list)

    @api.model
    def _b2b_log_current(self, action, records, description=""):
        """Log ``action`` of ``records`` in the session the request acts in,
        if any."""
        session = self._b2b_current()
        if session and records:
            session._b2b_log(action, records, description)
