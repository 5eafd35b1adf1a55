from odoo import Command
from odoo.tests import tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BNothingLost(B2BCommon):
    """Every "reject", "suspend", "revoke", "archive", "link" and "migrate"
    keeps the customer, its contacts, orders and invoices, and the back
    office still finds them."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.journal = cls.env["account.journal"].create(
            {"name": "Kept Sales", "code": "KEPT", "type": "sale"}
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Kept Widget", "list_price": 10}
        )

    def customer_with_history(self, name, **vals):
        """A company with a contact (portal user), an order and an invoice."""
        company = self.env["res.partner"].create(
            {"name": name, "is_company": True, "email": "info@kept.example.com", **vals}
        )
        contact = self.env["res.partner"].create(
            {
                "name": f"{name} Buyer",
                "parent_id": company.id,
                "email": f"buyer{company.id}@kept.example.com",
                "b2b_role": "admin",
            }
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": contact.id,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": contact.id,
                "journal_id": self.journal.id,
            }
        )
        return company, contact, order, invoice

    def assert_kept(self, company, contact, order, invoice):
        """All of it still exists and the back office finds it: the partners
        (archived included) as a B2B user, orders and invoices as the sales
        manager."""
        self.env.invalidate_all()
        staff = self.env(user=self.b2b_back_user)
        Partner = staff["res.partner"].with_context(active_test=False)
        self.assertEqual(
            Partner.search([("id", "in", (company | contact).ids)]), company | contact
        )
        self.assertTrue(order.exists())
        self.assertTrue(invoice.exists())
        self.assertEqual(order.partner_id, contact)
        self.assertEqual(invoice.partner_id, contact)
        manager = self.env(user=self.manager)
        self.assertEqual(
            manager["sale.order"].search([("partner_id", "child_of", company.id)]),
            order,
        )
        self.assertEqual(
            manager["account.move"].search([("partner_id", "child_of", company.id)]),
            invoice,
        )

    def test_reject(self):
        company, *rest = history = self.customer_with_history(
            "Rejected Co", is_b2b=True
        )
        wizard = (
            self.env["b2b.review.wizard"]
            .with_user(self.manager)
            .create(
                {
                    "partner_ids": [Command.set(company.ids)],
                    "decision": "reject",
                    "message": "Only registered retailers.",
                }
            )
        )
        wizard.action_confirm()
        self.assertEqual(company.b2b_state, "rejected")
        self.assert_kept(*history)

    def test_suspend_and_revoke(self):
        history = self.customer_with_history("Suspended Co")
        company, contact = history[0], history[1]
        company.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        contact.with_user(self.b2b_back_user).action_b2b_send_credentials()
        company.with_user(self.manager).action_b2b_suspend()
        self.assertEqual(company.b2b_state, "suspended")
        self.assert_kept(*history)
        contact.with_user(self.b2b_back_user).action_b2b_revoke_access()
        self.assertEqual(contact.b2b_portal_access, "revoked")
        self.assert_kept(*history)

    def test_archive_by_reseller_and_migrate(self):
        history = self.customer_with_history(
            "Grown End Customer", b2b_reseller_id=self.reseller.id
        )
        company = history[0]
        company.with_user(self.b2b_back_user).action_archive()
        self.assert_kept(*history)
        company.with_user(self.b2b_back_user).action_unarchive()
        company.with_user(self.manager).action_b2b_migrate_to_reseller()
        self.assertTrue(company.is_reseller)
        self.assertEqual(company.b2b_former_reseller_id, self.reseller)
        self.assert_kept(*history)

    def test_link_to_existing(self):
        history = self.customer_with_history("Duplicate Request Co", is_b2b=True)
        request, contact = history[0], history[1]
        self.company_a.with_user(self.manager).with_context(
            b2b_request_partner_id=request.id
        ).action_b2b_link_to_existing()
        self.assertFalse(request.active)
        self.assertEqual(contact.parent_id, self.company_a)
        self.env.invalidate_all()
        self.assertTrue(request.exists())
        self.assertTrue(history[2].exists())
        self.assertTrue(history[3].exists())
        self.assertEqual(history[2].partner_id, contact)
