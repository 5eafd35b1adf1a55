"""Buyer budgets: spending per period, notices, and what they hold."""

from freezegun import freeze_time

from odoo.tests import tagged

from .buyer_approval_common import ApprovalFixtures, queued
from .common import B2BCommon


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
