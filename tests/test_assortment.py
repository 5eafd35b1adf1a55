"""Assortments: what a customer may buy (lines, categories with their
children, tags, exclusions, several assortments adding up), inherited
through customer groups and groups of companies, decided by PostgreSQL in
the record rules of products and followed at the next query although Odoo
caches rule domains per user; quantity rules; the order gate; the
explanation."""

from psycopg2 import IntegrityError

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import TransactionCase, tagged
from odoo.tools import mute_logger

from ..hooks import uninstall_hook
from ..models.assortment.b2b_assortment import valid_quantities
from ..models.assortment.b2b_assortment_sql import B2B_ASSORTMENT_FUNCTIONS
from .assortment_common import setup_assortment
from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestAssortmentScope(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assortment(cls)
        cls.Assortment = cls.env["b2b.assortment"]
        cls.ours = cls.screw | cls.nut | cls.bolt | cls.washer | cls.pallet

    def allowed(self, partner, products=None):
        products = products or self.ours
        _restricted, allowed, _rules = self.Assortment._b2b_check_products(
            partner, products.ids
        )
        return products.filtered(lambda p: p.id in allowed)

    def subsidiary(self, parent, name="Alpha North"):
        company = self.env["res.partner"].create(
            {"name": name, "is_company": True, "parent_id": parent.id}
        )
        company.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        return company

    def test_without_assortment_everything(self):
        self.assertEqual(self.allowed(self.admin_b), self.ours)
        self.assertFalse(self.company_b.b2b_effective_assortment_ids)
        self.assertEqual(
            self.env["product.product"].search(
                [("id", "in", self.ours.ids)]
                + list(self.env["product.product"]._b2b_assortment_domain(self.admin_b))
            ),
            self.ours,
        )

    def test_lines_categories_exclusions(self):
        self.company_a.b2b_assortment_ids = self.contract
        # the category with its children, the product lines; the exclusion
        # wins over the category within the same assortment
        self.assertEqual(
            self.allowed(self.admin_a), self.screw | self.bolt | self.pallet
        )
        deeper = self.env["product.product"].create(
            {"name": "Tiny part", "categ_id": self.small_parts.id}
        )
        self.assertEqual(self.allowed(self.user_a, deeper), deeper)
        self.assertEqual(self.company_a.b2b_effective_assortment_ids, self.contract)
        self.assertEqual(self.admin_a.b2b_effective_assortment_from_id, self.company_a)

    def test_assortments_add_up_tags_and_all(self):
        pro = self.Assortment.create(
            {
                "name": "Professional range",
                "line_ids": [Command.create({"product_tag_id": self.pro_tag.id})],
            }
        )
        self.company_a.b2b_assortment_ids = self.contract | pro
        # excluded by the contract range, included by the professional one
        self.assertIn(self.washer, self.allowed(self.admin_a))
        self.assertNotIn(self.nut, self.allowed(self.admin_a))
        everything_but_parts = self.Assortment.create(
            {
                "name": "All but parts",
                "line_ids": [
                    Command.create({}),
                    Command.create({"mode": "exclude", "categ_id": self.parts.id}),
                ],
            }
        )
        self.company_a.b2b_assortment_ids = everything_but_parts
        self.assertEqual(
            self.allowed(self.admin_a), self.screw | self.nut | self.pallet
        )
        # a variant's own tag
        tagged_nut = self.Assortment.create(
            {
                "name": "Tag",
                "line_ids": [Command.create({"product_tag_id": self.pro_tag.id})],
            }
        )
        self.nut.additional_product_tag_ids = self.pro_tag
        self.company_a.b2b_assortment_ids = tagged_nut
        self.assertEqual(self.allowed(self.admin_a), self.nut | self.washer)

    def test_groups_and_groups_of_companies(self):
        group = self.env["b2b.customer.group"].create(
            {"name": "Trade", "assortment_ids": [Command.set(self.contract.ids)]}
        )
        self.company_a.b2b_group_ids = group
        north = self.subsidiary(self.company_a)
        buyer = self.env["res.partner"].create({"name": "Nora", "parent_id": north.id})
        # the subsidiary inherits its parent company's (from its group)
        self.assertEqual(north.b2b_effective_assortment_ids, self.contract)
        self.assertEqual(north.b2b_effective_assortment_from_id, self.company_a)
        self.assertNotIn(self.nut, self.allowed(buyer))
        # its own wins
        own = self.Assortment.create(
            {"name": "Nuts", "line_ids": [Command.create({"product_id": self.nut.id})]}
        )
        north.b2b_assortment_ids = own
        self.assertEqual(self.allowed(buyer), self.nut)
        self.assertEqual(north.b2b_effective_assortment_from_id, north)
        # the parent keeps its own, through its group; a group of the
        # subsidiary adds to the subsidiary's own
        self.assertNotIn(self.nut, self.allowed(self.admin_a))
        north.b2b_group_ids = group
        self.assertEqual(
            self.allowed(buyer), self.nut | self.screw | self.bolt | self.pallet
        )
        # several companies at once: one query
        companies = self.company_a | north | self.company_b
        companies.invalidate_recordset(["b2b_effective_assortment_ids"])
        with self.assertQueryCount(1):
            effective = [c.b2b_effective_assortment_ids for c in companies]
        self.assertEqual(
            effective, [self.contract, own | self.contract, self.Assortment]
        )
        # archived groups and assortments count no more
        group.active = False
        self.assertEqual(self.allowed(buyer), self.nut)
        self.assertEqual(self.allowed(self.admin_a), self.ours)
        own.active = False
        self.assertEqual(self.allowed(buyer), self.ours)

    def test_record_rules_follow_changes_at_next_query(self):
        """The rule domain Odoo caches per user holds no partner data: each
        change is seen by the very next search of the same user."""
        # the product access the shop gives portal users
        for model in ("product.product", "product.template"):
            self.env["ir.model.access"].create(
                {
                    "name": f"portal read {model}",
                    "model_id": self.env["ir.model"]._get_id(model),
                    "group_id": self.env.ref("base.group_portal").id,
                    "perm_read": True,
                }
            )
        Product = self.env["product.product"].with_user(self.portal_user_a)
        Template = self.env["product.template"].with_user(self.portal_user_a)

        def seen():
            return Product.search([("id", "in", self.ours.ids)]).sudo()

        self.assertEqual(seen(), self.ours)
        self.company_a.b2b_assortment_ids = self.contract
        self.assertEqual(seen(), self.screw | self.bolt | self.pallet)
        self.assertEqual(
            Template.search([("id", "in", self.ours.product_tmpl_id.ids)]).sudo(),
            (self.screw | self.bolt | self.pallet).product_tmpl_id,
        )
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            Product.browse(self.nut.id).read(["name"])
        # a change of the assortment's lines
        self.contract.line_ids.filtered("categ_id").unlink()
        self.assertEqual(seen(), self.screw | self.pallet)
        # of the customer group
        self.company_a.b2b_assortment_ids = False
        self.assertEqual(seen(), self.ours)
        group = self.env["b2b.customer.group"].create(
            {"name": "Trade", "assortment_ids": [Command.set(self.contract.ids)]}
        )
        self.company_a.b2b_group_ids = group
        self.assertEqual(seen(), self.screw | self.pallet)
        group.assortment_ids = False
        self.assertEqual(seen(), self.ours)
        # of the parent company: the user's company becomes a subsidiary
        parent = self.env["res.partner"].create(
            {"name": "Alpha Holding", "is_company": True}
        )
        parent.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        parent.b2b_assortment_ids = self.contract
        self.company_a.parent_id = parent
        self.assertEqual(seen(), self.screw | self.pallet)
        self.company_a.parent_id = False
        self.assertEqual(seen(), self.ours)
        # another company's assortment is not this user's
        self.company_b.b2b_assortment_ids = self.contract
        self.assertEqual(seen(), self.ours)
        # internal users are not restricted
        self.company_a.b2b_assortment_ids = self.contract
        self.assertEqual(
            self.env["product.product"]
            .with_user(self.b2b_back_user)
            .search([("id", "in", self.ours.ids)]),
            self.ours,
        )

    def test_archived_products_read_by_the_rule(self):
        """Odoo checks a rule on given records through the field's compute
        (the shop reads an archived variant to show it cannot be bought):
        an archived product is readable as an active one, without an
        assortment and inside one; outside it, refused."""
        self.env["ir.model.access"].create(
            {
                "name": "portal read product.product",
                "model_id": self.env["ir.model"]._get_id("product.product"),
                "group_id": self.env.ref("base.group_portal").id,
                "perm_read": True,
            }
        )
        (self.screw | self.nut).action_archive()
        Product = self.env["product.product"].with_user(self.portal_user_a)
        for product in self.screw | self.nut:
            Product.browse(product.id).check_access("read")
        self.company_a.b2b_assortment_ids = self.contract
        Product.browse(self.screw.id).check_access("read")
        with (
            mute_logger("odoo.addons.base.models.ir_rule"),
            self.assertRaises(AccessError),
        ):
            Product.browse(self.nut.id).check_access("read")

    def test_assign_to_many_companies_in_one_write(self):
        Partner = self.env["res.partner"]
        companies = Partner.create(
            [{"name": f"Bulk {i}", "is_company": True} for i in range(60)]
        )
        self.contract.write({"partner_ids": [Command.set(companies[:10].ids)]})
        self.env.flush_all()
        with self.assertQueryCount(1):
            self.contract.write({"partner_ids": [Command.set(companies.ids)]})
            self.env.flush_all()
        self.assertEqual(self.contract.partner_count, 60)
        self.assertNotIn(self.nut, self.allowed(companies[-1]))

    def test_constraints(self):
        Line = self.env["b2b.assortment.line"]
        with self.assertRaises(ValidationError):
            Line.create(
                {"assortment_id": self.contract.id, "mode": "exclude", "min_qty": 2}
            )
        with self.assertRaises(ValidationError):
            Line.create(
                {"assortment_id": self.contract.id, "min_qty": 10, "max_qty": 5}
            )
        with self.assertRaises(ValidationError):
            Line.create(
                {"assortment_id": self.contract.id, "multiple_qty": 12, "max_qty": 10}
            )
        with (
            mute_logger("odoo.sql_db"),
            self.assertRaises(IntegrityError),
            self.cr.savepoint(),
        ):
            Line.create(
                {
                    "assortment_id": self.contract.id,
                    "product_id": self.nut.id,
                    "categ_id": self.parts.id,
                }
            )


@tagged("post_install", "-at_install")
class TestAssortmentQuantities(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assortment(cls)
        cls.company_a.b2b_assortment_ids = cls.contract
        cls.Quick = cls.env["b2b.quick.order"]

    def test_valid_quantities(self):
        self.assertEqual(valid_quantities(24, 0, 0, 12), [])
        self.assertEqual(valid_quantities(30, 0, 0, 12), [24, 36])
        self.assertEqual(valid_quantities(5, 0, 0, 12), [12])
        self.assertEqual(valid_quantities(130, 0, 120, 12), [120])
        self.assertEqual(valid_quantities(3, 5, 0, 0), [5])
        self.assertEqual(valid_quantities(30, 24, 48, 0), [])
        self.assertEqual(valid_quantities(1.5, 0, 0, 0.5), [])
        self.assertEqual(valid_quantities(20, 25, 0, 12), [36])

    def test_quick_order_lines(self):
        lines, errors = self.Quick._b2b_parse(
            "NUT-M8;1\nPALLET-12;30\nBOLT-1;2\nPALLET-12;20",
            self.env.company,
            self.admin_a,
        )
        self.assertEqual([line["product"] for line in lines], [self.bolt])
        self.assertEqual([e["line"] for e in errors], [1, 2, 4])
        self.assertEqual(errors[0]["message"], "This product is not sold to you.")
        # the rule holds for the product's quantity on the order: 50 in all
        self.assertEqual(
            errors[1]["message"], "Sold in multiples of 12 (Units): 48 or 60?"
        )
        self.assertEqual(errors[1]["message"], errors[2]["message"])
        lines, errors = self.Quick._b2b_parse(
            "PALLET-12;30\nPALLET-12;30", self.env.company, self.admin_a
        )
        self.assertFalse(errors)
        lines, errors = self.Quick._b2b_parse(
            "PALLET-12;30", self.env.company, self.admin_a
        )
        self.assertEqual(
            errors[0]["message"], "Sold in multiples of 12 (Units): 24 or 36?"
        )
        lines, errors = self.Quick._b2b_parse(
            "PALLET-12;132", self.env.company, self.admin_a
        )
        self.assertEqual(errors[0]["message"], "At most 120 (Units) per order: 120?")
        lines, errors = self.Quick._b2b_parse(
            "PALLET-12;24", self.env.company, self.admin_a
        )
        self.assertFalse(errors)
        # a reseller orders for its end customer: the end customer's
        self.end_customer.b2b_assortment_ids = self.contract
        lines, errors = self.Quick._b2b_parse(
            "NUT-M8;1\nBOLT-1;1", self.env.company, self.end_customer
        )
        self.assertEqual([e["code"] for e in errors], ["NUT-M8"])
        # a customer without an assortment: no rule
        lines, errors = self.Quick._b2b_parse(
            "NUT-M8;1\nPALLET-12;30", self.env.company, self.admin_b
        )
        self.assertFalse(errors)

    def test_quick_order_search(self):
        order_a = self.Quick._b2b_new_order(self.admin_a)
        order_b = self.Quick._b2b_new_order(self.admin_b)
        found_a = [r["product"] for r in self.Quick._b2b_search_products("-", order_a)]
        found_b = [r["product"] for r in self.Quick._b2b_search_products("-", order_b)]
        self.assertIn(self.bolt, found_a)
        self.assertNotIn(self.nut, found_a)
        self.assertNotIn(self.washer, found_a)
        self.assertIn(self.nut, found_b)

    def test_order_again_and_requisition_lists_keep_unavailable_lines(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.admin_a.id,
                "order_line": [
                    Command.create({"product_id": self.nut.id, "product_uom_qty": 2}),
                    Command.create({"product_id": self.bolt.id, "product_uom_qty": 3}),
                ],
            }
        )
        text, skipped = order._b2b_quick_order_text()
        self.assertFalse(skipped)
        lines, errors = self.Quick._b2b_parse(text, self.env.company, self.admin_a)
        self.assertEqual([e["code"] for e in errors], ["NUT-M8"])
        requisition = (
            self.env["b2b.requisition.list"]
            .with_user(self.portal_admin_a)
            .create(
                {
                    "name": "Weekly",
                    "line_ids": [
                        Command.create({"product_id": self.nut.id, "quantity": 1}),
                        Command.create({"product_id": self.bolt.id, "quantity": 1}),
                    ],
                }
            )
        )
        self.assertEqual(requisition.b2b_unavailable_count, 1)
        self.assertIn("NUT-M8", requisition._b2b_quick_order_text())
        self.company_a.b2b_assortment_ids = False
        requisition.invalidate_recordset()
        self.assertEqual(requisition.b2b_unavailable_count, 0)

    def order(self, partner, product, quantity):
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": quantity}
                    )
                ],
            }
        )

    def test_gate(self):
        def codes(order, step="confirm"):
            return [b["code"] for b in order._b2b_order_blockers(step)]

        refused = self.order(self.admin_a, self.nut, 1)
        self.assertEqual(codes(refused), ["assortment"])
        self.assertEqual(codes(refused, "pay"), ["assortment"])
        with self.assertRaisesRegex(UserError, "not in its assortment"):
            refused.action_confirm()
        broken = self.order(self.admin_a, self.pallet, 30)
        self.assertEqual(codes(broken), ["quantity_rule"])
        self.assertIn(
            "Sold in multiples of 12 (Units): 24 or 36?",
            broken._b2b_order_blockers("confirm")[0]["message"],
        )
        # a second line makes the order's total valid
        broken.order_line = [
            Command.create({"product_id": self.pallet.id, "product_uom_qty": 6})
        ]
        self.assertFalse(codes(broken))
        self.assertFalse(codes(self.order(self.admin_b, self.nut, 1)))
        # staff confirm anyway, with the reason logged
        wizard = (
            self.env["b2b.confirm.override.wizard"]
            .with_user(self.manager)
            .create({"order_ids": [Command.set(refused.ids)], "reason": "Sample"})
        )
        wizard.action_confirm()
        self.assertEqual(refused.state, "sale")
        self.assertIn("Sample", refused.message_ids[:1].body)
        self.assertIn("not in its assortment", refused.message_ids[:1].body)

    def test_explanation(self):
        Wizard = self.env["b2b.assortment.check.wizard"].with_user(self.b2b_back_user)
        action = self.company_a.with_user(
            self.b2b_back_user
        ).action_b2b_assortment_check()
        self.assertEqual(action["context"]["default_partner_id"], self.company_a.id)
        check = Wizard.create(
            {"partner_id": self.company_a.id, "product_id": self.bolt.id}
        )
        self.assertTrue(check.allowed)
        self.assertEqual(check.line_id.categ_id, self.parts)
        self.assertIn("Category Parts", check.reason)
        self.assertIn("Contract range", check.reason)
        check.product_id = self.washer
        self.assertFalse(check.allowed)
        self.assertIn("Excluded", check.reason)
        self.assertEqual(check.line_id.product_id, self.washer)
        check.product_id = self.nut
        self.assertFalse(check.allowed)
        self.assertFalse(check.line_id)
        self.assertIn("no line includes it", check.reason)
        check.product_id = self.pallet
        self.assertTrue(check.allowed)
        self.assertEqual(check.rule_line_id.product_id, self.pallet)
        self.assertEqual(
            check.rule_text, "at most 120 per order, multiples of 12 (Units)"
        )
        # inherited: the answer says whose assortment decides
        north = self.env["res.partner"].create(
            {"name": "Alpha North", "is_company": True, "parent_id": self.company_a.id}
        )
        north.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        check = Wizard.create({"partner_id": north.id, "product_id": self.bolt.id})
        self.assertIn("of Alpha Trading", check.reason)
        check = Wizard.create(
            {"partner_id": self.company_b.id, "product_id": self.nut.id}
        )
        self.assertTrue(check.allowed)
        self.assertIn("no assortment", check.reason)
        # portal users do not ask
        with self.assertRaises(AccessError):
            self.company_a.with_user(self.portal_admin_a).action_b2b_assortment_check()


@tagged("post_install", "-at_install")
class TestAssortmentUninstall(TransactionCase):
    """The functions ``b2b.assortment.init`` creates exist once installed,
    and the module's uninstall hook drops them (rolled back with the
    test)."""

    def functions(self):
        self.env.cr.execute(
            "SELECT proname FROM pg_proc WHERE proname IN %s",
            [tuple(name for name, _signature in B2B_ASSORTMENT_FUNCTIONS)],
        )
        return {row[0] for row in self.env.cr.fetchall()}

    def test_uninstall_hook_drops_the_functions(self):
        names = {name for name, _signature in B2B_ASSORTMENT_FUNCTIONS}
        self.assertEqual(self.functions(), names)
        uninstall_hook(self.env)
        self.assertFalse(self.functions())
