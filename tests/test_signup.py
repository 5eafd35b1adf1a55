from lxml import html

from odoo import fields, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BSignup(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )

    def _signup_payload(self, **values):
        payload = {
            "name": "Nina Neumann",
            "login": "nina@neumann-handel.example.de",
            "password": "Secret-Password-1",
            "confirm_password": "Secret-Password-1",
            "is_b2b": "1",
            "company_name": "Neumann Handel GmbH",
            "vat": "DE100000008",
            "company_registry": "HRB 4711",
            "b2b_department": "Einkauf",
        }
        payload.update(values)
        return payload

    def _post_signup(self, **values):
        self.authenticate(None, None)
        payload = self._signup_payload(**values)
        payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/web/signup", data=payload)

    def _users(self, login):
        return (
            self.env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", login)])
        )

    def test_signup_page_offers_b2b_account(self):
        response = self.url_open("/web/signup")
        self.assertEqual(response.status_code, 200)
        self.assertIn('name="is_b2b"', response.text)
        self.assertIn('name="company_name"', response.text)

    def test_closed_signup_shows_no_b2b_option(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2b"
        )
        response = self.url_open("/web/signup")
        self.assertEqual(response.status_code, 404)

    def test_good_b2b_signup(self):
        response = self._post_signup()
        self.assertEqual(response.status_code, 200)
        user = self._users("nina@neumann-handel.example.de")
        self.assertTrue(user)
        person = user.partner_id
        company = person.parent_id
        self.assertEqual(company.name, "Neumann Handel GmbH")
        self.assertTrue(company.is_company and company.is_b2b)
        self.assertEqual(company.b2b_state, "pending")
        self.assertEqual(company.vat, "DE100000008")
        self.assertEqual(company.company_registry, "HRB 4711")
        self.assertEqual(company.b2b_department, "Einkauf")
        self.assertEqual(person.b2b_role, "admin")
        self.assertTrue(user._is_portal())
        # approvers told, verification mail queued: by the follow-up job the
        # sign-up triggered
        self.run_b2b_followup()
        self.assertTrue(
            self.env["mail.mail"].search(
                [("subject", "ilike", "New B2B account request: Neumann")]
            )
        )
        self.assertTrue(
            self.env["mail.mail"].search(
                [
                    ("subject", "=", "Please confirm your e-mail address"),
                    ("recipient_ids", "in", person.ids),
                ]
            )
        )
        # logged in: the B2B page shows the pending state
        page = self.url_open("/my/b2b")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Waiting for approval", page.text)

    def test_automatic_approval_at_signup(self):
        self.env.company.b2b_approval_mode = "auto"
        self._post_signup()
        company = self._users("nina@neumann-handel.example.de").partner_id.parent_id
        self.assertEqual(company.b2b_state, "approved")
        self.assertTrue(company.ref)

    def _assert_refused(self, response, message):
        self.assertEqual(response.status_code, 200)
        self.assertIn(message, response.text)
        self.assertFalse(self._users("nina@neumann-handel.example.de"))
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Neumann Handel GmbH")]),
            "nothing is created",
        )
        # what was typed is still there
        self.assertIn('value="Nina Neumann"', response.text)
        self.assertIn('value="HRB 4711"', response.text)

    def test_missing_vat_is_refused(self):
        response = self._post_signup(vat="")
        self._assert_refused(response, "company name and its VAT number")

    def test_invalid_vat_is_refused(self):
        with mute_logger("odoo.addons.auth_signup.controllers.main"):
            response = self._post_signup(vat="DE123")
        # base_vat's check, in the module's words (the label says "VAT" anyway)
        self._assert_refused(response, "DE123 is not a valid VAT number")
        self.assertIn('value="DE123"', response.text)

    def test_invalid_vat_is_shown_next_to_the_vat_input(self):
        """A German person types "DE123": the message quotes what was typed
        and the format expected, next to the input, once; every input keeps
        what was typed."""
        with mute_logger("odoo.addons.auth_signup.controllers.main"):
            response = self._post_signup(vat="DE123", name="Nina Neumann")
        self._assert_refused(response, "DE123")
        root = html.fromstring(response.text)
        (vat,) = root.xpath("//input[@name='vat']")
        self.assertEqual(vat.get("value"), "DE123")
        self.assertIn("is-invalid", vat.get("class").split())
        (feedback,) = vat.xpath(
            "following-sibling::*"
            "[contains(concat(' ', @class, ' '), ' invalid-feedback ')]"
        )
        message = " ".join(feedback.text_content().split())
        self.assertIn("DE123", message)
        self.assertIn("DE123456788", message)
        self.assertEqual(vat.get("aria-describedby"), feedback.get("id"))
        self.assertNotIn("The VAT number [", response.text, "not base_vat's own")
        self.assertNotIn("[123]", response.text)
        text = " ".join(response.text.split())
        self.assertEqual(text.count(message), 1, "not shown twice")
        (alert,) = root.xpath("//p[contains(@class, 'alert-danger')]")
        self.assertEqual(
            " ".join(alert.text_content().split()),
            "Please correct the details marked above.",
        )
        for name, value in (
            ("name", "Nina Neumann"),
            ("login", "nina@neumann-handel.example.de"),
            ("company_name", "Neumann Handel GmbH"),
            ("company_registry", "HRB 4711"),
            ("b2b_department", "Einkauf"),
        ):
            (field,) = root.xpath(f"//input[@name='{name}']")
            self.assertEqual(field.get("value"), value, name)
            self.assertNotIn("is-invalid", field.get("class", ""), name)
        (is_b2b,) = root.xpath("//input[@name='is_b2b']")
        self.assertEqual(is_b2b.get("checked"), "checked")

    def test_other_errors_stay_at_the_bottom_of_the_form(self):
        response = self._post_signup(confirm_password="Other-Password-2")
        root = html.fromstring(response.text)
        self.assertFalse(root.xpath("//*[contains(@class, 'is-invalid')]"))
        alerts = root.xpath("//p[contains(@class, 'alert-danger')]")
        self.assertEqual(len(alerts), 1)
        self.assertIn("Passwords do not match", alerts[0].text_content())

    def test_mismatched_passwords_are_refused(self):
        response = self._post_signup(confirm_password="Other-Password-2")
        self._assert_refused(response, "Passwords do not match")

    def test_existing_login_is_refused(self):
        with mute_logger("odoo.sql_db", "odoo.addons.auth_signup.controllers.main"):
            response = self._post_signup(login="portal_admin_a")
        self.assertIn("Another user is already registered", response.text)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Neumann Handel GmbH")])
        )

    def test_plain_signup_still_works(self):
        response = self._post_signup(is_b2b="", company_name="", vat="")
        self.assertEqual(response.status_code, 200)
        user = self._users("nina@neumann-handel.example.de")
        self.assertTrue(user)
        self.assertFalse(user.partner_id.parent_id)
        self.assertFalse(user.partner_id.is_b2b)

    def test_duplicate_vat_joins_existing_company_after_approval(self):
        response = self._post_signup(vat="BE0477472701", company_name="Alpha Again")
        self.assertEqual(response.status_code, 200)
        person = self._users("nina@neumann-handel.example.de").partner_id
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Alpha Again")]))
        self.assertEqual(person.b2b_join_company_id, self.company_a)
        self.assertFalse(person.parent_id, "no access to the company before approval")
        page = self.url_open("/my/b2b")
        self.assertIn("already has a B2B account", page.text)
        # the company's administrator accepts the colleague on the portal
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/b2b")
        self.assertIn("Nina Neumann", page.text)
        response = self.url_open(
            f"/my/b2b/join/{person.id}/accept",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(person.parent_id, self.company_a)
        self.assertEqual(person.b2b_role, "user")
        self.assertFalse(person.b2b_join_company_id)

    def test_join_decisions_show_a_banner(self):
        Partner = self.env["res.partner"]
        for decision, banner in (
            ("accept", "joined the company account"),
            ("decline", "The request to join was declined."),
        ):
            with self.subTest(decision=decision):
                person = Partner.create(
                    {
                        "name": f"Joiner {decision}",
                        "email": f"{decision}@joiner.example.org",
                        "b2b_join_company_id": self.company_a.id,
                    }
                )
                self.authenticate("portal_admin_a", "portal_admin_a")
                page = self.url_open(
                    f"/my/b2b/join/{person.id}/{decision}",
                    data={"csrf_token": http.Request.csrf_token(self)},
                )
                self.assertEqual(page.status_code, 200)
                self.assertIn(f"join={decision}", page.url)
                self.assertIn("alert-success", page.text)
                self.assertIn(banner, page.text)
                self.assertFalse(person.b2b_join_company_id)
        page = self.url_open("/my/b2b?join=nonsense")
        self.assertNotIn("alert-success", page.text)

    def test_join_request_refused_to_others(self):
        self._post_signup(vat="BE0477472701", company_name="Alpha Again")
        person = self._users("nina@neumann-handel.example.de").partner_id
        for login in ("portal_user_a", "portal_admin_b", "portal_plain"):
            self.authenticate(login, login)
            with mute_logger("odoo.http"):
                response = self.url_open(
                    f"/my/b2b/join/{person.id}/accept",
                    data={"csrf_token": http.Request.csrf_token(self)},
                )
            self.assertIn(response.status_code, (403, 404), login)
        self.assertFalse(person.parent_id)

    def test_signup_is_throttled_per_address(self):
        self.env["ir.config_parameter"].sudo().set_param(
            "b2b_customer.throttle_signup_per_ip", "2"
        )
        self._post_signup(login="one@throttle.example.org", vat="")
        self._post_signup(login="two@throttle.example.org", vat="")
        response = self._post_signup(login="three@throttle.example.org")
        self.assertIn("Too many attempts", response.text)
        self.assertFalse(self._users("three@throttle.example.org"))


@tagged("post_install", "-at_install")
class TestB2BPortalAccountPage(B2BHttpCommon):
    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def test_anonymous_is_sent_to_login(self):
        response = self.url_open("/my/b2b", allow_redirects=False)
        self.assertEqual(response.status_code, 303)
        self.assertIn("/web/login", response.headers["Location"])

    def test_portal_home_has_b2b_card(self):
        self.authenticate("portal_plain", "portal_plain")
        response = self.url_open("/my/home")
        self.assertIn("/my/b2b", response.text)

    def test_upgrade_existing_account(self):
        self.authenticate("portal_plain", "portal_plain")
        page = self.url_open("/my/b2b")
        self.assertIn("Request a B2B account", page.text)
        response = self._post(
            "/my/b2b/request",
            company_name="Plain Goods BV",
            vat="NL123456782B90",
            company_registry="KVK 87654321",
            b2b_department="Inkoop",
        )
        self.assertEqual(response.status_code, 200)
        company = self.plain_customer.parent_id
        self.assertEqual(company.name, "Plain Goods BV")
        self.assertEqual(company.b2b_state, "pending")
        self.assertEqual(self.plain_customer.b2b_role, "admin")
        self.assertIn("Thank you! Your request was sent", response.text)

    def test_upgrade_errors_keep_input(self):
        self.authenticate("portal_plain", "portal_plain")
        response = self._post(
            "/my/b2b/request",
            company_name="Plain Goods BV",
            vat="NL-nonsense",
            company_registry="KVK 1",
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-danger", response.text)
        self.assertIn('value="NL-nonsense"', response.text)
        self.assertIn('value="KVK 1"', response.text)
        self.assertFalse(self.plain_customer.parent_id)
        self.assertFalse(
            self.env["res.partner"].search([("name", "=", "Plain Goods BV")])
        )

    def test_rejected_customer_corrects_and_resubmits(self):
        self.company_b.sudo().write(
            {"b2b_state": "rejected", "b2b_customer_message": "VAT unknown"}
        )
        self.authenticate("portal_admin_b", "portal_admin_b")
        page = self.url_open("/my/b2b")
        self.assertIn("VAT unknown", page.text)
        self.assertIn("Correct and send again", page.text)
        self._post(
            "/my/b2b/request",
            company_name="Bravo Supplies NV",
            vat="BE0202239951",
            company_registry="0202.239.951",
        )
        self.assertEqual(self.company_b.b2b_state, "pending")
        self.assertEqual(self.company_b.name, "Bravo Supplies NV")
        self.assertTrue(self.company_b.b2b_deadline > fields.Datetime.now())

    def test_approved_customer_cannot_request_again(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        with mute_logger("odoo.http"):
            response = self._post(
                "/my/b2b/request", company_name="Hijack", vat="BE0477472701"
            )
        self.assertEqual(response.status_code, 403)
        self.assertEqual(self.company_a.name, "Alpha Trading")

    def test_post_without_csrf_is_refused(self):
        self.authenticate("portal_plain", "portal_plain")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/b2b/request",
                data={"company_name": "No Token BV", "vat": "NL123456782B90"},
            )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.plain_customer.parent_id)
