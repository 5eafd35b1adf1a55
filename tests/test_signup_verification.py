"""E-mail verification of portal users, and the credentials staff give
(portal access, passwords, join requests)."""

import re
from datetime import timedelta
from unittest.mock import patch

from freezegun import freeze_time

from odoo import fields, http, tools
from odoo.exceptions import AccessDenied, AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.mail.models.mail_mail import MailMail

from .common import B2BCommon, B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BEmailVerification(B2BHttpCommon):
    def _send(self, partner):
        """Queue the verification mail; return the token of its link."""
        partner.sudo()._b2b_send_email_verification()
        mail = self.env["mail.mail"].search(
            [
                ("subject", "=", "Please confirm your e-mail address"),
                ("recipient_ids", "in", partner.ids),
            ],
            order="id desc",
            limit=1,
        )
        return re.search(r"/b2b/verify/([\w-]+)", str(mail.body_html)).group(1)

    def test_valid_link_verifies_once(self):
        token = self._send(self.admin_a)
        mail = self.env["mail.mail"].search(
            [
                ("subject", "=", "Please confirm your e-mail address"),
                ("recipient_ids", "in", self.admin_a.ids),
            ]
        )
        self.assertIn(f"/b2b/verify/{token}", str(mail.body_html))
        response = self.url_open(f"/b2b/verify/{token}")
        self.assertEqual(response.status_code, 200)
        self.assertIn("is confirmed", response.text)
        self.assertTrue(self.admin_a.b2b_email_verified)
        self.assertTrue(self.admin_a.b2b_email_verified_date)
        again = self.url_open(f"/b2b/verify/{token}")
        self.assertEqual(again.status_code, 200)
        self.assertIn("not valid", again.text)

    def test_expired_link(self):
        token = self._send(self.admin_a)
        with freeze_time(fields.Datetime.now() + timedelta(days=8)):
            response = self.url_open(f"/b2b/verify/{token}")
        self.assertIn("expired", response.text)
        self.assertFalse(self.admin_a.b2b_email_verified)

    def test_forged_links_get_a_friendly_page(self):
        genuine = self._send(self.admin_a)
        for token in (
            "forged",
            "x" * 500,
            "%27%20OR%201=1--",
            "<img src=x onerror=alert(1)>",
            # a genuine token with its signature changed
            genuine[:20] + ("A" if genuine[20] != "A" else "B") + genuine[21:],
            # the genuine payload signed for another scope
            tools.hash_sign(self.env, "signup", [self.admin_a.id]),
        ):
            response = self.url_open(f"/b2b/verify/{token}")
            self.assertEqual(response.status_code, 200, token)
            self.assertIn("not valid", response.text, token)
            self.assertNotIn("<img src=x", response.text)
        self.assertFalse(self.admin_a.b2b_email_verified)

    def test_resend_within_a_minute_sends_nothing(self):
        Mail = self.env["mail.mail"]
        domain = [
            ("subject", "=", "Please confirm your e-mail address"),
            ("recipient_ids", "in", self.admin_a.ids),
        ]
        with freeze_time("2026-06-01 10:00:00"):
            self.admin_a.sudo()._b2b_send_email_verification()
        with freeze_time("2026-06-01 10:00:30"):
            self.assertFalse(self.admin_a.sudo()._b2b_send_email_verification())
        self.assertEqual(Mail.search_count(domain), 1)
        with freeze_time("2026-06-01 10:01:30"):
            self.assertTrue(self.admin_a.sudo()._b2b_send_email_verification())
        self.assertEqual(Mail.search_count(domain), 2)

    def test_portal_resend_button(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.url_open(
            "/my/b2b/verify", data={"csrf_token": http.Request.csrf_token(self)}
        )
        self.assertIn("We sent you an e-mail", response.text)


@tagged("post_install", "-at_install")
class TestB2BCredentials(B2BCommon):
    def _login(self, login, password):
        return self.env["res.users"].authenticate(
            {"login": login, "password": password, "type": "password"},
            {"interactive": False},
        )

    def test_adding_a_contact_sends_nothing(self):
        before = self.env["mail.mail"].search_count([])
        contact = self.env["res.partner"].create(
            {
                "name": "Quiet Colleague",
                "parent_id": self.company_a.id,
                "email": "quiet@alpha.example.com",
            }
        )
        self.assertFalse(contact.user_ids)
        self.assertEqual(self.env["mail.mail"].search_count([]), before)

    def test_send_credentials_grants_access_and_mails(self):
        contact = self.env["res.partner"].create(
            {
                "name": "New Colleague",
                "parent_id": self.company_a.id,
                "email": "new@alpha.example.com",
            }
        )
        with patch.object(MailMail, "unlink", lambda self: None):
            contact.with_user(self.b2b_back_user).action_b2b_send_credentials()
        user = contact.user_ids
        self.assertTrue(user._is_portal())
        self.assertTrue(
            self.env["mail.mail"].search(
                [("email_to", "ilike", "new@alpha.example.com")]
            )
        )

    def test_send_credentials_resets_the_password(self):
        self._login("portal_admin_a", "portal_admin_a")
        self.admin_a.with_user(self.b2b_back_user).action_b2b_send_credentials()
        with self.assertRaises(AccessDenied):
            self._login("portal_admin_a", "portal_admin_a")

    @mute_logger("odoo.addons.base.models.ir_model")
    def test_portal_and_plain_users_cannot_send_credentials(self):
        for user in (self.portal_admin_a, self.portal_plain):
            with self.assertRaises(AccessError):
                self.user_a.with_user(user).action_b2b_send_credentials()

    def test_revoke_access_keeps_contact(self):
        self.user_a.with_user(self.b2b_back_user).action_b2b_revoke_access()
        self.assertFalse(self.portal_user_a.active)
        self.assertTrue(self.user_a.active)
        with self.assertRaises(AccessDenied):
            self._login("portal_user_a", "portal_user_a")

    def test_set_or_generate_password(self):
        Wizard = self.env["b2b.set.password.wizard"].with_user(self.b2b_back_user)
        wizard = Wizard.create(
            {"partner_id": self.user_a.id, "mode": "set", "password": "short"}
        )
        with self.assertRaisesRegex(UserError, "at least 8"):
            wizard.action_apply()
        wizard.password = "A-Good-Long-Password"
        wizard.action_apply()
        self.assertFalse(wizard.password, "the typed password is not kept")
        self._login("portal_user_a", "A-Good-Long-Password")
        generated = Wizard.create({"partner_id": self.user_a.id, "mode": "generate"})
        shown = generated.action_apply()["context"]["default_generated_password"]
        self.assertGreaterEqual(len(shown), 16)
        self._login("portal_user_a", shown)

    def test_generated_password_is_shown_once_and_not_kept(self):
        """As Odoo's change-password wizard clears ``new_passwd``: the row
        keeps no password; the generated one reaches the dialog once, as the
        default of an unsaved record (as Odoo shows a new API key)."""
        Wizard = self.env["b2b.set.password.wizard"].with_user(self.b2b_back_user)
        for mode, typed in (("generate", False), ("set", "A-Good-Long-Password")):
            with self.subTest(mode=mode):
                wizard = Wizard.create(
                    {"partner_id": self.user_a.id, "mode": mode, "password": typed}
                )
                action = wizard.action_apply()
                self.env.flush_all()
                self.env.cr.execute(
                    "SELECT password, generated_password FROM "
                    "b2b_set_password_wizard WHERE id = %s",
                    [wizard.id],
                )
                self.assertEqual(self.env.cr.fetchone(), (None, None))
                wizard.invalidate_recordset()
                self.assertFalse(wizard.generated_password)
                self.assertFalse(wizard.password)
                # the dialog that follows is a new record, never saved
                self.assertEqual(action["res_model"], wizard._name)
                self.assertFalse(action.get("res_id"))
                shown = Wizard.with_context(**action["context"]).default_get(
                    ["partner_id", "done", "generated_password", "password"]
                )
                self.assertTrue(shown["done"])
                self.assertEqual(shown["partner_id"], self.user_a.id)
                self.assertFalse(shown.get("password"))
                if mode == "generate":
                    self.assertGreaterEqual(len(shown["generated_password"]), 16)
                    self._login("portal_user_a", shown["generated_password"])
                else:
                    self.assertFalse(shown.get("generated_password"))
                    self._login("portal_user_a", typed)
        self.assertFalse(
            self.env["b2b.set.password.wizard"]
            .sudo()
            .search_count([("generated_password", "!=", False)])
        )

    def test_set_password_respects_policy_length(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_password_policy.minlength", "20"
        )
        wizard = (
            self.env["b2b.set.password.wizard"]
            .with_user(self.b2b_back_user)
            .create(
                {
                    "partner_id": self.user_a.id,
                    "mode": "set",
                    "password": "Only-15-chars-x",
                }
            )
        )
        with self.assertRaisesRegex(UserError, "at least 20"):
            wizard.action_apply()

    def test_staff_accept_join_request(self):
        person = self.env["res.partner"].create(
            {
                "name": "Joiner",
                "email": "joiner@example.org",
                "b2b_join_company_id": self.company_a.id,
            }
        )
        person.with_user(self.b2b_back_user).action_b2b_approve_contact()
        self.assertEqual(person.parent_id, self.company_a)
        self.assertFalse(person.b2b_join_company_id)
