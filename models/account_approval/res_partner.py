"""The approval of B2B accounts: request, review deadline, decisions and
suspension (the state machine). Who is told is in
``res_partner_approval_notify.py``, customer numbers in
``res_partner_customer_number.py``."""

from collections import namedtuple
from datetime import UTC, timedelta

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ...locks import lock_rows

#: fields only a B2B manager (or the system) may write directly; everyone
#: else goes through the transitions below
B2B_DECISION_FIELDS = {
    "b2b_state",
    "b2b_decision_date",
    "b2b_decided_by_id",
}

Transition = namedtuple("Transition", "sources target hook")

#: what each transition of a B2B account does: the states it starts from, the
#: state it leads to (None: the state stays) and the hook called afterwards
B2B_TRANSITIONS = {
    "approve": Transition(
        (False, "pending", "rejected"), "approved", "_b2b_on_decided"
    ),
    "reject": Transition(
        ("pending", "approved", "suspended"), "rejected", "_b2b_on_decided"
    ),
    "request_info": Transition(("pending",), None, "_b2b_on_decided"),
    "suspend": Transition(("approved",), "suspended", "_b2b_on_suspended"),
    "reactivate": Transition(("suspended",), "approved", "_b2b_on_reactivated"),
}

#: the customer's decision mail of each transition
B2B_DECISION_TEMPLATES = {
    "approve": "b2b_customer.mail_template_b2b_approved",
    "reject": "b2b_customer.mail_template_b2b_rejected",
    "request_info": "b2b_customer.mail_template_b2b_request_info",
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_request_date = fields.Datetime(string="Requested On", copy=False, readonly=True)
    b2b_deadline = fields.Datetime(
        string="Review Deadline",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The request should be decided before this moment "
        "(request date plus the company's review target).",
    )
    b2b_decision_date = fields.Datetime(
        string="Decided On",
        copy=False,
        readonly=True,
        groups="b2b_customer.group_b2b_user",
    )
    b2b_decided_by_id = fields.Many2one(
        comodel_name="res.users",
        string="Decided By",
        copy=False,
        readonly=True,
        groups="b2b_customer.group_b2b_user",
    )
    b2b_customer_message = fields.Text(
        string="Message to the Customer",
        copy=False,
        tracking=True,
        help="What is missing or why the request was rejected. "
        "It is sent to the customer by e-mail and shown on the portal.",
    )
    b2b_overdue_notified = fields.Boolean(
        string="Overdue Reported",
        copy=False,
        readonly=True,
        groups="b2b_customer.group_b2b_user",
        help="The approvers were told that this request is overdue.",
    )
    b2b_overdue = fields.Boolean(
        string="Review Overdue",
        compute="_compute_b2b_overdue",
        search="_search_b2b_overdue",
    )
    b2b_due_today = fields.Boolean(
        string="Review Due Today",
        compute="_compute_b2b_overdue",
        search="_search_b2b_due_today",
    )
    b2b_time_left = fields.Char(
        string="Time Left",
        compute="_compute_b2b_overdue",
        help="Time until the review deadline (negative: overdue).",
    )

    # ------------------------------------------------------------------
    # Review deadline
    # ------------------------------------------------------------------
    @api.depends("b2b_state", "b2b_deadline")
    @api.depends_context("uid")
    def _compute_b2b_overdue(self):
        now = fields.Datetime.now()
        end_of_day = self._b2b_end_of_today()
        for partner in self:
            pending = partner.b2b_state == "pending" and partner.b2b_deadline
            partner.b2b_overdue = bool(pending and partner.b2b_deadline < now)
            partner.b2b_due_today = bool(
                pending and now <= partner.b2b_deadline <= end_of_day
            )
            partner.b2b_time_left = partner._b2b_format_time_left(now)

    def _b2b_format_time_left(self, now):
        self.ensure_one()
        if self.b2b_state != "pending" or not self.b2b_deadline:
            return False
        minutes = int((self.b2b_deadline - now).total_seconds() // 60)
        hours, rest = divmod(abs(minutes), 60)
        text = f"{hours} h {rest:02d} min"
        if minutes >= 0:
            return self.env._("%(time)s left", time=text)
        return self.env._("%(time)s overdue", time=text)

    def _b2b_end_of_today(self):
        """End of the current user's day (in their time zone), as naive UTC."""
        tz_now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        end = tz_now.replace(hour=23, minute=59, second=59, microsecond=0)
        return end.astimezone(UTC).replace(tzinfo=None)

    def _search_b2b_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("b2b_state", "=", "pending") & Domain(
            "b2b_deadline", "<", fields.Datetime.now()
        )
        return domain if (True in value) == (operator == "in") else ~domain

    def _search_b2b_due_today(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = (
            Domain("b2b_state", "=", "pending")
            & Domain("b2b_deadline", ">=", fields.Datetime.now())
            & Domain("b2b_deadline", "<=", self._b2b_end_of_today())
        )
        return domain if (True in value) == (operator == "in") else ~domain

    # ------------------------------------------------------------------
    # Write guard and dispatch
    # ------------------------------------------------------------------
    @api.model
    def _b2b_check_vals(self, vals):
        res = super()._b2b_check_vals(vals)
        if B2B_DECISION_FIELDS.intersection(vals):
            self._b2b_check_manager()
        return res

    def _b2b_after_create(self):
        res = super()._b2b_after_create()
        requests = self.filtered(lambda p: p.is_b2b and not p.b2b_state)
        if requests:
            requests._b2b_start_request()
        return res

    def _b2b_after_write(self, vals):
        res = super()._b2b_after_write(vals)
        if vals.get("is_b2b"):
            requests = self.filtered(lambda p: not p.b2b_state)
            if requests:
                requests._b2b_start_request()
        return res

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    def _b2b_get_sla_hours(self):
        self.ensure_one()
        return (self.company_id or self.env.company).b2b_sla_hours or 24

    def _b2b_get_approval_policy(self):
        """'auto' or 'manual': the first customer group (by sequence) with an
        own policy wins, else the company's approval mode."""
        self.ensure_one()
        for group in self._b2b_effective_groups().sorted("sequence"):
            if group.approval_policy in ("auto", "manual"):
                return group.approval_policy
        return (self.company_id or self.env.company).b2b_approval_mode or "manual"

    def _b2b_prepare_request_vals(self):
        """Values written when a B2B request starts (extension point)."""
        self.ensure_one()
        now = fields.Datetime.now()
        vals = {
            "b2b_state": "pending",
            "b2b_request_date": now,
            "b2b_deadline": now + timedelta(hours=self._b2b_get_sla_hours()),
            "b2b_decision_date": False,
            "b2b_decided_by_id": False,
            "b2b_overdue_notified": False,
        }
        if not self.sudo().b2b_credit_check:
            vals["b2b_credit_check"] = "not_checked"
        return vals

    def _b2b_start_request(self):
        """Put the partners' B2B accounts in the approval queue, then apply the
        approval policy (automatic approval approves them at once)."""
        for partner in self:
            partner.sudo().write(partner._b2b_prepare_request_vals())
        self._b2b_on_request_recorded()

    def _b2b_on_request_recorded(self):
        """The partners' requests are recorded (the values of
        ``_b2b_prepare_request_vals`` are written, or were created with the
        partners, as a portal sign-up does): note them in the chatter, then
        apply the approval policy (automatic approval approves them at
        once)."""
        auto = self.filtered(lambda p: p._b2b_get_approval_policy() == "auto")
        if self.env.context.get("b2b_defer_followup"):
            # the note of a request that waits comes with its follow-up; a
            # request approved at once is noted now and needs no follow-up
            auto._b2b_note_requested()
            auto.filtered("b2b_followup_pending").sudo().b2b_followup_pending = False
        else:
            self._b2b_note_requested()
        if auto:
            auto.sudo()._b2b_transition("approve")
        pending = self - auto
        if pending:
            pending._b2b_on_request_started()

    def _b2b_note_requested(self):
        """The "B2B account requested." line in the partners' chatter."""
        self.sudo()._b2b_log_note(self.env._("B2B account requested."))

    def _b2b_on_request_started(self):
        """Hook called once for the partners whose request just started and
        waits for a decision: schedule the review and tell the approvers.
        With ``b2b_defer_followup`` in the context (a portal sign-up), the
        requests are only flagged for the scheduled action "B2B: request
        follow-up", which the sign-up triggers: it does this (and notes the
        request) right after the sign-up, in its own transaction
        (``res_partner_signup_followup.py``)."""
        if self.env.context.get("b2b_defer_followup"):
            self._b2b_flag_followup()
            return
        self._b2b_schedule_review()
        self._b2b_mail_approvers("b2b_customer.mail_template_b2b_new_request")

    # ------------------------------------------------------------------
    # The state machine
    # ------------------------------------------------------------------
    def _b2b_transition(self, name, message=None):
        """Move the partners' accounts through the transition ``name`` of
        ``B2B_TRANSITIONS``: lock them, check that each may take it, write the
        new state with who decided and when (and the customer's message when
        one is given), log the chatter line, then call the transition's hook.

        No access check: the ``action_*`` methods check who may decide.
        """
        transition = B2B_TRANSITIONS[name]
        # two managers deciding the same request at once: one decision
        lock_rows(self)
        self.invalidate_recordset(["b2b_state", "ref"])
        for partner in self:
            refusal = partner._b2b_transition_refusal(name, transition)
            if refusal:
                raise UserError(refusal)
        vals = {}
        if transition.target:
            vals.update(
                b2b_state=transition.target,
                b2b_decision_date=fields.Datetime.now(),
                b2b_decided_by_id=self.env.uid,
            )
        if name == "approve":
            vals["is_b2b"] = True
        if message is not None:
            vals["b2b_customer_message"] = message or False
        self.write(vals)
        note = self._b2b_transition_note(name)
        if note:
            self._b2b_log_note(note)
        getattr(self, transition.hook)(name)
        return True

    def _b2b_transition_note(self, name):
        """The chatter line of a transition whose state change is not
        already shown by the tracking and the decision mail."""
        return {
            "suspend": self.env._("B2B account suspended."),
            "reactivate": self.env._("B2B account reactivated."),
        }.get(name, False)

    def _b2b_transition_refusal(self, name, transition):
        """Why this partner cannot take the transition (a translated text),
        or False."""
        self.ensure_one()
        state, partner = self.b2b_state, self.display_name
        if name == "approve":
            if state == "approved":
                return self.env._(
                    "The B2B account of %(name)s is already approved.", name=partner
                )
            if state == "suspended":
                return self.env._(
                    "The B2B account of %(name)s is suspended: reactivate it instead.",
                    name=partner,
                )
            company = self.company_id or self.env.company
            credit_check = self._b2b_verified_credit_check()
            if company.b2b_require_credit_check and credit_check not in (
                "passed",
                "pre_screened",
            ):
                return self.env._(
                    "The credit check of %(name)s must pass (or the company be "
                    "pre-screened) before its B2B account can be approved.",
                    name=partner,
                )
        if state in transition.sources:
            return False
        if name == "reject":
            return self.env._(
                "The B2B account of %(name)s cannot be rejected in its current state.",
                name=partner,
            )
        if name == "request_info":
            return self.env._(
                "More information can only be asked for a B2B request that is "
                "waiting for approval (%(name)s is not).",
                name=partner,
            )
        if name == "suspend":
            return self.env._(
                "Only an approved B2B account can be suspended "
                "(%(name)s is not approved).",
                name=partner,
            )
        return self.env._(
            "Only a suspended B2B account can be reactivated "
            "(%(name)s is not suspended).",
            name=partner,
        )

    def _b2b_verified_credit_check(self):
        """The credit check that counts for this partner's approval (its
        own; a subsidiary may count on its parent's)."""
        self.ensure_one()
        return self.sudo().b2b_credit_check

    def _b2b_on_decided(self, decision):
        """Hook called after a decision (approve, reject, request_info) with
        the decided partners: number the approved ones, close the review and
        tell the customer."""
        if decision == "approve":
            self._b2b_assign_customer_number()
        feedback = {
            "approve": self.env._("Approved"),
            "reject": self.env._("Rejected"),
        }.get(decision)
        if feedback:
            self._b2b_close_review(feedback)
        self._b2b_mail_customer(B2B_DECISION_TEMPLATES[decision])

    def _b2b_approve(self, message=None):
        """Approve the partners' B2B accounts (no access check: callers do)."""
        return self._b2b_transition("approve", message=message)

    def action_b2b_approve(self):
        self._b2b_check_manager()
        self.sudo()._b2b_transition("approve")
        return self._b2b_decision_notification("approve")

    def action_b2b_reject(self):
        return self._b2b_open_review_wizard("reject")

    def action_b2b_request_info(self):
        return self._b2b_open_review_wizard("request_info")

    def _b2b_open_review_wizard(self, decision):
        self._b2b_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review B2B Request"),
            "res_model": "b2b.review.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": self.ids,
                "default_decision": decision,
            },
        }

    def action_b2b_suspend(self):
        self._b2b_check_manager()
        self.sudo()._b2b_transition("suspend")
        return self._b2b_decision_notification("suspend")

    def action_b2b_reactivate(self):
        self._b2b_check_manager()
        self.sudo()._b2b_transition("reactivate")
        return self._b2b_decision_notification("reactivate")

    def _b2b_decision_notification(self, name, close=False):
        """What the back office is told after a transition of these
        accounts."""
        count = len(self)
        names = ", ".join(self[:3].mapped("display_name")) + (
            ", ..." if count > 3 else ""
        )
        messages = {
            "approve": self.env._(
                "Approved: %(names)s. The customer's welcome e-mail is queued.",
                names=names,
            ),
            "reject": self.env._(
                "Rejected: %(names)s. The customer's e-mail is queued.", names=names
            ),
            "request_info": self.env._(
                "Asked for information: %(names)s. The customer's e-mail is queued.",
                names=names,
            ),
            "suspend": self.env._(
                "Suspended: %(names)s. Its portal users can no longer log in.",
                names=names,
            ),
            "reactivate": self.env._(
                "Reactivated: %(names)s. Its portal users can log in again.",
                names=names,
            ),
        }
        return self._b2b_notification(messages[name], close=close, reload=not close)
