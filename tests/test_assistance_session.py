"""An acting session over HTTP: started by its single-use link, shown by a
banner, ended by its button, by logging out or by its time limit, and the
staff member's own session given back as it was."""

from datetime import timedelta

from odoo import fields
from odoo.http import root
from odoo.tests import tagged
from odoo.tools import mute_logger

from .assistance_common import AssistanceHttpCommon


@tagged("post_install", "-at_install")
class TestAssistanceSession(AssistanceHttpCommon):
    def assistance(self):
        self.env.invalidate_all()
        return self.env["b2b.assistance.session"].search(
            [("contact_id", "=", self.user_a.id)], limit=1
        )

    def test_start_and_end_keep_the_staff_session(self):
        self.authenticate("sven_sales", "sven_sales")
        staff_sid = self.session.sid
        self.assertEqual(self.browser_uid(), self.salesperson.id)
        # a request of the staff member's own (which records its device)
        self.assertEqual(self.url_open("/my").status_code, 200)
        staff_data = dict(root.session_store.get(staff_sid))
        url = self.assist_url(self.user_a)
        # only the hash of the token is stored
        token = url.rsplit("/", 1)[1]
        self.assertNotIn(token, self.assistance().token_hash)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        acting_sid = self.sid()
        self.assertNotEqual(acting_sid, staff_sid)
        self.assertEqual(self.browser_uid(), self.portal_user_a.id)
        page = self.url_open("/my").text
        self.assertIn("o_b2b_assist_banner", page)
        self.assertIn("Ulrich User", page)
        self.assertIn("Alpha Trading", page)
        self.assertEqual(self.assistance().state, "open")

        response = self.end_acting()
        self.assertIn(
            f"/odoo/res.partner/{self.user_a.id}", response.headers["Location"]
        )
        self.assertEqual(self.sid(), staff_sid)
        # the staff session is the one it was, the acting one is gone
        self.assertEqual(dict(root.session_store.get(staff_sid)), staff_data)
        self.assertFalse(root.session_store.get(acting_sid).get("uid"))
        self.assertEqual(self.browser_uid(), self.salesperson.id)
        assistance = self.assistance()
        self.assertEqual(assistance.end_reason, "ended")
        self.assertEqual(assistance.state, "ended")
        self.assertEqual(assistance.log_ids.mapped("action"), ["started", "ended"])
        # no banner any more: the back office's user is back
        self.assertNotIn("o_b2b_assist_banner", self.url_open("/my").text)

    def test_logout_ends_the_session(self):
        staff_sid, _acting_sid = self.start_acting()
        response = self.url_open("/web/session/logout", allow_redirects=False)
        self.assertIn("/closed/logout", response.headers["Location"])
        self.assertEqual(self.sid(), staff_sid)
        response = self.follow(response)
        self.assertIn(
            f"/odoo/res.partner/{self.user_a.id}", response.headers["Location"]
        )
        self.assertEqual(self.browser_uid(), self.salesperson.id)
        self.assertEqual(self.assistance().end_reason, "logout")

    def test_time_limit_ends_the_session(self):
        self.env.company.b2b_assistance_minutes = 10
        staff_sid, _acting_sid = self.start_acting()
        assistance = self.assistance()
        self.assertAlmostEqual(
            assistance.expires,
            assistance.start + timedelta(minutes=10),
            delta=timedelta(seconds=5),
        )
        assistance.expires = fields.Datetime.now() - timedelta(seconds=1)
        response = self.url_open("/my/orders", allow_redirects=False)
        self.assertEqual(self.sid(), staff_sid)
        self.follow(response)
        self.assertEqual(self.browser_uid(), self.salesperson.id)
        assistance = self.assistance()
        self.assertEqual(assistance.end_reason, "expired")
        self.assertEqual(assistance.end, assistance.expires)

    def test_consent_withdrawn_ends_the_session(self):
        staff_sid, _acting_sid = self.start_acting()
        self.company_a.sudo().b2b_assistance_policy = "none"
        self.follow(self.url_open("/my", allow_redirects=False))
        self.assertEqual(self.sid(), staff_sid)
        self.assertEqual(self.assistance().end_reason, "revoked")

    def test_suspended_contact_ends_the_session(self):
        staff_sid, _acting_sid = self.start_acting()
        self.portal_user_a.sudo().b2b_suspended = True
        self.follow(self.url_open("/my", allow_redirects=False))
        self.assertEqual(self.sid(), staff_sid)
        self.assertEqual(self.assistance().end_reason, "revoked")

    @mute_logger("odoo.http")
    def test_reused_token_is_refused(self):
        self.authenticate("sven_sales", "sven_sales")
        url = self.assist_url(self.user_a)
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 303)
        self.end_acting()
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 403)
        self.assertIn("not valid", response.text)
        self.assertEqual(self.browser_uid(), self.salesperson.id)

    @mute_logger("odoo.http")
    def test_expired_token_is_refused(self):
        self.authenticate("sven_sales", "sven_sales")
        url = self.assist_url(self.user_a)
        self.assistance().expires = fields.Datetime.now() - timedelta(seconds=1)
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 403)
        self.assertFalse(self.assistance().start)

    @mute_logger("odoo.http")
    def test_forged_token_is_refused(self):
        self.authenticate("sven_sales", "sven_sales")
        self.assist_url(self.user_a)
        for token in ("x" * 43, self.assistance().token_hash, "short"):
            response = self.url_open(f"/b2b/assist/{token}", allow_redirects=False)
            self.assertEqual(response.status_code, 403)
        self.assertFalse(self.assistance().start)

    @mute_logger("odoo.http")
    def test_token_of_another_staff_member_is_refused(self):
        url = self.assist_url(self.user_a)
        self.authenticate("b2b_backuser", "b2b_backuser")
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 403)
        self.assertEqual(self.browser_uid(), self.b2b_back_user.id)
        # the link still works for the one it was made for
        self.authenticate("sven_sales", "sven_sales")
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 303)

    @mute_logger("odoo.http")
    def test_portal_user_cannot_start_a_session(self):
        url = self.assist_url(self.user_a)
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertEqual(self.url_open(url, allow_redirects=False).status_code, 403)
        self.assertFalse(self.assistance().start)

    def test_anonymous_is_sent_to_login(self):
        url = self.assist_url(self.user_a)
        response = self.url_open(url, allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])
        self.assertFalse(self.assistance().start)

    @mute_logger("odoo.http")
    def test_end_of_another_staff_members_session_is_not_found(self):
        self.start_acting()
        assistance = self.assistance()
        self.authenticate("olga_sales", "olga_sales")
        response = self.url_open(
            f"/b2b/assist/{assistance.id}/closed/logout", allow_redirects=False
        )
        self.assertEqual(response.status_code, 404)
        assistance.invalidate_recordset()
        self.assertFalse(assistance.end, "nothing recorded for someone else")
