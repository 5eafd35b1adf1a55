"""Multi-company record rules of the request report and the resellers'
payment methods: a user reads the rows of the companies selected in the
company switcher (and the rows of no company), never another company's."""

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestAccessMultiCompany(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.company_1 = cls.env.company
        cls.company_2 = cls.env["res.company"].create({"name": "Second Shop"})
        cls.manager_both = new_test_user(
            cls.env,
            login="b2b_manager_both",
            groups="b2b_customer.group_b2b_manager,sales_team.group_sale_manager",
            company_id=cls.company_1.id,
            company_ids=[Command.set((cls.company_1 | cls.company_2).ids)],
        )

    def visible(self, model, records, companies):
        """The ``records`` the manager reads with ``companies`` selected."""
        return (
            self.env[model]
            .with_user(self.manager_both)
            .with_context(allowed_company_ids=companies.ids)
            .search([("id", "in", records.ids)])
        )

    def test_request_report(self):
        first = self.new_request("First Shop Buyer", company_id=self.company_1.id)
        second = self.new_request("Second Shop Buyer", company_id=self.company_2.id)
        shared = self.new_request("Shared Buyer", company_id=False)
        self.env.flush_all()
        Report = self.env["b2b.request.report"]
        rows = Report.search([("partner_id", "in", (first | second | shared).ids)])
        self.assertEqual(len(rows), 3)
        by_partner = {row.partner_id: row for row in rows}
        self.assertEqual(
            self.visible(Report._name, rows, self.company_1),
            by_partner[first] | by_partner[shared],
        )
        self.assertEqual(
            self.visible(Report._name, rows, self.company_2),
            by_partner[second] | by_partner[shared],
        )
        self.assertEqual(
            self.visible(Report._name, rows, self.company_1 | self.company_2), rows
        )

    def test_reseller_payment_methods(self):
        Method = self.env["b2b.reseller.payment.method"]
        first, second, shared = Method.create(
            [
                {"name": "Invoice 30 days", "company_id": self.company_1.id},
                {"name": "Rechnung 14 Tage", "company_id": self.company_2.id},
                {"name": "Prepayment", "company_id": False},
            ]
        )
        methods = first | second | shared
        self.assertEqual(
            self.visible(Method._name, methods, self.company_1), first | shared
        )
        self.assertEqual(
            self.visible(Method._name, methods, self.company_2), second | shared
        )
        # a portal user of the first company reads its own company's methods
        self.assertEqual(
            Method.with_user(self.portal_reseller).search([("id", "in", methods.ids)]),
            first | shared,
        )
