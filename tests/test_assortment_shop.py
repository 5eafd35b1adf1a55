"""Assortments in the webshop (website_sale, ``make test-shop``): the shop's
listing, search and product pages show a customer only its assortment, a
change is seen on the next request, Odoo's RPC reads of products follow the
same record rules, and a cart holding a product outside the assortment (a
permalink, an old cart) or breaking a quantity rule cannot be paid, and the
cart sets a quantity asked for (and the optional products added with a
product) to the rule's nearest valid one, with the rule's message (and the
tour)."""

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

    def shop_cart(self, user):
        return self.env["sale.order"].search(
            [
                ("partner_id", "=", user.partner_id.id),
                ("website_id", "=", self.website.id),
            ],
            order="id desc",
            limit=1,
        )

    def add_boxes(self, quantity):
        """``/shop/cart/add`` of ``quantity`` boxes: (result, error)."""
        return self.jsonrpc(
            "/shop/cart/add",
            {
                "product_template_id": self.boxed.product_tmpl_id.id,
                "product_id": self.boxed.id,
                "quantity": quantity,
            },
        )

    def test_cart_sets_the_nearest_valid_quantity(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        result, error = self.add_boxes(4)
        self.assertFalse(error)
        self.assertEqual(result["quantity"], 6)
        self.assertIn(
            "Sold in multiples of 6 (Units): 6? The quantity is now 6.",
            result["notification_info"]["warning"],
        )
        line = self.shop_cart(self.buyer).order_line
        self.assertEqual(line.product_uom_qty, 6)
        # a step up or down moves to the next valid quantity; a typed one
        # to the nearest; a valid one is kept without a message
        for asked, expected, proposal in (
            (7, 12, "6 or 12?"),
            (11, 6, "6 or 12?"),
            (20, 18, "18 or 24?"),
            (24, 24, None),
        ):
            with self.subTest(asked=asked):
                result, error = self.jsonrpc(
                    "/shop/cart/update", {"line_id": line.id, "quantity": asked}
                )
                self.assertFalse(error)
                self.assertEqual(result["quantity"], expected)
                self.env.invalidate_all()
                self.assertEqual(line.product_uom_qty, expected)
                if proposal:
                    message = f"{proposal} The quantity is now {expected}."
                    self.assertIn(message, result["warning"])
                    # next to the line: its warning, shown once
                    self.assertIn(message, result["website_sale.cart_lines"])
                    self.assertFalse(line.shop_warning)
                else:
                    self.assertFalse(result.get("warning"))
        result, error = self.shop_transaction(line.order_id, self.buyer)
        self.assertFalse(error)
        # without a rule, the quantity asked is kept
        self.authenticate(self.plain_user.login, self.plain_user.login)
        result, error = self.add_boxes(4)
        self.assertEqual(result["quantity"], 4)
        self.assertFalse(result["notification_info"].get("warning"))

    def test_optional_products_added_with_a_product_keep_their_rule(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        main = self.product
        result, error = self.jsonrpc(
            "/shop/cart/add",
            {
                "product_template_id": main.product_tmpl_id.id,
                "product_id": main.id,
                "quantity": 4,
                "linked_products": [
                    {
                        "product_id": self.boxed.id,
                        "product_template_id": self.boxed.product_tmpl_id.id,
                        "parent_product_template_id": main.product_tmpl_id.id,
                        "quantity": 4,
                        "product_custom_attribute_values": [],
                        "no_variant_attribute_value_ids": [],
                    }
                ],
            },
        )
        self.assertFalse(error)
        lines = self.shop_cart(self.buyer).order_line
        quantities = {line.product_id: line.product_uom_qty for line in lines}
        # the product without a rule keeps 4, the optional box is set to 6
        self.assertEqual(quantities, {main: 4, self.boxed: 6})
        self.assertIn(
            "Sold in multiples of 6 (Units): 6? The quantity is now 6.",
            result["notification_info"]["warning"],
        )
        result, error = self.shop_transaction(lines.order_id, self.buyer)
        self.assertFalse(error)

    def test_cart_tour(self):
        self.cart(self.buyer, self.boxed, 6)
        self.start_tour("/shop/cart", "b2b_assortment_cart_tour", login="shop_buyer")
        self.env.invalidate_all()
        line = self.shop_cart(self.buyer).order_line
        self.assertEqual(line.product_uom_qty, 12)
