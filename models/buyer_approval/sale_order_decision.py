"""Deciding buyer approvals, one order or many at once. The limits the
orders are checked against (``_b2b_lock_limits``), then the orders' rows are
locked first, so that concurrent decisions wait and are retried by Odoo,
and see each other; the approval lines are written in one statement, the
chatter trail in one batch of notes, the confirmations of the fully
approved orders in one ``action_confirm`` (order by order only when one of
them is refused), the mails queued in one batch per template."""

from markupsafe import escape

from odoo import fields, models
from odoo.exceptions import UserError

from ...locks import lock_rows


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Entry points
    # ------------------------------------------------------------------
    def _b2b_decide(self, approver, decision, comment=""):
        """``approver`` (a contact) approves or rejects this order. Raises a
        UserError when ``approver`` may not (or no longer) decide. No access
        check beyond that: callers check who the approver is."""
        self.ensure_one()
        comment = self._b2b_check_decision(decision, comment)
        self._b2b_lock_limits()
        lock_rows(self)
        order = self.sudo()
        if approver == order.b2b_requested_by_id:
            raise UserError(self.env._("You cannot approve or reject your own order."))
        if not order._b2b_decidable_by(approver):
            raise UserError(
                self.env._(
                    "%(order)s is no longer waiting for your approval.",
                    order=order.name,
                )
            )
        order._b2b_apply_decision(approver, decision, comment)
        return True

    def _b2b_decide_many(self, approver, decision, comment=""):
        """``approver`` decides these orders at once, with one comment.
        Orders that no longer wait for ``approver`` (decided meanwhile by a
        colleague, or their own) are left alone. The confirmation mails of
        the approved orders go out through Odoo's pending order mails (the
        "Sales: Send pending emails" scheduled action) instead of being
        rendered while the approver waits. Returns the decided orders."""
        comment = self._b2b_check_decision(decision, comment)
        if not self:
            return self
        self._b2b_lock_limits()
        lock_rows(self)
        orders = self.sudo()._b2b_decidable_by(approver)
        orders.with_context(b2b_defer_order_mail=True)._b2b_apply_decision(
            approver, decision, comment
        )
        return orders.with_env(self.env)

    # ------------------------------------------------------------------
    # Checks
    # ------------------------------------------------------------------
    def _b2b_check_decision(self, decision, comment):
        """The stripped comment; refuses an unknown decision and a rejection
        without a reason."""
        if decision not in ("approve", "reject"):
            raise UserError(self.env._("Please approve or reject the order."))
        comment = (comment or "").strip()
        if decision == "reject" and not comment:
            raise UserError(self.env._("Please say why you reject the order."))
        return comment

    def _b2b_decidable_by(self, approver):
        """The orders of these that wait for a decision of ``approver``:
        waiting, not their own, with an open approval they may give."""
        return self.filtered(
            lambda order: order.b2b_approval_state == "waiting"
            and order.b2b_requested_by_id != approver
            and any(
                line.state == "waiting" and approver in line.candidate_ids
                for line in order.b2b_approval_ids
            )
        )

    # ------------------------------------------------------------------
    # Applying a decision (sudo, checked above)
    # ------------------------------------------------------------------
    def _b2b_apply_decision(self, approver, decision, comment):
        if not self:
            return
        self.b2b_approval_ids.filtered(
            lambda a: a.state == "waiting" and approver in a.candidate_ids
        ).write(
            {
                "state": "approved" if decision == "approve" else "rejected",
                "approver_id": approver.id,
                "comment": comment or False,
                "date": fields.Datetime.now(),
            }
        )
        if decision == "reject":
            self._b2b_reject(approver, comment)
            return
        env = self.env
        body = (
            env._(
                "Approved by %(approver)s: %(comment)s",
                approver=approver.name,
                comment=comment,
            )
            if comment
            else env._("Approved by %(approver)s.", approver=approver.name)
        )
        self._message_log_batch(
            dict.fromkeys(self.ids, escape(body)),
            author_id=approver.id,
        )
        complete = self.filtered(
            lambda o: not any(a.state == "waiting" for a in o.b2b_approval_ids)
        )
        if complete:
            complete.b2b_approval_state = "approved"
            complete._b2b_continue_after_approval()

    def _b2b_reject(self, approver, comment):
        """Return the orders to their buyers: the signature is removed (the
        buyer may accept again), the other approvals are dropped."""
        self.b2b_approval_ids.filtered(lambda a: a.state == "waiting").unlink()
        self.write(
            {
                "b2b_approval_state": "rejected",
                "signed_by": False,
                "signed_on": False,
                "signature": False,
            }
        )
        self._message_log_batch(
            {
                order.id: escape(
                    self.env._(
                        "Rejected by %(approver)s: %(comment)s. The quotation goes "
                        "back to %(buyer)s.",
                        approver=approver.name,
                        comment=comment,
                        buyer=order.b2b_requested_by_id.name or order.partner_id.name,
                    )
                )
                for order in self
            },
            author_id=approver.id,
        )
        self._b2b_mail_buyer(
            "b2b_customer.mail_template_b2b_order_rejected",
            b2b_comment=comment,
            b2b_approver=approver.name,
        )

    def _b2b_continue_after_approval(self):
        """The last approval was given: go on as Odoo's accept does, the
        online payment where prepayment applies, else the confirmation (with
        its checks: a refusal is logged, the order stays a quotation)."""
        to_pay = self.filtered(lambda o: o._has_to_be_paid())
        if to_pay:
            to_pay._message_log_batch(
                dict.fromkeys(
                    to_pay.ids,
                    escape(
                        self.env._("Approved: waiting for the buyer's online payment.")
                    ),
                ),
            )
            to_pay._b2b_mail_buyer("b2b_customer.mail_template_b2b_order_approved_pay")
        to_confirm = self - to_pay
        if not to_confirm:
            return
        try:
            with self.env.cr.savepoint():
                to_confirm._validate_order()
            return
        except UserError as error:
            if len(to_confirm) == 1:
                to_confirm._b2b_log_unconfirmed(error.args[0])
                return
        # one of them was refused: each on its own, so that the others go on
        for order in to_confirm:
            try:
                with self.env.cr.savepoint():
                    order._validate_order()
            except UserError as error:
                order._b2b_log_unconfirmed(error.args[0])

    def _b2b_log_unconfirmed(self, message):
        """Log on this approved order why it could not be confirmed."""
        self.message_post(
            body=self.env._(
                "Approved, but the order could not be confirmed: %(error)s",
                error=message,
            ),
            subtype_xmlid="mail.mt_note",
        )

    # ------------------------------------------------------------------
    # Mails
    # ------------------------------------------------------------------
    def _b2b_mail_buyer(self, template_xmlid, **context):
        """Queue a mail about the approvals to each order's buyer, in their
        language, in one batch."""
        orders = self.filtered("b2b_requested_by_id.email")
        if orders:
            self.env.ref(template_xmlid).with_context(**context)._b2b_queue(orders)

    def _send_order_confirmation_mail(self):
        """In a batch of decisions, Odoo's confirmation mails (with their
        PDF) are left to Odoo's own pending order mails, sent by the "Sales:
        Send pending emails" scheduled action, triggered once for the
        batch."""
        cron = self.env.ref("sale.send_pending_emails_cron", raise_if_not_found=False)
        if not (
            self.env.context.get("b2b_defer_order_mail") and cron and cron.sudo().active
        ):
            return super()._send_order_confirmation_mail()
        for template, orders in self.grouped(
            lambda order: order._get_confirmation_template()
        ).items():
            if template:
                orders.pending_email_template_id = template
        cron.sudo()._trigger()
        return None
