"""The demo data as `make demo` serves it. These tests need the module's demo
data: tagged ``b2b_demo`` and not ``standard``, they run on a database
installed with it (``make test-demo``, or ``TEST_DEMO=1 make test``)."""

import re

from odoo.tests import HttpCase, TransactionCase, new_test_user, tagged

# the language of a demo contact follows its company's country
COUNTRY_LANG = {"DE": "de_DE", "NL": "nl_NL", "FR": "fr_FR", "GB": "en_GB"}


@tagged("-standard", "b2b_demo", "post_install", "-at_install")
class TestB2BDemoData(TransactionCase):
    def demo_records(self, model):
        return self.env[model].browse(
            self.env["ir.model.data"]
            .search([("module", "=", "b2b_customer"), ("model", "=", model)])
            .mapped("res_id")
        )

    def test_back_office_in_english_contacts_in_their_language(self):
        self.assertEqual(self.env.ref("base.user_admin").lang, "en_US")
        active = self.env["res.lang"].search([]).mapped("code")
        for code in ("en_US", "de_DE", "nl_NL", "fr_FR"):
            self.assertIn(code, active)
        # installed with their translations, not only activated
        menu = self.env.ref("b2b_customer.b2b_customer_group_menu")
        for code, name in (
            ("en_US", "Customer Groups"),
            ("de_DE", "Kundengruppen"),
            ("nl_NL", "Klantgroepen"),
            ("fr_FR", "Groupes de clients"),
        ):
            self.assertEqual(menu.with_context(lang=code).name, name)
        partners = self.demo_records("res.partner")
        self.assertGreater(len(partners), 10)
        for partner in partners:
            country = partner.country_id or partner.commercial_partner_id.country_id
            with self.subTest(partner=partner.name):
                self.assertEqual(partner.lang, COUNTRY_LANG[country.code])

    def test_group_pricelists_survive_saving_settings(self):
        groups = self.demo_records("b2b.customer.group")
        self.assertTrue(groups.pricelist_id)
        self.assertTrue(
            self.env["res.groups"]._is_feature_enabled(
                "product.group_product_pricelist"
            )
        )
        self.env["res.config.settings"].create({}).execute()
        self.assertEqual(groups.pricelist_id.mapped("active"), [True, True])

    def test_requests_decided_within_target(self):
        """Reporting > Requests: the demo's decisions had a deadline and met
        it (not 0 % for decisions without one)."""
        Report = self.env["b2b.request.report"]
        domain = [
            ("partner_id", "in", self.demo_records("res.partner").ids),
            ("decision", "!=", "undecided"),
        ]
        self.assertTrue(Report.search(domain))
        [[share]] = Report._read_group(domain, aggregates=["within_sla:avg"])
        self.assertEqual(share, 100.0)

    def test_customer_numbers_and_approvals_share_one_series(self):
        sequence = self.env.company._b2b_get_customer_sequence()
        prefix, padding = re.escape(sequence.prefix), sequence.padding
        number_re = re.compile(rf"^{prefix}(\d{{{padding}}})$")
        numbered = self.demo_records("res.partner").filtered("ref")
        self.assertEqual(
            sorted(numbered.mapped("name")),
            [
                "Müller Großhandel GmbH",
                "Müller Großhandel Nord GmbH",
                "Müller Großhandel Süd GmbH",
                "Müller Lager Bremen GmbH",
                "Schmidt Bürobedarf KG",
                "Van Dijk Distributie B.V.",
            ],
        )
        manager = new_test_user(
            self.env,
            login="b2b_demo_manager",
            groups="b2b_customer.group_b2b_manager,base.group_partner_manager",
        )
        pending = self.env.ref("b2b_customer.partner_boekhandel_demo")
        pending.with_user(manager).action_b2b_approve()
        demo_numbers = [
            int(number_re.match(ref).group(1)) for ref in numbered.mapped("ref")
        ]
        match = number_re.match(pending.ref or "")
        self.assertTrue(match, f"{pending.ref} is not a number of {sequence.name}")
        self.assertGreater(int(match.group(1)), max(demo_numbers))


@tagged("-standard", "b2b_demo", "post_install", "-at_install")
class TestB2BDemoPortalLogins(HttpCase):
    """The documented demo logins; each password is the login."""

    def test_company_administrator(self):
        self.authenticate("buyer-admin", "buyer-admin")
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Müller Großhandel GmbH", page.text)
        self.assertIn("Jonas Becker", page.text)

    def test_group_of_companies(self):
        # the administrator of the top company sees the group's orders
        self.authenticate("buyer-admin", "buyer-admin")
        page = self.url_open("/my/orders")
        self.assertEqual(page.status_code, 200)
        self.assertIn("o_b2b_company_filter", page.text)
        self.assertIn("Müller Lager Bremen GmbH", page.text)
        bremen = self.env.ref("b2b_customer.partner_mueller_bremen_demo")
        self.assertEqual(bremen.city, "Bremen")
        self.assertEqual(
            bremen.b2b_group_root_id, self.env.ref("b2b_customer.partner_mueller_demo")
        )
        self.assertEqual(
            bremen.b2b_effective_payment_term_from_id,
            self.env.ref("b2b_customer.partner_mueller_nord_demo"),
        )

    def test_company_user(self):
        user = self.env["res.users"].search([("login", "=", "buyer-user")])
        self.assertEqual(
            user.partner_id.commercial_partner_id,
            self.env.ref("b2b_customer.partner_mueller_demo"),
        )
        self.authenticate("buyer-user", "buyer-user")
        page = self.url_open("/my/b2b")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Müller Großhandel GmbH", page.text)
        # a plain user does not manage the colleagues
        self.assertEqual(self.url_open("/my/company").status_code, 403)

    def test_reseller(self):
        self.authenticate("reseller", "reseller")
        page = self.url_open("/my/customers")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Café Het Hoekje", page.text)
        self.assertIn("Bakkerij Jansen", page.text)

    def test_what_the_readme_promises_can_be_paid(self):
        """The quotation over Müller's available credit is paid online with
        Odoo's demo provider (`make demo` installs payment_demo); the
        reseller chooses among invoice, prepayment and SEPA."""
        self.authenticate("buyer-admin", "buyer-admin")
        order = self.env.ref("b2b_customer.order_mueller_quotation_demo")
        page = self.url_open(order.get_portal_url())
        self.assertEqual(page.status_code, 200)
        self.assertTrue(order._b2b_credit_status().get("blocked"))
        self.assertIn('data-bs-target="#modalaccept"', page.text)
        providers = self.env["payment.provider"]._get_compatible_providers(
            order.company_id.id,
            order.partner_invoice_id.id,
            order.amount_total,
            currency_id=order.currency_id.id,
            sale_order_id=order.id,
        )
        self.assertIn("demo", providers.mapped("code"))
        self.authenticate("reseller", "reseller")
        page = self.url_open("/my/customers/new")
        for method in ("Invoice, 30 days", "Prepayment", "SEPA direct debit"):
            self.assertIn(method, page.text)
