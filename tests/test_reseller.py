from datetime import timedelta

from lxml import html

from odoo import fields, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon


@tagged("post_install", "-at_install")
class TestB2BResellerPortal(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.other_customer = cls.env["res.partner"].create(
            {
                "name": "Foreign Customer",
                "is_company": True,
                "email": "foreign@other.example.com",
                "b2b_reseller_id": cls.reseller_2.id,
            }
        )
        cls.sepa = cls.env["b2b.reseller.payment.method"].create(
            {"name": "SEPA direct debit", "method_type": "sepa"}
        )

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def test_list_shows_only_own_customers(self):
        self.authenticate("portal_reseller", "portal_reseller")
        page = self.url_open("/my/customers")
        self.assertEqual(page.status_code, 200)
        self.assertIn("End Customer One", page.text)
        self.assertNotIn("Foreign Customer", page.text)

    def test_search_and_sql_looking_input(self):
        self.authenticate("portal_reseller", "portal_reseller")
        page = self.url_open("/my/customers?search=endcustomer.example")
        self.assertIn("End Customer One", page.text)
        page = self.url_open(
            "/my/customers?search=%27%3B%20DROP%20TABLE%20res_partner%3B--"
        )
        self.assertEqual(page.status_code, 200)
        self.assertNotIn("End Customer One", page.text)

    def test_non_resellers_and_anonymous_are_refused(self):
        for login in ("portal_plain", "portal_admin_a"):
            self.authenticate(login, login)
            with mute_logger("odoo.http"):
                self.assertEqual(self.url_open("/my/customers").status_code, 403)
                self.assertEqual(
                    self.url_open(f"/my/customers/{self.end_customer.id}").status_code,
                    403,
                )
        self.authenticate(None, None)
        response = self.url_open("/my/customers", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_other_reseller_gets_404_without_data(self):
        self.authenticate("portal_reseller_2", "portal_reseller_2")
        with mute_logger("odoo.http"):
            for url in (
                f"/my/customers/{self.end_customer.id}",
                "/my/customers/99999999",
            ):
                response = self.url_open(url)
                self.assertEqual(response.status_code, 404, url)
                self.assertNotIn("End Customer One", response.text)
            for action in ("archive", "unarchive", "migrate"):
                response = self._post(f"/my/customers/{self.end_customer.id}/{action}")
                self.assertEqual(response.status_code, 404, action)
            response = self._post(
                f"/my/customers/{self.end_customer.id}", name="Hijacked"
            )
            self.assertEqual(response.status_code, 404)
            self.assertEqual(self.url_open("/my/customers/abc").status_code, 404)
        self.env.invalidate_all()
        self.assertEqual(self.end_customer.name, "End Customer One")
        self.assertTrue(self.end_customer.active)

    def test_create_edit_archive_unarchive(self):
        self.authenticate("portal_reseller", "portal_reseller")
        self._post(
            "/my/customers/new",
            name="Fresh Customer",
            email="fresh@customer.example.org",
        )
        customer = self.env["res.partner"].search(
            [
                ("name", "=", "Fresh Customer"),
                ("b2b_reseller_id", "=", self.reseller.id),
            ]
        )
        self.assertEqual(customer.b2b_reseller_id, self.reseller)
        self._post(
            f"/my/customers/{customer.id}",
            name="Fresh Customer BV",
            email="fresh@customer.example.org",
            city="Utrecht",
            vat="NL123456782B90",
            new_tag="Priority",
        )
        self.env.invalidate_all()
        self.assertEqual(customer.name, "Fresh Customer BV")
        self.assertEqual(customer.b2b_reseller_tag_ids.name, "Priority")
        self.assertEqual(customer.b2b_reseller_tag_ids.reseller_id, self.reseller)
        self._post(f"/my/customers/{customer.id}/archive")
        self.env.invalidate_all()
        self.assertFalse(customer.active)
        self.assertTrue(customer.exists())
        page = self.url_open("/my/customers")
        self.assertNotIn("Fresh Customer BV", page.text)
        page = self.url_open("/my/customers?archived=1")
        self.assertIn("Fresh Customer BV", page.text)
        self._post(f"/my/customers/{customer.id}/unarchive")
        self.env.invalidate_all()
        self.assertTrue(customer.active)

    def test_validation_errors_keep_input(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._post(
            "/my/customers/new",
            name="Bad Vat Co",
            email="bad@vat.example.org",
            vat="NL-wrong",
        )
        self.assertIn("alert-danger", response.text)
        self.assertIn('value="Bad Vat Co"', response.text)
        self.assertIn('value="NL-wrong"', response.text)
        response = self._post(
            "/my/customers/new",
            name="Bad Iban Co",
            payment_method_id=str(self.sepa.id),
            iban="DE00 1234",
        )
        self.assertIn("valid IBAN", response.text)
        self.assertIn('value="DE00 1234"', response.text)
        self.assertFalse(
            self.env["res.partner"].search(
                [("name", "in", ("Bad Vat Co", "Bad Iban Co"))]
            )
        )

    def test_sepa_iban_stored_as_bank_account(self):
        self.authenticate("portal_reseller", "portal_reseller")
        self._post(
            f"/my/customers/{self.end_customer.id}",
            name="End Customer One",
            payment_method_id=str(self.sepa.id),
            iban="DE89 3704 0044 0532 0130 00",
        )
        self.env.invalidate_all()
        self.assertEqual(self.end_customer.b2b_payment_method_id, self.sepa)
        # stored by base_iban, which keeps IBANs in groups of four
        self.assertEqual(
            self.end_customer.bank_ids.sanitized_acc_number, "DE89370400440532013000"
        )

    def test_delivery_addresses_and_default(self):
        self.authenticate("portal_reseller", "portal_reseller")
        netherlands = str(self.env.ref("base.nl").id)
        self._post(
            f"/my/customers/{self.end_customer.id}/address",
            street="Dock 1",
            city="Rotterdam",
            country_id=netherlands,
        )
        self._post(
            f"/my/customers/{self.end_customer.id}/address",
            street="Dock 2",
            city="Rotterdam",
            country_id=netherlands,
        )
        self.env.invalidate_all()
        first, second = self.end_customer.child_ids.filtered(
            lambda a: a.type == "delivery"
        ).sorted("id")
        self.assertEqual(self.end_customer.b2b_default_delivery_id, first)
        self._post(f"/my/customers/{self.end_customer.id}/address/{second.id}/default")
        self._post(f"/my/customers/{self.end_customer.id}/address/{first.id}/archive")
        self.env.invalidate_all()
        self.assertEqual(self.end_customer.b2b_default_delivery_id, second)
        self.assertFalse(first.active)

    def test_bulk_tag_and_filter(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self._post(
            "/my/customers/tag", customer_ids=str(self.end_customer.id), tag_name="VIP"
        )
        self.assertEqual(response.status_code, 200)
        tag = self.env["b2b.reseller.tag"].search(
            [
                ("name", "=", "VIP"),
                ("reseller_id", "in", (self.reseller | self.reseller_2).ids),
            ]
        )
        self.assertEqual(tag.reseller_id, self.reseller)
        page = self.url_open(f"/my/customers?tag={tag.id}")
        self.assertIn("End Customer One", page.text)
        # foreign customers cannot be tagged
        with mute_logger("odoo.http"):
            response = self._post(
                "/my/customers/tag",
                customer_ids=str(self.other_customer.id),
                tag_name="VIP",
            )
        self.assertEqual(response.status_code, 404)
        self.env.invalidate_all()
        self.assertFalse(self.other_customer.b2b_reseller_tag_ids)
        # another reseller does not see the tag
        tags = self.env["b2b.reseller.tag"].with_user(self.portal_reseller_2).search([])
        self.assertNotIn(tag, tags)

    def test_tag_request_without_own_customers_tags_nothing(self):
        """Foreign, missing or no customers: nothing is tagged and no new tag
        is left behind."""
        tags_before = self.env["b2b.reseller.tag"].search([])
        self.authenticate("portal_reseller", "portal_reseller")
        with mute_logger("odoo.http"):
            for ids in (
                [self.other_customer.id],
                [self.end_customer.id, self.other_customer.id],
                [99999999],
            ):
                with self.subTest(ids=ids):
                    response = self._post(
                        "/my/customers/tag", customer_ids=ids, tag_name="Sneaky"
                    )
                    self.assertEqual(response.status_code, 404)
        # none ticked: the list again, with a message and the typed name
        response = self._post("/my/customers/tag", tag_name="Lonely")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please select the customers to tag.", response.text)
        self.assertIn('value="Lonely"', response.text)
        # no name: the same, the selection kept
        response = self._post(
            "/my/customers/tag", customer_ids=[self.end_customer.id], tag_name=" "
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Please enter the name of the tag.", response.text)
        (ticked,) = html.fromstring(response.text).xpath(
            f"//input[@name='customer_ids'][@value='{self.end_customer.id}']"
        )
        self.assertIsNotNone(ticked.get("checked"), "the selection is kept")
        self.env.invalidate_all()
        self.assertEqual(self.env["b2b.reseller.tag"].search([]), tags_before)
        self.assertFalse(self.end_customer.b2b_reseller_tag_ids)
        self.assertFalse(self.other_customer.b2b_reseller_tag_ids)

    def test_banners_after_tagging_archiving_unarchiving(self):
        self.authenticate("portal_reseller", "portal_reseller")
        page = self._post(
            "/my/customers/tag", customer_ids=[self.end_customer.id], tag_name="VIP"
        )
        self.assertIn("done=tagged", page.url)
        self.assertIn("alert-success", page.text)
        self.assertIn("The selected customers were tagged.", page.text)
        page = self._post(f"/my/customers/{self.end_customer.id}/archive")
        self.assertIn("done=archived", page.url)
        self.assertIn("The customer was archived.", page.text)
        page = self._post(f"/my/customers/{self.end_customer.id}/unarchive")
        self.assertIn("done=unarchived", page.url)
        self.assertIn("The customer is active again.", page.text)
        # no banner without an action, nor for an unknown one
        for url in ("/my/customers", "/my/customers?done=nonsense"):
            self.assertNotIn("alert-success", self.url_open(url).text)

    def test_sepa_customer_edited_without_retyping_the_iban(self):
        self.authenticate("portal_reseller", "portal_reseller")
        sepa = str(self.sepa.id)
        self._post(
            "/my/customers/new",
            name="Sepa Klant",
            payment_method_id=sepa,
            iban="NL91ABNA0417164300",
        )
        customer = self.env["res.partner"].search(
            [("name", "=", "Sepa Klant"), ("b2b_reseller_id", "=", self.reseller.id)]
        )
        self.assertEqual(customer.bank_ids.sanitized_acc_number, "NL91ABNA0417164300")
        page = self.url_open(f"/my/customers/{customer.id}")
        self.assertIn("NL91 **** **** 4300", page.text)
        self.assertNotIn("ABNA0417", page.text.replace(" ", ""))
        # only the city changes: the IBAN field stays empty, the IBAN is kept
        response = self._post(
            f"/my/customers/{customer.id}",
            name="Sepa Klant",
            payment_method_id=sepa,
            city="Utrecht",
            iban="",
        )
        self.assertIn("Saved.", response.text)
        self.assertIn("NL91 **** **** 4300", response.text)
        self.env.invalidate_all()
        self.assertEqual(customer.city, "Utrecht")
        self.assertEqual(customer.bank_ids.sanitized_acc_number, "NL91ABNA0417164300")
        # a newly typed IBAN replaces it (the old account is archived)
        response = self._post(
            f"/my/customers/{customer.id}",
            name="Sepa Klant",
            payment_method_id=sepa,
            city="Utrecht",
            iban="DE89 3704 0044 0532 0130 00",
        )
        self.assertIn("DE89 **** **** 3000", response.text)
        self.env.invalidate_all()
        self.assertEqual(
            customer.bank_ids.sanitized_acc_number, "DE89370400440532013000"
        )
        accounts = (
            self.env["res.partner.bank"]
            .with_context(active_test=False)
            .search([("partner_id", "=", customer.id)])
        )
        self.assertEqual(
            sorted(accounts.mapped("sanitized_acc_number")),
            ["DE89370400440532013000", "NL91ABNA0417164300"],
            "the replaced account is kept, archived",
        )
        # an invalid one is refused, naming what was typed; nothing changes
        response = self._post(
            f"/my/customers/{customer.id}",
            name="Sepa Klant",
            payment_method_id=sepa,
            city="Zwolle",
            iban="NL00 1234 5678",
        )
        self.assertIn("alert-danger", response.text)
        self.assertIn("NL00 1234 5678 is not a valid IBAN", response.text)
        self.assertIn('value="NL00 1234 5678"', response.text)
        self.assertIn('value="Zwolle"', response.text)
        self.env.invalidate_all()
        self.assertEqual(customer.city, "Utrecht")
        self.assertEqual(
            customer.bank_ids.sanitized_acc_number, "DE89370400440532013000"
        )
        # back to the first number: its archived account is used again
        response = self._post(
            f"/my/customers/{customer.id}",
            name="Sepa Klant",
            payment_method_id=sepa,
            city="Utrecht",
            iban="NL91 ABNA 0417 1643 00",
        )
        self.assertIn("NL91 **** **** 4300", response.text)
        self.env.invalidate_all()
        self.assertEqual(
            customer.bank_ids,
            accounts.filtered(lambda a: a.sanitized_acc_number == "NL91ABNA0417164300"),
        )

    def test_migrate_from_portal_keeps_read_access(self):
        order = self.env["sale.order"].create({"partner_id": self.end_customer.id})
        self.authenticate("portal_reseller", "portal_reseller")
        self._post(f"/my/customers/{self.end_customer.id}/migrate")
        self.env.invalidate_all()
        self.assertTrue(self.end_customer.is_reseller)
        # placed after the migration: by the customer (hidden, #25), by the
        # former reseller (shown)
        after = fields.Datetime.now() + timedelta(hours=1)
        later, by_reseller = self.env["sale.order"].create(
            [
                {"partner_id": self.end_customer.id, "date_order": after},
                {
                    "partner_id": self.end_customer.id,
                    "date_order": after,
                    "b2b_ordered_by_reseller_id": self.reseller.id,
                },
            ]
        )
        page = self.url_open(f"/my/customers/{self.end_customer.id}")
        self.assertEqual(page.status_code, 200)
        self.assertIn(order.name, page.text)
        self.assertIn(by_reseller.name, page.text)
        self.assertNotIn(later.name, page.text)
        self.assertIn("no longer change", page.text)
        with mute_logger("odoo.http"):
            response = self._post(
                f"/my/customers/{self.end_customer.id}", name="Changed"
            )
        self.assertEqual(response.status_code, 404)

    def test_post_without_csrf_refused(self):
        self.authenticate("portal_reseller", "portal_reseller")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/customers/{self.end_customer.id}/archive", data={"x": "1"}
            )
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertTrue(self.end_customer.active)

    def test_list_queries_do_not_grow_with_customers(self):
        tag = self.env["b2b.reseller.tag"].create(
            {"name": "Bulk", "reseller_id": self.reseller.id}
        )

        def queries(count):
            self.env["res.partner"].create(
                [
                    {
                        "name": f"Bulk {count}-{i}",
                        "b2b_reseller_id": self.reseller.id,
                        "b2b_reseller_tag_ids": [(4, tag.id)],
                    }
                    for i in range(count)
                ]
            )
            self.env.flush_all()
            self.authenticate("portal_reseller", "portal_reseller")
            self.url_open("/my/customers")
            before = self.cr.sql_log_count
            self.url_open("/my/customers")
            return self.cr.sql_log_count - before

        small = queries(5)
        large = queries(60)
        self.assertLessEqual(abs(large - small), 2, f"{small} vs {large} queries")

    def test_sepa_tour(self):
        """Create a SEPA customer, change only its city, save: the IBAN is
        kept without retyping it."""
        self.start_tour(
            "/my/customers", "b2b_reseller_sepa_tour", login="portal_reseller"
        )
        customer = self.env["res.partner"].search(
            [("name", "=", "Sepa Tour BV"), ("b2b_reseller_id", "=", self.reseller.id)]
        )
        self.assertEqual(customer.city, "Utrecht")
        self.assertEqual(customer.b2b_payment_method_id, self.sepa)
        self.assertEqual(customer.bank_ids.sanitized_acc_number, "NL91ABNA0417164300")

    def test_tour(self):
        self.start_tour("/my/customers", "b2b_reseller_tour", login="portal_reseller")
        customer = (
            self.env["res.partner"]
            .with_context(active_test=False)
            .search(
                [
                    ("name", "=", "Tour Customer"),
                    ("b2b_reseller_id", "=", self.reseller.id),
                ]
            )
        )
        self.assertEqual(customer.b2b_reseller_id, self.reseller)
        self.assertFalse(customer.active)
        self.assertEqual(customer.b2b_reseller_tag_ids.name, "Tour Tag")
        self.assertTrue(
            customer.with_context(active_test=False).child_ids.filtered(
                lambda a: a.type == "delivery" and a.city == "Delft"
            )
        )
