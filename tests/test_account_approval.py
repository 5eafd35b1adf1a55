import logging
from datetime import datetime, timedelta

from freezegun import freeze_time

from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon, B2BHttpCommon

_logger = logging.getLogger(__name__)


@tagged("post_install", "-at_install")
class TestB2BApproval(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.activity_type = cls.env.ref("b2b_customer.mail_activity_type_b2b_review")
        cls.env.company.b2b_approver_id = cls.manager

    def _mails(self, subject_part):
        return self.env["mail.mail"].search([("subject", "ilike", subject_part)])

    def _request_with_contact(self, name="Gamma GmbH", **vals):
        partner = self.new_request(
            name, email=f"info@{name.split()[0].lower()}.example.org", **vals
        )
        self.env["res.partner"].create(
            {
                "name": "Greta Gamma",
                "parent_id": partner.id,
                "email": f"greta@{name.split()[0].lower()}.example.org",
                "b2b_role": "admin",
                "b2b_salutation": "ms",
                "lang": "en_US",
            }
        )
        return partner

    # ------------------------------------------------------------------
    # SLA activity and notifications
    # ------------------------------------------------------------------
    @freeze_time("2026-03-02 10:00:00")
    def test_request_schedules_review_for_approver(self):
        partner = self.new_request()
        activity = partner.activity_ids.filtered(
            lambda a: a.activity_type_id == self.activity_type
        )
        self.assertEqual(len(activity), 1)
        self.assertEqual(activity.user_id, self.manager)
        self.assertEqual(str(activity.date_deadline), "2026-03-03")
        partner.with_user(self.manager).action_b2b_approve()
        self.assertFalse(
            partner.activity_ids.filtered(
                lambda a: a.activity_type_id == self.activity_type
            ),
            "the review activity is closed by the decision",
        )

    def test_new_request_notifies_approvers(self):
        self.env.company.b2b_approver_email = "b2b-desk@shop.example.com"
        partner = self.new_request("Notify Me BV", vat="NL123456782B90")
        mail = self._mails("New B2B account request: Notify Me BV")
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertIn(self.manager.partner_id, mail.recipient_ids)
        self.assertEqual(mail.email_to, "b2b-desk@shop.example.com")
        self.assertIn("NL123456782B90", str(mail.body_html))
        self.assertIn(f"/odoo/res.partner/{partner.id}", str(mail.body_html))

    def test_managers_are_approvers_without_setting(self):
        self.env.company.b2b_approver_id = False
        partner = self.new_request()
        self.assertIn(self.manager, partner._b2b_get_approvers())
        self.assertNotIn(self.b2b_back_user, partner._b2b_get_approvers())
        mail = self._mails("New B2B account request: Request Co")
        self.assertIn(self.manager.partner_id, mail.recipient_ids)

    def test_automatic_approval_sends_welcome_and_no_review(self):
        self.env.company.b2b_approval_mode = "auto"
        partner = self._request_with_contact("Auto Approved Ltd")
        self.assertEqual(partner.b2b_state, "approved")
        self.assertFalse(partner.activity_ids)
        self.assertFalse(self._mails("New B2B account request: Auto Approved"))

    # ------------------------------------------------------------------
    # Decisions tell the customer
    # ------------------------------------------------------------------
    def test_approval_welcome_mail_queued_with_greeting_and_number(self):
        partner = self._request_with_contact()
        partner.with_user(self.manager).action_b2b_approve()
        mail = (
            self.env["mail.mail"]
            .search([("model", "=", "res.partner"), ("res_id", "=", partner.id)])
            .filtered(lambda m: "is active" in (m.subject or ""))
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing")
        self.assertIn("Dear Ms Gamma,", str(mail.body_html))
        self.assertIn(partner.ref, str(mail.body_html))
        self.assertIn(
            partner.child_ids.filtered(lambda c: c.b2b_role == "admin"),
            mail.recipient_ids,
        )
        self.assertIn(mail.mail_message_id, partner.message_ids, "shown in the chatter")

    def test_reject_and_request_info_send_the_message(self):
        rejected = self._request_with_contact("Reject Me GmbH")
        asked = self._request_with_contact("Ask Me GmbH")
        Wizard = self.env["b2b.review.wizard"].with_user(self.manager)
        Wizard.create(
            {
                "partner_ids": [(6, 0, rejected.ids)],
                "decision": "reject",
                "message": "We only sell to registered retailers.",
            }
        ).action_confirm()
        Wizard.create(
            {
                "partner_ids": [(6, 0, asked.ids)],
                "decision": "request_info",
                "message": "Please send your trade licence.",
            }
        ).action_confirm()
        self.assertEqual(rejected.b2b_state, "rejected")
        self.assertEqual(asked.b2b_state, "pending")
        reject_mail = self.env["mail.mail"].search(
            [("res_id", "=", rejected.id), ("model", "=", "res.partner")]
        )
        info_mail = self.env["mail.mail"].search(
            [("res_id", "=", asked.id), ("model", "=", "res.partner")]
        )
        self.assertTrue(
            any("registered retailers" in str(m.body_html) for m in reject_mail)
        )
        self.assertTrue(any("trade licence" in str(m.body_html) for m in info_mail))
        self.assertTrue(
            asked.activity_ids.filtered(
                lambda a: a.activity_type_id == self.activity_type
            ),
            "asking for information keeps the review open",
        )

    def test_customer_reply_lands_in_chatter(self):
        partner = self._request_with_contact("Reply GmbH")
        self.env["b2b.review.wizard"].with_user(self.manager).create(
            {
                "partner_ids": [(6, 0, partner.ids)],
                "decision": "request_info",
                "message": "Which VAT number do you use?",
            }
        ).action_confirm()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", partner.id),
                ("subject", "ilike", "more details"),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(
            mail.recipient_ids.mapped("email"), ["greta@reply.example.org"]
        )
        message = mail.mail_message_id
        self.assertIn(message, partner.message_ids, "the sent mail is in the chatter")
        self.assertTrue(message.message_id)
        reply = (
            "From: Greta Gamma <greta@reply.example.org>\r\n"
            "To: shop@example.com\r\n"
            "Subject: Re: details\r\n"
            f"In-Reply-To: {message.message_id}\r\n"
            f"References: {message.message_id}\r\n"
            "Message-ID: <reply-1@reply.example.org>\r\n"
            "Content-Type: text/plain\r\n\r\n"
            "Our VAT number is BE0477472701.\r\n"
        )
        thread_id = self.env["mail.thread"].message_process(False, reply)
        self.assertEqual(thread_id, partner.id)
        self.assertTrue(any("BE0477472701" in str(m.body) for m in partner.message_ids))

    # ------------------------------------------------------------------
    # Overdue cron
    # ------------------------------------------------------------------
    def test_overdue_cron_notifies_once(self):
        with freeze_time("2026-03-02 10:00:00"):
            late = self.new_request("Late Corp")
            on_time = self.new_request("On Time Corp")
            on_time.b2b_deadline = datetime(2026, 3, 10)
        Partner = self.env["res.partner"]
        with freeze_time("2026-03-03 11:00:00"):
            reported = Partner._cron_b2b_overdue_requests()
            self.assertIn(late, reported)
            self.assertNotIn(on_time, reported)
            self.assertTrue(late.b2b_overdue_notified)
            self.assertFalse(Partner._cron_b2b_overdue_requests(), "idempotent")
        self.assertEqual(len(self._mails("Overdue B2B request: Late Corp")), 1)
        self.assertFalse(self._mails("Overdue B2B request: On Time Corp"))

    def test_overdue_flag_resets_on_resubmission(self):
        with freeze_time("2026-03-02 10:00:00"):
            partner = self.new_request("Again Corp")
        with freeze_time("2026-03-04 10:00:00"):
            self.env["res.partner"]._cron_b2b_overdue_requests()
        self.assertTrue(partner.b2b_overdue_notified)
        partner.sudo()._b2b_transition("reject", message="Incomplete")
        partner.sudo()._b2b_start_request()
        self.assertFalse(partner.b2b_overdue_notified)

    # ------------------------------------------------------------------
    # Duplicates
    # ------------------------------------------------------------------
    def test_duplicates_by_vat_registry_domain_and_name(self):
        existing = self.env["res.partner"].create(
            {
                "name": "Delta Handels GmbH",
                "is_company": True,
                "company_registry": "HRB 999",
                "email": "info@delta-handel.example.de",
            }
        )
        by_vat = self.new_request("Other Name", vat="BE0477472701")
        self.assertIn(self.company_a, by_vat.b2b_duplicate_ids)
        by_registry = self.new_request("Registry Twin", company_registry="HRB 999")
        self.assertIn(existing, by_registry.b2b_duplicate_ids)
        by_domain = self.new_request("Domain Twin", email="jo@delta-handel.example.de")
        self.assertIn(existing, by_domain.b2b_duplicate_ids)
        by_name = self.new_request("Delta Handels AG")
        self.assertIn(existing, by_name.b2b_duplicate_ids)
        free_mail = self.new_request("Unrelated", email="someone@gmail.com")
        self.env["res.partner"].create(
            {"name": "Gmail User Co", "is_company": True, "email": "x@gmail.com"}
        )
        self.assertFalse(free_mail.b2b_duplicate_ids)

    def test_link_to_existing_moves_contacts_and_archives(self):
        request = self._request_with_contact(
            "Alpha Trading Duplicate", vat="BE0477472701"
        )
        contact = request.child_ids
        self.assertIn(self.company_a, request.b2b_duplicate_ids)
        self.company_a.with_user(self.manager).with_context(
            b2b_request_partner_id=request.id
        ).action_b2b_link_to_existing()
        self.assertEqual(contact.parent_id, self.company_a)
        self.assertFalse(request.active)
        self.assertTrue(request.exists(), "nothing is deleted")
        self.assertTrue(
            any(
                "Linked to the existing customer" in str(m.body)
                for m in request.message_ids
            )
        )
        self.assertTrue(
            any(
                "was linked to this customer" in str(m.body)
                for m in self.company_a.message_ids
            )
        )

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_link_requires_manager(self):
        request = self.new_request("Dup", vat="BE0477472701")
        with self.assertRaises(AccessError):
            self.company_a.with_user(self.b2b_back_user).with_context(
                b2b_request_partner_id=request.id
            ).action_b2b_link_to_existing()

    # ------------------------------------------------------------------
    # Unapproved accounts cannot buy
    # ------------------------------------------------------------------
    def _order_for(self, partner):
        product = self.env["product.product"].create(
            {"name": "Widget", "list_price": 10}
        )
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    (0, 0, {"product_id": product.id, "product_uom_qty": 2})
                ],
            }
        )

    def test_pending_account_cannot_confirm_orders(self):
        partner = self._request_with_contact("Buyer Pending")
        self.assertTrue(partner.active, "pending partners stay active and selectable")
        order = self._order_for(partner.child_ids)
        self.assertTrue(order.b2b_blocked)
        self.assertFalse(order._has_to_be_signed())
        with self.assertRaisesRegex(UserError, "not approved"):
            order.with_user(self.manager).action_confirm()
        # a salesperson cannot force it through the context
        with self.assertRaisesRegex(UserError, "not approved"):
            order.with_user(self.b2b_back_user).with_context(
                b2b_confirm_override=True
            ).action_confirm()
        wizard = (
            self.env["b2b.confirm.override.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "order_ids": [(6, 0, order.ids)],
                    "reason": "Known customer, papers follow.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertTrue(any("papers follow" in str(m.body) for m in order.message_ids))

    def test_approved_and_plain_customers_confirm_normally(self):
        order = self._order_for(self.admin_a)
        self.assertFalse(order.b2b_blocked)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        plain = self._order_for(self.plain_customer)
        plain.action_confirm()
        self.assertEqual(plain.state, "sale")

    # ------------------------------------------------------------------
    # Reporting
    # ------------------------------------------------------------------
    def test_report_hours_p90_and_sla_share(self):
        Report = self.env["b2b.request.report"]
        partners = self.env["res.partner"]
        for hours in (1, 2, 3, 4, 5, 6, 7, 8, 9, 30):
            with freeze_time("2026-05-04 08:00:00"):
                partner = self.new_request(f"Report {hours}")
            with freeze_time(datetime(2026, 5, 4, 8) + timedelta(hours=hours)):
                partner.sudo()._b2b_approve()
            partners |= partner
        self.env.flush_all()
        [(count, avg, p90, sla)] = Report._read_group(
            [("partner_id", "in", partners.ids)],
            [],
            [
                "__count",
                "hours_to_decision:avg",
                "hours_to_decision_p90:p90",
                "within_sla:avg",
            ],
        )
        self.assertEqual(count, 10)
        self.assertAlmostEqual(avg, 7.5, places=2)
        self.assertAlmostEqual(p90, 11.1, places=2)  # percentile_cont(0.9) of 1..9, 30
        self.assertAlmostEqual(sla, 90.0, places=2)  # 30 h is past the 24 h target
        groups = Report.formatted_read_group(
            [("partner_id", "in", partners.ids)],
            ["request_date:month"],
            ["hours_to_decision_p90:p90"],
        )
        self.assertEqual(len(groups), 1)

    # ------------------------------------------------------------------
    # Bulk decisions stay cheap
    # ------------------------------------------------------------------
    def test_bulk_approval_query_count_does_not_grow_per_account(self):
        def run(count):
            partners = self.env["res.partner"]
            for i in range(count):
                partners |= self._request_with_contact(f"Bulk{count}x{i} Ltd")
            self.env.flush_all()
            self.env.invalidate_all()
            wizard = (
                self.env["b2b.review.wizard"]
                .with_user(self.manager)
                .create({"partner_ids": [(6, 0, partners.ids)], "decision": "approve"})
            )
            self.env.flush_all()
            self.env.invalidate_all()
            queries_before = self.cr.sql_log_count
            wizard.action_confirm()
            self.env.flush_all()
            used = self.cr.sql_log_count - queries_before
            self.assertEqual(set(partners.mapped("b2b_state")), {"approved"})
            welcome = self.env["mail.mail"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("subject", "ilike", "is active"),
                ]
            )
            self.assertEqual(len(welcome), count, "one welcome mail per account")
            self.assertEqual(set(welcome.mapped("state")), {"outgoing"}, "queued")
            return used

        small, large = run(2), run(12)
        per_account = (large - small) / 10
        _logger.info("bulk approval: %.1f queries per account", per_account)
        # the benchmark's target (make bench: bulk_approve_queries_per_account)
        self.assertLessEqual(
            per_account, 12, f"{per_account} queries per approved account"
        )


@tagged("post_install", "-at_install")
class TestB2BBlockedOrderPortal(B2BHttpCommon):
    def test_pending_customer_sees_why_it_cannot_accept(self):
        self.company_a.sudo().write({"b2b_state": "pending"})
        product = self.env["product.product"].create(
            {"name": "Widget", "list_price": 10}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": self.admin_a.id,
                "require_signature": True,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        order.action_quotation_sent()
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_order_blocked", page.text)
        self.assertNotIn('id="o_sale_portal_paynow"', page.text)
