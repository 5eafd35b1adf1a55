"""Batch work costs a bounded number of queries per record: bulk decisions
through the review wizard, the overdue cron, and the reseller's bulk tag and
archive on the portal (the benchmark's bulk_*, overdue_cron_* and
portal_bulk_* rows, guarded here with 10 against 50 records)."""

import logging
from datetime import timedelta

from odoo import fields, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon, B2BHttpCommon

_logger = logging.getLogger(__name__)

#: queries per record a batch may cost (the benchmark measures 0.1-0.5)
MAX_QUERIES_PER_RECORD = 2


def per_record(small, large, small_count, large_count):
    return (large - small) / (large_count - small_count)


@tagged("post_install", "-at_install")
class TestB2BBatchCost(B2BCommon):
    def _requests(self, count, tag):
        Partner = self.env["res.partner"]
        partners = Partner.create(
            [
                {
                    "name": f"Batch {tag} {i} Ltd",
                    "is_company": True,
                    "is_b2b": True,
                    "email": f"info{i}@{tag}.example.org",
                }
                for i in range(count)
            ]
        )
        Partner.create(
            [
                {
                    "name": f"Contact {tag} {i}",
                    "parent_id": partner.id,
                    "email": f"buyer{i}@{tag}.example.org",
                    "b2b_role": "admin",
                    "lang": "en_US",
                }
                for i, partner in enumerate(partners)
            ]
        )
        self.env.flush_all()
        self.env.invalidate_all()
        return partners

    def _decide(self, decision, count):
        partners = self._requests(count, f"{decision}{count}")
        wizard = (
            self.env["b2b.review.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [(6, 0, partners.ids)],
                    "decision": decision,
                    "message": "Please send us your trade register extract.",
                }
            )
        )
        self.env.flush_all()
        self.env.invalidate_all()
        last_mail = self.env["mail.mail"].search([], order="id desc", limit=1).id or 0
        before = self.cr.sql_log_count
        wizard.action_confirm()
        self.env.flush_all()
        used = self.cr.sql_log_count - before
        mails = self.env["mail.mail"].search(
            [
                ("id", ">", last_mail),
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
            ]
        )
        self.assertEqual(len(mails), count, "one mail per account's administrator")
        self.assertEqual(set(mails.mapped("state")), {"outgoing"}, "queued, not sent")
        return used

    def _assert_bounded(self, name, run):
        small, large = run(10), run(50)
        cost = per_record(small, large, 10, 50)
        _logger.info("%s: %.2f queries per record (%s, %s)", name, cost, small, large)
        self.assertLessEqual(
            cost, MAX_QUERIES_PER_RECORD, f"{name}: {small} for 10, {large} for 50"
        )

    def test_bulk_approve_bounded(self):
        self._assert_bounded("approve", lambda n: self._decide("approve", n))

    def test_bulk_reject_bounded(self):
        self._assert_bounded("reject", lambda n: self._decide("reject", n))

    def test_bulk_request_info_bounded(self):
        self._assert_bounded("request_info", lambda n: self._decide("request_info", n))

    def test_overdue_cron_bounded_one_note_each(self):
        Partner = self.env["res.partner"]

        def run(count):
            partners = self._requests(count, f"overdue{count}")
            partners.sudo().write(
                {"b2b_deadline": fields.Datetime.now() - timedelta(hours=1)}
            )
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.cr.sql_log_count
            reported = Partner._cron_b2b_overdue_requests()
            self.env.flush_all()
            used = self.cr.sql_log_count - before
            self.assertEqual(reported & partners, partners)
            notes = self.env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("body", "ilike", "The B2B request is overdue."),
                ]
            )
            self.assertEqual(len(notes), count, "one chatter line each")
            self.assertEqual(set(notes.mapped("res_id")), set(partners.ids))
            self.assertTrue(all(partners.sudo().mapped("b2b_overdue_notified")))
            mails = self.env["mail.mail"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", partners.ids),
                    ("subject", "ilike", "Overdue B2B request"),
                ]
            )
            self.assertGreaterEqual(len(mails), count, "the approvers hear of each")
            self.assertEqual(set(mails.mapped("state")), {"outgoing"})
            # reported once only
            self.assertFalse(Partner._cron_b2b_overdue_requests() & partners)
            return used

        self._assert_bounded("overdue cron", run)

    def test_bulk_decision_closes_each_review_with_one_line(self):
        partners = self._requests(3, "review")
        review = self.env.ref("b2b_customer.mail_activity_type_b2b_review")
        activities = self.env["mail.activity"].search(
            [("res_id", "in", partners.ids), ("activity_type_id", "=", review.id)]
        )
        self.assertEqual(len(activities), 3)
        wizard = (
            self.env["b2b.review.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [(6, 0, partners.ids)],
                    "decision": "reject",
                    "message": "Not a business.",
                }
            )
        )
        wizard.action_confirm()
        self.assertFalse(activities.exists().filtered("active"), "all done")
        self.assertEqual(set(activities.mapped("feedback")), {"Rejected"})
        for partner in partners:
            done = partner.message_ids.filtered(
                lambda m: m.mail_activity_type_id == review
            )
            self.assertEqual(len(done), 1, "one 'done' line in each chatter")
            self.assertIn("Rejected", str(done.body))
            self.assertIn("Review the B2B request of", str(done.body))
            self.assertEqual(done.subtype_id, self.env.ref("mail.mt_activities"))

    def test_batch_mails_sent_in_the_layout_chatter_keeps_the_body(self):
        partners = self._requests(3, "layout")
        partners.with_user(self.manager).action_b2b_approve()
        mails = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("subject", "ilike", "is active"),
            ]
        )
        self.assertEqual(len(mails), 3)
        for mail in mails:
            contact = partners.browse(mail.res_id).child_ids
            self.assertIn("Powered by", mail.body_html, "the e-mail has the layout")
            self.assertIn(contact.b2b_letter_salutation, mail.body_html)
            self.assertIn(contact.b2b_letter_salutation, str(mail.body))
            self.assertNotIn("Powered by", str(mail.body), "the chatter: the body")

    def test_suspend_logs_one_note_each(self):
        partners = self._requests(3, "suspend")
        partners.with_user(self.manager).action_b2b_approve()
        partners.with_user(self.manager).action_b2b_suspend()
        notes = self.env["mail.message"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "in", partners.ids),
                ("body", "ilike", "B2B account suspended."),
            ]
        )
        self.assertEqual(sorted(notes.mapped("res_id")), sorted(partners.ids))


@tagged("post_install", "-at_install")
class TestB2BPortalBulkActions(B2BHttpCommon):
    def _customers(self, count, reseller=None, tag="own"):
        Partner = self.env["res.partner"].sudo()
        customers = Partner.create(
            [
                {
                    "name": f"Bulk {tag} {i:03d}",
                    "is_company": True,
                    "email": f"bulk{i}@{tag}.example.com",
                    "b2b_reseller_id": (reseller or self.reseller).id,
                }
                for i in range(count)
            ]
        )
        self.env.flush_all()
        return customers

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, allow_redirects=False)

    def test_bulk_archive_and_restore(self):
        customers = self._customers(3)
        self.authenticate("portal_reseller", "portal_reseller")
        page = self.url_open("/my/customers")
        self.assertIn('formaction="/my/customers/archive"', page.text)
        response = self._post("/my/customers/archive", customer_ids=customers[:2].ids)
        self.assertEqual(response.status_code, 303)
        self.assertIn("done=archived_many", response.headers["Location"])
        self.env.invalidate_all()
        self.assertEqual(customers.mapped("active"), [False, False, True])
        self.assertTrue(customers[0].exists(), "archived, never deleted")
        page = self.url_open("/my/customers?archived=1")
        self.assertIn('formaction="/my/customers/unarchive"', page.text)
        self.assertIn(customers[0].name, page.text)
        response = self._post("/my/customers/unarchive", customer_ids=customers[:1].ids)
        self.assertEqual(response.status_code, 303)
        self.env.invalidate_all()
        self.assertEqual(customers.mapped("active"), [True, False, True])
        # none ticked: the list again with a message
        response = self._post("/my/customers/archive")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please select the customers first.", response.text)

    def test_bulk_archive_refuses_foreign_customers(self):
        own = self._customers(2)
        foreign = self._customers(1, reseller=self.reseller_2, tag="foreign")
        self.authenticate("portal_reseller", "portal_reseller")
        with mute_logger("odoo.http"):
            for ids in (foreign.ids, own.ids + foreign.ids, [99999999]):
                for action in ("archive", "unarchive"):
                    with self.subTest(ids=ids, action=action):
                        response = self._post(
                            f"/my/customers/{action}", customer_ids=ids
                        )
                        self.assertEqual(response.status_code, 404)
        self.env.invalidate_all()
        self.assertTrue(all((own | foreign).mapped("active")), "nothing archived")
        # without a CSRF token: refused
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/customers/archive", data={"customer_ids": own.ids[0]}
            )
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertTrue(own[0].active)

    def test_bulk_tag_and_archive_queries_do_not_grow(self):
        customers = self._customers(60)
        self.authenticate("portal_reseller", "portal_reseller")
        self.url_open("/my/customers")  # warm-up

        def queries(url, ids, **data):
            before = self.cr.sql_log_count
            response = self._post(url, customer_ids=ids, **data)
            self.assertEqual(response.status_code, 303, url)
            return self.cr.sql_log_count - before

        queries("/my/customers/tag", customers[:5].ids, tag_name="Big")  # warm-up
        tag_10 = queries("/my/customers/tag", customers[:10].ids, tag_name="Big")
        tag_50 = queries("/my/customers/tag", customers[10:60].ids, tag_name="Big")
        self.assertLessEqual(tag_50 - tag_10, 2, f"tag: {tag_10} vs {tag_50}")
        archive_10 = queries("/my/customers/archive", customers[:10].ids)
        archive_50 = queries("/my/customers/archive", customers[10:60].ids)
        self.assertLessEqual(
            archive_50 - archive_10, 2, f"archive: {archive_10} vs {archive_50}"
        )
        self.env.invalidate_all()
        self.assertFalse(any(customers.mapped("active")))
