"""The module's tiles on ``/my`` and the credit card's link to the overdue
invoices (issue 28, items 11 and 12)."""

from odoo.tests import tagged

from .common import B2BHttpCommon
from .credit_common import CreditFixtures


@tagged("post_install", "-at_install")
class TestCreditPortalHome(CreditFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        # overdue: one of the company's, one of a colleague's own contact
        cls.company_overdue = cls.invoice(cls.company_a, 250, due_days=-5)
        cls.colleague_overdue = cls.invoice(cls.user_a, 40, due_days=-3)
        cls.not_due = cls.invoice(cls.company_a, 70, due_days=10)
        cls.other_overdue = cls.invoice(cls.company_b, 90, due_days=-5)

    def test_tiles_use_pictograms_as_odoo_does(self):
        """Odoo's tiles show 64-pixel pictograms; the module's tiles no
        longer show its 256-pixel app icon."""
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my").text
        self.assertIn("Company credit", page)
        self.assertIn("B2B account", page)
        self.assertNotIn("/b2b_customer/static/description/icon.png", page)
        for icon in (
            "/b2b_customer/static/src/img/b2b-account.svg",
            "/account/static/src/img/bank.svg",
        ):
            self.assertIn(f'src="{icon}"', page)
            response = self.url_open(icon)
            self.assertEqual(response.status_code, 200)
            self.assertIn(b'width="64" height="64"', response.content[:200])

    def test_overdue_invoices_of_the_company(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/b2b").text
        self.assertIn('href="/my/invoices?filterby=overdue_invoices"', page)
        page = self.url_open("/my/invoices?filterby=overdue_invoices").text
        self.assertIn(self.company_overdue.name, page)
        self.assertIn(self.colleague_overdue.name, page)
        self.assertNotIn(self.not_due.name, page)
        self.assertNotIn(self.other_overdue.name, page)
        # a user who sees only their own documents: their own overdue invoice
        self.user_a.b2b_scope = "own"
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open("/my/invoices?filterby=overdue_invoices").text
        self.assertIn(self.colleague_overdue.name, page)
        self.assertNotIn(self.company_overdue.name, page)
