"""Groups of companies in the models: the shape of the group as companies
move, the settings a subsidiary inherits and overrides, one credit pool, the
approval and suspension of a group, the scope of each contact, and the rules
and budgets a parent keeps for the whole group."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .approval_common import ApprovalFixtures
from .common import B2BCommon
from .credit_common import CreditFixtures
from .group_common import GroupFixtures


@tagged("post_install", "-at_install")
class TestGroupShape(GroupFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_group_fixtures()

    def test_path_root_and_tree(self):
        a, subs = self.company_a, self.subs
        self.assertEqual(a.b2b_group_path, f"{a.id}/")
        self.assertEqual(a.b2b_group_root_id, a)
        self.assertEqual(
            subs[5].b2b_group_path, "/".join(str(subs[i].id) for i in range(6)) + "/"
        )
        for level in range(1, 6):
            self.assertEqual(subs[level].b2b_group_root_id, a)
            self.assertEqual(subs[level].b2b_group_parent_id, subs[level - 1])
        self.assertFalse(a.b2b_group_parent_id)
        self.assertEqual(a.b2b_group_member_count, 6)
        self.assertEqual(
            a.b2b_group_member_ids,
            subs[1] | subs[2] | subs[3] | subs[4] | subs[5] | self.sibling,
        )
        self.assertEqual(subs[3].b2b_group_member_ids, subs[4] | subs[5])
        # names as a path below the top company, or below the company shown
        self.assertEqual(a.b2b_group_tree_name, "Alpha Trading")
        self.assertEqual(
            subs[3].b2b_group_tree_name, "Alpha North › Alpha Hamburg › Alpha Altona"
        )
        shown = subs[5].with_context(b2b_group_of=subs[2].id)
        self.assertEqual(
            shown.b2b_group_tree_name, "Alpha Altona › Alpha Harbour › Alpha Depot"
        )
        self.assertEqual(
            subs[2].with_context(b2b_group_of=subs[2].id).b2b_group_tree_name,
            "Alpha Hamburg",
        )
        # contacts, and companies outside B2B, are in no group
        self.assertFalse(self.sub5_user.b2b_group_path)
        self.assertFalse(self.plain_customer.b2b_group_root_id)

    def test_accounts_of_the_group(self):
        action = self.subs[3].with_user(self.b2b_back_user).action_view_b2b_group()
        accounts = self.env["res.partner"].search(action["domain"])
        self.assertEqual(accounts, self.company_a | self.company_a.b2b_group_member_ids)
        # the filter of the accounts list, by the top company's name
        found = self.env["res.partner"].search(
            [("b2b_group_root_id", "ilike", "Alpha Trading")]
        )
        self.assertEqual(found, accounts)
        subsidiaries = self.env["res.partner"].search(
            [("b2b_group_path", "=like", "%/%/"), ("id", "in", accounts.ids)]
        )
        self.assertEqual(subsidiaries, accounts - self.company_a)

    def test_moving_a_subsidiary_moves_its_branch(self):
        subs = self.subs
        subs[2].parent_id = self.sibling
        self.assertEqual(subs[5].b2b_group_root_id, self.company_a)
        self.assertTrue(subs[5].b2b_group_path.startswith(self.sibling.b2b_group_path))
        self.assertNotIn(subs[5], subs[1].b2b_group_member_ids)
        self.assertIn(subs[5], self.sibling.b2b_group_member_ids)
        # out of the group: the branch is a group of its own
        subs[2].parent_id = False
        self.assertEqual(subs[2].b2b_group_root_id, subs[2])
        self.assertEqual(subs[5].b2b_group_root_id, subs[2])
        self.assertEqual(self.company_a.b2b_group_member_count, 2)

    def test_a_company_under_a_non_b2b_company_is_no_subsidiary(self):
        holding = self.env["res.partner"].create(
            {"name": "Plain Holding", "is_company": True}
        )
        self.subs[3].parent_id = holding
        self.assertEqual(self.subs[3].b2b_group_root_id, self.subs[3])
        self.assertEqual(self.subs[5].b2b_group_root_id, self.subs[3])
        self.assertFalse(holding.b2b_group_path)

    def test_subsidiary_keeps_its_own_address(self):
        Partner = self.env["res.partner"]
        self.company_a.write({"street": "Holding Street 1", "city": "Brussels"})
        sub = Partner.create(
            {
                "name": "Alpha Ghent",
                "is_company": True,
                "is_b2b": True,
                "street": "Harbour 5",
                "city": "Ghent",
                "parent_id": self.company_a.id,
            }
        )
        self.assertEqual((sub.street, sub.city), ("Harbour 5", "Ghent"))
        sub.city = "Gent"
        self.assertEqual(self.company_a.city, "Brussels")
        self.company_a.city = "Bruxelles"
        self.assertEqual(sub.city, "Gent")
        # its own contacts still take its address
        person = Partner.create({"name": "Gert Ghent", "parent_id": sub.id})
        self.assertEqual(person.city, "Gent")
        # an existing B2B company placed under a parent keeps its address
        self.company_b.write({"city": "Antwerp"})
        self.company_b.parent_id = self.company_a
        self.assertEqual(self.company_b.city, "Antwerp")
        # from a data file too (Odoo copies the address there in one batch)
        loaded = Partner._load_records(
            [
                {
                    "xml_id": "b2b_customer.test_group_loaded_subsidiary",
                    "values": {
                        "name": "Alpha Mons",
                        "is_company": True,
                        "is_b2b": True,
                        "city": "Mons",
                        "parent_id": self.company_a.id,
                    },
                }
            ]
        )
        self.assertEqual((loaded.city, loaded.street), ("Mons", False))
        # a company outside B2B keeps Odoo's behaviour
        plain = Partner.create(
            {"name": "Plain Branch", "is_company": True, "city": "Liège"}
        )
        plain.parent_id = self.company_a
        self.assertEqual(plain.city, "Bruxelles")

    def test_effective_settings_of_many_subsidiaries_in_bounded_queries(self):
        Partner = self.env["res.partner"]
        self.company_a.user_id = self.b2b_back_user.id

        def build(count):
            parents = [self.subs[level] for level in range(5)]
            companies = Partner.create(
                [
                    {
                        "name": f"Bulk {count}-{index}",
                        "is_company": True,
                        "is_b2b": True,
                        "parent_id": parents[index % 5].id,
                    }
                    for index in range(count)
                ]
            )
            self.env.flush_all()
            return companies

        def read(companies):
            self.env.invalidate_all()
            companies.mapped("b2b_effective_pricelist_id")
            companies.mapped("b2b_effective_payment_term_id")
            companies.mapped("b2b_effective_user_id")
            companies.mapped("b2b_effective_group_ids")

        few, many = build(5), build(100)
        read(few)  # warm the caches
        before = self.env.cr.sql_log_count
        read(few)
        used_few = self.env.cr.sql_log_count - before
        before = self.env.cr.sql_log_count
        read(many)
        used_many = self.env.cr.sql_log_count - before
        self.assertLessEqual(used_many, 20)
        self.assertLessEqual(abs(used_many - used_few), 2)
        self.assertEqual(
            set(many.mapped("b2b_effective_user_id")), {self.b2b_back_user}
        )


@tagged("post_install", "-at_install")
class TestGroupInheritance(GroupFixtures, CreditFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        cls.setup_group_fixtures()
        env = cls.env
        env["product.pricelist"]._b2b_enable_pricelist_feature()
        cls.pricelist_parent = env["product.pricelist"].create({"name": "Holding"})
        cls.pricelist_group = env["product.pricelist"].create({"name": "Regional"})
        cls.pricelist_own = env["product.pricelist"].create({"name": "Depot"})
        cls.term_parent = env["account.payment.term"].create({"name": "60 days"})
        cls.term_group = env["account.payment.term"].create({"name": "45 days"})
        cls.term_own = env["account.payment.term"].create({"name": "10 days"})
        cls.depot = cls.subs[5]
        cls.company_a.b2b_allow_pay_later = False

    def effective(self, name, partner=None):
        """(value, whose) of the setting ``name`` of ``partner``."""
        partner = partner or self.depot
        partner.invalidate_recordset()
        value = f"b2b_effective_{name}" + ("" if name == "pay_later" else "_id")
        return partner[value], partner[f"b2b_effective_{name}_from_id"]

    def new_order(self, partner=None):
        return self.env["sale.order"].create(
            {"partner_id": (partner or self.sub5_user).id}
        )

    def test_pricelist_inherited_from_the_nearest_company_that_sets_one(self):
        self.company_a.property_product_pricelist = self.pricelist_parent
        self.assertEqual(
            self.effective("pricelist"), (self.pricelist_parent, self.company_a)
        )
        self.assertEqual(self.new_order().pricelist_id, self.pricelist_parent)
        # a customer group of a company in between sets one
        group = self.env["b2b.customer.group"].create(
            {"name": "Regional", "pricelist_id": self.pricelist_group.id}
        )
        self.subs[3].b2b_group_ids = group
        self.assertEqual(
            self.effective("pricelist"), (self.pricelist_group, self.subs[3])
        )
        self.assertEqual(self.new_order().pricelist_id, self.pricelist_group)
        # the subsidiary's own pricelist wins
        self.depot.property_product_pricelist = self.pricelist_own
        self.assertEqual(self.effective("pricelist"), (self.pricelist_own, self.depot))
        self.assertEqual(self.new_order().pricelist_id, self.pricelist_own)
        # the sibling branch is not concerned by the Hamburg group
        self.assertEqual(
            self.effective("pricelist", self.sibling),
            (self.pricelist_parent, self.company_a),
        )

    def test_payment_terms_inherited_and_overridden(self):
        self.company_a.property_payment_term_id = self.term_parent
        self.assertEqual(
            self.effective("payment_term"), (self.term_parent, self.company_a)
        )
        self.assertEqual(self.new_order().payment_term_id, self.term_parent)
        group = self.env["b2b.customer.group"].create(
            {"name": "Terms", "payment_term_id": self.term_group.id}
        )
        self.subs[4].b2b_group_ids = group
        self.assertEqual(
            self.effective("payment_term"), (self.term_group, self.subs[4])
        )
        self.assertEqual(self.new_order().payment_term_id, self.term_group)
        self.depot.property_payment_term_id = self.term_own
        self.assertEqual(self.effective("payment_term"), (self.term_own, self.depot))
        self.assertEqual(self.new_order().payment_term_id, self.term_own)

    def test_pay_later_inherited(self):
        self.assertEqual(self.effective("pay_later"), (False, self.env["res.partner"]))
        self.assertTrue(self.new_order().require_payment)
        self.company_a.b2b_allow_pay_later = True
        self.assertEqual(self.effective("pay_later"), (True, self.company_a))
        self.assertFalse(self.new_order().require_payment)
        self.assertTrue(self.sub5_user.b2b_has_permission("pay_later"))
        # granted by a group of the subsidiary itself: its own
        group = self.env["b2b.customer.group"].create(
            {"name": "Later", "allow_pay_later": True}
        )
        self.depot.b2b_group_ids = group
        self.assertEqual(self.effective("pay_later"), (True, self.depot))

    def test_salesperson_inherited_and_overridden(self):
        self.company_a.user_id = self.b2b_back_user
        self.assertEqual(self.effective("user"), (self.b2b_back_user, self.company_a))
        order = self.new_order()
        self.assertEqual(order.user_id, self.b2b_back_user)
        self.depot.user_id = self.manager
        self.assertEqual(self.effective("user"), (self.manager, self.depot))
        self.assertEqual(self.new_order().user_id, self.manager)
        # Odoo's own behaviour outside groups: no salesperson from a parent
        plain = self.env["res.partner"].create(
            {"name": "Plain Sub", "is_company": True, "parent_id": self.company_a.id}
        )
        self.assertNotEqual(self.new_order(plain).user_id, self.b2b_back_user)

    def test_customer_groups_permissions_and_policy_inherited(self):
        group = self.env["b2b.customer.group"].create(
            {
                "name": "No invoices",
                "perm_view_invoices": False,
                "approval_policy": "auto",
            }
        )
        self.company_a.b2b_group_ids = group
        self.depot.invalidate_recordset()
        self.assertEqual(self.depot.b2b_effective_group_ids, group)
        self.assertEqual(self.depot.b2b_effective_group_from_id, self.company_a)
        self.assertFalse(self.sub5_user.b2b_has_permission("view_invoices"))
        self.assertTrue(self.sub5_user.b2b_has_permission("view_orders"))
        # the approval policy of the inherited group: a new subsidiary is
        # approved at once
        self.env.company.b2b_approval_mode = "manual"
        new = self.env["res.partner"].create(
            {
                "name": "Alpha Wharf",
                "is_company": True,
                "is_b2b": True,
                "parent_id": self.depot.id,
            }
        )
        self.assertEqual(new.b2b_state, "approved")
        # a group of its own wins
        own = self.env["b2b.customer.group"].create({"name": "Own"})
        self.depot.b2b_group_ids = own
        self.depot.invalidate_recordset()
        self.assertEqual(self.depot.b2b_effective_group_ids, own)
        self.assertTrue(self.sub5_user.b2b_has_permission("view_invoices"))

    def test_one_credit_pool_for_the_group(self):
        # company_a has a limit of 1,000 (credit fixtures)
        self.invoice(self.depot, 300)
        self.invoice(self.sibling, 200)
        self.invoice(self.company_a, 100)
        for company in (self.depot, self.sibling, self.subs[2]):
            company.invalidate_recordset()
            self.assertEqual(company.b2b_credit_holder_id, self.company_a)
            self.assertEqual(company.b2b_effective_credit_limit, 1000)
            self.assertAlmostEqual(company.b2b_credit_exposure, 600)
            self.assertAlmostEqual(company.b2b_credit_available, 400)
        # each company's own share: itself and what is below it
        self.assertAlmostEqual(self.subs[2].b2b_credit_own_exposure, 300)
        self.assertAlmostEqual(self.sibling.b2b_credit_own_exposure, 200)
        self.assertAlmostEqual(self.company_a.b2b_credit_own_exposure, 600)
        # an order of the depot (paying later as its parent) over what the
        # group has left is refused
        self.company_a.b2b_allow_pay_later = True
        order = self.order(self.sub5_admin, 450)
        self.assertTrue(order.b2b_credit_blocked)
        with self.assertRaises(UserError):
            order.with_user(self.b2b_back_user).action_confirm()
        # a limit of its own: its own pool
        self.depot.credit_limit = 2000
        self.depot.invalidate_recordset()
        self.assertEqual(self.depot.b2b_credit_holder_id, self.depot)
        self.assertAlmostEqual(self.depot.b2b_credit_exposure, 300)
        order.invalidate_recordset()
        self.assertFalse(order.b2b_credit_blocked)


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
