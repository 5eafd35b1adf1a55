"""Ordering on the portal over HTTP: the quick order page, the quotation,
order again and requisition lists, resellers, refusals, and the tour."""

from odoo import Command, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon, discount_pricelist
from .ordering_common import setup_products


@tagged("post_install", "-at_install")
class TestQuickOrderHttp(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_products(cls)
        cls.company_a.b2b_allow_pay_later = True

    def post(self, url, data=None, files=None, token=True):
        data = dict(data or {})
        if token:
            data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def orders_of(self, partner):
        return self.env["sale.order"].search([("partner_id", "=", partner.id)])

    @mute_logger("odoo.http")
    def test_who_may_order(self):
        for login in ("portal_plain",):
            self.authenticate(login, login)
            self.assertEqual(self.url_open("/my/quick-order").status_code, 403)
        self.authenticate("portal_user_a", "portal_user_a")
        self.assertEqual(self.url_open("/my/quick-order").status_code, 200)
        self.company_a.b2b_perm_order_online = "deny"
        self.assertEqual(self.url_open("/my/quick-order").status_code, 403)
        self.assertEqual(self.url_open("/my/requisition-lists").status_code, 403)
        self.company_a.b2b_perm_order_online = False
        self.company_a.b2b_group_ids = self.env["b2b.customer.group"].create(
            {"name": "Catalogue only", "perm_order_online": False}
        )
        self.assertEqual(self.url_open("/my/quick-order").status_code, 403)
        self.company_a.b2b_group_ids.perm_order_online = True
        self.assertEqual(self.url_open("/my/quick-order").status_code, 200)
        self.company_a.sudo().b2b_state = "suspended"
        self.assertNotEqual(self.url_open("/my/quick-order").status_code, 200)

    def test_quick_order_preview_and_quotation(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order",
            {"lines": "SCREW-100;2\nNUT-M8;4", "step": "preview"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_b2b_quick_order_total", response.text)
        self.assertIn("Pay later", response.text)
        self.assertFalse(self.orders_of(self.user_a))
        response = self.post(
            "/my/quick-order",
            {
                "lines": "SCREW-100;2\nNUT-M8;4",
                "delivery_address_id": str(self.delivery_a.id),
                "step": "order",
            },
        )
        self.assertEqual(response.status_code, 303)
        order = self.orders_of(self.user_a)
        self.assertEqual(len(order), 1)
        self.assertTrue(response.headers["Location"].endswith(order.access_url))
        self.assertEqual(order.partner_shipping_id, self.delivery_a)
        page = self.url_open(order.access_url, allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_reorder", page.text)

    def test_csv_upload(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order",
            {"lines": "", "step": "preview"},
            files={"csv_file": ("order.csv", b"\xef\xbb\xbfCode;Qty\nNUT-M8;3\n")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("o_b2b_quick_order_total", response.text)
        response = self.post(
            "/my/quick-order",
            {"lines": "SCREW-100;1", "step": "preview"},
            files={"csv_file": ("photo.csv", b"\x89PNG\r\n\x1a\n\x00\x00")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("not a text or CSV file", response.text)
        self.assertIn("SCREW-100;1", response.text)

    def test_bad_lines_keep_the_input(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order",
            {"lines": "SCREW-100;2\nTYPO-77;1\nNUT-M8;x", "step": "order"},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Line 2", response.text)
        self.assertIn("TYPO-77", response.text)
        self.assertIn("Line 3", response.text)
        self.assertIn("SCREW-100;2", response.text)
        self.assertFalse(self.orders_of(self.user_a))

    def test_nul_bytes_refused_with_the_form_back(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order", {"lines": "SCREW-100;2\x00\nNUT-M8;1", "step": "order"}
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("control characters", response.text)
        self.assertIn("NUT-M8;1", response.text)
        self.assertFalse(self.orders_of(self.user_a))

    @mute_logger("odoo.http")
    def test_csrf_refused(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order", {"lines": "SCREW-100;2", "step": "order"}, token=False
        )
        self.assertEqual(response.status_code, 400)
        self.assertFalse(self.orders_of(self.user_a))

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_order_again_only_what_the_user_sees(self):
        def order_for(partner):
            return self.env["sale.order"].create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        Command.create(
                            {"product_id": self.screw.id, "product_uom_qty": 7}
                        )
                    ],
                }
            )

        own, colleague = order_for(self.user_a), order_for(self.admin_a)
        foreign = order_for(self.admin_b)
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(f"/my/orders/{own.id}/reorder")
        self.assertEqual(response.status_code, 200)
        self.assertIn("SCREW-100;7", response.text)
        for order in (colleague, foreign):
            response = self.post(f"/my/orders/{order.id}/reorder")
            self.assertEqual(response.status_code, 404)
        # an administrator sees and reorders the colleague's order
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.post(f"/my/orders/{own.id}/reorder")
        self.assertEqual(response.status_code, 200)

    def test_requisition_list_saved_loaded_deleted(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order",
            {
                "lines": "SCREW-100;2\nNUT-M8;4",
                "step": "save_list",
                "list_name": "Weekly",
            },
        )
        self.assertEqual(response.status_code, 303)
        requisition = self.env["b2b.requisition.list"].search(
            [("partner_id", "=", self.user_a.id)]
        )
        self.assertEqual(requisition.name, "Weekly")
        response = self.url_open(f"/my/quick-order?list_id={requisition.id}")
        self.assertIn("NUT-M8;4", response.text)
        self.assertIn("Weekly", self.url_open("/my/requisition-lists").text)
        # another user of the company does not reach it
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.url_open(f"/my/quick-order?list_id={requisition.id}")
        self.assertEqual(response.status_code, 404)
        response = self.post(f"/my/requisition-lists/{requisition.id}/delete")
        self.assertEqual(response.status_code, 404)
        self.assertTrue(requisition.exists())
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(f"/my/requisition-lists/{requisition.id}/delete")
        self.assertEqual(response.status_code, 303)
        self.assertFalse(requisition.exists())

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_reseller_orders_for_its_end_customer(self):
        depot = self.env["res.partner"].create(
            {
                "name": "End Depot",
                "type": "delivery",
                "parent_id": self.end_customer.id,
                "street": "Depot 2",
                "city": "Ghent",
            }
        )
        url = f"/my/customers/{self.end_customer.id}/quick-order"
        self.authenticate("portal_reseller_2", "portal_reseller_2")
        self.assertEqual(self.url_open(url).status_code, 404)
        response = self.post(url, {"lines": "SCREW-100;2", "step": "order"})
        self.assertEqual(response.status_code, 404)
        self.assertFalse(self.orders_of(self.end_customer))

        self.authenticate("portal_reseller", "portal_reseller")
        self.assertEqual(self.url_open(url).status_code, 200)
        response = self.post(
            url,
            {
                "lines": "SCREW-100;2",
                "delivery_address_id": str(self.delivery_a.id),
                "step": "order",
            },
        )
        self.assertIn("delivery address", response.text)
        response = self.post(
            url,
            {
                "lines": "SCREW-100;2",
                "delivery_address_id": str(depot.id),
                "step": "order",
            },
        )
        self.assertEqual(response.status_code, 303)
        order = self.orders_of(self.end_customer)
        self.assertEqual(order.b2b_ordered_by_reseller_id, self.reseller)
        self.assertEqual(order.partner_shipping_id, depot)
        # the reseller reads it on Odoo's order page and on /my/customers
        page = self.url_open(order.access_url, allow_redirects=False)
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, self.url_open("/my/customers").text)
        self.assertIn(
            order.name, self.url_open(f"/my/customers/{self.end_customer.id}").text
        )
        response = self.post(f"/my/orders/{order.id}/reorder")
        self.assertEqual(response.status_code, 200)
        self.assertIn("SCREW-100;2", response.text)
        # nobody else does
        self.authenticate("portal_reseller_2", "portal_reseller_2")
        page = self.url_open(order.access_url, allow_redirects=False)
        self.assertNotEqual(page.status_code, 200)
        self.assertNotIn(order.name, self.url_open("/my/customers").text)
        # the back office sees who placed it
        placed = self.env["sale.order"].search(
            [
                (
                    "b2b_ordered_by_reseller_id",
                    "in",
                    (self.reseller | self.reseller_2).ids,
                )
            ]
        )
        self.assertEqual(placed, order)
        self.assertEqual(order.b2b_ordered_by_reseller_id, self.reseller)

    def test_reseller_prices(self):
        Pricelist = self.env["product.pricelist"]
        Pricelist._b2b_enable_pricelist_feature()

        def percent(name, discount):
            return discount_pricelist(self.env, name, discount)

        self.end_customer.property_product_pricelist = percent("End", 10)
        self.reseller.property_product_pricelist = percent("Reseller", 40)
        self.authenticate("portal_reseller", "portal_reseller")
        url = f"/my/customers/{self.end_customer.id}/quick-order"
        self.post(url, {"lines": "SCREW-100;1", "step": "order"})
        self.reseller.b2b_reseller_prices_own = True
        self.post(url, {"lines": "SCREW-100;1", "step": "order"})
        orders = self.orders_of(self.end_customer).sorted("id")
        self.assertEqual(orders.mapped("amount_untaxed"), [9.0, 6.0])


@tagged("post_install", "-at_install")
class TestQuickOrderTour(B2BHttpCommon):
    def test_paste_fix_submit_accept(self):
        Product = self.env["product.product"]
        for code, price in (("SCREW-100", 10), ("NUT-M8", 2.5), ("BOLT-5", 4)):
            Product.create(
                {"name": code.title(), "default_code": code, "list_price": price}
            )
        self.company_a.b2b_allow_pay_later = True
        self.start_tour(
            "/my/quick-order", "b2b_quick_order_tour", login="portal_user_a"
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.user_a.id)])
        self.assertEqual(order.state, "sale")
        self.assertTrue(order.b2b_portal_order)
        self.assertEqual(
            order.order_line.mapped("product_id.default_code"),
            ["SCREW-100", "BOLT-5", "NUT-M8"],
        )
