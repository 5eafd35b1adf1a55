"""Who hears about B2B requests and decisions: the review activity, the
approvers' mails (one per language and time zone), the customer's decision
mails and the cron that reports overdue requests."""

from odoo import SUPERUSER_ID, api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_decision_recipient_ids = fields.Many2many(
        comodel_name="res.partner",
        compute="_compute_b2b_decision_recipient_ids",
        string="Decision Recipients",
        help="Who receives the shop's decisions about this B2B account: the "
        "company's administrators with an e-mail, else its contacts.",
    )

    def _b2b_get_approvers(self):
        """Users who review the requests of the partners' company: the
        approver of the settings, else the B2B managers."""
        company = self.company_id[:1] or self.env.company
        if company.b2b_approver_id:
            return company.b2b_approver_id
        group = self.env.ref("b2b_customer.group_b2b_manager")
        return group.sudo().all_user_ids.filtered(
            lambda u: u.active and not u.share and u.id != SUPERUSER_ID
        )

    def _b2b_schedule_review(self):
        """One "Review B2B Request" activity per request, due at its deadline.
        The assignee gets no "activity assigned" mail of Odoo's on top of the
        module's new-request mail to the approvers (which says the same, in
        the approver's language and time zone): Odoo would render that mail
        inline, in the request (the sign-up) that creates the activity."""
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_review")
        quiet = self.sudo().with_context(mail_activity_quick_update=True)
        for partner in quiet:
            approvers = partner._b2b_get_approvers()
            assignee = (
                partner.user_id if partner.user_id in approvers else approvers[:1]
            )
            if not assignee:
                continue
            partner.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=fields.Datetime.context_timestamp(
                    partner.with_user(assignee), partner.b2b_deadline
                ).date(),
                summary=self.env._(
                    "Review the B2B request of %(name)s", name=partner.name
                ),
                user_id=assignee.id,
            )

    def _b2b_close_review(self, feedback):
        """Mark the partners' review activities done, with ``feedback``: the
        "Review B2B Request done" line in each chatter, as Odoo's
        ``activity_feedback`` writes it (the same view renders it), but
        created in one batch without notifying followers, and the
        activities archived in one write. Activities that chain a next one
        or hold attachments, or several on one partner, take Odoo's way."""
        if self.env.context.get("mail_activity_automation_skip"):
            return
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_review")
        activities = (
            self.env["mail.activity"]
            .sudo()
            .search(
                [
                    ("res_model", "=", self._name),
                    ("res_id", "in", self.ids),
                    ("activity_type_id", "=", activity_type.id),
                    ("automated", "=", True),
                ]
            )
        )
        if not activities:
            return
        attached = (
            self.env["ir.attachment"]
            .sudo()
            .search_count(
                [("res_model", "=", "mail.activity"), ("res_id", "in", activities.ids)],
                limit=1,
            )
        )
        if (
            attached
            or len(set(activities.mapped("res_id"))) != len(activities)
            or "trigger" in activities.mapped("chaining_type")
        ):
            self.activity_feedback(
                ["b2b_customer.mail_activity_type_b2b_review"], feedback=feedback
            )
            return
        QWeb = self.env["ir.qweb"]
        bodies = {
            activity.res_id: QWeb._render(
                "mail.message_activity_done",
                {
                    "activity": activity,
                    "feedback": feedback,
                    "display_assignee": activity.user_id != self.env.user,
                },
                minimal_qcontext=True,
            )
            for activity in activities
        }
        partners = self.browse(list(bodies))
        messages = partners._message_log_batch(
            bodies=bodies, message_type="notification"
        )
        messages.write(
            {
                "subtype_id": self.env.ref("mail.mt_activities").id,
                "mail_activity_type_id": activity_type.id,
            }
        )
        activities.action_archive()
        activities.feedback = feedback

    def _b2b_mail_approvers(self, template_xmlid):
        """Queue an e-mail about each partner to its approvers, one per
        language and time zone of theirs (times are shown in the reader's
        zone), and one to the approver address of the settings. The
        partners of one company share their approvers: their mails are
        rendered and queued together, one batch per language and zone."""
        template = self.env.ref(template_xmlid)
        for company, partners in self.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            readers = partners._b2b_get_approvers().grouped(
                lambda u: (u.lang or "en_US", u.tz or "UTC")
            )
            # the approver address of the settings reads the company's language
            extra = company.b2b_approver_email
            extra_lang = company.partner_id.lang or "en_US"
            extra_key = next((key for key in readers if key[0] == extra_lang), None)
            if extra and not extra_key:
                extra_key = (extra_lang, company.partner_id.tz or "UTC")
                readers[extra_key] = self.env["res.users"]
            for (lang, tz), users in readers.items():
                email_values = {"recipient_ids": [(6, 0, users.partner_id.ids)]}
                if extra and (lang, tz) == extra_key:
                    email_values["email_to"] = extra
                template.with_context(lang=lang, b2b_tz=tz)._b2b_queue(
                    partners, email_values=email_values
                )

    def _b2b_log_note(self, body):
        """The same internal note in the chatter of each partner, created in
        one batch without notifying anyone (as a note by ``message_post``
        would not either)."""
        if self:
            self._message_log_batch(
                bodies=dict.fromkeys(self.ids, body), message_type="notification"
            )

    @api.depends("email", "child_ids.email", "child_ids.type", "child_ids.b2b_role")
    def _compute_b2b_decision_recipient_ids(self):
        """Who hears the shop's decision: the company's administrator
        contacts with an e-mail, else all its contacts, else the company."""
        for partner in self:
            contacts = partner.child_ids.filtered(
                lambda c: c.email and c.type == "contact"
            )
            admins = contacts.filtered(lambda c: c.b2b_role == "admin")
            partner.b2b_decision_recipient_ids = (
                admins or contacts or partner.filtered("email")
            )

    def _b2b_mail_customer(self, template_xmlid):
        """Queue the decision e-mail: one per recipient (the company's
        administrators, else its contacts), each in the recipient's language
        with their own greeting, all in the company's chatter, where the
        customer's replies land."""
        recipients = self.b2b_decision_recipient_ids
        if recipients:
            self.env.ref(template_xmlid)._b2b_queue(
                recipients, thread_of=lambda contact: contact.commercial_partner_id
            )

    @api.model
    def _cron_b2b_overdue_requests(self):
        """Report each overdue request to the approvers, once."""
        overdue = self.search(
            [
                ("b2b_state", "=", "pending"),
                ("b2b_deadline", "<", fields.Datetime.now()),
                ("b2b_overdue_notified", "=", False),
            ]
        )
        if overdue:
            overdue._b2b_mail_approvers("b2b_customer.mail_template_b2b_overdue")
            overdue.sudo().write({"b2b_overdue_notified": True})
            overdue._b2b_log_note(self.env._("The B2B request is overdue."))
        return overdue
