"""Fixtures of the webshop tests (tag ``b2b_shop``).

They run on a database with ``website_sale`` and Odoo's demo payment
provider (``payment_demo``): ``make test-shop`` creates it. Elsewhere the
classes are skipped (the module depends on neither), and ``make test``
leaves them out by tag.

- ``website``: the shop; ``product``: a published service at 100 (no tax,
  no delivery step); ``provider``/``payment_method``: Odoo's demo provider
- ``dealers``: a customer group with a 20 % pricelist (``group_pricelist``)
- ``company``: an approved B2B company in ``dealers``, ``buyer`` its portal
  user (role admin, a complete address: the checkout asks for none)
- ``pending_company``: a B2B company whose account waits for approval,
  ``pending_buyer`` its portal user
- ``plain_user``: a portal customer outside B2B
"""

import unittest

from odoo import Command
from odoo.tests import HttpCase, new_test_user

from .common import discount_pricelist


class B2BShopCommon(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        modules = cls.env["ir.module.module"]
        for name in ("website_sale", "payment_demo"):
            if modules._get(name).state != "installed":
                raise unittest.SkipTest(f"{name} is not installed (make test-shop)")
        env = cls.env(
            context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
        )
        cls.env = env
        cls.website = env["website"].get_current_website()
        cls.website.company_id = env.company
        cls.provider = env.ref("payment.payment_provider_demo")
        cls.provider.write(
            {"state": "test", "is_published": True, "company_id": env.company.id}
        )
        cls.payment_method = env.ref("payment_demo.payment_method_demo")
        cls.product = env["product.product"].create(
            {
                "name": "B2B Shop Widget",
                "type": "service",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
                "is_published": True,
                "website_id": cls.website.id,
            }
        )
        cls.group_pricelist = discount_pricelist(env, "Dealers -20%", 20)
        cls.dealers = env["b2b.customer.group"].create(
            {"name": "Shop Dealers", "pricelist_id": cls.group_pricelist.id}
        )
        cls.company = cls.shop_company("Shopwise Trading", "approved")
        cls.company.b2b_group_ids = cls.dealers
        cls.buyer = cls.shop_user("shop_buyer", cls.company, b2b_role="admin")
        cls.pending_company = cls.shop_company("Waiting Works", "pending")
        cls.pending_buyer = cls.shop_user(
            "shop_pending", cls.pending_company, b2b_role="admin"
        )
        cls.plain_user = cls.shop_user("shop_plain", None)

    # ------------------------------------------------------------------
    # Actors
    # ------------------------------------------------------------------
    @classmethod
    def address(cls, name):
        return {
            "email": f"{name.split()[0].lower()}@shop.example.com",
            "phone": "+32 2 555 01 01",
            "street": "Rue du Commerce 1",
            "city": "Brussels",
            "zip": "1000",
            "country_id": cls.env.ref("base.be").id,
        }

    @classmethod
    def shop_company(cls, name, state):
        company = cls.env["res.partner"].create(
            {"name": name, "is_company": True, **cls.address(name)}
        )
        company.sudo().write({"is_b2b": True, "b2b_state": state})
        return company

    @classmethod
    def shop_user(cls, login, company, **partner_vals):
        name = login.replace("_", " ").title()
        partner = cls.env["res.partner"].create(
            {
                "name": name,
                "parent_id": company.id if company else False,
                **cls.address(login),
                **partner_vals,
            }
        )
        return new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=partner.id,
        )

    # ------------------------------------------------------------------
    # Carts and payments
    # ------------------------------------------------------------------
    def website_cart(self, user, quantity=1):
        """A website cart of ``user`` with ``quantity`` of the product, made
        in the back office as the shop makes it (website, the customer's
        pricelist)."""
        partner = user.partner_id
        return self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "website_id": self.website.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": quantity}
                    )
                ],
            }
        )

    def shop_add_to_cart(self, user, quantity=1):
        """Log in as ``user`` and add the product to the cart through the
        shop's route; return the cart."""
        self.authenticate(user.login, user.login)
        self.make_jsonrpc_request(
            "/shop/cart/add",
            {
                "product_template_id": self.product.product_tmpl_id.id,
                "product_id": self.product.id,
                "quantity": quantity,
            },
        )
        return self.env["sale.order"].search(
            [
                ("partner_id", "=", user.partner_id.id),
                ("website_id", "=", self.website.id),
            ],
            order="id desc",
            limit=1,
        )

    def jsonrpc(self, route, params):
        """POST a JSON-RPC call; return (result, error) where error is the
        server's error data (``name``: the exception, ``message``: its
        text)."""
        response = self.opener.post(
            f"{self.base_url()}{route}",
            json={"id": 0, "jsonrpc": "2.0", "method": "call", "params": params},
            timeout=30,
        )
        response.raise_for_status()
        body = response.json()
        return body.get("result"), body.get("error", {}).get("data")

    def transaction_params(self, order, landing_route):
        return {
            "access_token": order._portal_ensure_token(),
            "provider_id": self.provider.id,
            "payment_method_id": self.payment_method.id,
            "token_id": None,
            "amount": order.amount_total,
            "flow": "direct",
            "tokenization_requested": False,
            "landing_route": landing_route,
            "is_validation": False,
        }

    def shop_transaction(self, order, user):
        """The shop's checkout creating the payment transaction of ``order``
        as ``user`` with the demo provider: (result, error)."""
        self.authenticate(user.login, user.login)
        return self.jsonrpc(
            f"/shop/payment/transaction/{order.id}",
            self.transaction_params(order, "/shop/payment/validate"),
        )

    def link_transaction(self, order, user=None):
        """Odoo's payment link flow (``/my/orders/<id>?payment_amount=...``)
        creating the transaction of ``order``, as ``user`` or anonymously
        with the order's access token: (result, error)."""
        if user:
            self.authenticate(user.login, user.login)
        else:
            self.authenticate(None, None)
        return self.jsonrpc(
            f"/my/orders/{order.id}/transaction",
            self.transaction_params(order, order.get_portal_url()),
        )

    def order_transactions(self, order):
        return self.env["payment.transaction"].search(
            [("sale_order_ids", "in", order.ids)]
        )
