"""An unreachable mail server blocks nothing and loses nothing: invitations,
credentials and migrations go through, their mails wait in Odoo's queue, and
once the server is back they are sent."""

from contextlib import ExitStack, contextmanager
from unittest.mock import MagicMock, patch

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.base.models.ir_mail_server import IrMail_Server as IrMailServer

from .common import B2BHttpCommon


def server_down():
    """The outgoing mail server refuses connections."""
    return patch.object(
        IrMailServer,
        "_connect__",
        side_effect=ConnectionRefusedError(111, "Connection refused"),
    )


@contextmanager
def server_up(send_email):
    """A reachable mail server (Odoo's tests send nothing unless told to):
    ``send_email`` answers for it."""
    with ExitStack() as stack:
        stack.enter_context(
            patch.object(IrMailServer, "_disable_send", lambda *a: False)
        )
        stack.enter_context(
            patch.object(IrMailServer, "_connect__", return_value=MagicMock())
        )
        stack.enter_context(patch.object(IrMailServer, "send_email", send_email))
        yield


def server_back():
    return server_up(MagicMock(return_value="<b2b-test@example.com>"))


def server_refuses_mail():
    """The server takes the connection but fails to send."""
    return server_up(MagicMock(side_effect=OSError("451 Temporary failure")))


@tagged("post_install", "-at_install")
class TestMailServerDown(B2BHttpCommon):
    def _b2b_mails(self, since_id):
        return (
            self.env["mail.mail"]
            .sudo()
            .search([("id", ">", since_id), ("b2b_resend", "=", True)])
        )

    def _last_mail_id(self):
        return self.env["mail.mail"].sudo().search([], order="id desc", limit=1).id or 0

    @mute_logger("odoo.addons.mail.models.mail_mail", "odoo.http")
    def test_nothing_blocked_nothing_lost(self):
        sepa_free_customer = self.end_customer
        sepa_free_customer.email = "one@endcustomer.example.com"
        start = self._last_mail_id()
        with server_down():
            # a company administrator invites a colleague on the portal
            self.authenticate("portal_admin_a", "portal_admin_a")
            response = self.url_open(
                "/my/company/invite",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "name": "Quentin Queue",
                    "email": "quentin@alpha.example.com",
                    "b2b_role": "user",
                },
            )
            self.assertEqual(response.status_code, 200)
            self.assertIn("invited=1", response.url)
            colleague = self.env["res.partner"].search(
                [("email", "=", "quentin@alpha.example.com")]
            )
            self.assertTrue(colleague.with_context(active_test=False).user_ids)
            # staff send credentials in the back office
            result = self.user_a.with_user(
                self.b2b_back_user
            ).action_b2b_send_credentials()
            self.assertEqual(result["params"]["type"], "success")
            self.assertIn("queued", result["params"]["message"])
            # a reseller migrates its end customer
            self.authenticate("portal_reseller", "portal_reseller")
            response = self.url_open(
                f"/my/customers/{sepa_free_customer.id}/migrate",
                data={"csrf_token": http.Request.csrf_token(self)},
            )
            self.assertIn("migrated=1", response.url)
            self.assertTrue(sepa_free_customer.is_reseller)
            mails = self._b2b_mails(start)
            self.assertGreaterEqual(len(mails), 3)
            self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued")
            # the queue runs while the server is down: the mails fail, and stay
            self.env["mail.mail"].process_email_queue()
            self.assertEqual(set(mails.exists().mapped("state")), {"exception"})
            self.assertEqual(mails.exists(), mails, "nothing is lost")
            # the module's cron puts them back in the queue
            self.env["mail.mail"]._cron_b2b_resend()
            self.assertEqual(set(mails.mapped("state")), {"outgoing"})
        # the server is back: the next queue run sends them
        with server_back():
            self.env["mail.mail"].process_email_queue()
        self.assertFalse(
            mails.exists().filtered(lambda m: m.state != "sent"),
            "sent (and removed when they were to be deleted once sent)",
        )

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_refused_send_is_retried_a_bounded_number_of_times(self):
        start = self._last_mail_id()
        self.user_a.sudo()._b2b_send_credentials()
        mail = self._b2b_mails(start)
        self.assertEqual(len(mail), 1)
        with server_refuses_mail():
            for attempt in range(1, 4):
                self.env["mail.mail"].process_email_queue()
                self.assertEqual(mail.state, "exception")
                self.env["mail.mail"]._cron_b2b_resend()
                self.assertEqual(mail.state, "outgoing")
                self.assertEqual(mail.b2b_resend_count, attempt)
            mail.b2b_resend_count = 24
            self.env["mail.mail"].process_email_queue()
            self.env["mail.mail"]._cron_b2b_resend()
            self.assertEqual(mail.state, "exception", "given up after 24 tries")

    @mute_logger("odoo.addons.mail.models.mail_mail")
    def test_invalid_address_is_not_retried(self):
        start = self._last_mail_id()
        self.user_a.sudo()._b2b_send_credentials()
        mail = self._b2b_mails(start)
        mail.write({"state": "exception", "failure_type": "mail_email_invalid"})
        self.env["mail.mail"]._cron_b2b_resend()
        self.assertEqual(mail.state, "exception")
