"""The approval rules, budgets and order limits a company administrator
keeps on ``/my/company``: amounts read in the reader's language, rules and
budgets that could not work refused with a message, "Remove" asking first
(issue 28, items 3, 6 and 7)."""

from odoo.exceptions import ValidationError
from odoo.tests import tagged

from .test_buyer_approval_http import ApprovalHttpCommon


@tagged("post_install", "-at_install")
class TestBuyerApprovalSpendingPage(ApprovalHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.Rule = cls.env["b2b.approval.rule"]

    def new_rule(self, amount, name="Big orders", approver_type="admins"):
        return self.post(
            "/my/company/approval-rules",
            name=name,
            amount_threshold=amount,
            amount_basis="untaxed",
            applies_to="role",
            role="user",
            approver_type=approver_type,
        )

    def rules(self, name="Big orders"):
        return self.Rule.search(
            [("partner_id", "=", self.company_a.id), ("name", "=", name)]
        )

    def test_amounts_read_in_the_readers_language(self):
        self.portal_admin_a.lang = "de_DE"
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.new_rule("1.500", name="Thousands")
        self.assertEqual(self.rules("Thousands").amount_threshold, 1500)
        self.new_rule("2.500,50", name="Decimals")
        self.assertEqual(self.rules("Decimals").amount_threshold, 2500.5)
        # what could be meant another way is refused, what was typed kept
        response = self.new_rule("1,500.00", name="Ambiguous")
        # in the reader's language, with an example in its number format
        self.assertIn("Zum Beispiel: 1.234,50", response.text)
        self.assertIn('value="1,500.00"', response.text)
        self.assertFalse(self.rules("Ambiguous"))
        self.post(
            "/my/company/budgets", partner_id="company", period="year", amount="12.000"
        )
        budget = self.env["b2b.budget"].search([("partner_id", "=", self.company_a.id)])
        self.assertEqual(budget.amount, 12000)
        self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="user",
            b2b_order_limit="1.250,5",
        )
        self.assertEqual(self.user_a.b2b_order_limit, 1250.5)
        # the page shows the limit as it reads it back
        page = self.url_open("/my/company").text
        self.assertIn('value="1250,5"', page)
        # in English, the dot is the decimal point
        self.portal_admin_a.lang = "en_US"
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="user",
            b2b_order_limit="1,250.5",
        )
        self.assertEqual(self.user_a.b2b_order_limit, 1250.5)
        response = self.post(
            f"/my/company/{self.user_a.id}/role",
            b2b_role="user",
            b2b_order_limit="1.250,5",
        )
        self.assertIn("For example: 1,234.50", response.text)
        self.assertEqual(self.user_a.b2b_order_limit, 1250.5)

    def test_rule_without_approvers_or_amount_refused(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.approver_a.b2b_role = "user"
        response = self.new_rule("500", approver_type="approvers")
        self.assertIn("has no approvers yet", response.text)
        self.assertFalse(self.rules())
        with self.assertRaisesRegex(ValidationError, "has no approvers yet"):
            self.rule(name="Direct", approver_type="approvers")
        response = self.new_rule("0")
        self.assertIn("greater than 0", response.text)
        response = self.new_rule("")
        self.assertIn("greater than 0", response.text)
        self.assertFalse(self.rules())
        # with an approver, the rule is saved
        self.approver_a.b2b_role = "approver"
        self.new_rule("500", approver_type="approvers")
        self.assertEqual(self.rules().approver_type, "approvers")

    def test_refused_forms_keep_the_chosen_colleagues(self):
        """The colleague lists are rendered by the template from ids and
        names: a refused rule keeps its buyers and approvers chosen, a refused
        budget its colleague; names are escaped."""
        self.user_a.name = "Ann <b>Bold</b>"
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.post(
            "/my/company/approval-rules",
            name="Chosen",
            amount_threshold="lots",
            amount_basis="untaxed",
            applies_to="contacts",
            approver_type="approvers",
            contact_ids=[str(self.user_a.id)],
            approver_ids=[str(self.approver_a.id)],
        )
        self.assertFalse(self.rules("Chosen"))
        page = response.text
        self.assertIn(
            f'<option value="{self.user_a.id}" selected="True">'
            "Ann &lt;b&gt;Bold&lt;/b&gt;</option>",
            page,
        )
        self.assertIn(f'<option value="{self.approver_a.id}" selected="True">', page)
        self.assertNotIn("<b>Bold</b>", page)
        response = self.post(
            "/my/company/budgets",
            partner_id=str(self.user_a.id),
            period="year",
            amount="much",
        )
        self.assertIn(
            f'<option value="{self.user_a.id}" selected="True">', response.text
        )
        self.assertFalse(
            self.env["b2b.budget"].search([("partner_id", "=", self.user_a.id)])
        )

    def test_refused_rule_shows_only_the_error(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        response = self.new_rule("lots")
        self.assertIn("Please enter the amount as a positive number", response.text)
        self.assertNotIn("The role was changed", response.text)

    def test_duplicate_budget_refused(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        for amount in ("1000", "2000"):
            response = self.post(
                "/my/company/budgets",
                partner_id=str(self.user_a.id),
                period="month",
                amount=amount,
            )
        self.assertIn("already has a budget for this period", response.text)
        budgets = self.env["b2b.budget"].search([("partner_id", "=", self.user_a.id)])
        self.assertEqual(budgets.mapped("amount"), [1000])
        # another period is another budget
        self.post(
            "/my/company/budgets",
            partner_id=str(self.user_a.id),
            period="year",
            amount="9000",
        )
        self.assertEqual(
            len(self.env["b2b.budget"].search([("partner_id", "=", self.user_a.id)])),
            2,
        )

    def test_remove_asks_first(self):
        rule = self.rule(amount_threshold=100)
        budget = self.env["b2b.budget"].create(
            {"partner_id": self.company_a.id, "period": "month", "amount": 10}
        )
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/company").text
        # the forms of the Remove buttons go through the confirmation dialog
        # (static/src/interactions/b2b_confirm.js)
        for action in (
            f"/my/company/approval-rules/{rule.id}/archive",
            f"/my/company/budgets/{budget.id}/remove",
        ):
            self.assertIn(f'class="o_b2b_confirm" action="{action}"', page)
        self.assertIn('confirm="Remove this approval rule?', page)
        self.assertIn('confirm="Remove this budget?', page)
