"""What a portal user sees follows every change on the very next request:
becoming B2B, approval, rejection, suspension and reactivation, role changes,
moving to another company, customer groups granting or withdrawing a portal
function, removal from the company. Each change is made by the back office
between two requests of the same portal session; Odoo caches rule domains
per user, so a rule that froze the user's data would show the old answer."""

import re

from odoo import Command
from odoo.tests import new_test_user, tagged

from .common import B2BCommon, B2BHttpCommon


@tagged("post_install", "-at_install")
class TestAccessFollowsChanges(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        cls.product = env["product.product"].create({"name": "Crate", "list_price": 5})
        cls.gamma = Partner.create(
            {
                "name": "Gamma Tools",
                "is_company": True,
                "email": "info@gamma.example.com",
                "country_id": env.ref("base.be").id,
            }
        )
        cls.gina = cls._contact(cls.gamma, "Gina Admin", "admin", "access_gina")
        cls.gus = cls._contact(cls.gamma, "Gus User", "user", "access_gus")
        cls.delta = Partner.create(
            {
                "name": "Delta Supplies",
                "is_company": True,
                "email": "info@delta.example.com",
                "country_id": env.ref("base.be").id,
            }
        )
        cls.delta.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        cls.dora = cls._contact(cls.delta, "Dora Delta", "admin", "access_dora")
        cls.order_gina = cls._order(cls.gina)
        cls.order_gus = cls._order(cls.gus)
        cls.order_dora = cls._order(cls.dora)
        cls.orders = cls.order_gina | cls.order_gus | cls.order_dora

    @classmethod
    def _contact(cls, company, name, role, login):
        contact = cls.env["res.partner"].create(
            {
                "name": name,
                "parent_id": company.id,
                "email": f"{login}@example.com",
                "b2b_role": role,
            }
        )
        new_test_user(
            cls.env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=contact.id,
            name=name,
            email=contact.email,
        )
        return contact

    @classmethod
    def _order(cls, partner):
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": cls.product.id})],
            }
        )
        order.action_confirm()
        return order

    def _seen(self, url="/my/orders"):
        """The fixture orders the current session sees on ``url``; None when
        the request is sent to the login page."""
        response = self.url_open(url)
        if "/web/login" in response.url:
            return None
        return self.orders.filtered(
            lambda o: re.search(rf"\b{re.escape(o.name)}\b", response.text)
        )

    def _approve_gamma(self):
        self.gamma.is_b2b = True
        self.gamma.with_user(self.manager).action_b2b_approve()

    def test_becoming_b2b_and_approval(self):
        self.authenticate("access_gus", "access_gus")
        both = self.order_gina | self.order_gus
        self.assertEqual(self._seen(), both, "Odoo's rule before the company is B2B")
        self.gamma.is_b2b = True  # pending: the company roles apply
        self.assertEqual(self._seen(), self.order_gus)
        self.gamma.with_user(self.manager).action_b2b_approve()
        self.assertEqual(self._seen(), self.order_gus)
        self.authenticate("access_gina", "access_gina")
        self.assertEqual(self._seen(), both)

    def test_rejection(self):
        self._approve_gamma()
        self.authenticate("access_gus", "access_gus")
        self.assertEqual(self._seen(), self.order_gus)
        self.gamma.sudo()._b2b_transition("reject", message="No")
        self.assertEqual(self._seen(), self.order_gus)
        self.authenticate("access_gina", "access_gina")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)

    def test_suspension_and_reactivation(self):
        self._approve_gamma()
        self.authenticate("access_gina", "access_gina")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        self.gamma.with_user(self.manager).action_b2b_suspend()
        self.assertIsNone(self._seen(), "the suspension ends the session")
        self.gamma.with_user(self.manager).action_b2b_reactivate()
        self.authenticate("access_gina", "access_gina")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)

    def test_role_change_both_ways(self):
        self._approve_gamma()
        self.authenticate("access_gus", "access_gus")
        self.assertEqual(self._seen(), self.order_gus)
        self.gus.b2b_role = "admin"
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        self.gus.b2b_role = "user"
        self.assertEqual(self._seen(), self.order_gus)

    def test_approver_and_viewer_roles(self):
        """Approvers and viewers see every order and invoice of their company
        (never another's), from the next request on, both ways."""
        self._approve_gamma()
        self.authenticate("access_gus", "access_gus")
        for role in ("approver", "viewer"):
            with self.subTest(role=role):
                self.gus.b2b_role = role
                self.assertEqual(self._seen(), self.order_gina | self.order_gus)
                self.gus.b2b_role = "user"
                self.assertEqual(self._seen(), self.order_gus)

    def test_contact_moves_to_another_company(self):
        self._approve_gamma()
        self.gus.b2b_role = "admin"
        self.authenticate("access_gus", "access_gus")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        self.gus.parent_id = self.delta
        # the order placed for Gus stays his own; Gamma's other order is gone,
        # Delta's orders come with the new company
        self.assertEqual(self._seen(), self.order_gus | self.order_dora)
        self.gus.parent_id = self.gamma
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)

    def test_contact_moves_out_of_a_non_b2b_company(self):
        self.authenticate("access_gus", "access_gus")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        self.gus.parent_id = self.delta
        self.gus.b2b_role = "user"
        self.assertEqual(self._seen(), self.order_gus)

    def test_customer_group_grants_and_withdraws(self):
        self._approve_gamma()
        group = self.env["b2b.customer.group"].create(
            {"name": "Catalogue only", "perm_view_orders": False}
        )
        self.authenticate("access_gina", "access_gina")
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        self.gamma.b2b_group_ids = group
        self.assertFalse(self._seen())
        group.perm_view_orders = True
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        group.perm_view_orders = False
        self.assertFalse(self._seen())
        group.action_archive()  # no active group: the defaults apply
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)
        group.action_unarchive()
        self.gamma.b2b_perm_view_orders = "allow"  # the company's own setting wins
        self.assertEqual(self._seen(), self.order_gina | self.order_gus)

    def test_group_withdrawing_online_confirmation(self):
        """The accept button and the accept route follow the company's
        "Confirm Quotations Online" function on the next request (the
        portal's order routes run as the superuser: the customer decides)."""
        self._approve_gamma()
        order = self.env["sale.order"].create(
            {
                "partner_id": self.gina.id,
                "require_signature": True,
                "order_line": [Command.create({"product_id": self.product.id})],
            }
        )
        order.action_quotation_sent()
        self.authenticate("access_gina", "access_gina")
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertIn('data-bs-target="#modalaccept"', page.text)
        group = self.env["b2b.customer.group"].create(
            {"name": "Quotes by phone", "perm_confirm_orders": False}
        )
        self.gamma.b2b_group_ids = group
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertNotIn('data-bs-target="#modalaccept"', page.text)
        result = self.make_jsonrpc_request(
            f"/my/orders/{order.id}/accept",
            {
                "name": "Gina Admin",
                "signature": "R0lGODlhAQABAIAAAP///wAAACwAAAAAAQABAAACAkQBADs=",
            },
        )
        self.assertIn("error", result)
        self.assertFalse(order.signed_on)
        group.perm_confirm_orders = True
        page = self.url_open(f"/my/orders/{order.id}")
        self.assertIn('data-bs-target="#modalaccept"', page.text)

    def test_rule_follows_portal_or_internal_at_once(self):
        """The company-role and assortment rules name their field for portal
        users only (``... if user.share else []``, so that Odoo's own tests,
        run by internal users while the registry is loaded without the
        module, never meet them); the branch's only input is ``share``: Odoo
        clears its cache of rule domains on every change of groups (a user's
        or a group's implied groups), and the module keys that cache on
        ``share`` as well (ir_rule.py); the next query sees a change, both
        ways."""
        user = self.gus.user_ids
        Rule = self.env["ir.rule"]

        def names_the_field():
            # every global rule of the module that names one of its fields
            # (an internal user's domain must not: Odoo's own tests run as
            # internal users while the registry is loaded without the module)
            names = (
                ("sale.order", "b2b_portal_visible"),
                ("account.move", "b2b_portal_visible"),
                ("product.template", "b2b_assortment_allowed"),
                ("product.product", "b2b_assortment_allowed"),
            )
            found = {
                field in str(Rule.with_user(user)._compute_domain(model, "read"))
                for model, field in names
            }
            self.assertEqual(len(found), 1, "all four rules decide alike")
            return found.pop()

        self.assertTrue(names_the_field())
        user.group_ids = self.env.ref("base.group_user")
        self.assertFalse(user.share)
        self.assertFalse(names_the_field())
        user.group_ids = self.env.ref("base.group_portal")
        self.assertTrue(user.share)
        self.assertTrue(names_the_field())
        # ``share`` also changes without the user being written: a group no
        # longer implying "Internal User" (Odoo clears its caches then)
        staff = self.env["res.groups"].create(
            {
                "name": "B2B test: staff by implication",
                "implied_ids": [Command.link(self.env.ref("base.group_user").id)],
            }
        )
        user.group_ids = staff
        self.assertFalse(user.share)
        self.assertFalse(names_the_field())
        staff.implied_ids = [Command.unlink(self.env.ref("base.group_user").id)]
        self.assertTrue(user.share)
        self.assertTrue(names_the_field())
        staff.implied_ids = [Command.link(self.env.ref("base.group_user").id)]
        self.assertFalse(user.share)
        self.assertFalse(names_the_field())

    def test_removed_colleague_is_logged_out(self):
        self._approve_gamma()
        self.authenticate("access_gus", "access_gus")
        self.assertEqual(self._seen(), self.order_gus)
        self.gus.sudo()._b2b_remove_colleague(remover=self.gina.user_ids)
        self.assertIsNone(self._seen())
        self.assertFalse(self.gus.active)
        self.assertTrue(self.order_gus.exists())


@tagged("post_install", "-at_install")
class TestPortalListQueries(B2BHttpCommon):
    """`/my/orders` and `/my/invoices` of a B2B administrator and of a B2B
    user cost at most 2 queries more than Odoo's own pages for a plain
    customer: a contact of a company that is not B2B, with as many
    colleagues and documents (Odoo's own rule resolves the company's contacts
    level by level, whoever asks)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        env = cls.env
        Partner = env["res.partner"]
        plain_company = Partner.create(
            {"name": "Plain Company", "is_company": True, "email": "plain@co.example"}
        )
        cls.plain_contact = Partner.create(
            {
                "name": "Pia Plain",
                "parent_id": plain_company.id,
                "email": "pia@co.example",
            }
        )
        plain_colleague = Partner.create(
            {
                "name": "Pit Plain",
                "parent_id": plain_company.id,
                "email": "pit@co.example",
            }
        )
        new_test_user(
            env,
            login="plain_company_contact",
            password="plain_company_contact",
            groups="base.group_portal",
            partner_id=cls.plain_contact.id,
            name=cls.plain_contact.name,
            email=cls.plain_contact.email,
        )
        product = env["product.product"].create({"name": "Crate", "list_price": 5})
        journal = env["account.journal"].create(
            {"name": "B2B Sales", "code": "B2BQ", "type": "sale"}
        )
        for partner in (cls.admin_a, cls.user_a, cls.plain_contact, plain_colleague):
            orders = env["sale.order"].create(
                [
                    {
                        "partner_id": partner.id,
                        "order_line": [Command.create({"product_id": product.id})],
                    }
                    for _i in range(12)
                ]
            )
            orders.action_confirm()
            moves = env["account.move"].create(
                [
                    {
                        "move_type": "out_invoice",
                        "partner_id": partner.id,
                        "journal_id": journal.id,
                    }
                    for _i in range(12)
                ]
            )
            # posting needs a chart of accounts; the pages look at the state
            env.cr.execute(
                "UPDATE account_move SET state = 'posted', name = 'INV/Q/' || id"
                " WHERE id = ANY(%s)",
                [moves.ids],
            )
        env.invalidate_all()

    def _queries(self, login, url):
        self.authenticate(login, login)
        self.url_open(url)  # warm the caches
        before = self.cr.sql_log_count
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200)
        return self.cr.sql_log_count - before

    def test_orders_and_invoices_pages(self):
        # the documents each contact sees: at most 2 queries more than Odoo's
        # list; measured without the invoice selection of those who pay
        # invoices (its own bound below)
        self.company_a.b2b_perm_pay_invoices = "deny"
        for url in ("/my/orders", "/my/invoices"):
            native = self._queries("plain_company_contact", url)
            for login in ("portal_admin_a", "portal_user_a"):
                used = self._queries(login, url)
                self.assertLessEqual(
                    used, native + 2, f"{url} as {login}: {used} vs {native} queries"
                )
        # an administrator who pays invoices: the selection (who may pay,
        # which invoices are open, their amounts) costs at most 4 more,
        # whatever the page holds (tests/test_invoicing_http.py)
        without = self._queries("portal_admin_a", "/my/invoices")
        self.company_a.b2b_perm_pay_invoices = False
        with_selection = self._queries("portal_admin_a", "/my/invoices")
        self.assertLessEqual(with_selection, without + 4)


@tagged("post_install", "-at_install")
class TestResellerRulesFollowAMove(B2BCommon):
    """The reseller rules name ``user.commercial_partner_id`` (evaluated in
    Python, cached by Odoo per user): a contact moved to another reseller
    reads the new reseller's tags and orders at the next query, with no
    cache cleared by hand (``ir.rule`` keys its cache on the commercial
    partner)."""

    def test_contact_moved_to_another_reseller(self):
        Tag = self.env["b2b.reseller.tag"]
        first = Tag.create({"name": "First's tag", "reseller_id": self.reseller.id})
        second = Tag.create({"name": "Second's tag", "reseller_id": self.reseller_2.id})
        # the reseller keeps an administrator when Rita leaves
        self.env["res.partner"].create(
            {
                "name": "Other Admin",
                "parent_id": self.reseller.id,
                "email": "other.admin@resello.example.com",
                "b2b_role": "admin",
            }
        )
        as_rita = Tag.with_user(self.portal_reseller)
        self.assertEqual(as_rita.search([("id", "in", (first | second).ids)]), first)
        self.reseller_contact.parent_id = self.reseller_2
        self.env.flush_all()
        self.assertEqual(as_rita.search([("id", "in", (first | second).ids)]), second)
        self.reseller_contact.parent_id = self.reseller
        self.env.flush_all()
        self.assertEqual(as_rita.search([("id", "in", (first | second).ids)]), first)
