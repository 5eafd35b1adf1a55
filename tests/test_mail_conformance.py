"""Conformance of the batch mail renderer (``mail.template._b2b_render_batch``)
with Odoo's own rendering: every mail template of the module, for records in
two languages and two companies, queued both ways (the module's batch and
Odoo's ``send_mail_batch`` record by record, in the same light layout) gives
byte-equal subjects and bodies. The batch runs in its strict mode, where a
fallback to Odoo's path caused by a failure raises: an Odoo update that
changes what the renderer leans on fails here instead of slowing the mails
down silently."""

from freezegun import freeze_time
from markupsafe import Markup

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import B2BCommon

LAYOUT = "mail.mail_notification_light"
LANGS = ("en_US", "de_DE")

#: what the module's callers put in the context of each template
CONTEXT = {
    "b2b_tz": "Europe/Berlin",
    "b2b_inviter_name": "Alice Admin & <Co>",
    "b2b_approver": "Anna Approver",
    "b2b_comment": "Not this month <b>please</b>",
    "b2b_budget_name": "Monthly budget",
    "b2b_level": 80,
    "b2b_spent": "800.00 €",
    "b2b_amount": "1,000.00 €",
    "b2b_verify_token": "token-123",
}


@tagged("post_install", "-at_install")
class TestMailConformance(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        cls.company_2 = cls.env["res.company"].create(
            {"name": "Zweigwerk & <Söhne> GmbH", "email": "info@zweig.example.com"}
        )
        Partner = cls.env["res.partner"]
        cls.records = {
            "res.partner": Partner,
            "res.users": cls.env["res.users"],
            "sale.order": cls.env["sale.order"],
        }
        for company in (cls.env.company, cls.company_2):
            for lang in LANGS:
                key = f"{company.id}{lang}"
                customer = Partner.create(
                    {
                        "name": f"Müller & Söhne / {key}",
                        "is_company": True,
                        "is_b2b": True,
                        "email": f"info{key}@conform.example.org",
                        "vat": "DE123456788",
                        "lang": lang,
                        "company_id": company.id,
                    }
                )
                person = Partner.create(
                    {
                        "name": f"Käufer <{key}>",
                        "parent_id": customer.id,
                        "email": f"buyer{key}@conform.example.org",
                        "b2b_role": "admin",
                        "b2b_salutation": "ms",
                        "lang": lang,
                        "company_id": company.id,
                    }
                )
                user = new_test_user(
                    cls.env,
                    login=f"conform{key}",
                    groups="base.group_portal",
                    partner_id=person.id,
                    company_id=company.id,
                    company_ids=[Command.set(company.ids)],
                )
                order = cls.env["sale.order"].create(
                    {
                        "partner_id": customer.id,
                        "company_id": company.id,
                        "b2b_requested_by_id": person.id,
                    }
                )
                cls.records["res.partner"] |= customer | person
                cls.records["res.users"] |= user
                cls.records["sale.order"] |= order
        cls.templates = cls.env["mail.template"].browse(
            cls.env["ir.model.data"]
            .search([("module", "=", "b2b_customer"), ("model", "=", "mail.template")])
            .mapped("res_id")
        )

    @freeze_time("2026-03-02 10:00:00")
    def test_every_template_both_ways(self):
        self.assertGreaterEqual(len(self.templates), 13)
        for template in self.templates:
            records = self.records[template.model]
            for lang in LANGS:
                with self.subTest(template=template.name, lang=lang):
                    tmpl = template.sudo().with_context(lang=lang, **CONTEXT)
                    batch = tmpl.with_context(b2b_batch_render="strict")._b2b_queue(
                        records
                    )
                    self.assertEqual(len(batch), len(records))
                    for mail, record in zip(batch, records, strict=True):
                        odoo = tmpl.send_mail_batch(
                            record.ids, force_send=False, email_layout_xmlid=LAYOUT
                        )
                        self.assertEqual(
                            mail.subject, odoo.subject, record.display_name
                        )
                        self.assertEqual(
                            mail.body_html, odoo.body_html, record.display_name
                        )

    def test_strict_mode_reports_a_fallback(self):
        """What an Odoo update that renders the layout differently does: the
        batch falls back to Odoo's rendering silently, and raises in strict
        mode."""
        template = self.env.ref("b2b_customer.mail_template_b2b_approved").sudo()
        self.patch(
            type(template), "_b2b_fill_layout", lambda *args: Markup("<p>changed</p>")
        )
        records = self.records["res.partner"]
        rendered = template._b2b_render_batch(records)
        self.assertNotIn("changed", str(rendered[records[0].id]["body_html"]))
        with self.assertRaisesRegex(RuntimeError, "fell back"):
            template.with_context(b2b_batch_render="strict")._b2b_render_batch(records)
