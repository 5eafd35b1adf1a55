from odoo.tests import tagged

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BGerman(B2BHttpCommon):
    """A German shop sees the module in German: i18n/de.po is loaded like
    Odoo loads it when an administrator activates the language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )

    def test_portal_page_in_german(self):
        self.admin_a.lang = "de_DE"
        self.portal_admin_a.lang = "de_DE"
        self.company_a.sudo().write(
            {"b2b_state": "pending", "b2b_allow_pay_later": True}
        )
        order = self.sent_quotation(self.admin_a, "Palette Schrauben")
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        text = " ".join(page.text.split())
        self.assertIn("Ihr B2B-Konto ist noch nicht freigegeben", text)
        self.assertNotIn("Your B2B account is not approved yet", text)
        self.assertIn(
            "Sie können diese Bestellung ohne Online-Zahlung bestätigen", text
        )
        self.assertNotIn("without paying online", text)

    def test_welcome_mail_in_german(self):
        self.env.company.b2b_approval_mode = "manual"
        request = self.env["res.partner"].create(
            {
                "name": "Müller Großhandel GmbH",
                "is_company": True,
                "is_b2b": True,
                "email": "info@mueller.example.de",
                "lang": "de_DE",
                "b2b_allow_pay_later": True,
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Erika Muster",
                "parent_id": request.id,
                "email": "erika@mueller.example.de",
                "b2b_role": "admin",
                "b2b_salutation": "ms",
                "lang": "de_DE",
            }
        )
        request.with_user(self.manager).action_b2b_approve()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", request.id),
                ("subject", "ilike", "Ihr B2B-Konto bei"),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("ist aktiv", mail.subject)
        body = str(mail.body_html)
        self.assertIn("Sehr geehrte Frau Muster,", body)
        self.assertIn("Willkommen! Das B2B-Konto von", body)
        self.assertIn(request.ref, body)
        self.assertNotIn("Welcome!", body)
