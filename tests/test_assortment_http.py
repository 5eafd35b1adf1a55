"""Assortments over HTTP: the quick order page (search, paste, CSV), order
again and requisition lists of a customer with and without an assortment,
a change effective on the very next request, and the tour."""

import re

from odoo import Command, http
from odoo.tests import tagged

from .assortment_common import setup_assortment
from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestAssortmentHttp(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assortment(cls)
        cls.company_a.b2b_allow_pay_later = True
        cls.company_b.b2b_allow_pay_later = True

    def post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def search(self, term):
        """The product codes the quick order's search box lists."""
        page = self.url_open(f"/my/quick-order?search={term}").text
        return re.findall(r"<td><code>([^<]*)</code></td>", page)

    def test_search_follows_changes_on_next_request(self):
        self.authenticate("portal_user_a", "portal_user_a")
        self.assertIn("NUT-M8", self.search("M8"))
        self.company_a.b2b_assortment_ids = self.contract
        self.assertNotIn("NUT-M8", self.search("M8"))
        self.assertIn("BOLT-1", self.search("BOLT"))
        # a group's assortment; then the parent company's
        self.company_a.b2b_assortment_ids = False
        self.assertIn("NUT-M8", self.search("M8"))
        group = self.env["b2b.customer.group"].create(
            {"name": "Trade", "assortment_ids": [Command.set(self.contract.ids)]}
        )
        self.company_a.b2b_group_ids = group
        self.assertNotIn("NUT-M8", self.search("M8"))
        group.assortment_ids = False
        self.assertIn("NUT-M8", self.search("M8"))
        parent = self.env["res.partner"].create(
            {"name": "Alpha Holding", "is_company": True}
        )
        parent.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        parent.b2b_assortment_ids = self.contract
        self.company_a.parent_id = parent
        self.assertNotIn("NUT-M8", self.search("M8"))

    def test_paste_and_csv(self):
        self.company_a.b2b_assortment_ids = self.contract
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post(
            "/my/quick-order",
            {"lines": "NUT-M8;1\nPALLET-12;30", "step": "preview"},
        )
        self.assertIn("not sold to you", response.text)
        self.assertIn("Sold in multiples of 12 (Units): 24 or 36?", response.text)
        # what the buyer typed is kept
        self.assertIn("PALLET-12;30", response.text)
        response = self.post(
            "/my/quick-order",
            {"lines": "", "step": "order"},
            files={"csv_file": ("order.csv", b"code;qty\nNUT-M8;2\n", "text/csv")},
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("not sold to you", response.text)
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.user_a.id)])
        )
        response = self.post(
            "/my/quick-order", {"lines": "PALLET-12;36\nBOLT-1;1", "step": "order"}
        )
        self.assertEqual(response.status_code, 303)
        # the same lines for a customer without an assortment
        self.authenticate("portal_admin_b", "portal_admin_b")
        response = self.post(
            "/my/quick-order", {"lines": "NUT-M8;1\nPALLET-12;30", "step": "order"}
        )
        self.assertEqual(response.status_code, 303)

    def test_order_again_and_requisition_list(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.user_a.id,
                "order_line": [
                    Command.create({"product_id": self.nut.id, "product_uom_qty": 2}),
                    Command.create({"product_id": self.bolt.id, "product_uom_qty": 1}),
                ],
            }
        )
        order.action_confirm()
        self.env["b2b.requisition.list"].create(
            {
                "name": "Weekly",
                "partner_id": self.user_a.id,
                "line_ids": [
                    Command.create({"product_id": self.nut.id, "quantity": 1}),
                    Command.create({"product_id": self.bolt.id, "quantity": 1}),
                ],
            }
        )
        self.company_a.b2b_assortment_ids = self.contract
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open("/my/requisition-lists").text
        self.assertIn("o_b2b_unavailable", page)
        # order again: the line is kept and shown as not available
        response = self.post(f"/my/orders/{order.id}/reorder")
        self.assertEqual(response.status_code, 200)
        self.assertIn("NUT-M8;2", response.text)
        response = self.post(
            "/my/quick-order", {"lines": "NUT-M8;2\nBOLT-1;1", "step": "preview"}
        )
        self.assertIn("not sold to you", response.text)
        self.company_a.b2b_assortment_ids = False
        self.assertNotIn(
            "o_b2b_unavailable", self.url_open("/my/requisition-lists").text
        )


@tagged("post_install", "-at_install")
class TestAssortmentTour(B2BHttpCommon):
    def test_paste_correct_and_order(self):
        setup_assortment(self)
        self.company_a.b2b_allow_pay_later = True
        self.company_a.b2b_assortment_ids = self.contract
        self.start_tour(
            "/my/quick-order", "b2b_assortment_quick_order_tour", login="portal_user_a"
        )
        order = self.env["sale.order"].search([("partner_id", "=", self.user_a.id)])
        self.assertEqual(order.state, "sale")
        self.assertEqual(
            [(line.product_id, line.product_uom_qty) for line in order.order_line],
            [(self.bolt, 2), (self.pallet, 36)],
        )
