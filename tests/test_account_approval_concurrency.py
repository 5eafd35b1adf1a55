from psycopg2.errors import SerializationFailure

from odoo import SUPERUSER_ID, api
from odoo.exceptions import UserError, ValidationError
from odoo.modules.registry import Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import get_db_name
from odoo.tools import mute_logger

from .race import race


@tagged("post_install", "-at_install")
class TestB2BConcurrentDecisions(BaseCase):
    """Two managers approve the same request at the same moment: one
    decision, one customer number, one welcome mail. Uses real committed
    transactions and cleans up after itself."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            partner = env["res.partner"].create(
                {"name": "Race Condition GmbH", "is_company": True, "is_b2b": True}
            )
            env["res.partner"].create(
                {
                    "name": "Rita Race",
                    "parent_id": partner.id,
                    "email": "rita@race.example.org",
                    "b2b_role": "admin",
                }
            )
            self.partner_id = partner.id
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = (
                env["res.partner"]
                .with_context(active_test=False)
                .browse(self.partner_id)
            )
            env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partner.ids)]
            ).unlink()
            env["mail.message"].search(
                [
                    ("model", "=", "res.partner"),
                    ("res_id", "in", (partner | partner.child_ids).ids),
                ]
            ).unlink()
            env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", partner.ids)]
            ).unlink()
            (partner.child_ids | partner).unlink()

    @mute_logger("odoo.sql_db")
    def test_two_managers_approve_at_once(self):
        def approve(env):
            env["res.partner"].browse(self.partner_id)._b2b_approve()

        result = race(
            self, self.registry, approve, approve, (SerializationFailure, UserError)
        )
        self.assertIn(result, ("SerializationFailure", "UserError"))
        # Odoo retries a serialization failure: the retry sees the decision
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partner = env["res.partner"].browse(self.partner_id)
            with self.assertRaisesRegex(UserError, "already approved"):
                partner._b2b_approve()
            self.assertEqual(partner.b2b_state, "approved")
            self.assertTrue(partner.ref)
            welcome = (
                env["mail.mail"]
                .search([("model", "=", "res.partner"), ("res_id", "=", partner.id)])
                .filtered(
                    lambda m: "is active" in (m.subject or "")
                    and partner.child_ids in m.recipient_ids
                )
            )
            self.assertEqual(len(welcome), 1, "one welcome mail to the customer")
            numbers = env["res.partner"].search_count([("ref", "=", partner.ref)])
            self.assertEqual(numbers, 1)


@tagged("post_install", "-at_install")
class TestB2BConcurrentAdmins(BaseCase):
    """Two administrators each demote the other at the same moment: the
    company must not end without an administrator."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})
            company = env["res.partner"].create(
                {"name": "Two Admins BV", "is_company": True}
            )
            company.write({"is_b2b": True, "b2b_state": "approved"})
            admins = env["res.partner"].create(
                [
                    {"name": "Admin One", "parent_id": company.id, "b2b_role": "admin"},
                    {"name": "Admin Two", "parent_id": company.id, "b2b_role": "admin"},
                ]
            )
            self.company_id = company.id
            self.admin_ids = admins.ids
        self.addCleanup(self._cleanup)

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            partners = (
                env["res.partner"]
                .with_context(active_test=False)
                .browse([*self.admin_ids, self.company_id])
            )
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            partners.unlink()

    @mute_logger("odoo.sql_db")
    def test_demoting_each_other_at_once(self):
        one, two = self.admin_ids

        def demote(partner_id):
            def action(env):
                env["res.partner"].browse(partner_id).b2b_role = "user"

            return action

        result = race(
            self,
            self.registry,
            demote(two),
            demote(one),
            (SerializationFailure, ValidationError),
            waits=False,
        )
        self.assertIn(result, ("SerializationFailure", "ValidationError"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # the retry of the second request is refused
            with self.assertRaises(ValidationError), cr.savepoint():
                env["res.partner"].browse(one).b2b_role = "user"
                env.flush_all()
            admins = env["res.partner"].search_count(
                [("parent_id", "=", self.company_id), ("b2b_role", "=", "admin")]
            )
            self.assertEqual(admins, 1)


@tagged("post_install", "-at_install")
class TestB2BConcurrentSignup(BaseCase):
    """The sign-up form sent twice at the same moment (a double click, two
    tabs): one user, one company request, and a clear message for the second
    request, which leaves nothing behind."""

    LOGIN = "double.click@twice.example.org"
    COMPANY = "Twice Submitted GmbH"

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.addCleanup(self._cleanup)

    def _records(self, env):
        users = (
            env["res.users"]
            .with_context(active_test=False)
            .search([("login", "=", self.LOGIN)])
        )
        partners = (
            env["res.partner"]
            .with_context(active_test=False)
            .search(["|", ("name", "=", self.COMPANY), ("email", "=", self.LOGIN)])
        )
        return users, partners

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            users, partners = self._records(env)
            partners |= users.partner_id
            env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            users.unlink()
            partners.unlink()

    def _signup(self, env):
        return env["res.users"]._b2b_signup(
            {"login": self.LOGIN, "name": "Doris Double", "password": "Twice-Pass-1"},
            {
                "company_name": self.COMPANY,
                "vat": "BE0477472701",
                "company_registry": "",
                "b2b_department": "",
            },
        )

    @mute_logger("odoo.sql_db")
    def test_same_signup_twice_at_once(self):
        def first(env):
            login, _password, _outcome, company = self._signup(env)
            self.assertEqual(login, self.LOGIN)
            self.assertEqual(company.name, self.COMPANY)

        result = race(
            self, self.registry, first, self._signup, (SerializationFailure, UserError)
        )
        self.assertIn(result, ("SerializationFailure", "UserError"))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            # what the second request (or Odoo's retry of it) tells the person
            with self.assertRaisesRegex(UserError, "already registered"):
                self._signup(env)
            users, partners = self._records(env)
            self.assertEqual(len(users), 1, "one user")
            companies = partners.filtered("is_company")
            self.assertEqual(len(companies), 1, "one company request")
            self.assertEqual(companies.b2b_state, "pending")
            self.assertEqual(users.partner_id.parent_id, companies)
            people = partners.filtered(lambda p: not p.is_company)
            self.assertEqual(people, users.partner_id, "no orphan contact")
