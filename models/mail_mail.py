from datetime import timedelta

from odoo import api, fields, models

#: how often a mail the server did not take is tried again (hourly cron)
B2B_MAX_RESENDS = 24
#: failures worth trying again: the server, not the address (a connection
#: that failed leaves the type empty)
B2B_RESEND_FAILURES = (False, "mail_smtp", "unknown")


class MailMail(models.Model):
    _inherit = "mail.mail"

    b2b_resend = fields.Boolean(
        string="Resend When the Server Fails",
        help="Queued by the B2B module: sent again while the outgoing mail "
        "server is unreachable or refuses it, instead of staying failed.",
    )
    b2b_resend_count = fields.Integer(
        string="Resent",
        help="How often the B2B module put this mail back in the queue.",
    )

    @api.model
    def _cron_b2b_resend(self):
        """Put the module's mails that failed because of the mail server back
        in the queue (at most ``B2B_MAX_RESENDS`` times, for a week), and wake
        Odoo's mail queue. Mails refused for their address stay failed."""
        failed = self.sudo().search(
            [
                ("b2b_resend", "=", True),
                ("state", "=", "exception"),
                ("failure_type", "in", B2B_RESEND_FAILURES),
                ("b2b_resend_count", "<", B2B_MAX_RESENDS),
                ("create_date", ">=", fields.Datetime.now() - timedelta(days=7)),
            ]
        )
        for count, mails in failed.grouped("b2b_resend_count").items():
            mails.write(
                {
                    "state": "outgoing",
                    "failure_type": False,
                    "failure_reason": False,
                    "b2b_resend_count": count + 1,
                }
            )
        if failed:
            self.env.ref("mail.ir_cron_mail_scheduler_action")._trigger()
        return failed
