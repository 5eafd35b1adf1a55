from lxml import etree

from odoo import http
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import B2BHttpCommon
from .company_common import CompanyDocumentsMixin


@tagged("post_install", "-at_install")
class TestB2BCompanyPortal(CompanyDocumentsMixin, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_documents()

    def _post(self, url, **data):
        data["csrf_token"] = http.Request.csrf_token(self)
        return self.url_open(url, data=data)

    def test_my_orders_by_role(self):
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open("/my/quotes")
        self.assertIn(self.order_user.name, page.text)
        self.assertNotIn(self.order_admin.name, page.text)
        self.assertNotIn(self.order_company.name, page.text)
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/quotes")
        for order in (self.order_admin, self.order_user, self.order_company):
            self.assertIn(order.name, page.text)

    def test_my_invoices_by_role(self):
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open("/my/invoices")
        self.assertEqual(page.status_code, 200)
        self.assertIn(self.invoice_user.name, page.text)
        self.assertNotIn(self.invoice_admin.name, page.text)
        self.assertNotIn(self.invoice_company.name, page.text)
        response = self.url_open(
            f"/my/invoices/{self.invoice_admin.id}", allow_redirects=False
        )
        self.assertIn(response.status_code, (302, 303, 403, 404))
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/invoices")
        for invoice in (self.invoice_admin, self.invoice_user, self.invoice_company):
            self.assertIn(invoice.name, page.text)

    def test_colleague_order_page_and_pdf_refused_without_token(self):
        self.authenticate("portal_user_a", "portal_user_a")
        for url in (
            f"/my/orders/{self.order_admin.id}",
            f"/my/orders/{self.order_admin.id}?report_type=pdf",
        ):
            response = self.url_open(url, allow_redirects=False)
            self.assertIn(response.status_code, (302, 303, 403, 404), url)
            self.assertNotIn(self.order_admin.name, response.text)
        own = self.url_open(f"/my/orders/{self.order_user.id}")
        self.assertEqual(own.status_code, 200)
        self.assertIn(self.order_user.name, own.text)

    def test_access_token_link_still_shares_a_document(self):
        """Odoo's sharing model: whoever holds the link sees the document."""
        self.authenticate("portal_user_a", "portal_user_a")
        token = self.order_admin._portal_ensure_token()
        response = self.url_open(
            f"/my/orders/{self.order_admin.id}?access_token={token}"
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(self.order_admin.name, response.text)

    def test_company_page_for_admin_only(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        self.assertIn("Ulrich User", page.text)
        self.assertNotIn("Bob Bravo", page.text)
        for login in ("portal_user_a", "portal_plain", "portal_admin_b"):
            self.authenticate(login, login)
            with mute_logger("odoo.http"):
                response = self.url_open("/my/company")
            if login == "portal_admin_b":
                self.assertEqual(response.status_code, 200)
                self.assertNotIn("Ulrich User", response.text)
            else:
                self.assertEqual(response.status_code, 403, login)
        self.authenticate(None, None)
        response = self.url_open("/my/company", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))

    def test_company_users_tile_follows_the_page(self):
        """The tile on /my counts where the page opens, and not where it
        answers 403 (#25: the tile ignored the "manage users" function)."""

        def tile():
            return self.make_jsonrpc_request(
                "/my/counters", {"counters": ["b2b_colleague_count"]}
            )["b2b_colleague_count"]

        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertGreater(tile(), 0)
        self.assertEqual(self.url_open("/my/company").status_code, 200)
        self.company_a.b2b_perm_manage_users = "deny"
        with mute_logger("odoo.http"):
            self.assertEqual(self.url_open("/my/company").status_code, 403)
        self.assertEqual(tile(), 0)

    def test_invite_colleague(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self._post(
            "/my/company/invite",
            name="Ivo Invited",
            email="ivo@alpha.example.com",
            b2b_role="user",
        )
        self.assertEqual(response.status_code, 200)
        self.env.invalidate_all()
        colleague = self.env["res.partner"].search(
            [("email", "=", "ivo@alpha.example.com")]
        )
        self.assertEqual(colleague.parent_id, self.company_a)
        self.assertEqual(colleague.b2b_role, "user")
        self.assertTrue(colleague.user_ids._is_portal())

    def test_invite_errors_keep_input(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self._post(
            "/my/company/invite", name="Nora No-Mail", email="not-an-email"
        )
        self.assertIn("valid e-mail", response.text)
        self.assertIn('value="Nora No-Mail"', response.text)
        response = self._post(
            "/my/company/invite", name="Dup", email="bob@bravo.example.com"
        )
        self.assertIn("already has an account", response.text)
        self.assertFalse(
            self.env["res.partner"].search([("name", "in", ("Nora No-Mail", "Dup"))])
        )

    def test_change_role_and_last_admin(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self._post(f"/my/company/{self.admin_a.id}/role", b2b_role="user")
        self.assertIn("at least one active administrator", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.admin_a.b2b_role, "admin")
        self._post(f"/my/company/{self.user_a.id}/role", b2b_role="admin")
        self.env.invalidate_all()
        self.assertEqual(self.user_a.b2b_role, "admin")

    def test_remove_colleague_keeps_data(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        self._post(f"/my/company/{self.user_a.id}/remove")
        self.env.invalidate_all()
        self.assertFalse(self.user_a.active)
        self.assertTrue(self.user_a.exists())
        self.assertFalse(self.portal_user_a.active)
        self.assertTrue(self.order_user.exists())
        self.assertEqual(self.order_user.partner_id, self.user_a)

    def test_last_admin_removing_themselves_gets_the_company_message(self):
        """As demoting yourself: the company's own message on /my/company,
        not Odoo's "cannot deactivate the user you're logged in as"."""
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self._post(f"/my/company/{self.admin_a.id}/remove")
        self.assertEqual(response.status_code, 200)
        self.assertIn("must keep at least one active administrator", response.text)
        self.assertIn("o_b2b_colleagues", response.text, "the company page")
        self.assertNotIn("currently logged in as", response.text)
        self.env.invalidate_all()
        self.assertTrue(self.admin_a.active)
        self.assertTrue(self.portal_admin_a.active)
        page = self.url_open("/my/company", allow_redirects=False)
        self.assertEqual(page.status_code, 200, "still logged in")

    def test_admin_removes_themselves_when_another_admin_remains(self):
        self.user_a.b2b_role = "admin"
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.url_open(
            f"/my/company/{self.admin_a.id}/remove",
            data={"csrf_token": http.Request.csrf_token(self)},
            allow_redirects=False,
        )
        self.assertIn(response.status_code, (302, 303))
        self.assertIn("/web/session/logout", response.headers["Location"])
        self.url_open(response.headers["Location"])
        self.env.invalidate_all()
        self.assertFalse(self.admin_a.active, "the contact is archived")
        self.assertFalse(self.portal_admin_a.active, "the user is archived")
        self.assertTrue(self.admin_a.exists())
        self.assertEqual(self.order_admin.partner_id, self.admin_a)
        response = self.url_open("/my/company", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))
        self.assertTrue(self.user_a.active)
        self.assertEqual(self.user_a.b2b_role, "admin")

    def test_only_colleagues_can_be_removed(self):
        """The company's addresses and the company itself are no colleagues:
        404, and nothing is archived or changed."""
        Partner = self.env["res.partner"]
        delivery = Partner.create(
            {
                "name": "Alpha Depot",
                "type": "delivery",
                "parent_id": self.company_a.id,
                "street": "Dock 1",
                "city": "Antwerp",
            }
        )
        self.company_a.b2b_default_delivery_id = delivery
        invoice = Partner.create(
            {
                "name": "Alpha Accounts",
                "type": "invoice",
                "parent_id": self.company_a.id,
            }
        )
        plain_contact = Partner.create(
            {"name": "Alpha Reception", "parent_id": self.company_a.id}
        )
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company")
        self.assertNotIn(f"/my/company/{plain_contact.id}/remove", page.text)
        with mute_logger("odoo.http"):
            for partner in (delivery, invoice, plain_contact, self.company_a):
                for action in ("remove", "role"):
                    with self.subTest(partner=partner.name, action=action):
                        response = self._post(
                            f"/my/company/{partner.id}/{action}", b2b_role="admin"
                        )
                        self.assertEqual(response.status_code, 404)
        self.env.invalidate_all()
        for partner in (delivery, invoice, plain_contact, self.company_a):
            self.assertTrue(partner.active, partner.name)
            self.assertFalse(partner.b2b_role, partner.name)
        self.assertEqual(self.company_a.b2b_default_delivery_id, delivery)
        self.assertEqual(self.company_a.b2b_state, "approved")

    def test_invalid_role_gives_the_page_back(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        for role in ("owner", "", "admin' OR 1=1 --"):
            with self.subTest(role=role):
                response = self._post(
                    f"/my/company/{self.user_a.id}/role", b2b_role=role
                )
                self.assertEqual(response.status_code, 200)
                self.assertIn("Please choose a role.", response.text)
                self.assertIn("o_b2b_colleagues", response.text)
        self.env.invalidate_all()
        self.assertEqual(self.user_a.b2b_role, "user")

    def test_invalid_role_message_in_german(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        self.portal_admin_a.lang = "de_DE"
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self._post(f"/my/company/{self.user_a.id}/role", b2b_role="owner")
        self.assertEqual(response.status_code, 200)
        self.assertIn("Bitte wählen Sie eine Rolle.", response.text)

    def test_suspension_ends_open_sessions_as_the_confirmation_says(self):
        """The Suspend button asks "Its users can no longer log in to the
        portal or order, and their open sessions end": both are true."""
        view = self.env.ref("b2b_customer.view_partner_form")
        (button,) = etree.fromstring(view.arch_db).xpath(
            "//button[@name='action_b2b_suspend']"
        )
        confirm = button.get("confirm")
        self.assertIn("can no longer log in", confirm)
        self.assertIn("open sessions end", confirm)
        self.authenticate("portal_user_a", "portal_user_a")
        self.assertEqual(self.url_open("/my", allow_redirects=False).status_code, 200)
        self.company_a.with_user(self.manager).action_b2b_suspend()
        response = self.url_open("/my", allow_redirects=False)
        self.assertIn("/web/login", response.headers.get("Location", ""))
        # nothing else of the module says only that users can no longer order
        data = self.env["ir.model.data"].search(
            [
                ("module", "=", "b2b_customer"),
                ("model", "in", ("ir.ui.view", "mail.template")),
            ]
        )
        for record in data:
            target = self.env[record.model].browse(record.res_id)
            text = target.arch_db if record.model == "ir.ui.view" else target.body_html
            self.assertNotIn("can no longer order", str(text), record.name)

    def test_foreign_ids_are_refused(self):
        self.authenticate("portal_admin_b", "portal_admin_b")
        with mute_logger("odoo.http"):
            for url in (
                f"/my/company/{self.user_a.id}/role",
                f"/my/company/{self.user_a.id}/remove",
                "/my/company/999999/remove",
            ):
                response = self._post(url, b2b_role="admin")
                self.assertEqual(response.status_code, 404, url)
                self.assertNotIn("Ulrich", response.text)
            response = self.url_open("/my/company/abc/remove", data={"x": "1"})
            self.assertIn(response.status_code, (400, 404))
        self.env.invalidate_all()
        self.assertEqual(self.user_a.b2b_role, "user")
        self.assertTrue(self.user_a.active)
        self.authenticate("portal_user_a", "portal_user_a")
        with mute_logger("odoo.http"):
            response = self._post(
                f"/my/company/{self.admin_a.id}/role", b2b_role="user"
            )
        self.assertEqual(response.status_code, 403)

    def test_post_without_csrf_refused(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/company/{self.user_a.id}/remove", data={"confirm": "1"}
            )
        self.assertEqual(response.status_code, 400)
        self.env.invalidate_all()
        self.assertTrue(self.user_a.active)

    def test_company_page_queries_do_not_grow_with_users(self):
        def page_queries(extra):
            Partner = self.env["res.partner"]
            for i in range(extra):
                contact = Partner.create(
                    {
                        "name": f"Extra {extra}-{i}",
                        "parent_id": self.company_a.id,
                        "email": f"extra{extra}-{i}@alpha.example.com",
                        "b2b_role": "user",
                    }
                )
                new_test_user(
                    self.env,
                    login=f"extra{extra}-{i}@alpha.example.com",
                    groups="base.group_portal",
                    partner_id=contact.id,
                    name=contact.name,
                    email=contact.email,
                )
            self.env.flush_all()
            self.authenticate("portal_admin_a", "portal_admin_a")
            self.url_open("/my/company")  # warm-up
            before = self.cr.sql_log_count
            self.url_open("/my/company")
            return self.cr.sql_log_count - before

        small = page_queries(2)
        large = page_queries(25)
        self.assertLessEqual(large - small, 2, f"{small} vs {large} queries")


@tagged("post_install", "-at_install")
class TestB2BCompanyTour(CompanyDocumentsMixin, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_documents()

    def test_admin_invites_colleague_who_sees_own_orders(self):
        self.start_tour(
            "/my/company", "b2b_company_invite_tour", login="portal_admin_a"
        )
        colleague = self.env["res.partner"].search(
            [("email", "=", "tina@alpha.example.com")]
        )
        self.assertEqual(colleague.b2b_role, "user")
        user = colleague.user_ids
        self.assertTrue(user)
        user.password = "tina-password"
        own = self.env["sale.order"].create({"partner_id": colleague.id})
        own.action_quotation_sent()
        self.authenticate(user.login, "tina-password")
        page = self.url_open("/my/quotes")
        self.assertIn(own.name, page.text)
        self.assertNotIn(self.order_admin.name, page.text)

    def test_admin_removes_colleague_after_confirming(self):
        self.start_tour(
            "/my/company", "b2b_company_remove_tour", login="portal_admin_a"
        )
        self.env.invalidate_all()
        self.assertFalse(self.user_a.active)
        self.assertFalse(self.portal_user_a.active)
        self.assertTrue(self.admin_a.active)
        self.assertEqual(self.order_user.partner_id, self.user_a)
