from psycopg2 import IntegrityError

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src=x onerror="alert(1)">'
RTL = "شركة التجارة ‏ Ω 🚚"


@tagged("post_install", "-at_install")
class TestB2BHostileInput(B2BHttpCommon):
    """HTML, huge, unicode and SQL-looking input: escaped, refused with a
    clear message, never a server error and never a partial record."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def _signup(self, **values):
        self.authenticate(None, None)
        payload = {
            "name": "Hostile Harry",
            "login": "harry@hostile.example.org",
            "password": "Hostile-Password-1",
            "confirm_password": "Hostile-Password-1",
            "is_b2b": "1",
            "company_name": "Harry Ltd",
            "vat": "BE0477472701x",
        }
        payload.update(values)
        payload["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open("/web/signup", data=payload)

    def test_html_in_signup_is_escaped_everywhere(self):
        response = self._signup(
            company_name=SCRIPT, vat="NL123456782B90", b2b_department=IMG
        )
        self.assertEqual(response.status_code, 200)
        self.assertNotIn(SCRIPT, response.text)
        self.assertNotIn(IMG, response.text)
        company = self.env["res.partner"].search([("name", "=", SCRIPT)])
        self.assertTrue(company, "the text is stored as typed")
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", company.id),
                ("subject", "ilike", "New B2B account request"),
            ]
        )
        self.assertTrue(mail)
        self.assertNotIn(SCRIPT, str(mail.body_html))
        self.assertIn("&lt;script&gt;", str(mail.body_html))

    def test_huge_input_is_refused_without_records(self):
        response = self._signup(company_name="X" * 20000, vat="NL123456782B90")
        self.assertEqual(response.status_code, 200)
        self.assertIn("too long", response.text)
        self.assertFalse(
            self.env["res.users"].search([("login", "=", "harry@hostile.example.org")])
        )

    def test_unicode_and_rtl_names(self):
        response = self._signup(company_name=RTL, vat="NL123456782B90")
        self.assertEqual(response.status_code, 200)
        page = self.url_open("/my/b2b")
        self.assertIn(RTL, page.text)

    def test_invalid_vat_formats(self):
        for vat in ("1234", "NL' OR 1=1 --", "XX999999999", "/"):
            with (
                self.subTest(vat=vat),
                mute_logger("odoo.addons.auth_signup.controllers.main"),
            ):
                response = self._signup(
                    vat=vat, login=f"{abs(hash(vat))}@hostile.example.org"
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("alert-danger", response.text)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Harry Ltd")]))

    def test_invalid_emails_at_invite(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        for email in ("no-at-sign", "a@", "<b>@x.org", "x" * 300 + "@example.org"):
            response = self._post("/my/company/invite", name="Bad Mail", email=email)
            self.assertEqual(response.status_code, 200)
            self.assertIn("alert-danger", response.text)
        self.assertFalse(self.env["res.partner"].search([("name", "=", "Bad Mail")]))

    def test_html_names_escaped_on_portal_lists(self):
        self.env["res.partner"].create(
            {
                "name": IMG,
                "parent_id": self.company_a.id,
                "email": "img@alpha.example.com",
            }
        )
        self.env["res.partner"].create(
            {"name": SCRIPT, "b2b_reseller_id": self.reseller.id}
        )
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company")
        self.assertNotIn(IMG, page.text)
        self.assertIn("&lt;img", page.text)
        self.authenticate("portal_reseller", "portal_reseller")
        page = self.url_open("/my/customers")
        self.assertNotIn(SCRIPT, page.text)
        page = self.url_open("/my/customers?search=" + "%" * 50 + "'--")
        self.assertEqual(page.status_code, 200)

    def test_rejection_message_escaped_in_mail_and_portal(self):
        company = self.env["res.partner"].create(
            {
                "name": "Escaped Co",
                "is_company": True,
                "is_b2b": True,
                "email": "e@escaped.example.org",
            }
        )
        contact = self.env["res.partner"].create(
            {
                "name": "Esc Admin",
                "parent_id": company.id,
                "email": "admin@escaped.example.org",
                "b2b_role": "admin",
            }
        )
        self.env["b2b.review.wizard"].with_user(self.manager).create(
            {
                "partner_ids": [(6, 0, company.ids)],
                "decision": "reject",
                "message": SCRIPT,
            }
        ).action_confirm()
        mails = self.env["mail.mail"].search(
            [("model", "=", "res.partner"), ("res_id", "=", company.id)]
        )
        self.assertTrue(mails)
        for mail in mails:
            self.assertNotIn(SCRIPT, str(mail.body_html))
        self.env["res.users"].create(
            {
                "name": contact.name,
                "login": "esc_admin",
                "password": "esc_admin_pw",
                "partner_id": contact.id,
                "group_ids": [(6, 0, [self.env.ref("base.group_portal").id])],
            }
        )
        self.authenticate("esc_admin", "esc_admin_pw")
        page = self.url_open("/my/b2b")
        self.assertNotIn(SCRIPT, page.text)
        self.assertIn("&lt;script&gt;", page.text)

    def test_absurd_numbers_refused(self):
        """The database refuses impossible hours (Odoo shows the constraint's
        message); nothing is stored."""
        with (
            self.assertRaisesRegex(IntegrityError, "hours_valid"),
            mute_logger("odoo.sql_db"),
            self.env.cr.savepoint(),
        ):
            self.env["b2b.reachability"].create(
                {
                    "partner_id": self.admin_a.id,
                    "dayofweek": "0",
                    "hour_from": -5,
                    "hour_to": 30,
                }
            )
        self.assertFalse(self.admin_a.b2b_reachability_ids)
        self.assertFalse(self.env["res.partner"]._b2b_valid_email("<b>@x.org"))
        self.assertEqual(
            self.env["res.partner"]._b2b_valid_email(" Jo@Example.ORG "),
            "jo@example.org",
        )
