"""Fixtures of the negotiable-quote tests: products without taxes, a
quote requested by ``user_a`` of company_a (of tests/common.py), and the
steps of the negotiation as the portal and the back office take them."""

from odoo import Command

from .buyer_approval_common import ApprovalFixtures


class QuoteFixtures(ApprovalFixtures):
    @classmethod
    def setup_quote_fixtures(cls):
        cls.setup_approval_fixtures()
        Product = cls.env["product.product"]
        cls.bolt = Product.create(
            {
                "name": "Bolt M10",
                "default_code": "BOLT-M10",
                "list_price": 12.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.washer = Product.create(
            {
                "name": "Washer M10",
                "default_code": "WASHER-M10",
                "list_price": 1.5,
                "taxes_id": [Command.clear()],
            }
        )
        cls.Quick = cls.env["b2b.quick.order"].sudo()

    def request_quote(
        self, buyer=None, lines=None, customer=None, reseller=None, **values
    ):
        """A quote ``buyer`` requests on the portal (default: user_a for 100
        bolts at a requested 10.00 and 50 washers)."""
        buyer = buyer or self.user_a
        customer = customer or buyer
        lines = lines or [
            {"product": self.bolt, "quantity": 100, "requested_price_unit": 10.0},
            {"product": self.washer, "quantity": 50},
        ]
        delivery = self.Quick._b2b_default_delivery(customer)
        return self.env["sale.order"]._b2b_quote_create_request(
            customer.sudo(),
            lines,
            buyer.sudo(),
            delivery,
            values or {"message": "Our yearly volume, please."},
            reseller=reseller,
        )

    def send_offer(self, order, prices=None):
        """The seller sets ``prices`` ({product: unit price}) and sends the
        offer."""
        seller_order = order.with_user(self.manager)
        for line in seller_order.order_line:
            if prices and line.product_id in prices:
                line.price_unit = prices[line.product_id]
        seller_order.action_b2b_quote_send_offer()
        return order

    def counter(self, order, buyer=None, changes=None, message="Can you do better?"):
        """``buyer`` counters: ``changes`` maps products to (quantity,
        requested unit price)."""
        buyer = buyer or self.user_a
        order_sudo = order.sudo().with_context(b2b_portal_partner_id=buyer.id)
        by_line = {}
        for line in order_sudo.order_line:
            if changes and line.product_id in changes:
                quantity, price = changes[line.product_id]
                by_line[line] = {"quantity": quantity, "requested_price_unit": price}
        return order_sudo._b2b_quote_counter(buyer, by_line, message)

    def line_of(self, order, product):
        return order.order_line.filtered(lambda line: line.product_id == product)
