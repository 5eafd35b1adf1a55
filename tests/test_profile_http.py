import json
import re

from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BDirectoryHttp(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_a.write({"city": "Ghent", "website": "https://alpha.example.com"})
        cls.company_b.write({"city": "Bruges", "b2b_directory_listed": True})
        cls.pending = cls.env["res.partner"].create(
            {"name": "Pending Listed Co", "is_company": True}
        )
        cls.pending.sudo().write(
            {"is_b2b": True, "b2b_state": "pending", "b2b_directory_listed": True}
        )
        cls.plain_customer.b2b_directory_listed = True

    def csrf_token(self, url):
        page = self.url_open(url)
        self.assertEqual(page.status_code, 200)
        return re.search(r'name="csrf_token"\s+value="([^"]+)"', page.text).group(1)

    def submit_account(self, **extra):
        admin = self.admin_a
        data = {
            "csrf_token": self.csrf_token("/my/account"),
            "name": admin.name,
            "email": admin.email,
            "phone": "+32 9 123 45 67",
            "street": "Main Street 1",
            "city": "Ghent",
            "zip": "9000",
            "country_id": str(self.env.ref("base.be").id),
            "address_type": "billing",
            "use_delivery_as_billing": "true",
            "callback": "/my",
            "b2b_directory_form": "1",
            **extra,
        }
        response = self.url_open("/my/address/submit", data=data, allow_redirects=False)
        self.assertEqual(response.status_code, 200, response.text)
        return json.loads(response.text)

    def test_directory_lists_only_approved_members_who_opted_in(self):
        page = self.url_open("/b2b/directory")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Bravo Supplies", page.text)
        self.assertIn("Bruges", page.text)
        for hidden in ("Alpha Trading", "Pending Listed Co", "Paula Plain"):
            self.assertNotIn(hidden, page.text)
        page = self.url_open("/b2b/directory?search=Ghent")
        self.assertNotIn("Bravo Supplies", page.text)

    def test_opt_in_and_out_from_my_account(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertIn('id="b2b_directory_optin"', self.url_open("/my/account").text)
        feedback = self.submit_account(b2b_directory_listed="1")
        self.assertIn("redirectUrl", feedback)
        self.assertTrue(self.company_a.b2b_directory_listed)
        self.assertTrue(self.company_a.b2b_directory_consent_date)
        page = self.url_open("/b2b/directory?search=Alpha")
        self.assertIn("Alpha Trading", page.text)
        self.assertIn("https://alpha.example.com", page.text)
        feedback = self.submit_account()
        self.assertIn("redirectUrl", feedback)
        self.company_a.invalidate_recordset()
        self.assertFalse(self.company_a.b2b_directory_listed)
        self.assertNotIn("Alpha Trading", self.url_open("/b2b/directory").text)

    def test_plain_user_cannot_opt_in(self):
        self.authenticate("portal_user_a", "portal_user_a")
        self.assertNotIn('id="b2b_directory_optin"', self.url_open("/my/account").text)


@tagged("post_install", "-at_install")
class TestB2BPortalAddresses(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.depot = Partner.create(
            {
                "name": "Depot",
                "type": "delivery",
                "parent_id": cls.company_a.id,
                "street": "Dock 1",
                "city": "Antwerp",
            }
        )
        cls.shop = Partner.create(
            {
                "name": "Omega Shop",
                "type": "delivery",
                "parent_id": cls.company_a.id,
                "street": "Market 2",
                "city": "Mons",
                "b2b_consignee": True,
            }
        )

    def set_default(self, address, login):
        self.authenticate(login, login)
        page = self.url_open("/my/addresses")
        account = self.url_open("/my/account").text
        token = re.search(r'name="csrf_token"\s+value="([^"]+)"', account).group(1)
        return self.url_open(
            "/my/address/b2b_default_delivery",
            data={"partner_id": address.id, "csrf_token": token},
            allow_redirects=False,
        ), page

    def test_admin_sets_default_and_archives(self):
        response, page = self.set_default(self.depot, "portal_admin_a")
        self.assertIn("Consignee", page.text)
        self.assertIn("o_b2b_set_default_delivery", page.text)
        self.assertEqual(response.status_code, 303)
        self.assertEqual(self.company_a.b2b_default_delivery_id, self.depot)
        self.make_jsonrpc_request("/my/address/archive", {"partner_id": self.shop.id})
        self.assertFalse(self.shop.active)

    def submit_address(self, login, partner=None, **values):
        self.authenticate(login, login)
        partner_id = partner.id if partner else ""
        form = self.url_open(
            f"/my/address?address_type=delivery&partner_id={partner_id}"
        )
        self.assertEqual(form.status_code, 200)
        token = re.search(r'name="csrf_token"\s+value="([^"]+)"', form.text).group(1)
        data = {
            "csrf_token": token,
            "address_type": "delivery",
            "name": "Lager Nord GmbH",
            "street": "Hafenstrasse 5",
            "city": "Hamburg",
            "zip": "20457",
            "country_id": str(self.env.ref("base.de").id),
            "email": "lager@nord.example.de",
            "phone": "+49 40 123456",
            **values,
        }
        if partner:
            data["partner_id"] = str(partner.id)
        response = self.url_open("/my/address/submit", data=data)
        self.assertEqual(response.status_code, 200)
        return form, response.json()

    def test_admin_marks_consignee_on_portal_form(self):
        form, result = self.submit_address(
            "portal_admin_a", b2b_consignee_shown="1", b2b_consignee="1"
        )
        self.assertIn('name="b2b_consignee"', form.text)
        self.assertIn("redirectUrl", result)
        address = self.env["res.partner"].search(
            [("parent_id", "=", self.company_a.id), ("name", "=", "Lager Nord GmbH")]
        )
        self.assertEqual(address.type, "delivery")
        self.assertTrue(address.b2b_consignee)
        # the form shows it ticked; unticking it (the box is then not sent)
        # clears it, and the rest of the address is kept
        form, result = self.submit_address(
            "portal_admin_a", partner=address, b2b_consignee_shown="1"
        )
        self.assertRegex(form.text, r'name="b2b_consignee"[^>]*checked')
        self.assertIn("redirectUrl", result)
        self.assertFalse(address.b2b_consignee)
        self.assertEqual(address.city, "Hamburg")

    def test_user_cannot_mark_consignee(self):
        form, result = self.submit_address(
            "portal_user_a", b2b_consignee_shown="1", b2b_consignee="1"
        )
        self.assertNotIn('name="b2b_consignee"', form.text)
        self.assertIn("redirectUrl", result)
        address = self.env["res.partner"].search(
            [("name", "=", "Lager Nord GmbH"), ("type", "=", "delivery")]
        )
        self.assertEqual(len(address), 1)
        self.assertFalse(address.b2b_consignee)

    @mute_logger("odoo.http")
    def test_refusals(self):
        response, page = self.set_default(self.depot, "portal_user_a")
        self.assertEqual(response.status_code, 403)
        self.assertNotIn("o_b2b_set_default_delivery", page.text)
        self.assertFalse(self.company_a.b2b_default_delivery_id)
        # other company
        response, __ = self.set_default(self.depot, "portal_admin_b")
        self.assertEqual(response.status_code, 403)
        # locked addresses
        self.company_a.b2b_address_locked = True
        response, __ = self.set_default(self.depot, "portal_admin_a")
        self.assertEqual(response.status_code, 403)
        with self.assertRaises(JsonRpcException):
            self.make_jsonrpc_request(
                "/my/address/archive", {"partner_id": self.shop.id}
            )
        self.assertTrue(self.shop.active)


@tagged("post_install", "-at_install")
class TestB2BReachabilityGridTour(B2BHttpCommon):
    def test_grid_compute_inverse(self):
        grid = ["0"] * 168
        grid[9] = grid[24 + 8] = grid[24 + 9] = "1"
        self.admin_a.b2b_reachability_grid = "".join(grid)
        self.assertRecordValues(
            self.admin_a.b2b_reachability_ids,
            [
                {"dayofweek": "0", "hour_from": 9.0, "hour_to": 10.0},
                {"dayofweek": "1", "hour_from": 8.0, "hour_to": 10.0},
            ],
        )
        self.admin_a.invalidate_recordset()
        self.assertEqual(self.admin_a.b2b_reachability_grid, "".join(grid))

    def test_reachability_grid_tour(self):
        # a slot with minutes, which the tour edits in the list and keeps
        self.env["b2b.reachability"].create(
            {
                "partner_id": self.company_a.id,
                "dayofweek": "2",
                "hour_from": 8.5,
                "hour_to": 12.25,
            }
        )
        self.start_tour(
            f"/odoo/res.partner/{self.company_a.id}",
            "b2b_reachability_grid_tour",
            login="b2b_backuser",
        )
        self.assertRecordValues(
            self.company_a.b2b_reachability_ids,
            [
                {"dayofweek": "0", "hour_from": 9.0, "hour_to": 10.0},
                {"dayofweek": "1", "hour_from": 8.0, "hour_to": 11.0},
                {"dayofweek": "2", "hour_from": 8.5, "hour_to": 13.25},
            ],
        )


@tagged("post_install", "-at_install")
class TestB2BPortalAddressTour(B2BHttpCommon):
    def test_portal_address_tour(self):
        old = self.env["res.partner"].create(
            {
                "name": "Old Depot",
                "type": "delivery",
                "parent_id": self.company_a.id,
                "street": "Dock 9",
                "city": "Antwerp",
                "zip": "2000",
                "country_id": self.env.ref("base.be").id,
            }
        )
        self.start_tour(
            "/my/addresses", "b2b_portal_address_tour", login="portal_admin_a"
        )
        new = self.env["res.partner"].search(
            [("parent_id", "=", self.company_a.id), ("name", "=", "Gamma Depot")]
        )
        # "other": Odoo uses it as delivery and billing address (no invoice address)
        self.assertRecordValues(
            new, [{"type": "other", "city": "Ghent", "b2b_consignee": True}]
        )
        self.assertEqual(self.company_a.b2b_default_delivery_id, new)
        self.assertFalse(old.active)
        self.assertTrue(old.exists())


@tagged("post_install", "-at_install")
class TestB2BPayLaterOnPortal(B2BHttpCommon):
    def order_page(self, pay_later):
        self.company_a.b2b_allow_pay_later = pay_later
        order = self.sent_quotation(self.admin_a)
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        return order, page.text

    def test_pay_later_customer_is_told_it_gets_an_invoice(self):
        order, text = self.order_page(pay_later=True)
        self.assertFalse(order.require_payment)
        self.assertIn('id="b2b_payment_info"', text)
        self.assertIn("You can confirm this order without paying online", text)
        self.assertNotIn("Please pay this order online", text)

    def test_prepaying_customer_is_told_to_pay_online(self):
        order, text = self.order_page(pay_later=False)
        self.assertTrue(order.require_payment)
        self.assertIn('id="b2b_payment_info"', text)
        self.assertIn("Please pay this order online", text)
        self.assertNotIn("without paying online", text)

    def test_no_note_for_customers_without_b2b_account(self):
        order = self.sent_quotation(self.plain_customer, "Screw", 1)
        self.authenticate("portal_plain", "portal_plain")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        self.assertNotIn('id="b2b_payment_info"', page.text)
