"""Groups of companies in the models: the shape of the group as companies
move, the settings a subsidiary inherits and overrides, and one credit pool
(approval, suspension, scope, rules and budgets: test_group_decisions.py)."""

from odoo.exceptions import UserError
from odoo.tests import tagged

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
        others = self.company_b | self.reseller | self.plain_customer
        found = self.env["res.partner"].search(
            [
                ("b2b_group_root_id", "ilike", "Alpha Trading"),
                ("id", "in", (accounts | others).ids),
            ]
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
