"""Credit limits and the credit hold under concurrency: two decisions on
one customer's credit at the same moment are taken one after the other, the
second seeing the first (Odoo retries it after PostgreSQL's serialization
failure). Real committed transactions on two cursors, cleaned up after."""

from psycopg2.errors import SerializationFailure

from odoo.exceptions import UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .race import race
from .race_common import RaceFixtures

REFUSALS = (SerializationFailure, UserError)


@tagged("post_install", "-at_install")
class TestCreditLimitRace(RaceFixtures):
    """A credit limit of 1,000 and two quotations of 600 confirmed at the
    same moment: one is confirmed, the other refused (after Odoo's retry)."""

    def _confirm(self, order_id):
        def confirm(env):
            env["sale.order"].browse(order_id).action_confirm()

        return confirm

    def _race_two_confirmations(self, first_partner_id, second_partner_id, holder_id):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            first = self.quotation(env, env["res.partner"].browse(first_partner_id))
            second = self.quotation(env, env["res.partner"].browse(second_partner_id))
            first_id, second_id = first.id, second.id
        result = race(
            self,
            self.registry,
            self._confirm(first_id),
            self._confirm(second_id),
            REFUSALS,
        )
        self.assertEqual(result, "SerializationFailure")
        # Odoo retries the second request: it sees the first order
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            second = env["sale.order"].browse(second_id)
            with self.assertRaisesRegex(UserError, "exceeds the available credit"):
                second.action_confirm()
            self.assertEqual(env["sale.order"].browse(first_id).state, "sale")
            self.assertEqual(second.state, "sent")
            holder = env["res.partner"].browse(holder_id)
            self.assertEqual(holder.b2b_credit_exposure, 600)
            self.assertEqual(holder.b2b_credit_available, 400)

    @mute_logger("odoo.sql_db")
    def test_two_confirmations_over_the_limit(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            company = self.company(env, "Racing Credit GmbH", credit_limit=1000.0)
            buyer = self.contact(env, company, "Carla Credit", "admin")
            ids = company.id, buyer.id
        self._race_two_confirmations(ids[1], ids[0], ids[0])

    @mute_logger("odoo.sql_db")
    def test_two_subsidiaries_over_the_parents_limit(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            parent = self.company(env, "Racing Holding AG", credit_limit=1000.0)
            north = self.company(env, "Racing North GmbH", parent=parent)
            south = self.company(env, "Racing South GmbH", parent=parent)
            self.assertEqual(north.b2b_credit_holder_id, parent)
            ids = parent.id, north.id, south.id
        self._race_two_confirmations(ids[1], ids[2], ids[0])


@tagged("post_install", "-at_install")
class TestCreditHoldRace(RaceFixtures):
    """The last approval of an order is given while finance puts the
    customer on credit hold: the order is not confirmed on account."""

    @mute_logger("odoo.sql_db")
    def test_approval_while_put_on_hold(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            company = self.company(env, "Racing Hold BV")
            admin = self.contact(env, company, "Hanna Hold", "admin")
            buyer = self.contact(env, company, "Bert Buyer", "user", b2b_order_limit=10)
            order = self.quotation(env, buyer, 100.0)
            self.accept(env, order.id, buyer.id)
            self.assertEqual(order.b2b_approval_state, "waiting")
            company_id, admin_id, order_id = company.id, admin.id, order.id

        def hold(env):
            env["res.partner"].browse(company_id)._b2b_credit_set_hold("Unpaid")

        def approve(env):
            env["sale.order"].browse(order_id)._b2b_decide(
                env["res.partner"].browse(admin_id), "approve"
            )

        result = race(self, self.registry, hold, approve, REFUSALS)
        self.assertEqual(result, "SerializationFailure")
        # Odoo retries the approval: it sees the hold
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            approve(env)
            order = env["sale.order"].browse(order_id)
            self.assertEqual(order.b2b_approval_state, "approved")
            self.assertNotEqual(order.state, "sale", "not confirmed on account")
            self.assertTrue(order._has_to_be_paid(), "paid online instead")
