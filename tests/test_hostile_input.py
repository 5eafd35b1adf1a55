from urllib.parse import urlencode as url_encode

from psycopg2 import IntegrityError

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon

SCRIPT = '<script>alert("x")</script>'
IMG = '<img src=x onerror="alert(1)">'
RTL = "شركة التجارة ‏ Ω 🚚"
#: a byte PostgreSQL refuses, and a control character that has no place in
#: a name (BEL)
CONTROL_CHARS = ("\x00", "\x07")
NOT_ALLOWED = "characters that are not allowed"
#: inputs whose value does not come back as typed (choices, passwords)
NOT_ECHOED = (
    "password",
    "confirm_password",
    "b2b_role",
    "country_id",
    "payment_method_id",
)


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
        self.run_b2b_followup()
        # one mail per approver language and time zone: every one escapes it
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", company.id),
                ("subject", "ilike", "New B2B account request"),
            ]
        )
        self.assertTrue(mails)
        for mail in mails:
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

    # ------------------------------------------------------------------
    # Control characters in every form of the module
    # ------------------------------------------------------------------
    def _assert_form_back(self, response, label):
        self.assertEqual(response.status_code, 200, label)
        self.assertIn(NOT_ALLOWED, response.text, label)
        self.assertIn("alert-danger", response.text, label)
        self.assertNotIn("Traceback", response.text, label)
        self.assertNotIn("\x00", response.text, label)

    def _post_each_input(self, login, url, form, inputs, unchanged):
        """Post ``form`` to ``url`` once per input of ``inputs`` and control
        character, that input carrying it: the form comes back with the
        message, and ``unchanged()`` (a snapshot) stays the same."""
        before = unchanged()
        for name in inputs:
            for char in CONTROL_CHARS:
                with self.subTest(url=url, input=name, char=repr(char)):
                    self.authenticate(login, login)
                    data = dict(form)
                    data[name] = f"{form.get(name) or 'x'}{char}tail"
                    data["csrf_token"] = http.Request.csrf_token(self)
                    response = self.url_open(url, data=data)
                    self._assert_form_back(response, f"{url} {name} {char!r}")
                    if name not in NOT_ECHOED:
                        # what was typed comes back, the bad character left out
                        self.assertIn(f"{form.get(name) or 'x'}tail", response.text)
                    self.env.invalidate_all()
                    self.assertEqual(unchanged(), before, f"{url} {name}")

    def _partner_count(self):
        return self.env["res.partner"].with_context(active_test=False).search_count([])

    def test_control_characters_in_upgrade_request(self):
        self._post_each_input(
            "portal_plain",
            "/my/b2b/request",
            {
                "company_name": "Paula Plain BV",
                "vat": "NL123456782B90",
                "company_registry": "KVK 1",
                "b2b_department": "Buying",
            },
            ("company_name", "vat", "company_registry", "b2b_department"),
            lambda: (
                self._partner_count(),
                self.plain_customer.parent_id.id,
                self.plain_customer.is_b2b,
            ),
        )

    def test_control_characters_in_invite(self):
        self._post_each_input(
            "portal_admin_a",
            "/my/company/invite",
            {
                "name": "Ivo Invited",
                "email": "ivo@alpha.example.com",
                "b2b_role": "user",
            },
            ("name", "email", "b2b_role"),
            lambda: (self._partner_count(), self.env["res.users"].search_count([])),
        )

    def test_control_characters_in_role(self):
        self._post_each_input(
            "portal_admin_a",
            f"/my/company/{self.user_a.id}/role",
            {"b2b_role": "admin"},
            ("b2b_role",),
            lambda: (self.user_a.b2b_role, self.admin_a.b2b_role),
        )

    def _end_customer_form(self):
        return {
            "name": "Hostile Customer",
            "email": "hostile@customer.example.org",
            "phone": "+31 20 123 4567",
            "street": "Damrak 1",
            "city": "Amsterdam",
            "zip": "1012 LG",
            "vat": "NL123456782B90",
            "company_registry": "KVK 2",
            "country_id": str(self.env.ref("base.nl").id),
            "payment_method_id": "",
            "iban": "NL91ABNA0417164300",
        }

    def _end_customer_snapshot(self):
        customer = self.end_customer
        return (
            self._partner_count(),
            self.env["b2b.reseller.tag"].search_count([]),
            customer.name,
            customer.email,
            customer.city,
            customer.b2b_reseller_tag_ids.ids,
            customer.bank_ids.ids,
        )

    def test_control_characters_in_new_end_customer(self):
        form = self._end_customer_form()
        self._post_each_input(
            "portal_reseller",
            "/my/customers/new",
            form,
            tuple(form),
            self._end_customer_snapshot,
        )

    def test_control_characters_in_end_customer(self):
        form = dict(self._end_customer_form(), new_tag="Priority")
        self._post_each_input(
            "portal_reseller",
            f"/my/customers/{self.end_customer.id}",
            form,
            tuple(form),
            self._end_customer_snapshot,
        )

    def test_control_characters_in_delivery_address(self):
        form = {
            "name": "Depot",
            "street": "Dock 1",
            "city": "Rotterdam",
            "zip": "3011",
            "phone": "+31 10 123 4567",
        }
        self._post_each_input(
            "portal_reseller",
            f"/my/customers/{self.end_customer.id}/address",
            form,
            tuple(form),
            self._end_customer_snapshot,
        )

    def test_control_characters_in_tag_name(self):
        self._post_each_input(
            "portal_reseller",
            "/my/customers/tag",
            {"customer_ids": str(self.end_customer.id), "tag_name": "VIP"},
            ("tag_name",),
            self._end_customer_snapshot,
        )

    def test_control_characters_at_signup(self):
        form = {
            "name": "Hostile Harry",
            "login": "harry@hostile.example.org",
            "password": "Hostile-Password-1",
            "confirm_password": "Hostile-Password-1",
            "is_b2b": "1",
            "company_name": "Harry Ltd",
            "vat": "NL123456782B90",
            "company_registry": "KVK 3",
            "b2b_department": "Buying",
        }
        inputs = [name for name in form if name != "is_b2b"]
        before = (self._partner_count(), self.env["res.users"].search_count([]))
        for name in inputs:
            for char in CONTROL_CHARS:
                with self.subTest(input=name, char=repr(char)):
                    response = self._signup(
                        **dict(form, **{name: f"{form[name]}{char}tail"})
                    )
                    self._assert_form_back(response, f"signup {name} {char!r}")
                    if "password" not in name:
                        self.assertIn(f'value="{form[name]}tail"', response.text)
                    self.env.invalidate_all()
                    self.assertEqual(
                        (
                            self._partner_count(),
                            self.env["res.users"].search_count([]),
                        ),
                        before,
                    )

    def test_control_characters_in_searches(self):
        self.env["res.partner"].create(
            {
                "name": "Listed Member",
                "is_company": True,
                "city": "Ghent",
                "is_b2b": True,
                "b2b_directory_listed": True,
            }
        ).sudo().b2b_state = "approved"
        for char in CONTROL_CHARS:
            with self.subTest(char=repr(char)):
                self.authenticate(None, None)
                response = self.url_open(
                    "/b2b/directory?" + url_encode({"search": f"Ghent{char}"})
                )
                self._assert_form_back(response, "directory")
                self.assertIn('value="Ghent"', response.text)
                self.authenticate("portal_reseller", "portal_reseller")
                response = self.url_open(
                    "/my/customers?" + url_encode({"search": f"End{char}"})
                )
                self._assert_form_back(response, "customers")
                self.assertIn('value="End"', response.text)

    def test_control_characters_message_in_german(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        self.portal_reseller.lang = "de_DE"
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._post("/my/customers/new", name="Bad\x00Name")
        self.assertEqual(response.status_code, 200)
        self.assertIn("alert-danger", response.text)
        self.assertIn('value="BadName"', response.text)
        message = (
            self.env["ir.module.module"]
            .with_context(lang="de_DE")
            .env._(
                "Some of the details contain characters that are not allowed "
                "(control characters). Please type them again."
            )
        )
        self.assertIn(message, response.text)
