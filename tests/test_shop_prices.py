"""The customer group's pricelist in the webshop: the shop shows and charges
the price of a back-office quotation (issue #26, Prices). Runs with
website_sale (make test-shop)."""

from odoo.tests import tagged

from .shop_common import B2BShopCommon


@tagged("b2b_shop", "post_install", "-at_install")
class TestShopPrices(B2BShopCommon):
    def test_group_pricelist_in_the_shop_cart(self):
        cart = self.shop_add_to_cart(self.buyer)
        self.assertEqual(cart.pricelist_id, self.group_pricelist)
        self.assertEqual(cart.order_line.price_unit, 80.0)
        self.assertEqual(cart.amount_total, 80.0)
        page = self.url_open("/shop/cart").text
        self.assertIn("80.00", page)
        self.assertNotIn("100.00", page)
        # charged: the payment transaction is of 80
        result, error = self.shop_transaction(cart, self.buyer)
        self.assertFalse(error)
        self.assertEqual(self.order_transactions(cart).amount, 80.0)

    def test_group_pricelist_on_the_product_page(self):
        self.authenticate(self.buyer.login, self.buyer.login)
        page = self.url_open(self.product.website_url).text
        self.assertIn("80.00", page)
        self.assertNotIn("90.00", page)

    def test_customer_without_b2b_pricelist_keeps_the_shop_price(self):
        cart = self.shop_add_to_cart(self.plain_user)
        # Odoo's resolution: the website's pricelists, a country group's
        # (Benelux in the demo data)
        self.assertNotEqual(cart.pricelist_id, self.group_pricelist)
        self.assertNotEqual(cart.order_line.price_unit, 80.0)
