"""The module's mails are built for a whole batch at once
(``mail.template._b2b_queue``): the same e-mails as Odoo's
``send_mail_batch`` renders one record at a time, with the layout rendered
once per language and company and each inline expression evaluated once."""

from markupsafe import Markup, escape

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon

LAYOUT = "mail.mail_notification_light"


@tagged("post_install", "-at_install")
class TestB2BMailBatch(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        cls.other_company = cls.env["res.company"].create(
            {
                "name": "Zweigwerk & <Söhne> GmbH",
                "email": "info@zweig.example.com",
                "phone": "+49 30 1234",
            }
        )
        Partner = cls.env["res.partner"]
        cls.companies = Partner.create(
            [
                {
                    "name": name,
                    "is_company": True,
                    "is_b2b": True,
                    "email": f"info{i}@batch.example.org",
                    "company_id": company.id,
                }
                for i, (name, company) in enumerate(
                    [
                        ("Müller & Söhne / Export", cls.env.company),
                        ("<b>Bold</b> Trading", cls.env.company),
                        ("Plain Ltd", cls.other_company),
                        ("Zweite GmbH", cls.other_company),
                    ]
                )
            ]
        )
        cls.contacts = Partner.create(
            [
                {
                    "name": f"Käufer {i} / Einkauf & Co",
                    "parent_id": company.id,
                    "email": f"buyer{i}@batch.example.org",
                    "b2b_role": "admin",
                    "lang": ("de_DE", "en_US")[i % 2],
                    "company_id": company.company_id.id,
                }
                for i, company in enumerate(cls.companies)
            ]
        )
        cls.template = cls.env.ref("b2b_customer.mail_template_b2b_approved").sudo()

    def _odoo_layout(self, record, body):
        """The layout as Odoo's ``send_mail_batch`` puts it around ``body``."""
        lang = record.lang or "en_US"
        company = record._mail_get_companies(default=self.env.company)[record.id]
        return self.template.with_context(lang=lang)._render_encapsulate(
            LAYOUT,
            body,
            add_context={
                "company": company,
                "model_description": self.env["ir.model"]
                .with_context(lang=lang)
                ._get("res.partner")
                .display_name,
            },
            context_record=record.with_context(lang=lang),
        )

    def test_layout_is_odoos_for_every_record(self):
        bodies = {
            contact.id: Markup(
                '<p>Dear <b>{}</b>, see <a href="/my/home">your account</a> &amp; '
                '<img src="/web/image/res.partner/{}/avatar_128"/></p>'
            ).format(contact.name, contact.id)
            for contact in self.contacts
        }
        batch = self.template._b2b_layout_bodies(self.contacts, bodies)
        for contact in self.contacts:
            expected = self._odoo_layout(contact, bodies[contact.id])
            self.assertEqual(str(batch[contact.id]), str(expected), contact.name)
        # the names and the links come out as QWeb and Odoo put them
        german = batch[self.contacts[0].id]
        self.assertIn("Käufer 0 - Einkauf &amp; Co", german)
        self.assertIn('lang="de_DE"', german)
        self.assertIn("/my/home", german)
        self.assertNotIn('href="/my/home"', german, "local links made absolute")
        self.assertIn("Zweigwerk &amp; &lt;Söhne&gt; GmbH", batch[self.contacts[2].id])

    def test_layout_rendered_once_per_language_and_company(self):
        calls = []
        Template = type(self.template)
        original = Template._render_encapsulate

        def counting(template, *args, **kwargs):
            calls.append(kwargs.get("context_record"))
            return original(template, *args, **kwargs)

        bodies = dict.fromkeys(self.contacts.ids, Markup("<p>Hello</p>"))
        self.patch(Template, "_render_encapsulate", counting)
        self.template._b2b_layout_bodies(self.contacts, bodies)
        companies = self.contacts._mail_get_companies(default=self.env.company)
        pairs = {(c.lang, companies[c.id]) for c in self.contacts}
        self.assertGreater(len(pairs), 1)
        # one rendering per (language, company) and one check of its first
        # record against Odoo's own rendering
        self.assertEqual(len(calls), 2 * len(pairs))
        calls.clear()
        same = self.contacts[:1] | self.contacts[2:3]
        same.write({"lang": "de_DE", "company_id": self.env.company.id})
        self.companies[:1].company_id = self.env.company
        self.companies[2:3].company_id = self.env.company
        many = same | self.env["res.partner"].create(
            [
                {"name": f"Extra {i}", "lang": "de_DE", "email": f"x{i}@e.example"}
                for i in range(10)
            ]
        )
        self.template._b2b_layout_bodies(
            many, dict.fromkeys(many.ids, Markup("<p>Hi</p>"))
        )
        self.assertEqual(len(calls), 2, "12 records of one language and company")

    def test_layout_that_shows_the_record_is_rendered_record_by_record(self):
        # a shop that changed the light layout to show the record's e-mail
        self.env["ir.ui.view"].create(
            {
                "name": "b2b test layout with the record",
                "type": "qweb",
                "inherit_id": self.env.ref(LAYOUT).id,
                "arch": '<xpath expr="//body" position="inside">'
                '<p class="b2b-test-record" t-out="record.email"/></xpath>',
            }
        )
        bodies = dict.fromkeys(self.contacts.ids, Markup("<p>Hello</p>"))
        batch = self.template._b2b_layout_bodies(self.contacts, bodies)
        for contact in self.contacts:
            self.assertIn(contact.email, batch[contact.id])
            self.assertEqual(
                str(batch[contact.id]),
                str(self._odoo_layout(contact, bodies[contact.id])),
            )

    def test_queued_mails_are_odoos_in_their_thread(self):
        expected = {
            contact.id: values
            for contact in self.contacts
            for values in [
                self.template._generate_template(
                    contact.ids, self.template._B2B_RENDER_FIELDS
                )[contact.id]
            ]
        }
        mails = self.template._b2b_queue(
            self.contacts, thread_of=lambda contact: contact.commercial_partner_id
        )
        self.assertEqual(len(mails), 4)
        for mail, contact in zip(mails, self.contacts, strict=True):
            values = expected[contact.id]
            self.assertEqual(mail.subject, values["subject"])
            self.assertEqual(mail.recipient_ids, contact)
            self.assertEqual(mail.state, "outgoing", "queued, not sent")
            self.assertTrue(mail.b2b_resend)
            self.assertEqual(
                (mail.model, mail.res_id),
                ("res.partner", contact.parent_id.id),
                "in the company's chatter",
            )
            self.assertNotIn("Powered by", str(mail.body), "the chatter: the body")
            self.assertIn(escape(contact.b2b_letter_salutation), str(mail.body))
            self.assertEqual(
                mail.body_html, str(self._odoo_layout(contact, values["body_html"]))
            )
        self.assertIn("Ihr B2B-Konto", mails[0].subject)

    def test_inline_expressions_once_each_same_result(self):
        self.template.subject = (
            "{{ object.name.upper() }} / {{ object.parent_id.name or 'none' }}"
            " {{ object.ref or '' }}{{ object.ref }}"
        )
        batch = self.template.with_context(b2b_batch_render=True)._render_field(
            "subject", self.contacts.ids
        )
        one_by_one = self.template._render_field("subject", self.contacts.ids)
        self.assertEqual(batch, one_by_one)
        self.assertEqual(
            batch[self.contacts[0].id],
            "KÄUFER 0 / EINKAUF & CO / Müller & Söhne / Export ",
            "not escaped: a subject is text",
        )

    @mute_logger("odoo.addons.mail.models.mail_render_mixin")
    def test_inline_expression_failing_for_one_record_is_reported_as_odoo_does(self):
        self.contacts[2].ref = "0"
        self.template.subject = "{{ 100 // int(object.ref or 1) }}"
        with self.assertRaises(UserError):
            self.template._render_field("subject", self.contacts.ids)
        with self.assertRaises(UserError):
            self.template.with_context(b2b_batch_render=True)._render_field(
                "subject", self.contacts.ids
            )
