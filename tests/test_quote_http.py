"""Negotiable quotes over HTTP: the request form (from the quick order's
preview, a requisition list, an order), the counter-offer form, Odoo's own
accept and decline routes, bad input kept with its message, and who is
refused."""

from odoo import Command, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon
from .quote_common import QuoteFixtures


@tagged("post_install", "-at_install")
class TestQuoteHttp(QuoteFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_quote_fixtures()
        cls.company_a.b2b_allow_pay_later = True

    def post(self, url, data=None, files=None):
        data = dict(data or {}, csrf_token=http.Request.csrf_token(self))
        return self.url_open(url, data=data, files=files, allow_redirects=False)

    def quotes_of(self, partner):
        return self.env["sale.order"].search(
            [("partner_id", "=", partner.id), ("b2b_quote_state", "!=", False)]
        )

    def test_request_a_quote(self):
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open("/my/quotes/request")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_quote_request_form", page.text)
        response = self.post(
            "/my/quotes/request",
            {
                "lines": "BOLT-M10;100;9.50\nWASHER-M10;50",
                "message": "Yearly volume",
                "client_order_ref": "PO-4711",
                "commitment_date": "2099-01-15",
            },
            files={"attachments": ("specs.txt", b"drawing", "text/plain")},
        )
        self.assertEqual(response.status_code, 303, response.text[:500])
        order = self.quotes_of(self.user_a)
        self.assertEqual(len(order), 1)
        self.assertTrue(response.headers["Location"].startswith(order.access_url))
        self.assertEqual(order.b2b_quote_state, "requested")
        self.assertEqual(order.client_order_ref, "PO-4711")
        self.assertEqual(str(order.commitment_date.date()), "2099-01-15")
        self.assertEqual(
            order.order_line.mapped("b2b_requested_price_unit"), [9.5, 0.0]
        )
        self.assertEqual(order.b2b_quote_revision_ids.message, "Yearly volume")
        attachment = self.env["ir.attachment"].search(
            [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
        )
        self.assertEqual(attachment.name, "specs.txt")
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_quote_waiting", page.text)
        self.assertNotIn("modalaccept", page.text.split("o_b2b_quote")[0][-2000:])

    def test_requested_price_in_the_readers_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.portal_user_a.lang = "de_DE"
        self.authenticate("portal_user_a", "portal_user_a")
        response = self.post("/my/quotes/request", {"lines": "BOLT-M10;100;9,50"})
        self.assertEqual(response.status_code, 303)
        order = self.quotes_of(self.user_a)
        self.assertEqual(order.order_line.b2b_requested_price_unit, 9.5)

    def test_bad_input_is_kept_with_its_message(self):
        self.authenticate("portal_user_a", "portal_user_a")
        for data, message in (
            ({"lines": "BOLT-M10;100;nine"}, "is not a number"),
            ({"lines": "NOPE;1"}, "NOPE"),
            ({"lines": "BOLT-M10;1", "commitment_date": "2001-01-01"}, "delivery date"),
            ({"lines": "BOLT-M10;1", "commitment_date": "soon"}, "delivery date"),
            ({"lines": "BOLT-M10;1", "message": "Hi\x00there"}, "control characters"),
            (
                {"lines": "BOLT-M10;1", "client_order_ref": "PO\x07"},
                "control characters",
            ),
            ({"lines": "BOLT-M10;1", "client_order_ref": "P" * 65}, "too long"),
        ):
            with self.subTest(data=data):
                response = self.post(
                    "/my/quotes/request",
                    dict(data, message=data.get("message", "kept text")),
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn(message, response.text)
                self.assertIn(data["lines"].split(";")[0], response.text)
        self.assertFalse(self.quotes_of(self.user_a))

    def test_request_follows_the_assortment_when_parsed(self):
        """A code outside the customer's assortment is reported on the form
        (not accepted until the gate), as is a quantity that breaks a rule;
        what the user typed is kept."""
        self.company_a.b2b_assortment_ids = self.env["b2b.assortment"].create(
            {
                "name": "Bolts by the box",
                "line_ids": [
                    Command.create({"product_id": self.bolt.id, "multiple_qty": 50})
                ],
            }
        )
        self.authenticate("portal_user_a", "portal_user_a")
        typed = "BOLT-M10;40;9.50\nWASHER-M10;50"
        response = self.post("/my/quotes/request", {"lines": typed})
        self.assertEqual(response.status_code, 200)
        self.assertIn("This product is not sold to you.", response.text)
        self.assertIn("Sold in multiples of 50 (Units): 50?", response.text)
        self.assertIn("BOLT-M10;40;9.50", response.text)
        self.assertIn("WASHER-M10;50", response.text)
        self.assertFalse(self.quotes_of(self.user_a))
        # corrected, the request is made; without the assortment, both pass
        response = self.post("/my/quotes/request", {"lines": "BOLT-M10;50;9.50"})
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.company_a.b2b_assortment_ids = False
        response = self.post("/my/quotes/request", {"lines": typed})
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertEqual(len(self.quotes_of(self.user_a)), 2)

    def test_prefilled_from_a_list_an_order_and_the_quick_order(self):
        self.authenticate("portal_user_a", "portal_user_a")
        requisition = (
            self.env["b2b.requisition.list"]
            .with_user(self.portal_user_a)
            .create(
                {
                    "name": "Monthly",
                    "line_ids": [
                        Command.create({"product_id": self.bolt.id, "quantity": 7})
                    ],
                }
            )
        )
        page = self.url_open(f"/my/quotes/request?list_id={requisition.id}")
        self.assertIn("BOLT-M10;7", page.text)
        lists = self.url_open("/my/requisition-lists")
        self.assertIn(f"/my/quotes/request?list_id={requisition.id}", lists.text)
        order = self.quotation(self.user_a, product=self.washer)
        page = self.url_open(f"/my/quotes/request?order_id={order.id}")
        self.assertIn("WASHER-M10;1", page.text)
        order_page = self.url_open(order.get_portal_url())
        self.assertIn("o_b2b_quote_from_order", order_page.text)
        preview = self.post(
            "/my/quick-order", {"lines": "BOLT-M10;3", "step": "preview"}
        )
        self.assertIn("o_b2b_quote_from_preview", preview.text)
        page = self.post("/my/quotes/request", {"lines": "BOLT-M10;3", "step": "edit"})
        self.assertEqual(page.status_code, 200)
        self.assertIn("BOLT-M10;3", page.text)
        self.assertFalse(self.quotes_of(self.user_a))

    @mute_logger("odoo.http")
    def test_who_may_request(self):
        for login in ("portal_plain", "portal_viewer_a"):
            with self.subTest(login=login):
                self.authenticate(login, login)
                self.assertEqual(self.url_open("/my/quotes/request").status_code, 403)
                response = self.post("/my/quotes/request", {"lines": "BOLT-M10;1"})
                self.assertEqual(response.status_code, 403)
        self.authenticate("portal_user_a", "portal_user_a")
        self.company_a.b2b_perm_request_quotes = "deny"
        self.assertEqual(self.url_open("/my/quotes/request").status_code, 403)
        self.company_a.b2b_perm_request_quotes = False
        self.assertEqual(self.url_open("/my/quotes/request").status_code, 200)
        # another company's list or order does not prefill the form
        foreign_list = self.env["b2b.requisition.list"].create(
            {"name": "Bravo List Secret", "partner_id": self.admin_b.id}
        )
        foreign_order = self.quotation(self.admin_b, product=self.washer)
        for query in (f"list_id={foreign_list.id}", f"order_id={foreign_order.id}"):
            with self.subTest(query=query):
                response = self.url_open(f"/my/quotes/request?{query}")
                self.assertEqual(response.status_code, 404)
        # another reseller's end customer is not found
        self.authenticate("portal_reseller_2", "portal_reseller_2")
        response = self.post(
            "/my/quotes/request",
            {"lines": "BOLT-M10;1", "customer_id": str(self.end_customer.id)},
        )
        self.assertEqual(response.status_code, 404)

    def test_reseller_requests_for_its_end_customer(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self.post(
            "/my/quotes/request",
            {"lines": "BOLT-M10;10", "customer_id": str(self.end_customer.id)},
        )
        self.assertEqual(response.status_code, 303, response.text[:300])
        order = self.quotes_of(self.end_customer)
        self.assertEqual(order.b2b_ordered_by_reseller_id, self.reseller)
        self.assertEqual(order.b2b_quote_buyer_id, self.reseller_contact)

    def test_counter_accept_and_decline(self):
        order = self.send_offer(self.request_quote(), {self.bolt: 11.0})
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(order.get_portal_url())
        self.assertIn("o_b2b_quote_counter_button", page.text)
        self.assertIn("o_b2b_quote_comparison", page.text)
        form = self.url_open(f"/my/quotes/{order.id}/counter")
        self.assertEqual(form.status_code, 200)
        bolt = self.line_of(order, self.bolt)
        washer = self.line_of(order, self.washer)
        # the quantities and the requested price as the page's values give them
        self.assertRegex(form.text, rf'name="qty_{bolt.id}"[^>]*value="100"')
        self.assertRegex(form.text, rf'name="price_{bolt.id}"[^>]*value="10"')
        self.assertRegex(form.text, rf'name="price_{washer.id}"[^>]*value=""')
        response = self.post(
            f"/my/quotes/{order.id}/counter",
            {
                f"qty_{bolt.id}": "nine",
                f"price_{bolt.id}": "10.00",
                "message": "typed text kept",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("as numbers", response.text)
        self.assertIn("typed text kept", response.text)
        self.assertIn('value="nine"', response.text)
        response = self.post(
            f"/my/quotes/{order.id}/counter",
            {
                f"qty_{bolt.id}": "200",
                f"price_{bolt.id}": "10",
                f"qty_{washer.id}": "50",
                "message": "Meet us halfway",
            },
        )
        self.assertEqual(response.status_code, 303)
        self.assertEqual(order.b2b_quote_state, "countered")
        self.assertEqual(bolt.product_uom_qty, 200)
        self.assertEqual(order.b2b_quote_revision_ids[-1].message, "Meet us halfway")
        # no accept before the seller answers
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {"name": "Ulrich", "signature": "iVBORw0KGgo="},
        )
        self.assertIn("error", result)
        order.with_user(self.manager).action_b2b_quote_accept_counter()
        page = self.url_open(order.get_portal_url())
        self.assertIn("o_b2b_quote_offered", page.text)
        self.assertIn("Line 1: 11.00 -&gt; 10.00", page.text)
        response = self.post(
            f"/my/orders/{order.id}/decline", {"decline_message": "Too late"}
        )
        self.assertEqual(order.b2b_quote_state, "declined")
        self.assertEqual(order.state, "cancel")

    @mute_logger("odoo.http")
    def test_other_companies_and_viewers_cannot_counter(self):
        order = self.send_offer(self.request_quote())
        bolt = self.line_of(order, self.bolt)
        for login, status in (
            ("portal_admin_b", 404),
            ("portal_reseller", 404),
            ("portal_viewer_a", 403),
        ):
            with self.subTest(login=login):
                self.authenticate(login, login)
                response = self.post(
                    f"/my/quotes/{order.id}/counter",
                    {f"qty_{bolt.id}": "1", f"price_{bolt.id}": "1"},
                )
                self.assertEqual(response.status_code, status)
        self.assertEqual(order.b2b_quote_state, "offered")
        self.assertEqual(bolt.product_uom_qty, 100)

    def test_page_queries_do_not_grow_with_lines_and_revisions(self):
        def negotiated(products, rounds):
            order = self.request_quote(
                lines=[{"product": p, "quantity": 5} for p in products]
            )
            for step in range(rounds):
                self.send_offer(order)
                self.counter(
                    order, changes={p: (10 + step, 1.0 + step) for p in products}
                )
            return order

        def page_queries(order):
            url = order.get_portal_url()
            self.url_open(url)  # warm-up
            before = self.cr.sql_log_count
            response = self.url_open(url)
            self.assertEqual(response.status_code, 200)
            return self.cr.sql_log_count - before

        products = self.env["product.product"].create(
            [
                {"name": f"Part {n}", "default_code": f"PART-{n}", "list_price": n}
                for n in range(1, 21)
            ]
        )
        small = negotiated(products[:2], 1)
        big = negotiated(products, 4)
        self.assertEqual(len(big.b2b_quote_revision_ids), 9)
        self.authenticate("portal_user_a", "portal_user_a")
        small_count = page_queries(small)
        self.assertLessEqual(page_queries(big), small_count + 3)
