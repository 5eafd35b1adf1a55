from odoo import models
from odoo.tools import SQL


class MailTemplate(models.Model):
    _inherit = "mail.template"

    def _b2b_queue(self, records, email_values=None, thread_of=None):
        """Queue one e-mail per record of the template's model, rendered for
        that record (its language, its greeting), in Odoo's light layout so
        that the chatter shows it at its own width. Odoo's mail queue sends
        it; ``mail.mail._cron_b2b_resend`` sends it again when the mail
        server could not take it. Nothing is sent inline, so an unreachable
        mail server blocks no action.

        ``thread_of(record)`` is the record (of the same model) whose chatter
        shows the mail and receives the replies (default: the record itself),
        for example the company of a contact the mail was written for.

        :return: the queued mail.mail (sudo)
        """
        self.ensure_one()
        if not records:
            return self.env["mail.mail"].sudo()
        mails = self.sudo().send_mail_batch(
            records.ids,
            force_send=False,
            email_values={**(email_values or {}), "b2b_resend": True},
            email_layout_xmlid="mail.mail_notification_light",
        )
        if thread_of:
            moved = [
                (mail.mail_message_id.id, thread.id)
                for mail in mails
                for thread in [thread_of(records.browse(mail.res_id))]
                if thread._name == mails[:1].model and thread.id != mail.res_id
            ]
            if moved:
                # one query for the whole batch: the messages of the mails
                # move to the threads' chatter
                self.env["mail.message"].flush_model(["res_id"])
                self.env.cr.execute(
                    SQL(
                        "UPDATE mail_message m SET res_id = v.res_id"
                        " FROM (VALUES %s) AS v(id, res_id) WHERE m.id = v.id",
                        SQL(", ").join(SQL("(%s, %s)", mid, rid) for mid, rid in moved),
                    )
                )
                mails.invalidate_recordset(["res_id"])
                mails.mail_message_id.invalidate_recordset(["res_id"])
        return mails
