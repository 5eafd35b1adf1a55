from lxml import html

from odoo import http
from odoo.tests import tagged

from .common import B2BHttpCommon
from .credit_common import CreditFixtures


def squash(text):
    return " ".join((text or "").split())


def has_class(name):
    """XPath test: the element has the CSS class ``name``."""
    return f"contains(concat(' ', normalize-space(@class), ' '), ' {name} ')"


def by_class(root, name, path=""):
    return root.xpath(f"//*[{has_class(name)}]{path}")


@tagged("post_install", "-at_install")
class TestB2BGerman(B2BHttpCommon):
    """A German shop sees the module in German: i18n/de.po is loaded like
    Odoo loads it when an administrator activates the language."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )

    def test_portal_page_in_german(self):
        self.admin_a.lang = "de_DE"
        self.portal_admin_a.lang = "de_DE"
        self.company_a.sudo().write(
            {"b2b_state": "pending", "b2b_allow_pay_later": True}
        )
        order = self.sent_quotation(self.admin_a, "Palette Schrauben")
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertEqual(page.status_code, 200)
        text = " ".join(page.text.split())
        self.assertIn("Ihr B2B-Konto ist noch nicht freigegeben", text)
        self.assertNotIn("Your B2B account is not approved yet", text)
        self.assertIn(
            "Sie können diese Bestellung ohne Online-Zahlung bestätigen", text
        )
        self.assertNotIn("without paying online", text)

    def test_welcome_mail_in_german(self):
        self.env.company.b2b_approval_mode = "manual"
        request = self.env["res.partner"].create(
            {
                "name": "Müller Großhandel GmbH",
                "is_company": True,
                "is_b2b": True,
                "email": "info@mueller.example.de",
                "lang": "de_DE",
                "b2b_allow_pay_later": True,
            }
        )
        self.env["res.partner"].create(
            {
                "name": "Erika Muster",
                "parent_id": request.id,
                "email": "erika@mueller.example.de",
                "b2b_role": "admin",
                "b2b_salutation": "ms",
                "lang": "de_DE",
            }
        )
        request.with_user(self.manager).action_b2b_approve()
        mail = self.env["mail.mail"].search(
            [
                ("model", "=", "res.partner"),
                ("res_id", "=", request.id),
                ("subject", "ilike", "Ihr B2B-Konto bei"),
            ]
        )
        self.assertEqual(len(mail), 1)
        self.assertIn("ist aktiv", mail.subject)
        body = str(mail.body_html)
        self.assertIn("Sehr geehrte Frau Muster,", body)
        self.assertIn("Willkommen! Das B2B-Konto von", body)
        self.assertIn(request.ref, body)
        self.assertNotIn("Welcome!", body)

    # ------------------------------------------------------------------
    # Portal pages: every text comes from a template's translatable terms
    # ------------------------------------------------------------------
    def _german_terms(self, *xmlids):
        """{English term: German term} of these templates, as Odoo renders
        them for a German user (an untranslated term maps to itself)."""
        terms = {}
        for xmlid in xmlids:
            view = self.env.ref(xmlid)
            field = view._fields["arch_db"]
            dictionary = field.get_translation_dictionary(
                view.with_context(lang="en_US").arch_db,
                {"de_DE": view.with_context(lang="de_DE").arch_db},
            )
            for term, translations in dictionary.items():
                terms[squash(term)] = squash(translations["de_DE"])
        return terms

    def _german_page(self, login, url, **data):
        user = self.env["res.users"].search([("login", "=", login)])
        user.lang = "de_DE"
        user.partner_id.lang = "de_DE"
        self.authenticate(login, login)
        if data:
            data["csrf_token"] = http.Request.csrf_token(self)
            response = self.url_open(url, data=data)
        else:
            response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return html.fromstring(response.text)

    def _static_texts(self, root, container):
        """The fixed texts of the module's part of a page: buttons, form
        labels, headings, column titles, placeholders, confirm questions,
        role choices and banners."""
        texts = []
        for node in by_class(root, container):
            for el in node.xpath(
                f".//button | .//label[{has_class('form-label')}] | .//h5 | .//th"
                f" | .//*[{has_class('alert-success')}] | .//a[{has_class('btn')}]"
                " | .//select[@name='b2b_role']/option"
            ):
                text = squash(el.text_content())
                if text:
                    texts.append(text)
            texts += [squash(value) for value in node.xpath(".//@confirm")]
            texts += [squash(value) for value in node.xpath(".//@placeholder")]
        return texts

    def _assert_all_translatable(self, texts, *term_dicts):
        """Each text is what the German user gets for a term of one of the
        templates (``term_dicts``, from ``_german_terms``)."""
        german = {value for terms in term_dicts for value in terms.values()}
        for text in texts:
            self.assertIn(text, german, "a text that is not a translatable term")

    def test_reseller_pages_in_german(self):
        """ "New customer", "Archive" and the migration question are terms of
        the templates that show them, so the catalogue translates them
        (each template has its own terms: the catalogue names the templates
        a msgid belongs to)."""
        # with the templates that extend the pages (ordering for a customer)
        form_terms = self._german_terms(
            "b2b_customer.portal_my_customer_form",
            "b2b_customer.portal_my_customer_form_quick_order",
        )
        crumb_terms = self._german_terms("b2b_customer.portal_breadcrumbs_reseller")
        list_terms = self._german_terms(
            "b2b_customer.portal_my_customers",
            "b2b_customer.portal_my_customers_placed_orders",
        )
        question = (
            "Give this customer its own reseller portal? You will keep read "
            "access to its past orders."
        )
        for term in ("New customer", "Archive", "Unarchive", question):
            self.assertIn(term, form_terms, "translatable in the template")
        self.assertIn("New customer", crumb_terms, "translatable in the breadcrumb")
        # what the catalogue translates already
        self.assertEqual(list_terms["New customer"], "Neuer Kunde")
        root = self._german_page("portal_reseller", "/my/customers")
        (new_button,) = by_class(root, "o_b2b_new_customer")
        self.assertEqual(squash(new_button.text_content()), "Neuer Kunde")
        self._assert_all_translatable(
            self._static_texts(root, "o_b2b_customers"), list_terms
        )

        root = self._german_page("portal_reseller", "/my/customers/new")
        self.assertEqual(
            squash(by_class(root, "breadcrumb", "/li")[-1].text_content()),
            crumb_terms["New customer"],
        )
        self.assertEqual(
            squash(by_class(root, "o_b2b_customer_form", "//h3")[0].text_content()),
            form_terms["New customer"],
        )
        self._assert_all_translatable(
            self._static_texts(root, "o_b2b_customer_form"), form_terms
        )

        root = self._german_page(
            "portal_reseller", f"/my/customers/{self.end_customer.id}"
        )
        (archive,) = by_class(root, "o_b2b_archive_customer")
        self.assertEqual(squash(archive.text_content()), form_terms["Archive"])
        (migrate,) = [
            el.get("confirm")
            for el in root.xpath("//button[@confirm]")
            if el.getparent().get("action").endswith("/migrate")
        ]
        self.assertEqual(squash(migrate), form_terms[question])
        self._assert_all_translatable(
            self._static_texts(root, "o_b2b_customer_form"), form_terms
        )

        for done in ("tagged", "archived", "unarchived"):
            root = self._german_page("portal_reseller", f"/my/customers?done={done}")
            banners = by_class(
                root, "o_b2b_customers", f"//*[{has_class('alert-success')}]"
            )
            self.assertEqual(len(banners), 1, done)
            self._assert_all_translatable(
                self._static_texts(root, "o_b2b_customers"), list_terms
            )

    def test_company_page_in_german(self):
        terms = self._german_terms(
            # the rules and budgets first: the company template's terms win
            "b2b_customer.portal_my_company_spending",
            "b2b_customer.portal_my_company_group",
            "b2b_customer.portal_my_company_assistance",
            "b2b_customer.portal_my_company",
            "b2b_customer.portal_breadcrumbs_company",
        )
        question = "Remove this colleague? Their orders stay with the company."
        self.assertIn(question, terms, "translatable in the template")
        self.assertEqual(terms["Remove"], "Entfernen")
        root = self._german_page("portal_admin_a", "/my/company?removed=1")
        confirms = {squash(value) for value in root.xpath("//@confirm")}
        self.assertEqual(confirms, {terms[question]})
        buttons = {
            squash(el.text_content())
            for el in by_class(root, "o_b2b_confirm", "//button")
        }
        self.assertEqual(buttons, {"Entfernen"})
        self._assert_all_translatable(self._static_texts(root, "o_b2b_company"), terms)

    def test_join_banners_in_german(self):
        terms = self._german_terms("b2b_customer.portal_my_b2b")
        for decision in ("accept", "decline"):
            root = self._german_page("portal_admin_a", f"/my/b2b?join={decision}")
            banners = by_class(
                root, "o_b2b_account", f"//*[{has_class('alert-success')}]"
            )
            self.assertEqual(len(banners), 1, decision)
            self._assert_all_translatable(
                [squash(banner.text_content()) for banner in banners], terms
            )


@tagged("post_install", "-at_install")
class TestB2BMessageLanguage(B2BHttpCommon):
    """Each message in its reader's language, whatever the company speaks."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        cls.company_a.lang = "de_DE"

    def _login_error(self, lang):
        """The error of a login on the login page shown in ``lang`` (the
        visitor's session language, as Odoo sets it from the browser)."""
        session = self.authenticate(None, None)
        session.context["lang"] = lang
        http.root.session_store.save(session)
        response = self.url_open(
            "/web/login",
            data={
                "login": "portal_user_a",
                "password": "portal_user_a",
                "csrf_token": http.Request.csrf_token(self),
            },
        )
        return squash(
            html.fromstring(response.text).xpath(
                "string(//*[contains(@class, 'alert-danger')])"
            )
        )

    def test_suspension_refusal_follows_the_page(self):
        self.company_a.with_user(self.manager).action_b2b_suspend()
        # a German user on the English page reads English...
        self.portal_user_a.lang = "de_DE"
        self.assertIn("Your company's account is suspended", self._login_error("en_US"))
        # ...and an English user on the German page German
        self.portal_user_a.lang = "en_US"
        self.assertIn(
            "Das Konto Ihres Unternehmens ist gesperrt", self._login_error("de_DE")
        )


@tagged("post_install", "-at_install")
class TestB2BLanguageSwitchTour(CreditFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        cls.setup_credit_fixtures()

    def test_buyer_switches_the_portal_to_german(self):
        self.start_tour("/my/b2b", "b2b_language_switch_tour", login="portal_admin_a")
