"""Buyer approvals, model side: every rule kind, several rules, the order
limit and its escalation, budgets by period, self-approval, rejection and
resubmission, the chatter trail, what happens after the last approval, the
manager's override and viewers (budgets: test_buyer_budget.py, two
approvers at once: test_buyer_approval_race.py)."""

from odoo import Command
from odoo.exceptions import UserError
from odoo.tests import tagged

from .buyer_approval_common import ApprovalFixtures, queued
from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestBuyerApprovalRules(ApprovalFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()

    def lines(self, order):
        return order.sudo().b2b_approval_ids.filtered(lambda a: a.state == "waiting")

    def test_no_rule_confirms_as_odoo_does(self):
        order = self.accept(self.quotation(self.user_a, 5000), self.user_a)
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approval_state, "not_required")
        self.assertEqual(order.b2b_requested_by_id, self.user_a)

    def test_order_limit_goes_to_the_approvers(self):
        self.user_a.b2b_order_limit = 100
        under = self.accept(self.quotation(self.user_a, 100), self.user_a)
        self.assertEqual(under.state, "sale")
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        self.assertEqual(order.state, "sent")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertTrue(order.signature, "the signature is kept")
        self.assertEqual(self.lines(order).candidate_ids, self.approver_a)

    def test_order_limit_without_approvers_goes_to_the_admins(self):
        self.approver_a.b2b_role = "user"
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        self.assertEqual(self.lines(order).candidate_ids, self.admin_a | self.admin_a2)

    def test_approvers_own_order_escalates_to_the_admins(self):
        self.approver_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.approver_a, 150), self.approver_a)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(self.lines(order).candidate_ids, self.admin_a | self.admin_a2)

    def test_admin_own_order_goes_to_the_other_admins(self):
        self.admin_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.admin_a, 150), self.admin_a)
        self.assertEqual(self.lines(order).candidate_ids, self.admin_a2)
        self.admin_a2.b2b_role = "user"
        with self.assertRaisesRegex(UserError, "No one else"):
            self.accept(self.quotation(self.admin_a, 150), self.admin_a)

    def test_rule_threshold_untaxed_or_total(self):
        self.rule(amount_threshold=110, amount_basis="untaxed")
        order = self.accept(
            self.quotation(self.user_a, 100, product=self.taxed_product), self.user_a
        )
        self.assertEqual(order.state, "sale", "100 untaxed is not above 110")
        self.rule(amount_threshold=110, amount_basis="total", name="Taxed")
        order = self.accept(
            self.quotation(self.user_a, 100, product=self.taxed_product), self.user_a
        )
        self.assertEqual(order.b2b_approval_state, "waiting", "121 with taxes")
        self.assertEqual(self.lines(order).reason, "Taxed")
        self.assertEqual(self.lines(order).candidate_ids, self.admin_a | self.admin_a2)

    def test_rule_by_role(self):
        self.rule(applies_to="role", role="user", approver_type="approvers")
        order = self.accept(self.quotation(self.user_a, 10), self.user_a)
        self.assertEqual(self.lines(order).candidate_ids, self.approver_a)
        order = self.accept(self.quotation(self.admin_a, 10), self.admin_a)
        self.assertEqual(order.state, "sale", "the rule is for users only")

    def test_rule_for_some_contacts_named_approvers(self):
        self.rule(
            applies_to="contacts",
            contact_ids=[Command.set(self.admin_a.ids)],
            approver_type="contacts",
            approver_ids=[Command.set(self.user_a.ids)],
        )
        order = self.accept(self.quotation(self.user_a, 10), self.user_a)
        self.assertEqual(order.state, "sale")
        order = self.accept(self.quotation(self.admin_a, 10), self.admin_a)
        self.assertEqual(self.lines(order).candidate_ids, self.user_a)

    def test_named_approver_buying_escalates(self):
        self.rule(approver_type="contacts", approver_ids=[Command.set(self.user_a.ids)])
        order = self.accept(self.quotation(self.user_a, 10), self.user_a)
        self.assertEqual(self.lines(order).candidate_ids, self.admin_a | self.admin_a2)

    def test_archived_rule_and_other_company(self):
        self.rule(active=False)
        self.env["b2b.approval.rule"].create(
            {"partner_id": self.company_b.id, "name": "Bravo's"}
        )
        order = self.accept(self.quotation(self.user_a, 1000), self.user_a)
        self.assertEqual(order.state, "sale")

    def test_rule_people_must_be_of_the_company(self):
        with self.assertRaisesRegex(Exception, "contact persons"):
            self.rule(
                approver_type="contacts", approver_ids=[Command.set(self.admin_b.ids)]
            )

    def test_several_rules_need_every_approval(self):
        self.rule(name="Approvers", approver_type="approvers")
        self.rule(name="Administrators", approver_type="admins", amount_threshold=50)
        order = self.accept(self.quotation(self.user_a, 100), self.user_a)
        self.assertEqual(len(self.lines(order)), 2)
        order._b2b_decide(self.approver_a, "approve", "fine by me")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.state, "sent")
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            order._b2b_decide(self.approver_a, "approve")
        order._b2b_decide(self.admin_a2, "approve")
        self.assertEqual(order.b2b_approval_state, "approved")
        self.assertEqual(order.state, "sale")
        decided = order.sudo().b2b_approval_ids
        self.assertEqual(decided.mapped("state"), ["approved", "approved"])
        self.assertEqual(decided.approver_id, self.approver_a | self.admin_a2)
        self.assertIn("fine by me", decided.mapped("comment"))

    def test_nobody_approves_their_own_order(self):
        self.rule(approver_type="admins")
        order = self.accept(self.quotation(self.admin_a, 100), self.admin_a)
        self.assertNotIn(self.admin_a, self.lines(order).candidate_ids)
        with self.assertRaisesRegex(UserError, "your own order"):
            order._b2b_decide(self.admin_a, "approve")
        with self.assertRaisesRegex(UserError, "no longer waiting"):
            order._b2b_decide(self.user_a, "approve")
        self.assertEqual(order.b2b_approval_state, "waiting")

    def test_rejection_and_resubmission(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        with self.assertRaisesRegex(UserError, "why you reject"):
            order._b2b_decide(self.approver_a, "reject", "  ")
        order._b2b_decide(self.approver_a, "reject", "Too many nuts")
        self.assertEqual(order.b2b_approval_state, "rejected")
        self.assertEqual(order.state, "sent")
        self.assertFalse(order.signature)
        self.assertTrue(order._has_to_be_signed(), "back to the buyer")
        mail = queued(self.env, "b2b_customer.mail_template_b2b_order_rejected", order)
        self.assertEqual(mail.recipient_ids, self.user_a)
        self.assertIn("Too many nuts", mail.body_html)
        # the buyer accepts again: a new round of approvals
        self.accept(order, self.user_a)
        self.assertEqual(order.b2b_approval_state, "waiting")
        order._b2b_decide(self.approver_a, "approve")
        self.assertEqual(order.state, "sale")
        states = order.sudo().b2b_approval_ids.mapped("state")
        self.assertEqual(sorted(states), ["approved", "rejected"])

    def test_chatter_trail(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        order._b2b_decide(self.approver_a, "reject", "Not this month")
        self.accept(order, self.user_a)
        order._b2b_decide(self.approver_a, "approve", "OK now")
        bodies = order.message_ids.sorted("id").mapped("body")
        trail = [
            ("Accepted by Ulrich User", self.user_a),
            ("Rejected by Anna Approver", self.approver_a),
            ("Not this month", self.approver_a),
            ("Approved by Anna Approver", self.approver_a),
        ]
        for text, author in trail:
            with self.subTest(text=text):
                message = order.message_ids.filtered(
                    lambda m, t=text: t in (m.body or "")
                    and m.subtype_id == self.env.ref("mail.mt_note")
                )
                self.assertTrue(message, bodies)
                self.assertEqual(message[:1].author_id, author)
        mails = queued(self.env, "b2b_customer.mail_template_b2b_order_approval", order)
        self.assertEqual(len(mails), 2, "the approver is told at each submission")
        self.assertEqual(mails.recipient_ids, self.approver_a)

    def test_approver_mails_in_their_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        # each administrator's own language, whatever the database's default
        self.admin_a.lang = "en_US"
        self.admin_a2.lang = "de_DE"
        self.rule()
        order = self.accept(self.quotation(self.user_a, 100), self.user_a)
        # by recipient, not by subject: on a database with German loaded the
        # German mail's subject is German
        mails = (
            self.env["mail.mail"]
            .sudo()
            .search(
                [
                    ("model", "=", "sale.order"),
                    ("res_id", "=", order.id),
                    ("recipient_ids", "in", (self.admin_a | self.admin_a2).ids),
                    ("message_type", "!=", "user_notification"),
                ]
            )
        )
        self.assertEqual(len(mails), 2, "one mail per language")
        self.assertEqual(mails.recipient_ids, self.admin_a | self.admin_a2)

    def test_prepaid_order_goes_to_payment_after_approval(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(
            self.quotation(self.user_a, 150, require_payment=True), self.user_a
        )
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertFalse(order._has_to_be_paid(), "no payment while it waits")
        order._b2b_decide(self.approver_a, "approve")
        self.assertEqual(order.state, "sent", "confirmed by the payment, as in Odoo")
        self.assertTrue(order._has_to_be_paid())
        mail = queued(
            self.env, "b2b_customer.mail_template_b2b_order_approved_pay", order
        )
        self.assertEqual(mail.recipient_ids, self.user_a)

    def test_waiting_pay_later_order_counts_as_credit_used(self):
        self.company_a.b2b_allow_pay_later = True
        self.company_a.credit_limit = 1000.0
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 300), self.user_a)
        self.assertEqual(order.b2b_approval_state, "waiting")
        figures = self.company_a._b2b_credit_figures()
        self.assertEqual(figures[self.company_a.id]["exposure"], 300)
        # over the credit left: after the approval it is paid online instead
        self.company_a.credit_limit = 200.0
        order._b2b_decide(self.approver_a, "approve")
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.with_user(self.manager).b2b_credit_blocked)
        self.assertTrue(order._has_to_be_paid())

    def test_manager_override_is_logged(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        with self.assertRaisesRegex(UserError, "waiting for the approval"):
            order.with_user(self.manager).action_confirm()
        wizard = (
            self.env["b2b.confirm.override.wizard"]
            .with_user(self.manager)
            .create({"order_ids": [Command.set(order.ids)], "reason": "Phoned the CFO"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertEqual(order.b2b_approval_state, "approved")
        self.assertFalse(self.lines(order))
        note = order.message_ids.filtered(lambda m: "Phoned the CFO" in (m.body or ""))
        self.assertIn("approvers have not approved", note.body)

    def test_viewer_cannot_accept_sign_or_order(self):
        order = self.quotation(
            self.company_a, 10, require_payment=True, require_signature=True
        )
        as_viewer = order.sudo().with_context(b2b_portal_partner_id=self.viewer_a.id)
        self.assertFalse(as_viewer._has_to_be_signed())
        self.assertFalse(as_viewer._has_to_be_paid())
        with self.assertRaisesRegex(UserError, "Viewers"):
            as_viewer.action_confirm()
        as_buyer = order.sudo().with_context(b2b_portal_partner_id=self.user_a.id)
        self.assertTrue(as_buyer._has_to_be_signed())

    def test_staff_sees_the_state(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        Order = self.env["sale.order"].with_user(self.b2b_back_user)
        found = Order.sudo().search([("b2b_approval_state", "=", "waiting")])
        self.assertIn(order, found)
        self.assertEqual(
            order.with_user(self.manager).b2b_approval_ids.candidate_ids,
            self.approver_a,
        )

    def test_approvals_domain_is_per_company_and_approver(self):
        self.user_a.b2b_order_limit = 100
        order = self.accept(self.quotation(self.user_a, 150), self.user_a)
        Order = self.env["sale.order"].sudo()
        for approver, expected in (
            (self.approver_a, order),
            (self.admin_a, Order),
            (self.admin_b, Order),
        ):
            with self.subTest(approver=approver.name):
                found = Order.search(Order._b2b_prepare_approvals_domain(approver))
                self.assertEqual(found, expected)
