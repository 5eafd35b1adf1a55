"""Buyer approvals, model side: every rule kind, several rules, the order
limit and its escalation, budgets by period, self-approval, rejection and
resubmission, the chatter trail, what happens after the last approval, the
manager's override, viewers, and two approvers deciding at once."""

from freezegun import freeze_time
from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .approval_common import SIGNATURE, ApprovalFixtures
from .common import B2BCommon
from .race import race

#: a part of each template's subject, to find its queued mails
SUBJECTS = {
    "b2b_customer.mail_template_b2b_order_approval": "waits for your approval",
    "b2b_customer.mail_template_b2b_order_rejected": "was not approved",
    "b2b_customer.mail_template_b2b_order_approved_pay": "was approved",
    "b2b_customer.mail_template_b2b_budget_notice": "of a budget used",
}


def queued(env, template_xmlid, record=None):
    """The queued mails of a template (about ``record``)."""
    domain = [
        ("model", "=", env.ref(template_xmlid).model),
        ("subject", "ilike", SUBJECTS[template_xmlid]),
    ]
    if record is not None:
        domain.append(("res_id", "=", record.id))
    return env["mail.mail"].sudo().search(domain)


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


@tagged("post_install", "-at_install")
class TestBuyerBudgets(ApprovalFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()

    def budget(self, partner, amount=1000, period="month"):
        return self.env["b2b.budget"].create(
            {"partner_id": partner.id, "amount": amount, "period": period}
        )

    def confirmed(self, partner, amount):
        order = self.quotation(partner, amount)
        order.action_confirm()
        return order

    def test_spent_counts_confirmed_and_waiting_orders(self):
        company = self.budget(self.company_a)
        person = self.budget(self.user_a, 500)
        self.confirmed(self.user_a, 300)
        self.confirmed(self.admin_a, 200)
        self.confirmed(self.admin_b, 999)  # another company
        self.quotation(self.user_a, 50)  # a quotation does not count
        self.user_a.b2b_order_limit = 10
        self.accept(self.quotation(self.user_a, 100), self.user_a)  # waiting
        (company | person).invalidate_recordset()
        self.assertEqual(company.amount_spent, 600)
        self.assertEqual(company.amount_left, 400)
        self.assertEqual(company.used_percent, 60)
        self.assertEqual(person.amount_spent, 400)

    def test_over_budget_needs_the_admins(self):
        self.budget(self.user_a, 500)
        self.confirmed(self.user_a, 450)
        order = self.accept(self.quotation(self.user_a, 40), self.user_a)
        self.assertEqual(order.state, "sale", "within the budget")
        order = self.accept(self.quotation(self.user_a, 20), self.user_a)
        self.assertEqual(order.b2b_approval_state, "waiting")
        lines = order.sudo().b2b_approval_ids
        self.assertIn("budget", lines.reason)
        self.assertEqual(lines.candidate_ids, self.admin_a | self.admin_a2)

    def _check_period_boundary(self, period, last_moment, next_period):
        budget = self.budget(self.company_a, 1000, period)
        with freeze_time(last_moment):
            self.confirmed(self.user_a, 950)
            budget.invalidate_recordset()
            self.assertEqual(budget.amount_spent, 950)
            order = self.accept(self.quotation(self.user_a, 100), self.user_a)
            self.assertEqual(order.b2b_approval_state, "waiting")
            budget.invalidate_recordset()
            self.assertEqual(budget.amount_spent, 1050, "the waiting order counts")
        with freeze_time(next_period):
            budget.invalidate_recordset()
            self.assertEqual(budget.amount_spent, 0)
            order = self.accept(self.quotation(self.user_a, 100), self.user_a)
            self.assertEqual(order.state, "sale", "a new period")

    def test_period_boundary_month(self):
        self._check_period_boundary(
            "month", "2026-01-31 23:59:00", "2026-02-01 00:01:00"
        )

    def test_period_boundary_quarter(self):
        self._check_period_boundary(
            "quarter", "2026-03-31 23:59:00", "2026-04-01 00:01:00"
        )

    def test_period_boundary_year(self):
        self._check_period_boundary(
            "year", "2026-12-31 23:59:00", "2027-01-01 00:01:00"
        )

    def test_notices_at_80_and_100_percent_once_per_period(self):
        budget = self.budget(self.company_a, 1000)
        template = "b2b_customer.mail_template_b2b_budget_notice"

        def notices():
            # the budgets are checked once, before the transaction commits
            self.env.cr.flush()
            return queued(self.env, template).filtered(
                lambda m: m.res_id == self.company_a.id
            )

        with freeze_time("2026-05-10 10:00:00"):
            self.confirmed(self.user_a, 700)
            self.assertFalse(notices())
            self.confirmed(self.user_a, 100)
            self.assertEqual(len(notices()), 1)
            self.assertEqual(notices().recipient_ids, self.admin_a | self.admin_a2)
            self.assertIn("80", notices().subject)
            self.confirmed(self.user_a, 50)
            self.assertEqual(len(notices()), 1, "80 % is told once")
            self.confirmed(self.user_a, 150)
            self.assertEqual(len(notices()), 2)
            self.assertEqual(budget.notified_level, 100)
        with freeze_time("2026-06-02 10:00:00"):
            self.confirmed(self.user_a, 850)
            self.assertEqual(len(notices()), 3, "told again in the next period")
        note = self.company_a.message_ids.filtered(
            lambda m: "reached 100" in (m.body or "")
        )
        self.assertTrue(note)


@tagged("post_install", "-at_install")
class TestBuyerApprovalConcurrency(BaseCase):
    """Two administrators approve the same order at the same moment: one
    confirmation and one confirmation mail. Real committed transactions,
    cleaned up afterwards."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Partner = env["res.partner"]
            company = Partner.create(
                {
                    "name": "Race Buyers Ltd",
                    "is_company": True,
                    "email": "r@race.example",
                }
            )
            company.write({"is_b2b": True, "b2b_state": "approved"})
            admins = Partner.create(
                [
                    {
                        "name": f"Race Admin {i}",
                        "parent_id": company.id,
                        "email": f"admin{i}@race.example",
                        "b2b_role": "admin",
                    }
                    for i in (1, 2)
                ]
            )
            buyer = Partner.create(
                {
                    "name": "Race Buyer",
                    "parent_id": company.id,
                    "email": "buyer@race.example",
                    "b2b_role": "user",
                    "b2b_order_limit": 10,
                }
            )
            product = env["product.product"].create(
                {"name": "Race part", "list_price": 50}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "require_signature": True,
                    "require_payment": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order.action_quotation_sent()
            order.with_context(b2b_portal_partner_id=buyer.id).write(
                {
                    "signed_by": "Race Buyer",
                    "signed_on": fields.Datetime.now(),
                    "signature": SIGNATURE,
                }
            )
            assert order.b2b_approval_state == "waiting"
            self.ids = {
                "company": company.id,
                "admins": admins.ids,
                "buyer": buyer.id,
                "order": order.id,
                "product": product.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            env["mail.mail"].search(
                [
                    ("model", "in", ("sale.order", "res.partner")),
                    ("res_id", "in", [order.id, self.ids["company"]]),
                ]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", "sale.order"), ("res_id", "=", order.id)]
            ).unlink()
            if order.state == "sale":
                order._action_cancel()
            order.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            company = env["res.partner"].browse(self.ids["company"])
            env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", (company | company.child_ids).ids),
                ]
            ).unlink()
            (company.child_ids | company).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_approvers_at_once(self):
        admin1, admin2 = self.ids["admins"]

        def approver(admin):
            def decide(env):
                env["sale.order"].browse(self.ids["order"])._b2b_decide(
                    env["res.partner"].browse(admin), "approve"
                )

            return decide

        result = race(
            self,
            self.registry,
            approver(admin1),
            approver(admin2),
            (SerializationFailure, UserError),
        )
        self.assertIn(result, ("SerializationFailure", "UserError"))
        # Odoo retries a serialization failure: the retry sees the decision
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            with self.assertRaisesRegex(UserError, "no longer waiting"):
                order._b2b_decide(env["res.partner"].browse(admin2), "approve")
            self.assertEqual(order.state, "sale")
            self.assertEqual(order.b2b_approval_state, "approved")
            # Odoo's confirmation mail: the one message to the customer
            confirmations = order.message_ids.filtered(
                lambda m: m.subtype_id == env.ref("mail.mt_comment")
            )
            self.assertEqual(len(confirmations), 1, "one confirmation mail")
            approved = order.message_ids.filtered(
                lambda m: "Approved by" in (m.body or "")
            )
            self.assertEqual(len(approved), 1)
