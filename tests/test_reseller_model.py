"""Resellers in the back office and over the ORM: invitation, end
customers, migration."""

from odoo.exceptions import UserError
from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BResellerModel(B2BCommon):
    def test_iban_check(self):
        sepa = self.env["b2b.reseller.payment.method"].create(
            {"name": "SEPA", "method_type": "sepa"}
        )

        def check(iban):
            return self.reseller._b2b_check_end_customer_iban(
                {"payment_method_id": str(sepa.id), "iban": iban}
            )

        self.assertEqual(check("DE89 3704 0044 0532 0130 00"), "DE89370400440532013000")
        self.assertEqual(check("NL91ABNA0417164300"), "NL91ABNA0417164300")
        for wrong in ("DE89 3704 0044 0532 0130 01", "not an iban", ""):
            with self.assertRaises(UserError):
                check(wrong)

    def test_invite_reseller_sends_credentials(self):
        self.reseller_2.with_user(self.b2b_back_user).action_b2b_invite_reseller()
        self.assertTrue(self.portal_reseller_2.active)
        self.assertTrue(
            any(
                "credentials sent" in str(m.body)
                for m in self.reseller_2_contact.message_ids
            )
        )

    def test_migrate_keeps_history_and_logs(self):
        contact = self.env["res.partner"].create(
            {
                "name": "Eve End",
                "parent_id": self.end_customer.id,
                "email": "eve@endcustomer.example.com",
            }
        )
        order = self.env["sale.order"].create({"partner_id": contact.id})
        self.end_customer.with_user(self.manager).action_b2b_migrate_to_reseller()
        self.assertTrue(self.end_customer.is_reseller)
        self.assertFalse(self.end_customer.b2b_reseller_id)
        self.assertEqual(self.end_customer.b2b_former_reseller_id, self.reseller)
        self.assertEqual(self.end_customer.b2b_state, "approved")
        self.assertTrue(contact.user_ids._is_portal())
        self.assertEqual(contact.b2b_role, "admin")
        self.assertTrue(order.exists())
        self.assertTrue(
            any("Migrated from" in str(m.body) for m in self.end_customer.message_ids)
        )
        self.assertTrue(
            any("was migrated" in str(m.body) for m in self.reseller.message_ids)
        )

    def test_migration_can_require_approval(self):
        self.env.company.b2b_migration_requires_approval = True
        self.end_customer.with_user(self.manager).action_b2b_migrate_to_reseller()
        self.assertEqual(self.end_customer.b2b_state, "pending")
