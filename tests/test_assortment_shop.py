"""Assortments in the webshop (website_sale, ``make test-shop``): the shop's
listing, search and product pages show a customer only its assortment, a
change is seen on the next request, Odoo's RPC reads of products follow the
same record rules, and a cart holding a product outside the assortment (a
permalink, an old cart) or breaking a quantity rule cannot be paid."""

from odoo import Command
from odoo.tests import tagged
from odoo.tools import mute_logger

from .shop_common import B2BShopCommon


@tagged("b2b_shop", "post_install", "-at_install")
class TestAssortmentShop(B2BShopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Product = cls.env["product.product"]

        def published(name, code):
            return Product.create(
                {
                    "name": name,
                    "default_code": code,
                    "type": "service",
                    "list_price": 10.0,
                    "taxes_id": [Command.clear()],
                    "is_published": True,
                    "website_id": cls.website.id,
                }
            )

        cls.hidden = published("Zyxwv Spare Part", "ZYX-1")
        cls.boxed = published("Qwerty Box", "QWE-6")
        cls.range = cls.env["b2b.assortment"].create(
            {
                "name": "Shop range",
                "line_ids": [
                    Command.create({"product_id": cls.product.id}),
                    Command.create({"product_id": cls.boxed.id, "multiple_qty": 6}),
                ],
            }
        )
        cls.company.b2b_assortment_ids = cls.range

    def shop_page(self, user, url):
        self.authenticate(user.login, user.login)
        return self.url_open(url, allow_redirects=False)

    def cart(self, user, product, quantity):
        return self.env["sale.order"].create(
            {
                "partner_id": user.partner_id.id,
                "website_id": self.website.id,
                "order_line": [
                    Command.create(
                        {"product_id": product.id, "product_uom_qty": quantity}
                    )
                ],
            }
        )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_listing_search_and_product_page(self):
        page = self.shop_page(self.buyer, "/shop?search=Zyxwv").text
        self.assertNotIn("Zyxwv Spare Part", page)
        page = self.shop_page(self.buyer, "/shop?search=Qwerty").text
        self.assertIn("Qwerty Box", page)
        url = self.hidden.product_tmpl_id.website_url
        self.assertNotEqual(self.shop_page(self.buyer, url).status_code, 200)
        # a customer without an assortment sees everything
        self.assertIn(
            "Zyxwv Spare Part",
            self.shop_page(self.plain_user, "/shop?search=Zyxwv").text,
        )
        self.assertEqual(self.shop_page(self.plain_user, url).status_code, 200)
        # the change is seen on the buyer's next request
        self.company.b2b_assortment_ids = False
        self.assertIn(
            "Zyxwv Spare Part", self.shop_page(self.buyer, "/shop?search=Zyxwv").text
        )
        self.assertEqual(self.shop_page(self.buyer, url).status_code, 200)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_products_over_rpc(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        ids = (self.product | self.hidden | self.boxed).ids
        result, error = self.jsonrpc(
            "/web/dataset/call_kw/product.product/search_read",
            {
                "model": "product.product",
                "method": "search_read",
                "args": [[("id", "in", ids)], ["name"]],
                "kwargs": {},
            },
        )
        self.assertFalse(error)
        self.assertEqual(
            {row["id"] for row in result}, {self.product.id, self.boxed.id}
        )
        result, error = self.jsonrpc(
            "/web/dataset/call_kw/product.template/read",
            {
                "model": "product.template",
                "method": "read",
                "args": [self.hidden.product_tmpl_id.ids, ["name"]],
                "kwargs": {},
            },
        )
        self.assertEqual(error["name"], "odoo.exceptions.AccessError")

    @mute_logger("odoo.http")
    def test_cart_outside_the_assortment_cannot_be_paid(self):
        cart = self.cart(self.buyer, self.hidden, 1)
        result, error = self.shop_transaction(cart, self.buyer)
        self.assertIsNone(result)
        self.assertIn("not in its assortment", error["message"])
        self.assertFalse(self.order_transactions(cart))
        # the plain customer may
        cart = self.cart(self.plain_user, self.hidden, 1)
        result, error = self.shop_transaction(cart, self.plain_user)
        self.assertFalse(error)

    @mute_logger("odoo.http")
    def test_quantity_rule_in_the_cart(self):
        cart = self.cart(self.buyer, self.boxed, 4)
        result, error = self.shop_transaction(cart, self.buyer)
        self.assertIsNone(result)
        self.assertIn("Sold in multiples of 6 (Units): 6?", error["message"])
        cart.order_line.product_uom_qty = 12
        result, error = self.shop_transaction(cart, self.buyer)
        self.assertFalse(error)
        self.assertTrue(self.order_transactions(cart))
