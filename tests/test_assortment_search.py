"""The quick order's search box with an assortment: the first products of a
search are checked against the customer's assortment without reading the
whole assortment, a broad term falls back to the assortment's condition in
the same order, the queries stay bounded; the check of given products is
one query; the trigram index of product codes is the one Odoo's ``ilike``
uses, and the uninstall hook drops it."""

from unittest.mock import patch

from odoo import Command
from odoo.fields import Domain
from odoo.tests import TransactionCase, tagged

from ..hooks import uninstall_hook
from ..models.assortment import b2b_quick_order as assortment_quick_order
from ..models.ordering import b2b_quick_order as ordering_quick_order
from ..models.ordering.product_product import B2B_CODE_TRIGRAM_INDEX
from .assortment_common import setup_assortment
from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestAssortmentSearch(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assortment(cls)
        cls.Quick = cls.env["b2b.quick.order"]
        cls.Assortment = cls.env["b2b.assortment"]
        Product = cls.env["product.product"]
        # ten products coded QXSRCH-01..10, the assortment holds three of
        # them; ten named "Part Qxsrch" without the term in their code, the
        # assortment holds one
        cls.candidates = Product.create(
            [
                {"name": "Qxsrch", "default_code": f"QXSRCH-{n:02d}"}
                for n in range(1, 11)
            ]
        )
        cls.by_name = Product.create(
            [
                {"name": f"Part Qxsrch {n}", "default_code": f"PART-Q-{n:02d}"}
                for n in range(1, 11)
            ]
        )
        cls.chosen = cls.candidates.filtered(
            lambda p: p.default_code in ("QXSRCH-02", "QXSRCH-07", "QXSRCH-09")
        )
        cls.range = cls.Assortment.create(
            {
                "name": "Candidates",
                "line_ids": [
                    Command.create({"product_id": product.id})
                    for product in cls.chosen | cls.by_name[4]
                ],
            }
        )
        cls.company_a.b2b_assortment_ids = cls.range

    def search(self, customer, term):
        order = self.Quick._b2b_new_order(customer)
        return [row["product"] for row in self.Quick._b2b_search_products(term, order)]

    def test_codes_then_names_of_the_assortment_only(self):
        self.assertEqual(
            self.search(self.admin_a, "qxsrch"), [*self.chosen, self.by_name[4]]
        )
        # a customer without an assortment: every code, then the names
        found = self.search(self.admin_b, "qxsrch")
        self.assertEqual(found[:10], list(self.candidates))
        self.assertEqual(found[10:], list(self.by_name))

    def test_broad_term_falls_back_in_code_order(self):
        # the first three candidates hold one product of the assortment:
        # the rest comes from the assortment's condition, in code order,
        # without repeating it
        with patch.object(assortment_quick_order, "B2B_ASSORTMENT_CANDIDATES", 3):
            found = self.search(self.admin_a, "qxsrch")
        self.assertEqual(found, [*self.chosen, self.by_name[4]])
        with (
            patch.object(assortment_quick_order, "B2B_ASSORTMENT_CANDIDATES", 3),
            patch.object(ordering_quick_order, "B2B_QUICK_ORDER_SEARCH_LIMIT", 2),
        ):
            found = self.search(self.admin_a, "qxsrch")
        self.assertEqual(found, list(self.chosen[:2]))

    def test_change_of_assortment_on_the_next_search(self):
        self.range.line_ids[0].unlink()
        self.assertNotIn(self.chosen[0], self.search(self.admin_a, "qxsrch"))
        self.company_a.b2b_assortment_ids = False
        self.assertEqual(len(self.search(self.admin_a, "qxsrch")), 20)

    def statements(self, term, customer):
        """The SQL statements one search of ``customer`` runs."""
        order = self.Quick._b2b_new_order(customer)
        self.Quick._b2b_search_products(term, order)  # warm the caches
        self.env.invalidate_all()
        statements = []
        cursor_class = type(self.env.cr)
        execute = cursor_class.execute

        def spy(cr, query, params=None, log_exceptions=True):
            statements.append(str(getattr(query, "code", query)))
            return execute(cr, query, params, log_exceptions)

        with patch.object(cursor_class, "execute", spy):
            self.Quick._b2b_search_products(term, order)
        return statements

    def test_queries_bounded_without_reading_the_assortment(self):
        for term in ("QXSRCH-0", "qxsrch"):
            plain = self.statements(term, self.admin_b)
            restricted = self.statements(term, self.admin_a)
            self.assertTrue(plain)
            self.assertLessEqual(len(restricted), len(plain) + 2, term)
            # the candidates are checked product by product: the function
            # that reads a whole assortment is not called
            self.assertFalse(
                [s for s in restricted if "b2b_assortment_products" in s], term
            )

    def test_rule_and_check_agree(self):
        """The set the record rules read (``b2b_assortment_products``) and
        the check of given products (``_b2b_check_products``) say the same
        for lines, categories, tags, a line for all products, exclusions
        and assortments adding up."""
        Product = self.env["product.product"]
        ours = self.screw | self.nut | self.bolt | self.washer | self.pallet
        pro = self.Assortment.create(
            {
                "name": "Professional range",
                "line_ids": [Command.create({"product_tag_id": self.pro_tag.id})],
            }
        )
        all_but_parts = self.Assortment.create(
            {
                "name": "All but parts",
                "line_ids": [
                    Command.create({}),
                    Command.create({"mode": "exclude", "categ_id": self.parts.id}),
                ],
            }
        )
        for assortments, expected in (
            (self.contract, self.screw | self.bolt | self.pallet),
            (self.contract | pro, self.screw | self.bolt | self.pallet | self.washer),
            (all_but_parts, self.screw | self.nut | self.pallet),
        ):
            with self.subTest(assortments=assortments.mapped("name")):
                self.company_a.b2b_assortment_ids = assortments
                by_rule = Product.search(
                    Domain("id", "in", ours.ids)
                    & Product._b2b_assortment_domain(self.admin_a)
                )
                _restricted, allowed, _rules = self.Assortment._b2b_check_products(
                    self.admin_a, ours.ids
                )
                self.assertEqual(by_rule, expected)
                self.assertEqual(set(by_rule.ids), allowed)

    def test_check_products_in_one_query(self):
        products = self.candidates
        self.env.invalidate_all()
        with self.assertQueryCount(1):
            restricted, allowed, rules = self.Assortment._b2b_check_products(
                self.admin_a, products.ids
            )
        self.assertTrue(restricted)
        self.assertEqual(allowed, set(self.chosen.ids))
        self.assertFalse(rules)
        with self.assertQueryCount(1):
            restricted, allowed, _rules = self.Assortment._b2b_check_products(
                self.admin_b, products.ids
            )
        self.assertFalse(restricted)
        self.assertEqual(allowed, set(products.ids))
        # a company whose assortment holds none of them: restricted, none
        restricted, allowed, _rules = self.Assortment._b2b_check_products(
            self.admin_a, self.nut.ids
        )
        self.assertTrue(restricted)
        self.assertFalse(allowed)


@tagged("post_install", "-at_install")
class TestCodeTrigramIndex(TransactionCase):
    def index_exists(self):
        self.env.cr.execute(
            "SELECT 1 FROM pg_indexes WHERE indexname = %s", [B2B_CODE_TRIGRAM_INDEX]
        )
        return bool(self.env.cr.rowcount)

    def test_ilike_on_codes_uses_the_index(self):
        if not self.env.registry.has_trigram:
            self.skipTest("PostgreSQL without pg_trgm: no trigram index")
        self.assertTrue(self.index_exists())
        # the condition Odoo writes for ilike (unaccent or not), alone
        products = self.env["product.product"].with_context(active_test=False)
        query = products._search([("default_code", "ilike", "AB12")])
        self.env.cr.execute("SET LOCAL enable_seqscan = off")
        self.env.cr.execute("SET LOCAL enable_indexscan = off")
        self.env.cr.execute(f"EXPLAIN {query.select().code}", query.select().params)
        plan = "\n".join(row[0] for row in self.env.cr.fetchall())
        self.assertIn(B2B_CODE_TRIGRAM_INDEX, plan)

    def test_uninstall_hook_drops_the_index(self):
        if not self.env.registry.has_trigram:
            self.skipTest("PostgreSQL without pg_trgm: no trigram index")
        uninstall_hook(self.env)
        self.assertFalse(self.index_exists())
