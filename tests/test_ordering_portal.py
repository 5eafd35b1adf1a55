"""The quick order's quotations and requisition lists as a buyer finds them
on the portal (issue 28, items 4 and 9): quotations listed on
``/my/quotes``, a list name refused on the preview with the name kept,
duplicate names refused, Enter in the name saves the list."""

from odoo import http
from odoo.tests import tagged

from .common import B2BHttpCommon
from .ordering_common import setup_products


@tagged("post_install", "-at_install")
class TestOrderingPortal(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_products(cls)
        cls.company_a.b2b_allow_pay_later = True

    def post(self, data):
        data = dict(data, csrf_token=http.Request.csrf_token(self))
        return self.url_open("/my/quick-order", data=data, allow_redirects=False)

    def lists(self):
        return self.env["b2b.requisition.list"].search(
            [("partner_id", "=", self.user_a.id)]
        )

    def test_quick_order_quotation_on_my_quotes(self):
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post({"lines": "SCREW-100;2", "step": "order"})
        self.assertEqual(response.status_code, 303)
        order = self.env["sale.order"].search([("partner_id", "=", self.user_a.id)])
        self.assertEqual(len(order), 1)
        self.assertEqual(order.state, "sent")
        page = self.url_open("/my/quotes").text
        self.assertIn(order.access_url, page)
        self.assertIn(order.name, page)
        # the administrator of the company sees it too
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertIn(order.name, self.url_open("/my/quotes").text)

    def test_list_name_refused_on_the_preview(self):
        self.authenticate("portal_user_a", "portal_user_a")
        lines = {"lines": "SCREW-100;2", "step": "save_list"}
        response = self.post(dict(lines, list_name=""))
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please give the list a name", response.text)
        self.assertIn("o_b2b_quick_order_preview", response.text)
        response = self.post(dict(lines, list_name="x" * 65))
        self.assertIn("too long", response.text)
        self.assertIn("o_b2b_quick_order_preview", response.text)
        self.assertIn('value="' + "x" * 65 + '"', response.text)
        self.assertFalse(self.lists())
        # duplicate names (whatever the case) are refused, the name kept
        self.assertEqual(self.post(dict(lines, list_name="Weekly")).status_code, 303)
        response = self.post(dict(lines, list_name="WEEKLY"))
        self.assertIn("You already have a list named", response.text)
        self.assertIn('value="WEEKLY"', response.text)
        self.assertIn("o_b2b_quick_order_preview", response.text)
        self.assertEqual(self.lists().mapped("name"), ["Weekly"])
        # another buyer may use the name
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertEqual(self.post(dict(lines, list_name="Weekly")).status_code, 303)

    def test_enter_in_the_list_name_saves_the_list(self):
        self.start_tour(
            "/my/quick-order",
            "b2b_requisition_list_enter_tour",
            login="portal_user_a",
        )
        self.assertEqual(self.lists().mapped("name"), ["Weekly screws"])
        self.assertFalse(
            self.env["sale.order"].search([("partner_id", "=", self.user_a.id)])
        )
