"""Groups of companies: approval with the parent's verification, group
suspension and restore, the visibility scope, and group-wide rules and
budgets."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .buyer_approval_common import ApprovalFixtures
from .common import B2BCommon
from .group_common import GroupFixtures


@tagged("post_install", "-at_install")
class TestGroupApprovalAndSuspension(GroupFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_group_fixtures()
        cls.env.company.write(
            {"b2b_approval_mode": "manual", "b2b_require_credit_check": True}
        )

    def new_subsidiary(self, parent, name="Alpha Wharf"):
        return (
            self.env["res.partner"]
            .with_user(self.manager)
            .create(
                {
                    "name": name,
                    "is_company": True,
                    "is_b2b": True,
                    "parent_id": parent.id,
                }
            )
        )

    def test_subsidiary_approved_with_the_parents_verification(self):
        self.company_a.sudo().b2b_credit_check = "passed"
        self.assertEqual(self.new_subsidiary(self.subs[2]).b2b_state, "pending")
        self.env.company.b2b_subsidiary_approval = True
        sub = self.new_subsidiary(self.subs[2], "Alpha Quay")
        self.assertEqual(sub.b2b_state, "approved")
        self.assertTrue(sub.ref)
        self.assertIn(
            "verification of its parent company",
            "\n".join(sub.message_ids.mapped("body")),
        )
        # the parent is verified through its own parent: the check passed
        self.assertEqual(sub._b2b_verified_credit_check(), "passed")

    def test_no_approval_with_a_parent_that_is_not_approved(self):
        self.env.company.b2b_subsidiary_approval = True
        self.subs[2].sudo().b2b_state = "pending"
        self.assertEqual(self.new_subsidiary(self.subs[2]).b2b_state, "pending")
        # the credit check that counts is the top company's: not passed yet
        sub = self.new_subsidiary(self.sibling, "Alpha Dock")
        self.assertEqual(sub.b2b_state, "pending")
        with self.assertRaises(UserError):
            sub.with_user(self.manager).action_b2b_approve()
        self.company_a.sudo().b2b_credit_check = "pre_screened"
        sub.with_user(self.manager).action_b2b_approve()
        self.assertEqual(sub.b2b_state, "approved")
        self.assertEqual(
            self.new_subsidiary(self.sibling, "Alpha Pier").b2b_state, "approved"
        )

    def test_suspending_the_parent_suspends_the_group_and_restores_it(self):
        subs = self.subs
        depot_users = self.env["res.users"].search(
            [("partner_id", "in", (self.sub5_admin | self.sub5_user).ids)]
        )
        north_user = self.env["res.users"].search(
            [("partner_id", "=", self.sub1_admin.id)]
        )
        # a subsidiary suspended on its own before, one pending
        subs[5].with_user(self.manager).action_b2b_suspend()
        self.assertTrue(all(depot_users.mapped("b2b_suspended")))
        self.sibling.sudo().b2b_state = "pending"
        self.company_a.with_user(self.manager).action_b2b_suspend()
        for level in range(6):
            self.assertEqual(subs[level].b2b_state, "suspended", level)
        self.assertEqual(self.sibling.b2b_state, "pending")
        self.assertEqual(subs[4].sudo().b2b_group_suspended_by_id, self.company_a)
        self.assertFalse(subs[5].sudo().b2b_group_suspended_by_id)
        self.assertTrue(north_user.b2b_suspended)
        self.assertTrue(north_user._b2b_is_suspended())
        self.assertIn(
            "Suspended with its subsidiaries",
            "\n".join(self.company_a.message_ids.mapped("body")),
        )

        self.company_a.with_user(self.manager).action_b2b_reactivate()
        for level in range(5):
            self.assertEqual(subs[level].b2b_state, "approved", level)
            self.assertFalse(subs[level].sudo().b2b_group_suspended_by_id)
        self.assertFalse(north_user.b2b_suspended)
        # exactly what was active: the depot and the pending one stay so
        self.assertEqual(subs[5].b2b_state, "suspended")
        self.assertTrue(all(depot_users.mapped("b2b_suspended")))
        self.assertEqual(self.sibling.b2b_state, "pending")

    def test_suspending_a_subsidiary_suspends_its_branch_only(self):
        subs = self.subs
        subs[3].with_user(self.manager).action_b2b_suspend()
        self.assertEqual(
            [subs[level].b2b_state for level in range(6)],
            ["approved", "approved", "approved", "suspended", "suspended", "suspended"],
        )
        self.assertEqual(self.sibling.b2b_state, "approved")
        subs[3].with_user(self.manager).action_b2b_reactivate()
        self.assertEqual({subs[level].b2b_state for level in range(6)}, {"approved"})

    def test_a_subsidiary_reactivated_alone_leaves_the_group_suspension(self):
        self.company_a.with_user(self.manager).action_b2b_suspend()
        self.subs[4].with_user(self.manager).action_b2b_reactivate()
        self.assertFalse(self.subs[4].sudo().b2b_group_suspended_by_id)
        self.subs[4].with_user(self.manager).action_b2b_suspend()
        self.company_a.with_user(self.manager).action_b2b_reactivate()
        self.assertEqual(self.subs[5].b2b_state, "approved")
        self.assertEqual(self.subs[4].b2b_state, "suspended")


@tagged("post_install", "-at_install")
class TestGroupScope(GroupFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_group_fixtures()

    def test_default_scope_follows_the_role(self):
        self.assertEqual(self.user_a.b2b_scope, "own")
        self.assertEqual(self.admin_a.b2b_scope, "company")
        self.assertEqual(self.group_admin.b2b_scope, "group")
        self.user_a.b2b_role = "viewer"
        self.assertEqual(self.user_a.b2b_scope, "company")
        # the same role again keeps the scope given
        self.group_admin.b2b_role = "admin"
        self.assertEqual(self.group_admin.b2b_scope, "group")
        # another role brings its own
        self.group_admin.b2b_role = "user"
        self.assertEqual(self.group_admin.b2b_scope, "own")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_only_staff_and_group_administrators_give_the_group(self):
        sales = self.env["res.users"].create(
            {
                "name": "Sales Only",
                "login": "sales_only",
                "group_ids": [
                    Command.set(
                        (
                            self.env.ref("sales_team.group_sale_salesman")
                            | self.env.ref("base.group_partner_manager")
                        ).ids
                    )
                ],
            }
        )
        with self.assertRaises(AccessError):
            self.user_a.with_user(sales).b2b_scope = "group"
        self.user_a.with_user(self.b2b_back_user).b2b_scope = "group"
        self.assertEqual(self.user_a.b2b_scope, "group")
        # on the portal: an administrator of the company alone may not
        with self.assertRaises(UserError):
            self.admin_a._b2b_set_scope("group", actor=self.admin_a)
        # a group administrator of the parent may, in its group only
        self.sub5_user._b2b_set_scope("group", actor=self.group_admin)
        self.assertEqual(self.sub5_user.b2b_scope, "group")
        with self.assertRaises(UserError):
            self.admin_b._b2b_set_scope("group", actor=self.group_admin)
        # nor a group administrator of a subsidiary for its parent's people
        with self.assertRaises(UserError):
            self.admin_a._b2b_set_scope("group", actor=self.sub1_admin)
        # own and company are anybody's to give
        self.admin_a._b2b_set_scope("own", actor=self.admin_a)
        self.assertEqual(self.admin_a.b2b_scope, "own")

    def test_role_change_on_the_portal_keeps_a_given_group(self):
        self.sub5_user.b2b_scope = "group"
        # an administrator who does not see the group changes the role
        self.sub5_user._b2b_set_access("viewer", "group", self.sub5_admin)
        self.assertEqual(
            (self.sub5_user.b2b_role, self.sub5_user.b2b_scope), ("viewer", "group")
        )
        self.sub5_user._b2b_set_access("approver", "", self.sub5_admin)
        self.assertEqual(self.sub5_user.b2b_scope, "company")
        with self.assertRaises(UserError):
            self.sub5_user._b2b_set_access("approver", "group", self.sub5_admin)


@tagged("post_install", "-at_install")
class TestGroupRulesAndBudgets(GroupFixtures, ApprovalFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()
        cls.setup_group_fixtures()

    def test_group_rule_applies_to_the_subsidiaries(self):
        self.rule(amount_threshold=50)
        order = self.quotation(self.sub5_user, 100)
        self.assertFalse(order._b2b_approval_requirements(self.sub5_user))
        self.rule(name="Group orders", amount_threshold=50, for_group=True)
        requirements = order._b2b_approval_requirements(self.sub5_user)
        self.assertEqual(len(requirements), 1)
        self.assertEqual(requirements[0]["reason"], "Group orders")
        # the parent's administrators approve
        self.assertIn(self.group_admin, requirements[0]["candidates"])
        self.assertIn(self.admin_a, requirements[0]["candidates"])
        self.accept(order, self.sub5_user)
        self.assertEqual(order.b2b_approval_state, "waiting")
        Order = self.env["sale.order"]
        self.assertIn(
            order, Order.search(Order._b2b_prepare_approvals_domain(self.admin_a))
        )
        self.assertNotIn(
            order, Order.search(Order._b2b_prepare_approvals_domain(self.sibling_admin))
        )
        order._b2b_decide(self.group_admin, "approve")
        self.assertEqual(order.state, "sale")

    def test_group_budget_counts_and_governs_the_subsidiaries(self):
        budget = self.env["b2b.budget"].create(
            {"partner_id": self.company_a.id, "period": "month", "amount": 250}
        )
        first = self.quotation(self.sub5_admin, 200)
        first.action_confirm()
        budget._b2b_refresh()
        self.assertEqual(budget.amount_spent, 0)
        budget.for_group = True
        budget._b2b_refresh()
        self.assertEqual(budget.amount_spent, 200)
        second = self.quotation(self.sibling_admin, 100)
        requirements = second._b2b_approval_requirements(self.sibling_admin)
        self.assertEqual(len(requirements), 1)
        self.assertIn(self.group_admin, requirements[0]["candidates"])
        # a buyer's budget cannot be for the group
        with self.assertRaises(UserError):
            self.env["b2b.budget"].create(
                {
                    "partner_id": self.sub5_user.id,
                    "period": "month",
                    "amount": 10,
                    "for_group": True,
                }
            )
