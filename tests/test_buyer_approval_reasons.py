"""Why an order waits, as ``/my/approvals`` and the order page tell it: in
the reader's language, not in the buyer's of the day it was accepted
(issue 28, item 8)."""

from odoo.tests import tagged
from odoo.tools import mute_logger

from .test_buyer_approval_http import ApprovalHttpCommon


@tagged("post_install", "-at_install")
class TestBuyerApprovalReasons(ApprovalHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env["res.lang"]._activate_lang("de_DE")
        cls.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        cls.user_a.lang = "en_US"
        cls.approver_a.lang = "de_DE"

    @mute_logger("odoo.addons.sale.models.sale_order")
    def test_reasons_in_the_readers_language(self):
        self.user_a.b2b_order_limit = 100
        self.env["b2b.budget"].create(
            {"partner_id": self.user_a.id, "period": "month", "amount": 120}
        )
        self.rule(name="Big orders", amount_threshold=50)
        order = self.quotation(self.user_a, 150)
        self.sign("portal_user_a", order)
        self.assertEqual(order.b2b_approval_state, "waiting")
        # stored in the buyer's language
        self.assertIn(
            "over the order limit of Ulrich User",
            " ".join(order.b2b_approval_ids.mapped("reason")),
        )
        german = self.currency.with_context(lang="de_DE")
        limit, left = german.format(100), german.format(120)
        self.authenticate("portal_approver_a", "portal_approver_a")
        page = self.url_open("/my/approvals").text
        self.assertIn(f"über dem Bestelllimit von Ulrich User ({limit})", page)
        self.assertIn(
            f"über dem Budget Ulrich User, pro Monat ({left} verbleibend)", page
        )
        self.assertIn("Big orders", page)
        self.assertNotIn("over the order limit", page)
        self.assertNotIn("per month", page)
        # the buyer reads them in English on the order page
        self.authenticate("portal_user_a", "portal_user_a")
        page = self.url_open(f"/my/orders/{order.id}").text
        limit = self.currency.with_context(lang="en_US").format(100)
        self.assertIn(f"over the order limit of Ulrich User ({limit})", page)
        self.assertIn("over the budget Ulrich User, per month", page)
