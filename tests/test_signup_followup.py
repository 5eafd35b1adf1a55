from unittest.mock import patch

from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon

FOLLOWUP_LOGGER = "odoo.addons.b2b_customer.models.signup.res_partner_followup"


@tagged("post_install", "-at_install")
class TestB2BSignupFollowup(B2BCommon):
    """A portal sign-up records the request and flags it; the approvers'
    activity and mail and the verification link come from the scheduled
    action "B2B: request follow-up", which the sign-up triggers."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["ir.config_parameter"].sudo().set_param(
            "auth_signup.invitation_scope", "b2c"
        )
        cls.env.company.b2b_approver_id = cls.manager
        cls.cron = cls.env.ref("b2b_customer.ir_cron_b2b_request_followup")
        cls.review_type = cls.env.ref("b2b_customer.mail_activity_type_b2b_review")

    def _signup(self, company_name, vat, login):
        public = self.env.ref("base.public_user")
        _login, _password, outcome, company = (
            self.env["res.users"]
            .with_user(public)
            ._b2b_signup(
                {"login": login, "name": f"Person of {company_name}", "password": "x"},
                {
                    "company_name": company_name,
                    "vat": vat,
                    "company_registry": "",
                    "b2b_department": "",
                },
            )
        )
        self.assertEqual(outcome, "request")
        person = self.env["res.users"].search([("login", "=", login)]).partner_id
        return company.with_env(self.env), person

    def _mails(self, subject, partner):
        return self.env["mail.mail"].search(
            [
                ("subject", "ilike", subject),
                "|",
                ("res_id", "=", partner.id),
                ("recipient_ids", "in", partner.ids),
            ]
        )

    def _requested_notes(self, company):
        return company.message_ids.filtered(
            lambda m: "B2B account requested." in str(m.body)
        )

    def _reviews(self, company):
        return company.activity_ids.filtered(
            lambda a: a.activity_type_id == self.review_type
        )

    def test_signup_flags_the_request_and_triggers_the_followup(self):
        self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]).unlink()
        company, person = self._signup("Flag GmbH", "DE100000008", "f@flag.example.de")
        self.assertEqual(company.b2b_state, "pending")
        self.assertTrue(company.b2b_followup_pending)
        self.assertTrue(person.b2b_followup_pending)
        self.assertTrue(
            self.env["ir.cron.trigger"].search([("cron_id", "=", self.cron.id)]),
            "the sign-up wakes the scheduled action up",
        )
        # nothing of the follow-up happened in the sign-up itself
        self.assertFalse(self._requested_notes(company))
        self.assertFalse(self._reviews(company))
        self.assertFalse(self._mails("New B2B account request", company))
        self.assertFalse(self._mails("Please confirm your e-mail address", person))

        self.run_b2b_followup()
        self.assertFalse(company.b2b_followup_pending)
        self.assertFalse(person.b2b_followup_pending)
        self.assertEqual(len(self._requested_notes(company)), 1)
        self.assertEqual(self._reviews(company).user_id, self.manager)
        self.assertTrue(self._mails("New B2B account request", company))
        self.assertTrue(self._mails("Please confirm your e-mail address", person))
        self.assertTrue(person.b2b_verify_sent_date)
        # a second run has nothing left to do: no second activity or mail
        self.run_b2b_followup()
        self.assertEqual(len(self._reviews(company)), 1)
        self.assertEqual(len(self._mails("New B2B account request", company)), 1)

    def test_a_failing_followup_stays_pending_and_the_others_are_done(self):
        good, good_person = self._signup(
            "Good GmbH", "DE100000008", "g@good.example.de"
        )
        bad, bad_person = self._signup(
            "Broken BV", "NL123456782B90", "b@broken.example.nl"
        )
        Partner = self.registry["res.partner"]
        schedule_review = Partner._b2b_schedule_review

        def failing_schedule_review(records):
            if bad in records:
                raise ValueError("The review cannot be scheduled.")
            return schedule_review(records)

        with (
            patch.object(Partner, "_b2b_schedule_review", failing_schedule_review),
            mute_logger(FOLLOWUP_LOGGER),
        ):
            self.run_b2b_followup()
        self.assertFalse(good.b2b_followup_pending)
        self.assertTrue(self._reviews(good))
        self.assertTrue(self._mails("New B2B account request", good))
        self.assertTrue(bad.b2b_followup_pending, "not lost: done at the next run")
        self.assertFalse(self._reviews(bad))
        self.assertFalse(self._mails("New B2B account request", bad))
        # the verification links do not depend on the failing request
        self.assertFalse(good_person.b2b_followup_pending)
        self.assertFalse(bad_person.b2b_followup_pending)
        self.assertTrue(self._mails("Please confirm your e-mail address", bad_person))
        # the next run does it
        self.run_b2b_followup()
        self.assertFalse(bad.b2b_followup_pending)
        self.assertTrue(self._reviews(bad))
        self.assertTrue(self._mails("New B2B account request", bad))

    def test_a_request_decided_before_its_followup_gets_no_review(self):
        company, _person = self._signup(
            "Quick GmbH", "DE100000008", "q@quick.example.de"
        )
        company.with_user(self.manager).action_b2b_approve()
        self.run_b2b_followup()
        self.assertFalse(company.b2b_followup_pending)
        self.assertFalse(self._reviews(company))
        self.assertFalse(self._mails("New B2B account request", company))
        self.assertEqual(len(self._requested_notes(company)), 1)

    def test_automatic_approval_at_signup_needs_no_followup_of_the_request(self):
        self.env.company.b2b_approval_mode = "auto"
        company, person = self._signup("Auto GmbH", "DE100000008", "a@auto.example.de")
        self.assertEqual(company.b2b_state, "approved")
        self.assertTrue(company.ref)
        self.assertEqual(len(self._requested_notes(company)), 1)
        self.assertFalse(company.b2b_followup_pending)
        # the welcome mail goes to the administrator who signed up, at once
        self.assertTrue(
            self.env["mail.mail"].search([("recipient_ids", "in", person.ids)])
        )
        self.run_b2b_followup()
        self.assertFalse(self._reviews(company))
        self.assertEqual(len(self._requested_notes(company)), 1)
        self.assertTrue(self._mails("Please confirm your e-mail address", person))

    def test_staff_requests_are_followed_up_at_once(self):
        request = self.new_request("Back Office GmbH")
        self.assertFalse(request.b2b_followup_pending)
        self.assertTrue(self._reviews(request))
        self.assertEqual(len(self._requested_notes(request)), 1)
