"""Groups of companies on the portal: what each scope sees of the orders,
invoices and approvals of the group at depth 1 and 5 (never a parent's or a
sibling's documents), the Company column and filter, the subsidiaries on
``/my/company`` and invitations into them, and access that follows a
subsidiary moved to another parent on the very next request."""

import re
from unittest.mock import patch

from lxml import html

from odoo import http
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.portal.controllers.portal import CustomerPortal

from .buyer_approval_common import ApprovalFixtures
from .common import B2BHttpCommon
from .group_common import GroupFixtures


@tagged("post_install", "-at_install")
class TestGroupPortal(GroupFixtures, ApprovalFixtures, B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_approval_fixtures()
        cls.setup_group_fixtures()
        cls.orders = {}
        cls.invoices = {}
        for key, partner in (
            ("root", cls.group_admin),
            ("north", cls.sub1_admin),
            ("hamburg", cls.subs[2]),
            ("depot", cls.sub5_admin),
            ("depot_user", cls.sub5_user),
            ("south", cls.sibling_admin),
        ):
            cls.orders[key] = cls.group_order(partner, f"PO-{key.upper()}")
            cls.invoices[key] = cls.group_invoice(partner, f"INV-{key.upper()}")

    # ------------------------------------------------------------------
    # helpers
    # ------------------------------------------------------------------
    def seen(self, url, documents):
        """The keys of ``documents`` (orders or invoices) whose number the
        page at ``url`` shows."""
        response = self.url_open(url)
        self.assertEqual(response.status_code, 200, url)
        return {
            key
            for key, document in documents.items()
            if re.search(rf"\b{re.escape(document.name)}\b", response.text)
        }

    def orders_seen(self, url="/my/orders"):
        return self.seen(url, self.orders)

    def invoices_seen(self, url="/my/invoices"):
        return self.seen(url, self.invoices)

    # ------------------------------------------------------------------
    # scopes
    # ------------------------------------------------------------------
    def test_group_scope_of_the_top_company_sees_every_level(self):
        everything = {"root", "north", "hamburg", "depot", "depot_user", "south"}
        self.authenticate("portal_group_admin", "portal_group_admin")
        self.assertEqual(self.orders_seen(), everything)
        self.assertEqual(self.invoices_seen(), everything)
        # a document at depth 1 and one at depth 5 open on their page
        for key in ("north", "depot"):
            page = self.url_open(f"/my/orders/{self.orders[key].id}")
            self.assertEqual(page.status_code, 200)
            self.assertNotIn("/web/login", page.url)
            self.assertIn(self.orders[key].name, page.text)

    def test_group_scope_of_a_subsidiary_sees_its_branch_only(self):
        self.authenticate("portal_sub1_admin", "portal_sub1_admin")
        branch = {"north", "hamburg", "depot", "depot_user"}
        self.assertEqual(self.orders_seen(), branch)
        self.assertEqual(self.invoices_seen(), branch)
        # never the parent's nor a sibling's, not even by their address
        for key in ("root", "south"):
            page = self.url_open(f"/my/orders/{self.orders[key].id}")
            self.assertNotIn(self.orders[key].client_order_ref, page.text)
            page = self.url_open(f"/my/invoices/{self.invoices[key].id}")
            self.assertNotIn(self.invoices[key].ref, page.text)

    def test_company_and_own_scope_at_depth_five(self):
        self.authenticate("portal_sub5_admin", "portal_sub5_admin")
        self.assertEqual(self.orders_seen(), {"depot", "depot_user"})
        self.assertEqual(self.invoices_seen(), {"depot", "depot_user"})
        self.authenticate("portal_sub5_user", "portal_sub5_user")
        self.assertEqual(self.orders_seen(), {"depot_user"})
        self.assertEqual(self.invoices_seen(), {"depot_user"})
        self.authenticate("portal_sibling_admin", "portal_sibling_admin")
        self.assertEqual(self.orders_seen(), {"south"})
        # the company scope of the top company: the company only
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertEqual(self.orders_seen(), {"root"})
        self.assertEqual(self.invoices_seen(), {"root"})

    def test_rpc_reads_follow_the_scope(self):
        Order = self.env["sale.order"]
        orders = Order.browse([o.id for o in self.orders.values()])
        for login, expected in (
            ("portal_sub1_admin", {"north", "hamburg", "depot", "depot_user"}),
            ("portal_sub5_user", {"depot_user"}),
        ):
            user = self.env["res.users"].search([("login", "=", login)])
            found = Order.with_user(user).search([("id", "in", orders.ids)])
            self.assertEqual(
                {k for k, o in self.orders.items() if o in found}, expected, login
            )

    def test_scope_change_and_move_follow_on_the_next_request(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertEqual(self.orders_seen(), {"root"})
        self.admin_a.with_user(self.b2b_back_user).b2b_scope = "group"
        self.assertEqual(len(self.orders_seen()), 6)
        self.authenticate("portal_sub1_admin", "portal_sub1_admin")
        self.assertIn("depot", self.orders_seen())
        # Hamburg (with the depot below it) moves under the south
        self.subs[2].with_user(self.manager).parent_id = self.sibling
        self.assertEqual(self.orders_seen(), {"north"})
        self.authenticate("portal_sibling_admin", "portal_sibling_admin")
        self.assertEqual(self.orders_seen(), {"south"})
        self.sibling_admin.with_user(self.manager).b2b_scope = "group"
        self.assertEqual(
            self.orders_seen(), {"south", "hamburg", "depot", "depot_user"}
        )
        self.authenticate("portal_group_admin", "portal_group_admin")
        self.assertEqual(len(self.orders_seen()), 6)
        # out of the group entirely
        self.subs[2].with_user(self.manager).parent_id = False
        self.assertEqual(self.orders_seen(), {"root", "north", "south"})

    def test_customer_groups_of_the_parent_decide_the_portal_functions(self):
        group = self.env["b2b.customer.group"].create(
            {"name": "Orders only", "perm_view_invoices": False}
        )
        self.company_a.b2b_group_ids = group
        self.authenticate("portal_sub5_admin", "portal_sub5_admin")
        self.assertEqual(self.invoices_seen(), set())
        self.assertEqual(self.orders_seen(), {"depot", "depot_user"})
        self.subs[5].b2b_group_ids = self.env["b2b.customer.group"].create(
            {"name": "Depot"}
        )
        self.assertEqual(self.invoices_seen(), {"depot", "depot_user"})

    def test_non_b2b_customers_keep_odoos_behaviour(self):
        Partner = self.env["res.partner"]
        holding = Partner.create({"name": "Plain Holding", "is_company": True})
        branch = Partner.create(
            {"name": "Plain Branch", "is_company": True, "parent_id": holding.id}
        )
        boss = Partner.create(
            {"name": "Plain Boss", "parent_id": holding.id, "email": "b@p.example"}
        )
        self.env["res.users"].create(
            {
                "login": "plain_boss",
                "password": "plain_boss",
                "partner_id": boss.id,
                "group_ids": [(6, 0, self.env.ref("base.group_portal").ids)],
            }
        )
        order = self.group_order(branch, "PO-PLAIN-BRANCH")
        self.authenticate("plain_boss", "plain_boss")
        self.assertIn(order.name, self.url_open("/my/orders").text)

    # ------------------------------------------------------------------
    # Company column and filter
    # ------------------------------------------------------------------
    def test_company_column_and_filter(self):
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open("/my/orders")
        self.assertIn("o_b2b_company_filter", page.text)
        self.assertIn("o_b2b_company_column", page.text)
        self.assertIn("Alpha Depot", page.text)
        depot = self.subs[5]
        self.assertEqual(
            self.orders_seen(f"/my/orders?company={depot.id}"), {"depot", "depot_user"}
        )
        self.assertEqual(
            self.invoices_seen(f"/my/invoices?company={depot.id}"),
            {"depot", "depot_user"},
        )
        self.assertEqual(
            self.orders_seen(f"/my/orders?company={self.subs[1].id}"), {"north"}
        )
        # a company outside the group filters to nothing
        self.assertEqual(
            self.orders_seen(f"/my/orders?company={self.company_b.id}"), set()
        )
        self.assertEqual(self.orders_seen("/my/orders?company=abc"), set(self.orders))
        # the quotations too
        quote = self.group_order(self.sub5_user, "PO-QUOTE", confirm=False)
        page = self.url_open(f"/my/quotes?company={depot.id}")
        self.assertIn(quote.name, page.text)
        self.assertIn("o_b2b_company_column", page.text)
        page = self.url_open(f"/my/quotes?company={self.sibling.id}")
        self.assertNotIn(quote.name, page.text)

    def test_no_company_filter_without_the_group(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/orders")
        self.assertNotIn("o_b2b_company_filter", page.text)
        self.assertNotIn("o_b2b_company_column", page.text)
        # a filter in the address changes nothing for them
        self.assertEqual(
            self.orders_seen(f"/my/orders?company={self.subs[5].id}"), {"root"}
        )
        self.authenticate("portal_sub5_admin", "portal_sub5_admin")
        self.assertNotIn("o_b2b_company_filter", self.url_open("/my/invoices").text)

    @patch.object(CustomerPortal, "_items_per_page", 2)
    def test_filter_kept_on_the_next_pages(self):
        self.group_order(self.sub5_user, "PO-PAGE")
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open(f"/my/orders?company={self.subs[5].id}")
        self.assertIn("/my/orders/page/2?", page.text)
        self.assertIn(f"company={self.subs[5].id}", page.text)

    # ------------------------------------------------------------------
    # approvals
    # ------------------------------------------------------------------
    def group_approval_rule(self):
        """A rule of company_a for its whole group: every order over 10."""
        return self.env["b2b.approval.rule"].create(
            {
                "partner_id": self.company_a.id,
                "name": "Group approval",
                "amount_threshold": 10,
                "for_group": True,
            }
        )

    def test_approvals_of_the_group(self):
        self.group_approval_rule()
        order = self.quotation(self.sub5_user, 100)
        self.accept(order, self.sub5_user)
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open("/my/approvals")
        self.assertIn(order.name, page.text)
        self.assertIn("Alpha Depot", page.text)
        self.assertIn(
            order.name, self.url_open(f"/my/approvals?company={self.subs[5].id}").text
        )
        self.assertNotIn(
            order.name, self.url_open(f"/my/approvals?company={self.sibling.id}").text
        )
        # an administrator of another branch is neither asked nor shown it
        self.authenticate("portal_sibling_admin", "portal_sibling_admin")
        self.assertNotIn(order.name, self.url_open("/my/approvals").text)
        with mute_logger("odoo.http"):
            response = self.url_open(
                f"/my/approvals/{order.id}/approve",
                data={"csrf_token": http.Request.csrf_token(self)},
                allow_redirects=False,
            )
        self.assertEqual(response.status_code, 404)
        # the parent's administrator (company scope) decides it
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = self.url_open("/my/approvals")
        self.assertIn(order.name, page.text)
        self.assertNotIn(f'href="/my/orders/{order.id}"', page.text)
        response = self.url_open(
            f"/my/approvals/{order.id}/approve",
            data={"csrf_token": http.Request.csrf_token(self)},
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(order.state, "sale")

    def test_bulk_approval_of_the_group(self):
        """The subsidiary's order the page offers with a checkbox is decided
        in bulk as it is alone (#25: the bulk route answered 404)."""
        self.group_approval_rule()
        depot = self.quotation(self.sub5_user, 100)
        self.accept(depot, self.sub5_user)
        own = self.waiting(1, approvers=self.admin_a)
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = html.fromstring(self.url_open("/my/approvals").text)
        offered = page.xpath("//input[@name='order_ids']/@value")
        self.assertEqual(sorted(offered), sorted(map(str, (depot | own).ids)))
        response = self.url_open(
            "/my/approvals/bulk/approve",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "order_ids": [str(depot.id), str(own.id)],
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertIn("Orders approved: 2", response.text)
        self.assertEqual((depot | own).mapped("state"), ["sale", "sale"])
        # an administrator of another branch is refused the same orders
        other = self.quotation(self.sub5_user, 100)
        self.accept(other, self.sub5_user)
        self.authenticate("portal_sibling_admin", "portal_sibling_admin")
        with mute_logger("odoo.http"):
            response = self.url_open(
                "/my/approvals/bulk/approve",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "order_ids": [str(other.id)],
                },
            )
        self.assertEqual(response.status_code, 404)
        self.assertEqual(other.b2b_approval_state, "waiting")

    # ------------------------------------------------------------------
    # /my/company
    # ------------------------------------------------------------------
    def test_company_page_lists_subsidiaries_and_invites_into_them(self):
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open("/my/company")
        self.assertEqual(page.status_code, 200)
        for company in (self.subs[1], self.subs[5], self.sibling):
            self.assertIn(f'data-company-id="{company.id}"', page.text)
        self.assertIn("Dora Depot", page.text)
        self.assertIn("Sven South", page.text)
        response = self.url_open(
            "/my/company/invite",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "name": "Ines Invited",
                "email": "ines@depot.example.com",
                "b2b_role": "user",
                "company_id": str(self.subs[5].id),
            },
        )
        self.assertEqual(response.status_code, 200)
        invited = self.env["res.partner"].search(
            [("email", "=", "ines@depot.example.com")]
        )
        self.assertEqual(invited.parent_id, self.subs[5])
        self.assertEqual(invited.b2b_scope, "own")
        self.assertTrue(invited.user_ids)

    @mute_logger("odoo.http")
    def test_invitations_stay_in_the_group(self):
        def invite(company):
            return self.url_open(
                "/my/company/invite",
                data={
                    "csrf_token": http.Request.csrf_token(self),
                    "name": "Eve Elsewhere",
                    "email": f"eve{company.id}@elsewhere.example.com",
                    "b2b_role": "admin",
                    "company_id": str(company.id),
                },
                allow_redirects=False,
            )

        self.authenticate("portal_sub1_admin", "portal_sub1_admin")
        self.assertIn(invite(self.subs[4]).status_code, (200, 303))
        for company in (self.company_a, self.sibling, self.company_b):
            self.assertEqual(invite(company).status_code, 404, company.name)
        # an administrator who does not see the group invites into its own
        # company only
        self.authenticate("portal_admin_a", "portal_admin_a")
        self.assertNotIn("o_b2b_subsidiaries", self.url_open("/my/company").text)
        self.assertEqual(invite(self.subs[1]).status_code, 404)
        # the only one invited, among the companies of the test
        companies = self.company_a._b2b_group_companies() | self.company_b
        invited = self.env["res.partner"].search(
            [("email", "=like", "eve%"), ("parent_id", "in", companies.ids)]
        )
        self.assertEqual(invited.parent_id, self.subs[4])

    def test_group_administrator_gives_the_group_on_the_portal(self):
        self.authenticate("portal_group_admin", "portal_group_admin")
        page = self.url_open("/my/company")
        self.assertIn('value="group"', page.text)
        response = self.url_open(
            f"/my/company/{self.user_a.id}/role",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "b2b_role": "viewer",
                "b2b_scope": "group",
            },
        )
        self.assertEqual(response.status_code, 200)
        self.assertEqual(
            (self.user_a.b2b_role, self.user_a.b2b_scope), ("viewer", "group")
        )
        # an administrator of the company alone is refused with a message
        self.authenticate("portal_admin_a", "portal_admin_a")
        page = html.fromstring(self.url_open("/my/company").text)
        scopes = page.xpath(
            f"//form[@action='/my/company/{self.admin_a2.id}/role']"
            "//select[@name='b2b_scope']/option/@value"
        )
        self.assertEqual(scopes, ["own", "company"])
        response = self.url_open(
            f"/my/company/{self.admin_a2.id}/role",
            data={
                "csrf_token": http.Request.csrf_token(self),
                "b2b_role": "admin",
                "b2b_scope": "group",
            },
        )
        self.assertIn("Only an administrator who sees the group", response.text)
        self.assertEqual(self.admin_a2.b2b_scope, "company")

    def test_tour_filter_orders_and_invite_into_a_subsidiary(self):
        self.start_tour("/my/orders", "b2b_group_tour", login="portal_group_admin")
        invited = self.env["res.partner"].search(
            [("email", "=", "theo@depot.example.com")]
        )
        self.assertEqual(invited.parent_id, self.subs[5])
        self.assertEqual(invited.b2b_role, "user")
