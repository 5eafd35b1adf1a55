"""The order gate on the webshop and on Odoo's payment links: no money moves
for an order the module's rules refuse (issue #26). Runs with website_sale
(make test-shop)."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .shop_common import B2BShopCommon


@tagged("b2b_shop", "post_install", "-at_install")
class TestShopGate(B2BShopCommon):
    def assert_refused_not_approved(self, order, result, error):
        self.assertIsNone(result)
        self.assertTrue(error, "creating the transaction must be refused")
        self.assertRegex(error["message"], "not approved")
        self.assertNotIn("Traceback", error["message"])
        self.assertFalse(self.order_transactions(order), "no money may move")
        self.assertIn(order.state, ("draft", "sent"), "it stays a quotation")

    @mute_logger("odoo.http")
    def test_unapproved_company_cannot_pay_in_the_shop(self):
        order = self.website_cart(self.pending_buyer)
        result, error = self.shop_transaction(order, self.pending_buyer)
        self.assert_refused_not_approved(order, result, error)

    @mute_logger("odoo.http")
    def test_unapproved_company_cannot_pay_through_a_payment_link(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.pending_company.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        order.action_quotation_sent()
        for user in (None, self.pending_buyer):
            with self.subTest(user=user and user.login):
                result, error = self.link_transaction(order, user)
                self.assert_refused_not_approved(order, result, error)

    def test_approved_company_pays_in_the_shop_and_through_a_link(self):
        cart = self.website_cart(self.buyer)
        result, error = self.shop_transaction(cart, self.buyer)
        self.assertFalse(error)
        self.assertEqual(result["provider_code"], "demo")
        self.assertEqual(self.order_transactions(cart).amount, cart.amount_total)
        quotation = self.env["sale.order"].create(
            {
                "partner_id": self.company.id,
                "order_line": [(0, 0, {"product_id": self.product.id})],
            }
        )
        quotation.action_quotation_sent()
        result, error = self.link_transaction(quotation)
        self.assertFalse(error)
        self.assertTrue(self.order_transactions(quotation))


@tagged("b2b_shop", "post_install", "-at_install")
class TestShopCheckoutPages(B2BShopCommon):
    """Odoo's checkout pages work for a B2B buyer and a plain customer with
    the module installed."""

    def test_checkout_pages_answer(self):
        for user in (self.buyer, self.plain_user):
            with self.subTest(user=user.login):
                cart = self.shop_add_to_cart(user)
                self.assertTrue(cart.order_line)
                for url in ("/shop/cart", "/shop/checkout", "/shop/payment"):
                    response = self.url_open(url, allow_redirects=False)
                    self.assertEqual(response.status_code, 200, url)
