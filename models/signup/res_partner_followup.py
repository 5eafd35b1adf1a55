"""The follow-up of a portal sign-up, out of the sign-up request: the
approvers' review activity and mail about the new B2B request, and the
verification link to the person who signed up.

The sign-up records the request and flags it (``b2b_followup_pending``) in
its own transaction, then triggers the scheduled action "B2B: request
follow-up", which Odoo's cron runner starts right away in another
transaction. Nothing is lost: a flagged partner stays flagged until its
follow-up is done, and the scheduled action also runs every hour."""

import logging

from odoo import api, fields, models
from odoo.fields import Domain

from ..b2b_cron import run_in_committed_batches

_logger = logging.getLogger(__name__)

#: partners followed up per committed batch of the scheduled action
B2B_FOLLOWUP_BATCH = 50


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_followup_pending = fields.Boolean(
        string="Follow-up Pending",
        copy=False,
        readonly=True,
        help="A portal sign-up left its follow-up to the scheduled action "
        "'B2B: request follow-up': for the company, the note of its request "
        "and, while it waits, the approvers' review activity and e-mail; for "
        "the person who signed up, the e-mail verification link.",
    )

    # the scheduled action looks for the few flagged rows among all partners
    _b2b_followup_pending_idx = models.Index("(id) WHERE b2b_followup_pending IS TRUE")

    def _b2b_flag_followup(self):
        """Flag the partners for the follow-up (the scheduled action finds
        them at its next run, at the latest within the hour)."""
        to_flag = self.sudo().filtered(lambda p: not p.b2b_followup_pending)
        if to_flag:
            to_flag.write({"b2b_followup_pending": True})

    @api.model
    def _b2b_trigger_followup(self):
        """Wake the scheduled action up: it runs as soon as this transaction
        is committed, in its own."""
        cron_id = self.env["ir.model.data"]._xmlid_to_res_id(
            "b2b_customer.ir_cron_b2b_request_followup", raise_if_not_found=True
        )
        self.env["ir.cron"].sudo().browse(cron_id)._trigger()

    def _b2b_request_followup(self):
        """What a portal sign-up leaves to the scheduled action (extension
        point): for each flagged company, the "B2B account requested." note
        and, while its request waits, the review activity and the approvers'
        mail; for each flagged person, the verification link. Clears the
        flag. No access check."""
        partners = self.sudo()
        people = partners.filtered(lambda p: not p.is_company)
        companies = partners - people
        if companies:
            companies._b2b_note_requested()
        requests = companies.filtered(lambda p: p.is_b2b and p.b2b_state == "pending")
        if requests:
            requests._b2b_on_request_started()
        to_verify = people.filtered(lambda p: p.email and not p.b2b_email_verified)
        if to_verify:
            to_verify._b2b_send_email_verification()
        partners.write({"b2b_followup_pending": False})

    def _b2b_run_followup(self):
        """Follow up the partners in one go; when that fails, one by one, so
        that one failing follow-up does not hold back the others. Returns
        the partners whose follow-up failed: they stay flagged (logged)."""
        try:
            with self.env.cr.savepoint():
                self._b2b_request_followup()
            return self.browse()
        except Exception:  # noqa: BLE001 - retried one by one below
            # (the savepoint's rollback also cleared what the ORM held)
            if len(self) == 1:
                _logger.exception(
                    "B2B: the follow-up of partner %s failed; it stays pending",
                    self.id,
                )
                return self
        failed = self.browse()
        for partner in self:
            failed |= partner._b2b_run_followup()
        return failed

    @api.model
    def _cron_b2b_request_followup(self, batch_size=B2B_FOLLOWUP_BATCH):
        """Do the follow-up of every flagged partner, one committed batch at a
        time (oldest first). A failing follow-up stays flagged for the next
        run; the others are done."""
        Partner = self.sudo().with_context(active_test=False)
        _done, failed = run_in_committed_batches(
            Partner,
            Domain("b2b_followup_pending", "=", True),
            lambda batch: batch._b2b_run_followup(),
            batch_size,
        )
        return failed
