from odoo import Command
from odoo.tests import tagged

from .common import B2BCommon, discount_pricelist


@tagged("post_install", "-at_install")
class TestB2BPartnerPricelist(B2BCommon):
    """The effective B2B pricelist (own, else the customer group's, else the
    parent company's) is what Odoo's own pricelist resolution returns, so a
    quotation, the quick order and the webshop price alike; other customers
    keep Odoo's resolution (country groups)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()

        def discount(name, percent):
            return discount_pricelist(cls.env, name, percent)

        cls.group_pricelist = discount("Dealers -20%", 20)
        cls.country_pricelist = discount("Belgium -10%", 10)
        # before any other pricelist of Belgium (demo data has one)
        cls.country_pricelist.sequence = 0
        cls.own_pricelist = discount("Alpha's prices -30%", 30)
        cls.env["res.country.group"].create(
            {
                "name": "Belgium (prices)",
                "country_ids": [Command.set(cls.env.ref("base.be").ids)],
                "pricelist_ids": [Command.set(cls.country_pricelist.ids)],
            }
        )
        cls.dealers = cls.env["b2b.customer.group"].create(
            {"name": "Dealers", "pricelist_id": cls.group_pricelist.id}
        )
        cls.company_a.b2b_group_ids = cls.dealers
        cls.product = cls.env["product.product"].create(
            {"name": "Pallet of bolts", "list_price": 100.0}
        )
        cls.plain_customer.country_id = cls.env.ref("base.be")

    def resolved(self, partner):
        return self.env["product.pricelist"]._get_partner_pricelist_multi(partner.ids)[
            partner.id
        ]

    def quotation_price(self, partner):
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        return order.pricelist_id, order.order_line.price_unit

    def test_group_pricelist_is_odoos_partner_pricelist(self):
        for partner in (self.company_a, self.admin_a, self.user_a):
            with self.subTest(partner=partner.name):
                self.assertEqual(self.resolved(partner), self.group_pricelist)
                self.assertEqual(
                    partner.property_product_pricelist, self.group_pricelist
                )
        self.assertEqual(
            self.quotation_price(self.admin_a), (self.group_pricelist, 80.0)
        )

    def test_quick_order_prices_as_a_quotation(self):
        QuickOrder = self.env["b2b.quick.order"]
        order = QuickOrder._b2b_new_order(self.admin_a.sudo())
        self.assertEqual(order.pricelist_id, self.group_pricelist)
        self.assertEqual(
            QuickOrder._b2b_price_products(order, [(self.product, 1.0)]), [80.0]
        )

    def test_customer_without_b2b_pricelist_keeps_odoos_resolution(self):
        self.assertEqual(self.resolved(self.plain_customer), self.country_pricelist)
        self.assertEqual(self.resolved(self.company_b), self.country_pricelist)
        self.assertEqual(
            self.quotation_price(self.plain_customer), (self.country_pricelist, 90.0)
        )

    def test_own_pricelist_before_the_groups(self):
        self.company_a.property_product_pricelist = self.own_pricelist
        self.assertEqual(self.resolved(self.admin_a), self.own_pricelist)
        self.assertEqual(self.quotation_price(self.admin_a), (self.own_pricelist, 70.0))

    def test_subsidiary_gets_the_parent_companys_group_pricelist(self):
        subsidiary = self.env["res.partner"].create(
            {
                "name": "Alpha Ghent",
                "is_company": True,
                "is_b2b": True,
                "parent_id": self.company_a.id,
                "country_id": self.env.ref("base.be").id,
            }
        )
        self.assertEqual(self.resolved(subsidiary), self.group_pricelist)
        self.assertEqual(self.quotation_price(subsidiary), (self.group_pricelist, 80.0))

    def test_group_change_reaches_the_partner_pricelist(self):
        self.assertEqual(self.admin_a.property_product_pricelist, self.group_pricelist)
        self.company_a.b2b_group_ids = False
        self.assertEqual(
            self.admin_a.property_product_pricelist, self.country_pricelist
        )
        self.dealers.pricelist_id = self.own_pricelist
        self.company_a.b2b_group_ids = self.dealers
        self.assertEqual(self.admin_a.property_product_pricelist, self.own_pricelist)
