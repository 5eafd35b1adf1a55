from odoo.exceptions import AccessDenied, ValidationError
from odoo.tests import new_test_user, tagged

from .common import B2BCommon
from .company_common import CompanyDocumentsMixin


@tagged("post_install", "-at_install")
class TestB2BCompanyRules(CompanyDocumentsMixin, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls._make_documents()

    def _visible(self, user, model, records):
        return self.env[model].with_user(user).search([("id", "in", records.ids)])

    def test_b2b_user_sees_only_own_orders(self):
        orders = self.order_admin | self.order_user | self.order_company
        self.assertEqual(
            self._visible(self.portal_user_a, "sale.order", orders), self.order_user
        )
        lines = orders.order_line
        self.assertEqual(
            self._visible(self.portal_user_a, "sale.order.line", lines),
            self.order_user.order_line,
        )

    def test_b2b_admin_sees_all_company_orders(self):
        orders = self.order_admin | self.order_user | self.order_company
        self.assertEqual(
            self._visible(self.portal_admin_a, "sale.order", orders), orders
        )

    def test_orders_the_user_created_are_visible(self):
        own = (
            self.env["sale.order"]
            .with_user(self.portal_user_a)
            .sudo()
            .create({"partner_id": self.company_a.id, "user_id": False})
        )
        own.sudo().write({"create_uid": self.portal_user_a.id})
        self.assertIn(own, self._visible(self.portal_user_a, "sale.order", own))

    def test_b2b_invoices_by_role(self):
        invoices = self.invoice_admin | self.invoice_user | self.invoice_company
        self.assertEqual(
            self._visible(self.portal_user_a, "account.move", invoices),
            self.invoice_user,
        )
        self.assertEqual(
            self._visible(self.portal_admin_a, "account.move", invoices), invoices
        )

    def test_other_company_sees_nothing(self):
        orders = self.order_admin | self.order_user | self.order_company
        self.assertFalse(self._visible(self.portal_admin_b, "sale.order", orders))

    def test_plain_portal_customer_unchanged(self):
        colleague = self.env["res.partner"].create(
            {"name": "Plain Colleague", "parent_id": self.plain_customer.id}
        )
        colleague_order = self.env["sale.order"].create({"partner_id": colleague.id})
        orders = self.order_plain | colleague_order
        # Odoo's own rule: everything of the commercial partner
        self.assertEqual(self._visible(self.portal_plain, "sale.order", orders), orders)

    def test_role_change_applies_at_once(self):
        orders = self.order_admin | self.order_user | self.order_company
        self.assertEqual(
            len(self._visible(self.portal_user_a, "sale.order", orders)), 1
        )
        self.user_a.b2b_role = "admin"
        self.assertEqual(
            self._visible(self.portal_user_a, "sale.order", orders), orders
        )

    def test_permissions_hide_orders_and_invoices(self):
        group = self.env["b2b.customer.group"].create(
            {
                "name": "Catalogue only",
                "perm_view_orders": False,
                "perm_view_invoices": False,
            }
        )
        self.company_a.b2b_group_ids = group
        orders = self.order_admin | self.order_user | self.order_company
        self.assertFalse(self._visible(self.portal_admin_a, "sale.order", orders))
        self.assertFalse(
            self._visible(self.portal_admin_a, "account.move", self.invoice_company)
        )
        # a per-company override wins over the groups
        self.company_a.b2b_perm_view_orders = "allow"
        self.assertEqual(
            self._visible(self.portal_admin_a, "sale.order", orders), orders
        )

    def test_permission_union_and_defaults(self):
        self.assertTrue(self.company_a.b2b_has_permission("confirm_orders"))
        self.assertFalse(self.company_a.b2b_has_permission("pay_later"))
        strict = self.env["b2b.customer.group"].create(
            {"name": "Strict", "perm_confirm_orders": False}
        )
        loose = self.env["b2b.customer.group"].create(
            {"name": "Loose", "perm_confirm_orders": True}
        )
        self.company_a.b2b_group_ids = strict
        self.assertFalse(self.admin_a.b2b_has_permission("confirm_orders"))
        self.company_a.b2b_group_ids = strict | loose
        self.assertTrue(self.admin_a.b2b_has_permission("confirm_orders"))
        self.company_a.b2b_perm_confirm_orders = "deny"
        self.assertFalse(self.admin_a.b2b_has_permission("confirm_orders"))
        self.assertFalse(self.admin_a.b2b_has_permission("no_such_function"))

    def test_refusals_say_why(self):
        """``_b2b_refusals``: the one answer to "may this contact ...?",
        with the reasons (codes of the order gate)."""

        def codes(partner, action):
            return [r["code"] for r in partner._b2b_refusals(action)]

        for action in ("order", "confirm", "order_online"):
            self.assertEqual(codes(self.admin_a, action), [], action)
            self.assertEqual(codes(self.user_a, action), [], action)
        self.assertEqual(codes(self.admin_a, "manage_users"), [])
        self.assertEqual(codes(self.user_a, "manage_users"), ["not_admin"])
        self.user_a.b2b_role = "viewer"
        self.assertEqual(codes(self.user_a, "order"), ["viewer"])
        self.company_a.b2b_perm_confirm_orders = "deny"
        self.company_a.b2b_perm_order_online = "deny"
        self.company_a.b2b_perm_manage_users = "deny"
        self.assertEqual(codes(self.admin_a, "confirm"), ["function_missing"])
        self.assertEqual(codes(self.admin_a, "order_online"), ["function_missing"])
        self.assertEqual(codes(self.admin_a, "manage_users"), ["function_missing"])
        # the company itself and a company whose account is not approved
        self.assertEqual(
            codes(self.company_a, "order_online"), ["account_not_approved"]
        )
        self.company_a.b2b_perm_order_online = "allow"
        self.company_a.sudo()._b2b_transition("suspend")
        self.assertEqual(codes(self.admin_a, "order_online"), ["account_not_approved"])
        # messages in the reader's language
        self.env["res.lang"]._activate_lang("de_DE")
        message = self.user_a.with_context(lang="de_DE")._b2b_refusals("order")
        self.assertNotEqual(
            message[0]["message"], "Viewers cannot accept or order on the portal."
        )

    def test_confirm_permission_hides_accept(self):
        self.order_admin.require_signature = True
        order = self.order_admin.with_user(self.portal_admin_a)
        self.assertTrue(order._has_to_be_signed())
        self.company_a.b2b_perm_confirm_orders = "deny"
        self.assertFalse(order._has_to_be_signed())
        self.assertTrue(order._confirmation_error_message())

    # ------------------------------------------------------------------
    # Last administrator, suspension
    # ------------------------------------------------------------------
    def test_company_keeps_one_admin(self):
        with self.assertRaisesRegex(
            ValidationError, "at least one active administrator"
        ):
            with self.env.cr.savepoint():
                self.admin_a.b2b_role = "user"
        self.env.invalidate_all()
        self.assertEqual(self.admin_a.b2b_role, "admin")
        self.admin_a._b2b_revoke_portal_access()
        with self.assertRaisesRegex(
            ValidationError, "at least one active administrator"
        ):
            with self.env.cr.savepoint():
                self.admin_a.active = False
        self.env.invalidate_all()
        self.user_a.b2b_role = "admin"
        self.admin_a.b2b_role = "user"
        self.assertEqual(self.admin_a.b2b_role, "user")

    def _login(self, login):
        return self.env["res.users"].authenticate(
            {"login": login, "password": login, "type": "password"},
            {"interactive": False},
        )

    def test_credentials_check_on_the_session_user(self):
        """Odoo checks a password on res.users() for the session user (the
        portal's "deactivate my account" page does): a suspended company's
        user is refused there too, others pass."""
        Users = self.env["res.users"]
        credential = {"type": "password", "password": "portal_admin_a"}
        Users.with_user(self.portal_admin_a)._check_credentials(
            credential, {"interactive": True}
        )
        self.company_a.with_user(self.manager).action_b2b_suspend()
        with self.assertRaisesRegex(AccessDenied, "suspended"):
            Users.with_user(self.portal_admin_a)._check_credentials(
                credential, {"interactive": True}
            )

    def test_suspension_blocks_login_and_reactivation_restores(self):
        archived = new_test_user(
            self.env,
            login="portal_archived_a",
            password="portal_archived_a",
            groups="base.group_portal",
            partner_id=self.env["res.partner"]
            .create(
                {
                    "name": "Old Colleague",
                    "parent_id": self.company_a.id,
                    "email": "old@alpha.example.com",
                }
            )
            .id,
        )
        archived.active = False
        self._login("portal_admin_a")
        self.company_a.with_user(self.manager).action_b2b_suspend()
        with self.assertRaisesRegex(AccessDenied, "suspended"):
            self._login("portal_admin_a")
        with self.assertRaises(AccessDenied) as wrong:
            self.env["res.users"].authenticate(
                {"login": "portal_admin_a", "password": "wrong", "type": "password"},
                {"interactive": False},
            )
        self.assertNotIn("suspended", str(wrong.exception), "strangers learn nothing")
        self.assertTrue(self.portal_admin_a.active, "nothing is archived or deleted")
        self.company_a.with_user(self.manager).action_b2b_reactivate()
        self._login("portal_admin_a")
        self._login("portal_user_a")
        self.assertFalse(archived.active, "a user archived before stays archived")
        self.assertFalse(archived.b2b_suspended)
