"""Who may act on behalf of whom: the company's consent, its salesperson or
the B2B team, contact persons with an active, unsuspended portal access of an
approved B2B company; the consent set by the company's administrators only."""

from odoo.exceptions import AccessError, UserError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .assistance_common import setup_assistance
from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestAssistanceAccess(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assistance(cls)
        cls.sales_only = new_test_user(
            cls.env,
            login="sally_sales",
            groups="sales_team.group_sale_salesman",
            name="Sally Sales Only",
        )

    def assist(self, contact, user):
        return contact.with_user(user).action_b2b_assist()

    def assertRefused(self, contact, user, text):
        with self.assertRaisesRegex(UserError, text):
            self.assist(contact, user)
        self.assertFalse(
            self.env["b2b.assistance.session"].search(
                [("contact_id", "=", contact.id), ("staff_user_id", "=", user.id)]
            )
        )

    def test_salesperson_gets_a_single_use_link(self):
        action = self.assist(self.user_a, self.salesperson)
        self.assertEqual(action["type"], "ir.actions.act_url")
        token = action["url"].removeprefix("/b2b/assist/")
        self.assertGreaterEqual(len(token), 40)
        session = self.env["b2b.assistance.session"].search(
            [("contact_id", "=", self.user_a.id)]
        )
        self.assertEqual(session.staff_user_id, self.salesperson)
        self.assertEqual(session.company_id, self.company_a)
        self.assertEqual(session.user_id, self.portal_user_a)
        self.assertEqual(session.state, "waiting")
        self.assertNotEqual(session.token_hash, token)
        self.assertNotIn(token, session.token_hash)

    def test_refused_without_consent(self):
        self.company_a.sudo().b2b_assistance_policy = "none"
        self.assertRefused(self.user_a, self.salesperson, "has not allowed")
        self.assertEqual(self.company_b.b2b_assistance_policy, "none")
        self.assertRefused(self.admin_b, self.salesperson, "has not allowed")

    def test_refused_for_other_companies(self):
        # the salesperson of Alpha is not Bravo's, which allows only its own
        self.company_b.sudo().write(
            {
                "b2b_assistance_policy": "salesperson",
                "user_id": self.other_salesperson.id,
            }
        )
        self.assertRefused(self.admin_b, self.salesperson, "only its salesperson")
        self.assist(self.admin_b, self.other_salesperson)
        # nor for a plain customer, or a company itself
        self.assertRefused(self.plain_customer, self.salesperson, "B2B company")
        self.assertRefused(self.company_a, self.salesperson, "B2B company")

    def test_refused_for_staff_outside_the_allowed_set(self):
        # salesperson only: the B2B team is refused
        self.assertRefused(self.user_a, self.b2b_back_user, "only its salesperson")
        self.assertRefused(self.user_a, self.manager, "only its salesperson")
        # the salesperson and the B2B team: a salesperson of others still not
        self.company_a.sudo().b2b_assistance_policy = "staff"
        self.assist(self.user_a, self.b2b_back_user)
        self.assertRefused(self.user_a, self.sales_only, "B2B team")

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_refused_to_portal_users(self):
        with self.assertRaisesRegex(AccessError, "staff"):
            self.assist(self.user_a, self.portal_admin_a)

    def test_refused_for_suspended_contacts_and_accounts(self):
        self.portal_user_a.sudo().b2b_suspended = True
        self.assertRefused(self.user_a, self.salesperson, "suspended")
        self.portal_user_a.sudo().b2b_suspended = False
        self.company_a.sudo().b2b_state = "suspended"
        self.assertRefused(self.user_a, self.salesperson, "not active")

    def test_refused_without_portal_access(self):
        colleague = self.env["res.partner"].create(
            {"name": "No Login", "parent_id": self.company_a.id, "b2b_role": "user"}
        )
        self.assertRefused(colleague, self.salesperson, "no portal access")
        # never an internal user
        self.salesperson.partner_id.parent_id = self.company_a
        self.assertRefused(
            self.salesperson.partner_id, self.salesperson, "no portal access"
        )

    def test_consent_is_set_by_the_company_only(self):
        with self.assertRaisesRegex(AccessError, "administrators"):
            self.company_a.with_user(self.manager).b2b_assistance_policy = "staff"
        with self.assertRaisesRegex(AccessError, "administrators"):
            self.company_a.with_user(self.salesperson).write(
                {"b2b_assistance_policy": "staff"}
            )
        self.company_a.with_user(self.portal_admin_a)._b2b_set_assistance_policy(
            "staff"
        )
        self.assertEqual(self.company_a.b2b_assistance_policy, "staff")
        # withdrawing is no consent: staff may; and Odoo's own creation of a
        # user's contact (which writes the field's default) is not refused
        self.company_a.with_user(self.manager).b2b_assistance_policy = "none"
        self.assertEqual(self.company_a.b2b_assistance_policy, "none")
        user = self.env(su=False)["res.users"].create(
            {"name": "New Staff", "login": "assist_new_staff"}
        )
        self.assertEqual(user.partner_id.b2b_assistance_policy, "none")
        contact = (
            self.env["res.partner"]
            .with_user(self.manager)
            .create({"name": "New Contact", "b2b_assistance_policy": "none"})
        )
        self.assertEqual(contact.b2b_assistance_policy, "none")
