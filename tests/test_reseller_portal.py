"""A reseller's end customers on the portal (issue 28, item 13): delivery
addresses need a country, a SEPA customer is not asked to pay online first,
an IBAN is never dropped silently, a wrong VAT number reads plainly."""

from odoo import http
from odoo.tests import tagged

from .common import B2BHttpCommon
from .ordering_common import setup_products


@tagged("post_install", "-at_install")
class TestResellerEndCustomerPortal(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_products(cls)
        Method = cls.env["b2b.reseller.payment.method"]
        cls.sepa = Method.create({"name": "SEPA direct debit", "method_type": "sepa"})
        cls.prepayment = Method.create(
            {"name": "Prepayment", "method_type": "prepayment"}
        )
        cls.netherlands = cls.env.ref("base.nl")
        cls.end_customer.country_id = cls.netherlands

    def post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def addresses(self):
        return self.end_customer.child_ids.filtered(lambda a: a.type == "delivery")

    def test_delivery_address_needs_a_country(self):
        self.authenticate("portal_reseller", "portal_reseller")
        url = f"/my/customers/{self.end_customer.id}"
        # the form offers the customer's country first
        address_form = self.url_open(url).text.split("o_b2b_address_form", 1)[1]
        self.assertIn(
            f'<option value="{self.netherlands.id}" selected="True"', address_form
        )
        response = self.post(f"{url}/address", street="Dock 1", city="Rotterdam")
        self.assertIn("A delivery address needs a country", response.text)
        self.assertIn('value="Dock 1"', response.text)
        self.assertFalse(self.addresses())
        response = self.post(
            f"{url}/address",
            street="Dock 1",
            city="Rotterdam",
            country_id=str(self.netherlands.id),
        )
        self.assertEqual(self.addresses().country_id, self.netherlands)
        self.assertIn("Dock 1, Rotterdam, Netherlands", response.text)

    def test_sepa_customer_not_asked_to_prepay(self):
        # a shop whose quotations are paid online unless said otherwise
        self.env.company.portal_confirmation_pay = True
        self.end_customer.b2b_payment_method_id = self.sepa
        self.authenticate("portal_reseller", "portal_reseller")
        url = f"/my/customers/{self.end_customer.id}/quick-order"
        response = self.post(url, lines="SCREW-100;2", step="preview")
        self.assertIn("Pay later", response.text)
        self.assertNotIn("Prepayment: you pay this order online", response.text)
        self.post(url, lines="SCREW-100;2", step="order")
        order = self.env["sale.order"].search(
            [("partner_id", "=", self.end_customer.id)]
        )
        self.assertEqual(len(order), 1)
        self.assertFalse(order.require_payment, "no Sign & Pay on its page")
        # the prepayment method still prepays
        self.end_customer.b2b_payment_method_id = self.prepayment
        response = self.post(url, lines="SCREW-100;2", step="preview")
        self.assertIn("Prepayment: you pay this order online", response.text)

    def test_iban_without_sepa_not_dropped(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self.post(
            f"/my/customers/{self.end_customer.id}",
            name="End Customer One",
            iban="NL91 ABNA 0417 1643 00",
        )
        self.assertIn("An IBAN is only kept for SEPA direct debit", response.text)
        self.assertIn('value="NL91 ABNA 0417 1643 00"', response.text)
        self.assertFalse(self.end_customer.bank_ids)

    def test_wrong_vat_reads_plainly(self):
        self.authenticate("portal_reseller", "portal_reseller")
        response = self.post(
            "/my/customers/new",
            name="Wrong Vat BV",
            vat="NL123",
            country_id=str(self.netherlands.id),
        )
        self.assertIn("NL123 is not a valid VAT number for Netherlands", response.text)
        self.assertNotIn("[", response.text.split("alert-danger", 1)[1][:300])
        response = self.post("/my/customers/new", name="No Country BV", vat="123")
        self.assertIn("enter the VAT number with its country code", response.text)
        self.assertNotIn("[000000000123]", response.text)
        self.assertFalse(
            self.env["res.partner"].search(
                [("name", "in", ("Wrong Vat BV", "No Country BV"))]
            )
        )
