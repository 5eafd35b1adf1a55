import pytz
from freezegun import freeze_time

from odoo.tests import new_test_user, tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BMailReaders(B2BCommon):
    """Every mail reads in its reader's language and time zone: approvers
    get one mail per language and zone, the customer's contacts one each."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        for lang in ("de_DE", "nl_NL"):
            cls.env["res.lang"]._activate_lang(lang)
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE", "nl_NL"], overwrite=True
        )
        cls.env.company.b2b_approval_mode = "manual"
        cls.env.company.b2b_approver_id = False
        cls.env.company.b2b_approver_email = False
        cls.berlin = new_test_user(
            cls.env,
            login="approver_berlin",
            groups="b2b_customer.group_b2b_manager",
            name="Bernd Berlin",
            email="bernd@shop.example.com",
            lang="de_DE",
            tz="Europe/Berlin",
        )
        cls.new_york = new_test_user(
            cls.env,
            login="approver_ny",
            groups="b2b_customer.group_b2b_manager",
            name="Nancy York",
            email="nancy@shop.example.com",
            lang="en_US",
            tz="America/New_York",
        )

    def approver_mails(self, partner):
        """The module's mails about ``partner`` to the two approvers (not
        Odoo's notice of the review activity assigned to one of them)."""
        return self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("recipient_ids", "in", (self.berlin | self.new_york).partner_id.ids),
                ("message_type", "!=", "user_notification"),
            ]
        )

    @freeze_time("2026-07-01 08:00:00")
    def test_new_request_mail_per_approver_language_and_zone(self):
        partner = self.new_request("Sommer Handel GmbH")
        deadline = pytz.utc.localize(partner.b2b_deadline)
        in_berlin = deadline.astimezone(pytz.timezone("Europe/Berlin"))
        in_new_york = deadline.astimezone(pytz.timezone("America/New_York"))
        self.assertNotEqual(in_berlin.hour, in_new_york.hour)
        mails = self.approver_mails(partner)
        self.assertEqual(len(mails), 2)
        german = mails.filtered(lambda m: self.berlin.partner_id in m.recipient_ids)
        english = mails.filtered(lambda m: self.new_york.partner_id in m.recipient_ids)
        self.assertEqual(german.recipient_ids, self.berlin.partner_id)
        self.assertEqual(english.recipient_ids, self.new_york.partner_id)
        self.assertIn("Neue B2B-Kontoanfrage", german.subject)
        self.assertIn("New B2B account request", english.subject)
        # the deadline in each reader's zone
        self.assertIn(in_berlin.strftime("%H:%M"), german.body_html)
        self.assertIn("Europe/Berlin", german.body_html)
        self.assertIn(f"{in_new_york.strftime('%I:%M').lstrip('0')}", english.body_html)
        self.assertIn("America/New_York", english.body_html)
        self.assertNotIn("America/New_York", german.body_html)

    def test_decision_mail_per_contact_language(self):
        partner = self.new_request("Drielanden BV", lang="nl_NL")
        Partner = self.env["res.partner"]
        dutch = Partner.create(
            {
                "name": "Daan de Vries",
                "parent_id": partner.id,
                "email": "daan@drielanden.example.nl",
                "b2b_role": "admin",
                "lang": "nl_NL",
            }
        )
        german = Partner.create(
            {
                "name": "Greta Grün",
                "parent_id": partner.id,
                "email": "greta@drielanden.example.nl",
                "b2b_role": "admin",
                "lang": "de_DE",
            }
        )
        partner.with_user(self.manager).action_b2b_approve()
        mails = self.env["mail.mail"].search(
            [("recipient_ids", "in", (dutch | german).ids)]
        )
        self.assertEqual(len(mails), 2)
        to_dutch = mails.filtered(lambda m: dutch in m.recipient_ids)
        to_german = mails.filtered(lambda m: german in m.recipient_ids)
        self.assertEqual(to_dutch.recipient_ids, dutch)
        self.assertEqual(to_german.recipient_ids, german)
        self.assertNotEqual(to_dutch.subject, to_german.subject)
        self.assertIn("Ihr B2B-Konto", to_german.subject)
        self.assertIn("Grün", to_german.body_html)
        self.assertIn("Vries", to_dutch.body_html)
        # both in the company's chatter, where replies land
        self.assertEqual(set(mails.mapped("res_id")), {partner.id})
