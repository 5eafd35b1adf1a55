"""Deciding many waiting orders at once: the model's batch (what is decided,
what is left alone, one refused confirmation does not hold back the others,
Odoo's confirmation mails left to its pending-mail action, a cost that does
not grow per order), ``/my/approvals/bulk/...`` (who may, foreign orders,
errors on the page with the selection kept) and the tour."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .buyer_approval_common import ApprovalFixtures, queued
from .common import B2BCommon
from .test_buyer_approval_http import ApprovalHttpCommon


@tagged("post_install", "-at_install")
class TestBuyerApprovalBatch(ApprovalFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()
        cls.env.ref("sale.send_pending_emails_cron").active = True

    def test_approve_many(self):
        orders = self.waiting(3)
        own = self.waiting(1, buyer=self.approver_a, approvers=self.approver_a)
        other = self.waiting(1, approvers=self.admin_a2)
        decided = (orders | own | other)._b2b_decide_many(
            self.approver_a, "approve", "Fine"
        )
        self.assertEqual(decided, orders, "own and others' orders are left alone")
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(set(orders.mapped("b2b_approval_state")), {"approved"})
        self.assertEqual((own | other).mapped("b2b_approval_state"), ["waiting"] * 2)
        for order in orders:
            trail = order.message_ids.filtered(
                lambda m: "Approved by Anna Approver: Fine" in (m.body or "")
            )
            self.assertEqual(len(trail), 1)
            self.assertEqual(trail.author_id, self.approver_a)
            self.assertEqual(trail.subtype_id, self.env.ref("mail.mt_note"))
        lines = orders.sudo().b2b_approval_ids
        self.assertEqual(set(lines.mapped("approver_id")), {self.approver_a})
        self.assertEqual(set(lines.mapped("comment")), {"Fine"})

    def test_confirmation_mails_left_to_odoos_pending_mails(self):
        orders = self.waiting(2)
        orders._b2b_decide_many(self.approver_a, "approve")
        template = orders[0]._get_confirmation_template()
        self.assertEqual(orders.mapped("pending_email_template_id"), template)
        comment = self.env.ref("mail.mt_comment")
        self.assertFalse(orders.message_ids.filtered(lambda m: m.subtype_id == comment))
        # what Odoo's "Sales: Send pending emails" does for each order (the
        # action itself commits, which a test may not)
        for order in orders:
            order._send_order_notification_mail(
                order.pending_email_template_id, allow_deferred_sending=False
            )
            order.pending_email_template_id = False
        self.assertFalse(orders.pending_email_template_id)
        for order in orders:
            sent = order.message_ids.filtered(lambda m: m.subtype_id == comment)
            self.assertEqual(len(sent), 1, "Odoo's confirmation mail, once")

    def test_without_the_pending_mail_action_odoo_sends_as_usual(self):
        self.env.ref("sale.send_pending_emails_cron").active = False
        order = self.waiting(1)
        order._b2b_decide_many(self.approver_a, "approve")
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.pending_email_template_id)
        comment = self.env.ref("mail.mt_comment")
        self.assertTrue(order.message_ids.filtered(lambda m: m.subtype_id == comment))

    def test_one_refused_confirmation_does_not_hold_the_others(self):
        orders = self.waiting(3)
        broken = orders[1]
        broken.order_line = [Command.create({"name": "Custom cut", "price_unit": 5})]
        decided = orders._b2b_decide_many(self.approver_a, "approve")
        self.assertEqual(decided, orders)
        self.assertEqual((orders - broken).mapped("state"), ["sale", "sale"])
        self.assertEqual(broken.state, "sent")
        self.assertEqual(broken.b2b_approval_state, "approved")
        self.assertTrue(
            broken.message_ids.filtered(
                lambda m: "could not be confirmed" in (m.body or "")
                and "missing a product" in m.body
            )
        )

    def test_reject_many(self):
        orders = self.waiting(2)
        with self.assertRaisesRegex(UserError, "why you reject"):
            orders._b2b_decide_many(self.approver_a, "reject", " ")
        self.assertEqual(orders.mapped("b2b_approval_state"), ["waiting"] * 2)
        orders._b2b_decide_many(self.approver_a, "reject", "<b>Next month</b>")
        self.assertEqual(orders.mapped("b2b_approval_state"), ["rejected"] * 2)
        self.assertEqual(orders.mapped("state"), ["sent", "sent"])
        for order in orders:
            mail = queued(
                self.env, "b2b_customer.mail_template_b2b_order_rejected", order
            )
            self.assertEqual(len(mail), 1)
            self.assertEqual(mail.recipient_ids, self.user_a)
            note = order.message_ids.filtered(lambda m: "Rejected by" in (m.body or ""))
            self.assertIn("&lt;b&gt;Next month&lt;/b&gt;", note.body, "escaped")

    def test_unknown_decision_refused(self):
        orders = self.waiting(1)
        with self.assertRaisesRegex(UserError, "approve or reject"):
            orders._b2b_decide_many(self.approver_a, "delete")
        self.assertEqual(orders.b2b_approval_state, "waiting")

    def test_cost_does_not_grow_per_order(self):
        def queries(count):
            orders = self.waiting(count)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            orders._b2b_decide_many(self.approver_a, "approve")
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        queries(2)  # warm the caches
        with_5, with_25 = queries(5), queries(25)
        per_order = (with_25 - with_5) / 20
        self.assertLessEqual(per_order, 12, f"{with_5} vs {with_25} queries")


@tagged("post_install", "-at_install")
class TestBuyerApprovalBulkPortal(ApprovalHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("sale.send_pending_emails_cron").active = True

    def bulk(self, decision, orders, **data):
        return self.url_open(
            f"/my/approvals/bulk/{decision}",
            data={
                "csrf_token": self.csrf(),
                "order_ids": [str(order_id) for order_id in orders.ids],
                **data,
            },
        )

    def csrf(self):
        from odoo import http  # noqa: PLC0415

        return http.Request.csrf_token(self)

    def test_approve_selected(self):
        orders = self.waiting(3)
        self.authenticate("portal_approver_a", "portal_approver_a")
        page = self.url_open("/my/approvals").text
        self.assertEqual(page.count('name="order_ids"'), 3)
        response = self.bulk("approve", orders[:2], comment="Both fine")
        self.assertIn("Orders approved: 2", response.text)
        self.assertEqual(orders[:2].mapped("state"), ["sale", "sale"])
        self.assertEqual(orders[2].b2b_approval_state, "waiting")

    def test_already_decided_are_counted_as_left_alone(self):
        orders = self.waiting(2, approvers=self.approver_a | self.admin_a2)
        orders[0]._b2b_decide(self.admin_a2, "approve")
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.bulk("approve", orders)
        self.assertIn("Orders approved: 1", response.text)
        self.assertIn("no longer waited for your decision: 1", response.text)

    def test_reject_selected_needs_a_comment_and_keeps_the_selection(self):
        orders = self.waiting(2)
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.bulk("reject", orders[:1], comment="")
        self.assertIn("Please say why you reject the order", response.text)
        self.assertIn(f'value="{orders[0].id}" checked', response.text)
        self.assertNotIn(f'value="{orders[1].id}" checked', response.text)
        response = self.bulk("reject", orders[:1], comment="Draft\x00 text")
        self.assertIn("control characters", response.text)
        self.assertIn("Draft text", response.text, "what was typed is kept")
        self.assertEqual(orders.mapped("b2b_approval_state"), ["waiting"] * 2)
        response = self.bulk("reject", orders, comment="Not now")
        self.assertIn("Orders rejected and returned to their buyers: 2", response.text)
        self.assertEqual(orders.mapped("b2b_approval_state"), ["rejected"] * 2)

    def test_nothing_selected(self):
        self.waiting(1)
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.bulk("approve", self.env["sale.order"])
        self.assertIn("Please select the orders to decide", response.text)

    @mute_logger("odoo.http")
    def test_refused(self):
        mine = self.waiting(1)
        foreign = self.waiting(1, buyer=self.admin_b, approvers=self.admin_b)
        foreign.name = "FOREIGN-ORDER-B"
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.bulk("approve", mine | foreign)
        self.assertEqual(response.status_code, 404)
        self.assertNotIn("FOREIGN-ORDER-B", response.text)
        self.assertEqual((mine | foreign).mapped("b2b_approval_state"), ["waiting"] * 2)
        for login in ("portal_user_a", "portal_viewer_a", "portal_plain"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.bulk("approve", mine)
                self.assertEqual(response.status_code, 403)
                self.assertEqual(mine.b2b_approval_state, "waiting")
        self.authenticate("portal_approver_a", "portal_approver_a")
        response = self.url_open(
            "/my/approvals/bulk/approve", data={"order_ids": str(mine.id)}
        )
        self.assertEqual(response.status_code, 400, "no CSRF token")
        self.assertEqual(mine.b2b_approval_state, "waiting")

    def test_bulk_queries_do_not_grow_per_order(self):
        def queries(count):
            orders = self.waiting(count)
            self.authenticate("portal_approver_a", "portal_approver_a")
            before = self.cr.sql_log_count
            response = self.bulk("approve", orders)
            self.assertIn(f"Orders approved: {count}", response.text)
            return self.cr.sql_log_count - before

        queries(2)  # warm the caches
        with_5, with_25 = queries(5), queries(25)
        self.assertLessEqual((with_25 - with_5) / 20, 12, f"{with_5} vs {with_25}")

    def test_tour(self):
        orders = self.waiting(3)
        self.start_tour(
            "/my/approvals", "b2b_buyer_approval_bulk_tour", login="portal_approver_a"
        )
        self.assertEqual(set(orders.mapped("state")), {"sale"})
        self.assertEqual(
            set(orders.sudo().b2b_approval_ids.mapped("comment")), {"All three agreed"}
        )
