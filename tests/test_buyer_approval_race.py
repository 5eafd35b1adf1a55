"""Two approvers decide the same order at once; two buyers accept orders
against one budget at once."""

from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.exceptions import UserError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .buyer_approval_common import SIGNATURE
from .race import race
from .race_common import RaceFixtures


@tagged("post_install", "-at_install")
class TestBuyerApprovalConcurrency(BaseCase):
    """Two administrators approve the same order at the same moment: one
    confirmation and one confirmation mail. Real committed transactions,
    cleaned up afterwards."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            Partner = env["res.partner"]
            company = Partner.create(
                {
                    "name": "Race Buyers Ltd",
                    "is_company": True,
                    "email": "r@race.example",
                }
            )
            company.write({"is_b2b": True, "b2b_state": "approved"})
            admins = Partner.create(
                [
                    {
                        "name": f"Race Admin {i}",
                        "parent_id": company.id,
                        "email": f"admin{i}@race.example",
                        "b2b_role": "admin",
                    }
                    for i in (1, 2)
                ]
            )
            buyer = Partner.create(
                {
                    "name": "Race Buyer",
                    "parent_id": company.id,
                    "email": "buyer@race.example",
                    "b2b_role": "user",
                    "b2b_order_limit": 10,
                }
            )
            product = env["product.product"].create(
                {"name": "Race part", "list_price": 50}
            )
            order = env["sale.order"].create(
                {
                    "partner_id": buyer.id,
                    "require_signature": True,
                    "require_payment": False,
                    "order_line": [Command.create({"product_id": product.id})],
                }
            )
            order.action_quotation_sent()
            order.with_context(b2b_portal_partner_id=buyer.id).write(
                {
                    "signed_by": "Race Buyer",
                    "signed_on": fields.Datetime.now(),
                    "signature": SIGNATURE,
                }
            )
            assert order.b2b_approval_state == "waiting"
            self.ids = {
                "company": company.id,
                "admins": admins.ids,
                "buyer": buyer.id,
                "order": order.id,
                "product": product.id,
            }
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            env["mail.mail"].search(
                [
                    ("model", "in", ("sale.order", "res.partner")),
                    ("res_id", "in", [order.id, self.ids["company"]]),
                ]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", "sale.order"), ("res_id", "=", order.id)]
            ).unlink()
            if order.state == "sale":
                order._action_cancel()
            order.unlink()
            env["product.product"].browse(self.ids["product"]).unlink()
            company = env["res.partner"].browse(self.ids["company"])
            env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", (company | company.child_ids).ids),
                ]
            ).unlink()
            (company.child_ids | company).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_approvers_at_once(self):
        admin1, admin2 = self.ids["admins"]

        def approver(admin):
            def decide(env):
                env["sale.order"].browse(self.ids["order"])._b2b_decide(
                    env["res.partner"].browse(admin), "approve"
                )

            return decide

        result = race(
            self,
            self.registry,
            approver(admin1),
            approver(admin2),
            (SerializationFailure, UserError),
        )
        self.assertIn(result, ("SerializationFailure", "UserError"))
        # Odoo retries a serialization failure: the retry sees the decision
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            order = env["sale.order"].browse(self.ids["order"])
            with self.assertRaisesRegex(UserError, "no longer waiting"):
                order._b2b_decide(env["res.partner"].browse(admin2), "approve")
            self.assertEqual(order.state, "sale")
            self.assertEqual(order.b2b_approval_state, "approved")
            # Odoo's confirmation mail: the one message to the customer
            confirmations = order.message_ids.filtered(
                lambda m: m.subtype_id == env.ref("mail.mt_comment")
            )
            self.assertEqual(len(confirmations), 1, "one confirmation mail")
            approved = order.message_ids.filtered(
                lambda m: "Approved by" in (m.body or "")
            )
            self.assertEqual(len(approved), 1)


@tagged("post_install", "-at_install")
class TestBuyerBudgetRace(RaceFixtures):
    """A monthly budget of 1,000 and two buyers accepting 600 each at the
    same moment: one order is confirmed, the other waits for approval."""

    @mute_logger("odoo.sql_db")
    def test_two_acceptances_against_one_budget(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            company = self.company(env, "Racing Budget SA", b2b_allow_pay_later=False)
            self.contact(env, company, "Ada Admin", "admin")
            buyers = [
                self.contact(env, company, f"{name} Buyer", "user")
                for name in ("Bea", "Bo")
            ]
            env["b2b.budget"].create(
                {"partner_id": company.id, "amount": 1000, "period": "month"}
            )
            orders = [self.quotation(env, buyer) for buyer in buyers]
            pairs = [(o.id, b.id) for o, b in zip(orders, buyers, strict=True)]

        def accept(pair):
            def action(env):
                self.accept(env, *pair)

            return action

        result = race(
            self,
            self.registry,
            accept(pairs[0]),
            accept(pairs[1]),
            (SerializationFailure, UserError),
        )
        self.assertEqual(result, "SerializationFailure")
        # Odoo retries the second acceptance: it sees the first order
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            accept(pairs[1])(env)
            first, second = env["sale.order"].browse([pair[0] for pair in pairs])
            self.assertEqual(first.state, "sale")
            self.assertEqual(second.state, "sent")
            self.assertEqual(second.b2b_approval_state, "waiting")
            self.assertIn("budget", second.sudo().b2b_approval_ids.reason)
