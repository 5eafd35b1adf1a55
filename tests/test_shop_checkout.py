"""The shop's checkout as a B2B buyer clicks through it (tours in headless
Chromium, make test-shop): a pay-later buyer orders on account, a buyer over
its order limit submits the order for approval; no money moves."""

from odoo import Command
from odoo.tests import tagged

from .shop_common import B2BShopCommon


@tagged("b2b_shop", "post_install", "-at_install")
class TestShopCheckoutTours(B2BShopCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.on_account = cls.env.ref("b2b_customer.payment_provider_b2b_on_account")
        cls.on_account.write(
            {
                "company_id": cls.env.company.id,
                "available_currency_ids": [Command.link(cls.website.currency_id.id)],
            }
        )

    def test_pay_later_buyer_orders_on_account(self):
        self.company.write({"b2b_allow_pay_later": True, "credit_limit": 1000.0})
        cart = self.website_cart(self.buyer)
        self.start_tour(
            "/shop/cart", "b2b_shop_pay_on_account_tour", login="shop_buyer"
        )
        self.assertEqual(cart.state, "sale")
        self.assertEqual(cart.amount_paid, 0.0)
        tx = self.order_transactions(cart)
        self.assertEqual((tx.provider_code, tx.state), ("b2b_on_account", "pending"))

    def test_buyer_over_its_limit_submits_for_approval(self):
        approver = self.shop_user("shop_approver", self.company, b2b_role="admin")
        self.buyer.partner_id.write({"b2b_role": "user", "b2b_order_limit": 50.0})
        cart = self.website_cart(self.buyer, quantity=2)
        self.start_tour(
            "/shop/cart", "b2b_shop_submit_for_approval_tour", login="shop_buyer"
        )
        self.assertEqual(cart.b2b_approval_state, "waiting")
        self.assertIn(approver.partner_id, cart.b2b_approval_ids.candidate_ids)
        self.assertEqual(cart.amount_paid, 0.0)
        self.assertNotEqual(cart.state, "sale")
        # the cart is emptied: the next visit of the shop starts a new one
        self.authenticate("shop_buyer", "shop_buyer")
        page = self.url_open("/shop/cart")
        self.assertNotIn(cart.name, page.text)
