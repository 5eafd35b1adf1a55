from datetime import datetime, timedelta

from freezegun import freeze_time
from psycopg2 import IntegrityError

from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import Form, tagged, users
from odoo.tools import mute_logger

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BAccount(B2BCommon):
    # ------------------------------------------------------------------
    # Defaults and the start of a request
    # ------------------------------------------------------------------
    def test_plain_partner_has_no_b2b_account(self):
        partner = self.env["res.partner"].create(
            {"name": "Walk-in", "is_company": True}
        )
        self.assertFalse(partner.is_b2b)
        self.assertFalse(partner.b2b_state)
        self.assertFalse(partner.b2b_request_date)
        self.assertFalse(partner.b2b_deadline)
        self.assertFalse(partner.ref)

    @freeze_time("2026-03-02 10:00:00")
    def test_new_b2b_partner_is_pending_with_deadline(self):
        partner = self.new_request()
        self.assertEqual(partner.b2b_state, "pending")
        self.assertEqual(partner.b2b_request_date, datetime(2026, 3, 2, 10, 0))
        self.assertEqual(partner.b2b_deadline, datetime(2026, 3, 3, 10, 0))
        self.assertEqual(partner.b2b_credit_check, "not_checked")
        self.assertFalse(partner.ref, "no number before approval")

    @freeze_time("2026-03-02 10:00:00")
    def test_deadline_follows_company_sla(self):
        self.env.company.b2b_sla_hours = 4
        partner = self.new_request()
        self.assertEqual(partner.b2b_deadline, datetime(2026, 3, 2, 14, 0))

    def test_sla_must_be_positive(self):
        with self.assertRaises(IntegrityError), mute_logger("odoo.sql_db"):
            with self.env.cr.savepoint():
                self.env.company.b2b_sla_hours = 0
                self.env.company.flush_recordset()

    def test_ticking_is_b2b_later_starts_request(self):
        partner = self.env["res.partner"].create(
            {"name": "Later Co", "is_company": True}
        )
        partner.is_b2b = True
        self.assertEqual(partner.b2b_state, "pending")
        self.assertTrue(partner.b2b_deadline)

    def test_request_is_logged_in_chatter(self):
        partner = self.new_request()
        bodies = partner.message_ids.mapped("body")
        self.assertTrue(any("B2B account requested" in str(b) for b in bodies))

    # ------------------------------------------------------------------
    # Transitions and guards
    # ------------------------------------------------------------------
    @users("b2b_manager")
    def test_approve_assigns_number_and_decision(self):
        partner = self.new_request().with_user(self.env.user)
        partner.action_b2b_approve()
        self.assertEqual(partner.b2b_state, "approved")
        self.assertTrue(partner.ref and partner.ref.startswith("C"))
        self.assertEqual(partner.b2b_decided_by_id, self.manager)
        self.assertTrue(partner.b2b_decision_date)

    def test_approve_twice_is_refused(self):
        partner = self.new_request()
        partner.with_user(self.manager).action_b2b_approve()
        with self.assertRaisesRegex(UserError, "already approved"):
            partner.with_user(self.manager).action_b2b_approve()

    def test_approve_keeps_existing_number(self):
        partner = self.new_request(ref="K-4711")
        partner.with_user(self.manager).action_b2b_approve()
        self.assertEqual(partner.ref, "K-4711")

    def test_suspend_and_reactivate(self):
        partner = self.new_request()
        with self.assertRaisesRegex(UserError, "Only an approved"):
            partner.with_user(self.manager).action_b2b_suspend()
        partner.with_user(self.manager).action_b2b_approve()
        number = partner.ref
        partner.with_user(self.manager).action_b2b_suspend()
        self.assertEqual(partner.b2b_state, "suspended")
        with self.assertRaisesRegex(UserError, "reactivate it instead"):
            partner.with_user(self.manager).action_b2b_approve()
        partner.with_user(self.manager).action_b2b_reactivate()
        self.assertEqual(partner.b2b_state, "approved")
        self.assertEqual(partner.ref, number, "reactivation keeps the number")
        with self.assertRaisesRegex(UserError, "Only a suspended"):
            partner.with_user(self.manager).action_b2b_reactivate()

    def test_rejected_account_can_be_approved_later(self):
        partner = self.new_request()
        wizard = (
            self.env["b2b.review.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [(6, 0, partner.ids)],
                    "decision": "reject",
                    "message": "Your VAT number is invalid.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(partner.b2b_state, "rejected")
        self.assertEqual(partner.b2b_customer_message, "Your VAT number is invalid.")
        self.assertTrue(partner.active, "rejected accounts are kept")
        partner.with_user(self.manager).action_b2b_approve()
        self.assertEqual(partner.b2b_state, "approved")

    def test_transitions_are_tracked(self):
        partner = self.new_request().with_context(
            tracking_disable=False, mail_notrack=False
        )
        self.env.cr.precommit.run()
        partner.with_user(self.manager).action_b2b_approve()
        self.env.cr.precommit.run()
        partner.with_user(self.manager).action_b2b_suspend()
        self.env.cr.precommit.run()
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "b2b_state"
        )
        self.assertGreaterEqual(len(tracked), 2)

    # ------------------------------------------------------------------
    # Review wizard
    # ------------------------------------------------------------------
    def test_wizard_bulk_approve_gives_each_its_own_number(self):
        partners = (
            self.new_request("One")
            | self.new_request("Two")
            | self.new_request("Three")
        )
        action = partners.with_user(self.manager).action_b2b_reject()
        self.assertEqual(action["res_model"], "b2b.review.wizard")
        wizard = (
            self.env["b2b.review.wizard"]
            .with_user(self.manager)
            .with_context(active_model="res.partner", active_ids=partners.ids)
            .create({"decision": "approve"})
        )
        self.assertEqual(wizard.partner_ids, partners)
        wizard.action_confirm()
        self.assertEqual(set(partners.mapped("b2b_state")), {"approved"})
        self.assertEqual(len(set(partners.mapped("ref"))), 3)

    def test_wizard_reject_and_request_info_need_a_message(self):
        partner = self.new_request()
        for decision in ("reject", "request_info"):
            wizard = (
                self.env["b2b.review.wizard"]
                .with_user(self.manager)
                .create({"partner_ids": [(6, 0, partner.ids)], "decision": decision})
            )
            with self.assertRaisesRegex(UserError, "message"):
                wizard.action_confirm()
        self.assertEqual(partner.b2b_state, "pending")

    def test_wizard_request_info_keeps_pending(self):
        partner = self.new_request()
        deadline = partner.b2b_deadline
        self.env["b2b.review.wizard"].with_user(self.manager).create(
            {
                "partner_ids": [(6, 0, partner.ids)],
                "decision": "request_info",
                "message": "Please send your Chamber of Commerce number.",
            }
        ).action_confirm()
        self.assertEqual(partner.b2b_state, "pending")
        self.assertEqual(partner.b2b_deadline, deadline)
        self.assertIn("Chamber of Commerce", partner.b2b_customer_message)

    # ------------------------------------------------------------------
    # Access
    # ------------------------------------------------------------------
    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_b2b_user_cannot_decide(self):
        partner = self.new_request().with_user(self.b2b_back_user)
        for action in (
            "action_b2b_approve",
            "action_b2b_reject",
            "action_b2b_request_info",
            "action_b2b_suspend",
        ):
            with self.assertRaises(AccessError, msg=action):
                getattr(partner, action)()
        with self.assertRaises(AccessError):
            partner.write({"b2b_state": "approved"})
        with self.assertRaises(AccessError):
            self.env["b2b.review.wizard"].with_user(self.b2b_back_user).create(
                {"partner_ids": [(6, 0, partner.ids)], "decision": "approve"}
            ).action_confirm()
        self.assertEqual(partner.sudo().b2b_state, "pending")

    def test_b2b_user_edits_business_data(self):
        partner = self.new_request().with_user(self.b2b_back_user)
        partner.write(
            {
                "b2b_department": "Purchasing",
                "b2b_company_size": "10_49",
                "b2b_credit_check": "passed",
                "company_registry": "KVK 1234",
            }
        )
        self.assertEqual(partner.b2b_department, "Purchasing")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_portal_user_cannot_write_b2b_fields(self):
        company = self.company_a.with_user(self.portal_admin_a)
        for vals in (
            {"b2b_state": "approved"},
            {"b2b_allow_pay_later": True},
            {"is_reseller": True},
            {"b2b_group_ids": [(6, 0, [])]},
        ):
            with self.assertRaises(AccessError, msg=str(vals)):
                company.write(vals)
        with self.assertRaises(AccessError):
            self.admin_a.with_user(self.portal_admin_a).write({"b2b_role": "user"})
        with self.assertRaises(AccessError):
            self.env["b2b.customer.group"].with_user(self.portal_admin_a).create(
                {"name": "Sneaky"}
            )

    # ------------------------------------------------------------------
    # Customer numbers
    # ------------------------------------------------------------------
    def test_each_company_numbers_its_own_customers(self):
        other = self.env["res.company"].create({"name": "Second Shop"})
        self.assertTrue(other.b2b_customer_sequence_id)
        self.assertNotEqual(
            other.b2b_customer_sequence_id, self.env.company.b2b_customer_sequence_id
        )
        ours = self.new_request("Ours")
        theirs = self.new_request("Theirs", company_id=other.id)
        (ours | theirs).sudo()._b2b_approve()
        self.assertEqual(
            theirs.ref,
            other.b2b_customer_sequence_id.prefix
            + "1".zfill(other.b2b_customer_sequence_id.padding),
        )
        self.assertTrue(ours.ref)

    def test_customer_number_unique_per_company(self):
        other = self.env["res.company"].create({"name": "Second Shop"})
        self.new_request("First", ref="X-1")
        with self.assertRaisesRegex(ValidationError, "X-1"):
            self.new_request("Second", ref="X-1")
        # the same number in another company is fine
        self.new_request("Elsewhere", ref="X-1", company_id=other.id)

    def test_customer_number_unique_both_ways(self):
        """The number is unique whichever side is the B2B customer, also
        within one batch; plain customers keep Odoo's free references."""
        Partner = self.env["res.partner"]
        Partner.create({"name": "Plain One", "is_company": True, "ref": "P-1"})
        Partner.create({"name": "Plain Two", "is_company": True, "ref": "P-1"})
        with self.assertRaisesRegex(ValidationError, "P-1"):
            self.new_request("B2B after plain", ref="P-1")
        self.new_request("B2B first", ref="B-1")
        with self.assertRaisesRegex(ValidationError, "B-1"):
            Partner.create(
                {"name": "Plain after B2B", "is_company": True, "ref": "B-1"}
            )
        plain = Partner.create({"name": "Plain Three", "is_company": True})
        with self.assertRaisesRegex(ValidationError, "B-1"):
            plain.ref = "B-1"
        with self.assertRaisesRegex(ValidationError, "N-1"):
            Partner.create(
                [
                    {
                        "name": "Batch A",
                        "is_company": True,
                        "is_b2b": True,
                        "ref": "N-1",
                    },
                    {"name": "Batch B", "is_company": True, "ref": "N-1"},
                ]
            )

    def test_sequence_is_configurable(self):
        sequence = self.env["ir.sequence"].create(
            {"name": "Shop numbers", "prefix": "KD-", "padding": 3}
        )
        settings = self.env["res.config.settings"].create(
            {"b2b_customer_sequence_id": sequence.id, "b2b_sla_hours": 12}
        )
        settings.execute()
        self.assertEqual(self.env.company.b2b_customer_sequence_id, sequence)
        self.assertEqual(self.env.company.b2b_sla_hours, 12)
        partner = self.new_request()
        partner.sudo()._b2b_approve()
        self.assertEqual(partner.ref, "KD-001")

    # ------------------------------------------------------------------
    # Approval policy and verification gate
    # ------------------------------------------------------------------
    def test_automatic_mode_approves_at_once(self):
        self.env.company.b2b_approval_mode = "auto"
        partner = self.new_request()
        self.assertEqual(partner.b2b_state, "approved")
        self.assertTrue(partner.ref)

    def test_group_policy_overrides_company(self):
        auto_group = self.env["b2b.customer.group"].create(
            {"name": "Trusted", "approval_policy": "auto"}
        )
        manual_group = self.env["b2b.customer.group"].create(
            {"name": "Careful", "approval_policy": "manual"}
        )
        follow_group = self.env["b2b.customer.group"].create({"name": "Follow"})
        self.assertEqual(
            self.new_request(b2b_group_ids=[(6, 0, auto_group.ids)]).b2b_state,
            "approved",
        )
        self.assertEqual(
            self.new_request(b2b_group_ids=[(6, 0, follow_group.ids)]).b2b_state,
            "pending",
        )
        self.env.company.b2b_approval_mode = "auto"
        self.assertEqual(
            self.new_request(b2b_group_ids=[(6, 0, manual_group.ids)]).b2b_state,
            "pending",
        )
        self.assertEqual(
            self.new_request(b2b_group_ids=[(6, 0, follow_group.ids)]).b2b_state,
            "approved",
        )

    def test_credit_check_gate(self):
        self.env.company.b2b_require_credit_check = True
        partner = self.new_request()
        with self.assertRaisesRegex(UserError, "credit check"):
            partner.with_user(self.manager).action_b2b_approve()
        partner.b2b_credit_check = "failed"
        with self.assertRaisesRegex(UserError, "credit check"):
            partner.with_user(self.manager).action_b2b_approve()
        partner.b2b_credit_check = "pre_screened"
        partner.with_user(self.manager).action_b2b_approve()
        self.assertEqual(partner.b2b_state, "approved")

    # ------------------------------------------------------------------
    # Filters
    # ------------------------------------------------------------------
    def test_overdue_and_due_today_filters(self):
        Partner = self.env["res.partner"]
        with freeze_time("2026-03-02 08:00:00"):
            late = self.new_request("Late")
        with freeze_time("2026-03-03 07:00:00"):
            fresh = self.new_request("Fresh")
        with freeze_time("2026-03-03 09:00:00"):
            overdue = Partner.search([("b2b_overdue", "=", True)])
            self.assertIn(late, overdue)
            self.assertNotIn(fresh, overdue)
            self.assertTrue(late.b2b_overdue)
            not_overdue = Partner.search([("b2b_overdue", "=", False)])
            self.assertIn(fresh, not_overdue)
            self.assertNotIn(late, not_overdue)
        with freeze_time("2026-03-04 01:00:00"):
            due_today = Partner.with_context(tz="UTC").search(
                [("b2b_due_today", "=", True)]
            )
            self.assertIn(fresh, due_today)
            self.assertNotIn(late, due_today)

    def test_search_by_number_vat_and_contact_name(self):
        Partner = self.env["res.partner"]
        found = [pid for pid, _name in Partner.name_search("CA0001")]
        self.assertIn(self.company_a.id, found)
        self.assertIn(
            self.company_a, Partner.search([("vat", "ilike", "BE0477472701")])
        )
        by_contact = Partner.search([("child_ids.name", "ilike", "Ulrich")])
        self.assertIn(self.company_a, by_contact)

    # ------------------------------------------------------------------
    # Back-office form
    # ------------------------------------------------------------------
    def test_form_creates_b2b_account(self):
        with Form(self.env["res.partner"].with_user(self.manager)) as form:
            form.company_type = "company"
            form.name = "Form Made GmbH"
            form.is_b2b = True
            form.vat = "DE100000008"
            form.b2b_department = "Einkauf"
        partner = form.record
        self.assertEqual(partner.b2b_state, "pending")
        self.assertEqual(partner.b2b_department, "Einkauf")

    def test_reseller_end_customer_count(self):
        self.assertEqual(self.reseller.b2b_end_customer_count, 1)
        action = self.reseller.action_view_b2b_end_customers()
        self.assertEqual(
            self.env["res.partner"].search(action["domain"]), self.end_customer
        )

    def test_greeting_line_in_partner_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["res.lang"]._activate_lang("nl_NL")
        person = self.env["res.partner"].create(
            {
                "name": "Erika Muster",
                "lang": "de_DE",
                "b2b_salutation": "ms",
                "b2b_academic_title": "dr",
            }
        )
        self.assertEqual(person.b2b_letter_salutation, "Sehr geehrte Frau Dr. Muster,")
        person.b2b_salutation_form = "informal"
        self.assertEqual(person.b2b_letter_salutation, "Hallo Erika,")
        person.write({"lang": "nl_NL", "b2b_salutation_form": "formal"})
        self.assertEqual(person.b2b_letter_salutation, "Geachte mevrouw dr. Muster,")

    def test_reachable_now(self):
        person = self.env["res.partner"].create(
            {"name": "Reachable", "tz": "Europe/Berlin"}
        )
        # Monday 09:00-17:00 Berlin time = 08:00-16:00 UTC in winter
        self.env["b2b.reachability"].create(
            {"partner_id": person.id, "dayofweek": "0", "hour_from": 9, "hour_to": 17}
        )
        Partner = self.env["res.partner"]
        with freeze_time("2026-01-05 08:30:00"):  # a Monday
            self.assertIn(person, Partner.search([("b2b_reachable_now", "=", True)]))
            person.invalidate_recordset(["b2b_reachable_now"])
            self.assertTrue(person.b2b_reachable_now)
        with freeze_time("2026-01-05 16:30:00"):
            self.assertNotIn(person, Partner.search([("b2b_reachable_now", "=", True)]))
            self.assertIn(person, Partner.search([("b2b_reachable_now", "=", False)]))

    def test_deadline_arithmetic_spans_days(self):
        with freeze_time("2026-12-31 23:30:00"):
            partner = self.new_request()
        self.assertEqual(
            partner.b2b_deadline - partner.b2b_request_date, timedelta(hours=24)
        )
        self.assertEqual(partner.b2b_deadline, datetime(2027, 1, 1, 23, 30))
