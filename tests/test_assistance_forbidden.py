"""While acting on behalf of a contact, each thing only the customer may do
is refused, on its portal route and over RPC; the rest of the portal works."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .assistance_common import AssistanceHttpCommon

REFUSED = "While acting on behalf of"


@tagged("post_install", "-at_install")
class TestAssistanceForbidden(AssistanceHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create(
            {
                "partner_id": cls.user_a.id,
                "order_line": [
                    (
                        0,
                        0,
                        {
                            "product_id": cls.env["product.product"]
                            .create({"name": "Assisted Widget", "list_price": 50})
                            .id,
                            "product_uom_qty": 1,
                        },
                    )
                ],
            }
        )

    def setUp(self):
        super().setUp()
        # the refusals are logged by Odoo's request handling and access checks
        self.enterContext(
            mute_logger(
                "odoo.http",
                "odoo.addons.base.models.ir_rule",
                "odoo.addons.base.models.ir_model",
            )
        )

    def act_for_admin(self):
        """Act for Alpha's administrator (who may manage users, approve)."""
        return self.start_acting(self.admin_a)

    def assertRefusedPage(self, response):
        self.assertEqual(response.status_code, 403, response.text[:300])

    def password_hash(self, user):
        self.env.cr.execute("SELECT password FROM res_users WHERE id = %s", [user.id])
        return self.env.cr.fetchone()[0]

    # password ----------------------------------------------------------
    def test_password_route(self):
        before = self.password_hash(self.portal_user_a)
        self.start_acting()
        response = self.post(
            "/my/security",
            {
                "op": "password",
                "old": "portal_user_a",
                "new1": "x" * 12,
                "new2": "x" * 12,
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn(REFUSED, response.text)
        self.assertEqual(self.password_hash(self.portal_user_a), before)

    def test_password_rpc(self):
        self.start_acting()
        message = self.rpc("res.users", "change_password", ["portal_user_a", "y" * 12])
        self.assertIn(REFUSED, message)
        message = self.rpc(
            "res.users", "write", [[self.portal_user_a.id], {"password": "z" * 12}]
        )
        self.assertIn(REFUSED, message)

    def test_delete_account_route(self):
        self.start_acting()
        response = self.post(
            "/my/deactivate_account",
            {"validation": "portal_user_a", "password": "portal_user_a"},
        )
        self.assertRefusedPage(response)
        self.assertTrue(self.portal_user_a.active)

    # e-mail and login ---------------------------------------------------
    def test_email_route(self):
        self.start_acting()
        response = self.post(
            "/my/address/submit",
            {
                "partner_id": str(self.user_a.id),
                "name": "Ulrich User",
                "email": "new@alpha.example.com",
                "street": "Main 1",
                "city": "Antwerp",
                "zip": "2000",
                "country_id": str(self.env.ref("base.be").id),
                "phone": "+32 3 123 45 67",
            },
        )
        self.assertIn(REFUSED, response.text)
        self.assertIn("email", response.json()["invalid_fields"])
        self.assertEqual(self.user_a.email, "ulrich@alpha.example.com")

    def test_email_and_login_rpc(self):
        self.start_acting()
        for vals in ({"email": "new@alpha.example.com"}, {"login": "newlogin"}):
            message = self.rpc("res.users", "write", [[self.portal_user_a.id], vals])
            self.assertTrue(message)
        self.assertIn(
            REFUSED,
            self.rpc(
                "res.users",
                "write",
                [[self.portal_user_a.id], {"email": "new@alpha.example.com"}],
            ),
        )
        self.assertEqual(self.portal_user_a.login, "portal_user_a")
        self.assertEqual(self.portal_user_a.email, "ulrich@alpha.example.com")

    # IBANs and payment methods ------------------------------------------
    def test_iban_and_payment_method_route(self):
        self.reseller.sudo().b2b_assistance_policy = "salesperson"
        self.start_acting(self.reseller_contact)
        sepa = self.env["b2b.reseller.payment.method"].create(
            {"name": "SEPA", "method_type": "sepa"}
        )
        response = self.post(
            f"/my/customers/{self.end_customer.id}",
            {
                "name": "End Customer One",
                "email": "one@endcustomer.example.com",
                "payment_method_id": str(sepa.id),
                "iban": "BE71 0961 2345 6769",
            },
        )
        self.assertIn(REFUSED, response.text)
        self.assertFalse(self.end_customer.bank_ids)
        self.assertRefusedPage(
            self.url_open("/my/payment_method", allow_redirects=False)
        )

    def test_iban_and_payment_method_rpc(self):
        self.start_acting()
        message = self.rpc(
            "res.partner.bank",
            "create",
            [{"acc_number": "BE71096123456769", "partner_id": self.user_a.id}],
        )
        self.assertIn(REFUSED, message)
        self.assertIn(REFUSED, self.rpc("payment.token", "create", [{}]))
        response = self.opener.post(
            f"{self.base_url()}/payment/archive_token",
            json={"jsonrpc": "2.0", "method": "call", "params": {"token_id": 1}},
        )
        self.assertIn(REFUSED, response.text)

    # users, roles and scopes --------------------------------------------
    def test_invite_route(self):
        self.act_for_admin()
        response = self.post(
            "/my/company/invite",
            {"name": "Newbie", "email": "newbie@alpha.example.com", "b2b_role": "user"},
        )
        self.assertRefusedPage(response)
        self.assertFalse(
            self.env["res.partner"].search(
                [
                    ("email", "=", "newbie@alpha.example.com"),
                    ("commercial_partner_id", "=", self.company_a.id),
                ]
            )
        )

    def test_invite_rpc(self):
        self.act_for_admin()
        message = self.rpc(
            "res.partner",
            "create",
            [{"name": "Newbie", "parent_id": self.company_a.id, "b2b_role": "admin"}],
        )
        self.assertIn(REFUSED, message)

    def test_remove_route(self):
        self.act_for_admin()
        self.assertRefusedPage(self.post(f"/my/company/{self.user_a.id}/remove"))
        self.assertTrue(self.portal_user_a.active)
        self.assertEqual(self.user_a.b2b_role, "user")

    def test_remove_rpc(self):
        self.act_for_admin()
        self.assertTrue(
            self.rpc("res.users", "write", [[self.portal_user_a.id], {"active": False}])
        )
        self.assertIn(
            REFUSED,
            self.rpc("res.partner", "write", [[self.user_a.id], {"b2b_role": False}]),
        )
        self.assertTrue(self.portal_user_a.active)

    def test_roles_and_scopes_route(self):
        self.act_for_admin()
        response = self.post(
            f"/my/company/{self.user_a.id}/role",
            {"b2b_role": "admin", "b2b_scope": "company"},
        )
        self.assertRefusedPage(response)
        self.assertEqual(self.user_a.b2b_role, "user")

    def test_roles_and_scopes_rpc(self):
        self.act_for_admin()
        for vals in (
            {"b2b_role": "admin"},
            {"b2b_scope": "group"},
            {"b2b_order_limit": 1},
        ):
            self.assertIn(
                REFUSED, self.rpc("res.partner", "write", [[self.user_a.id], vals])
            )
        self.assertEqual(self.user_a.b2b_role, "user")

    def test_consent_route_and_rpc(self):
        self.act_for_admin()
        self.assertRefusedPage(
            self.post("/my/company/assistance", {"b2b_assistance_policy": "staff"})
        )
        self.assertIn(
            REFUSED,
            self.rpc(
                "res.partner",
                "write",
                [[self.company_a.id], {"b2b_assistance_policy": "staff"}],
            ),
        )
        self.assertEqual(self.company_a.b2b_assistance_policy, "salesperson")

    # approvals ------------------------------------------------------------
    def test_approval_route(self):
        self.order.sudo().b2b_approval_state = "waiting"
        self.act_for_admin()
        self.assertRefusedPage(
            self.post(f"/my/approvals/{self.order.id}/approve", {"comment": "ok"})
        )
        self.assertRefusedPage(
            self.post("/my/approvals/bulk/approve", {"order_ids": str(self.order.id)})
        )
        self.assertEqual(self.order.b2b_approval_state, "waiting")

    def test_approval_rpc(self):
        self.order.sudo().b2b_approval_state = "waiting"
        self.act_for_admin()
        self.assertTrue(
            self.rpc(
                "sale.order",
                "_b2b_decide",
                [[self.order.id], self.admin_a.id, "approve"],
            )
        )
        self.assertTrue(
            self.rpc(
                "sale.order",
                "write",
                [[self.order.id], {"b2b_approval_state": "approved"}],
            )
        )
        self.assertEqual(self.order.b2b_approval_state, "waiting")

    # paying online ----------------------------------------------------------
    def test_pay_route(self):
        self.order.action_quotation_sent()
        self.start_acting()
        provider = self.env.ref("b2b_customer.payment_provider_b2b_on_account")
        response = self.opener.post(
            f"{self.base_url()}/my/orders/{self.order.id}/transaction",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "access_token": self.order._portal_ensure_token(),
                    "provider_id": provider.id,
                    "payment_method_id": provider.payment_method_ids[:1].id,
                    "token_id": None,
                    "amount": self.order.amount_total,
                    "flow": "direct",
                    "tokenization_requested": False,
                    "landing_route": self.order.get_portal_url(),
                },
            },
        )
        self.assertIn(REFUSED, response.text)
        self.assertFalse(self.order.transaction_ids)

    def test_pay_rpc_and_gate(self):
        self.start_acting()
        message = self.rpc(
            "payment.transaction",
            "create",
            [{"amount": 1, "sale_order_ids": [(6, 0, self.order.ids)]}],
        )
        self.assertIn(REFUSED, message)
        # the order page offers no payment while acting
        page = self.url_open(self.order.get_portal_url()).text
        self.assertIn("o_b2b_assist_banner", page)
        self.assertNotIn('name="o_payment_radio"', page)

    # what stays possible --------------------------------------------------
    def test_the_rest_of_the_portal_works(self):
        self.start_acting()
        for url in ("/my", "/my/orders", "/my/account", "/my/quick-order"):
            response = self.url_open(url, allow_redirects=False)
            self.assertEqual(response.status_code, 200, url)
            self.assertIn("o_b2b_assist_banner", response.text)
