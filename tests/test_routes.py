"""Every HTTP route the module declares, walked for every portal actor with
foreign, archived, missing and non-numeric ids, without CSRF token and
anonymously. The list of routes is read from the controllers, so a new route
is covered (or fails ``test_every_route_is_walked``) without editing this file.
"""

import importlib
import inspect
import pkgutil
import re

from odoo import Command, http
from odoo.tests import tagged
from odoo.tools import mute_logger

from odoo.addons.b2b_customer import controllers

from . import access_matrix as matrix
from .common import B2BHttpCommon

#: route paths that take no id and no token: nothing foreign to pass them
NO_ID_ROUTES = {
    "/payment/b2b/process",
    "/b2b/directory",
    "/my/b2b",
    "/my/b2b/request",
    "/my/b2b/verify",
    "/my/company",
    "/my/company/invite",
    "/my/customers",
    "/my/customers/new",
    "/my/customers/tag",
    "/my/customers/<any(archive,unarchive):action>",
    "/my/address/b2b_default_delivery",
    "/my/quick-order",
    "/my/requisition-lists",
    "/my/approvals",
    "/my/approvals/bulk/<any(approve,reject):decision>",
    "/my/company/approval-rules",
    "/my/company/budgets",
    "/my/quotes/request",
    "/my/company/assistance",
    "/my/assist/end",
    # a token, not an id: tests/test_assistance_session.py
    "/b2b/assist/<string:token>",
    # the ids in the form: checked by the model, refusals shown on the page
    # (tests/test_invoicing_http.py)
    "/my/invoices/pay",
    "/my/statement",
}

#: JSON-RPC routes of Odoo's payment form (no CSRF token, as Odoo's own
#: transaction routes; walked in tests/test_invoicing_http.py)
JSONRPC_ROUTES = {"/my/invoices/pay/transaction/<string:selection>"}


def module_routes():
    """(path, methods, auth) of every route declared in controllers/."""
    routes = set()
    modules = [
        importlib.import_module(info.name)
        for info in pkgutil.walk_packages(
            controllers.__path__, controllers.__name__ + "."
        )
    ]
    for module in modules:
        for _cls_name, cls in inspect.getmembers(module, inspect.isclass):
            if (
                not issubclass(cls, http.Controller)
                or cls.__module__ != module.__name__
            ):
                continue
            for attr in vars(cls).values():
                routing = getattr(attr, "original_routing", None)
                if not routing or "routes" not in routing:
                    continue
                paths = routing["routes"]
                paths = [paths] if isinstance(paths, str) else paths
                for path in paths:
                    routes.add(
                        (
                            path,
                            tuple(routing.get("methods") or ("GET", "POST")),
                            routing.get("auth", "user"),
                        )
                    )
    return routes


def fill(path, **values):
    """``path`` with each ``<converter:name>`` replaced by ``values[name]``
    (or the converter's first choice for ``any(...)``)."""

    def replace(match):
        converter, name = match.group(1), match.group(2)
        if name in values:
            return str(values[name])
        choices = re.match(r"any\(([^,)]+)", converter)
        return choices.group(1) if choices else "1"

    return re.sub(r"<([^:>]+(?:\([^)]*\))?):(\w+)>", replace, path)


@tagged("post_install", "-at_install")
class TestB2BRoutes(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        Partner = cls.env["res.partner"]
        cls.routes = module_routes()
        # what belongs to a company and a reseller none of the actors is in
        company_c = Partner.create(
            {"name": "Charlie Secret Company", "is_company": True}
        )
        reseller_c = Partner.create(
            {"name": "Third Secret Reseller", "is_company": True}
        )
        (company_c | reseller_c).sudo().write({"is_b2b": True, "b2b_state": "approved"})
        cls.foreign_company = company_c
        reseller_c.is_reseller = True
        cls.foreign_colleague = Partner.create(
            {
                "name": "Foreign Colleague Secret",
                "parent_id": company_c.id,
                "email": "colleague@charlie.example.com",
                "b2b_role": "admin",
            }
        )
        cls.foreign_joiner = Partner.create(
            {
                "name": "Foreign Joiner Secret",
                "email": "joiner@charlie.example.com",
                "b2b_join_company_id": company_c.id,
            }
        )
        cls.foreign_customer = Partner.create(
            {
                "name": "Foreign End Customer Secret",
                "is_company": True,
                "email": "secret@other.example.com",
                "b2b_reseller_id": reseller_c.id,
            }
        )
        cls.foreign_address = Partner.create(
            {
                "name": "Foreign Depot Secret",
                "type": "delivery",
                "parent_id": cls.foreign_customer.id,
                "city": "Secretville",
            }
        )
        cls.foreign_order = cls.env["sale.order"].create(
            {"partner_id": cls.foreign_colleague.id, "client_order_ref": "Secret PO"}
        )
        cls.foreign_list = cls.env["b2b.requisition.list"].create(
            {"name": "Foreign List Secret", "partner_id": cls.foreign_colleague.id}
        )
        cls.archived_customer = Partner.create(
            {
                "name": "Archived Other Customer Secret",
                "is_company": True,
                "b2b_reseller_id": reseller_c.id,
                "active": False,
            }
        )
        # buyer approvals of that company: its order waits for its
        # approver; a rule and a budget
        cls.foreign_order.write(
            {
                "b2b_approval_state": "waiting",
                "b2b_approval_ids": [
                    Command.create(
                        {
                            "reason": "Secret rule",
                            "candidate_ids": [Command.set(cls.foreign_colleague.ids)],
                        }
                    )
                ],
            }
        )
        cls.foreign_rule = cls.env["b2b.approval.rule"].create(
            {"partner_id": company_c.id, "name": "Secret Rule Charlie"}
        )
        cls.foreign_budget = cls.env["b2b.budget"].create(
            {"partner_id": company_c.id, "period": "month", "amount": 1000}
        )
        cls.foreign_assistance = cls.env["b2b.assistance.session"].create(
            {
                "staff_user_id": cls.manager.id,
                "contact_id": cls.foreign_colleague.id,
                "user_id": cls.manager.id,
                "company_id": company_c.id,
            }
        )
        #: routes taking the id in the form: field -> foreign record
        cls.body_ids = {
            "/my/address/b2b_default_delivery": ("partner_id", cls.foreign_address),
            "/my/customers/tag": ("customer_ids", cls.foreign_customer),
            "/my/approvals/bulk/approve": ("order_ids", cls.foreign_order),
            "/my/approvals/bulk/reject": ("order_ids", cls.foreign_order),
            "/my/company/invite": ("company_id", cls.foreign_company),
            "/my/quotes/request": ("customer_id", cls.foreign_customer),
        }
        cls.actors = {actor: matrix.LOGINS[actor] for actor in matrix.PORTAL}

    def id_variants(self, path):
        """(label, values, secret) to fill ``path`` with: ids of records the
        actor must not reach, and the text that must not leak."""
        foreign = {
            "partner_id": self.foreign_colleague,
            "person_id": self.foreign_joiner,
            "customer_id": self.foreign_customer,
            "address_id": self.foreign_address,
            "order_id": self.foreign_order,
            "list_id": self.foreign_list,
            "rule_id": self.foreign_rule,
            "budget_id": self.foreign_budget,
            "session_id": self.foreign_assistance,
        }
        names = re.findall(r"<[^:>]+(?:\([^)]*\))?:(\w+)>", path)
        id_names = [name for name in names if name in foreign]
        if not id_names:
            return []
        variants = [
            (
                "foreign",
                {name: foreign[name].id for name in id_names},
                [foreign[name].display_name for name in id_names]
                + [foreign[name].name for name in id_names if "name" in foreign[name]],
            ),
            ("missing", dict.fromkeys(id_names, 99999999), []),
            ("non-numeric", dict.fromkeys(id_names, "abc"), []),
        ]
        if "customer_id" in id_names:
            values = {name: foreign[name].id for name in id_names}
            values["customer_id"] = self.archived_customer.id
            variants.append(("archived", values, [self.archived_customer.name]))
        return variants

    def snapshot(self):
        """What a refused call must leave untouched."""
        self.env.invalidate_all()
        records = (
            self.foreign_colleague
            | self.foreign_joiner
            | self.foreign_customer
            | self.foreign_address
            | self.archived_customer
        ).with_context(active_test=False)
        return (
            [
                (r.name, r.active, r.b2b_role, r.parent_id.id, r.b2b_reseller_id.id)
                for r in records
            ]
            + [
                (
                    self.foreign_list.exists().name,
                    self.env["sale.order"].search_count(
                        [("b2b_portal_order", "=", True)]
                    ),
                )
            ]
            + [
                (
                    self.foreign_joiner.b2b_join_company_id.id,
                    self.foreign_customer.b2b_reseller_tag_ids.ids,
                    self.foreign_customer.commercial_partner_id.b2b_default_delivery_id.id,
                )
            ]
            + [
                (
                    self.foreign_order.state,
                    self.foreign_order.b2b_approval_state,
                    self.foreign_order.b2b_approval_ids.mapped("state"),
                    self.foreign_rule.active,
                    self.foreign_budget.exists().amount,
                )
            ]
        )

    def test_every_route_is_walked(self):
        for path, _methods, _auth in self.routes:
            with self.subTest(path=path):
                self.assertTrue(
                    path in NO_ID_ROUTES
                    or path in JSONRPC_ROUTES
                    or path.startswith("/b2b/directory/page/")
                    or path.startswith("/b2b/verify/")
                    or path.startswith("/my/customers/page/")
                    or path.startswith("/my/approvals/page/")
                    or path.startswith("/my/company/page/")
                    or self.id_variants(path),
                    "a new route: give it foreign ids in id_variants()",
                )

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_rule")
    def test_foreign_ids_refused_for_every_actor(self):
        before = self.snapshot()
        for actor, login in self.actors.items():
            self.authenticate(login, login)
            for path, methods, _auth in sorted(self.routes):
                for label, values, secrets in self.id_variants(path):
                    url = fill(path, **values)
                    for method in methods:
                        with self.subTest(actor=actor, url=url, method=method):
                            if method == "GET":
                                response = self.url_open(url, allow_redirects=False)
                            else:
                                response = self.url_open(
                                    url,
                                    data={
                                        "csrf_token": http.Request.csrf_token(self),
                                        "role": "admin",
                                        "name": "Hijacked",
                                        "email": "hijack@evil.example.com",
                                        "tag_name": "Hijacked",
                                    },
                                    allow_redirects=False,
                                )
                            self.assertIn(response.status_code, (403, 404), label)
                            for secret in secrets:
                                self.assertNotIn(secret, response.text)
            for path, (field, record) in self.body_ids.items():
                with self.subTest(actor=actor, url=path, field=field):
                    response = self.url_open(
                        path,
                        data={
                            "csrf_token": http.Request.csrf_token(self),
                            field: str(record.id),
                            "tag_name": "Hijacked",
                        },
                        allow_redirects=False,
                    )
                    self.assertIn(response.status_code, (403, 404))
                    self.assertNotIn(record.name, response.text)
        self.assertEqual(self.snapshot(), before)

    @mute_logger("odoo.http")
    def test_post_routes_need_a_csrf_token(self):
        own = {
            "partner_id": self.user_a.id,
            "person_id": self.foreign_joiner.id,
            "customer_id": self.end_customer.id,
            "address_id": self.end_customer.id,
        }
        before = self.snapshot()
        for login in ("portal_admin_a", "portal_reseller"):
            self.authenticate(login, login)
            for path, methods, _auth in sorted(self.routes):
                if "POST" not in methods or path in JSONRPC_ROUTES:
                    continue
                url = fill(path, **own)
                with self.subTest(login=login, url=url):
                    response = self.url_open(
                        url,
                        data={"name": "No Token", "role": "admin"},
                        allow_redirects=False,
                    )
                    self.assertEqual(response.status_code, 400)
        self.assertEqual(self.snapshot(), before)
        self.env.invalidate_all()
        self.assertEqual(self.user_a.b2b_role, "user")

    @mute_logger("odoo.http")
    def test_anonymous_sent_to_login(self):
        self.authenticate(None, None)
        for path, methods, auth in sorted(self.routes):
            if auth != "user" or path in JSONRPC_ROUTES:
                continue
            url = fill(
                path, partner_id=self.user_a.id, customer_id=self.end_customer.id
            )
            with self.subTest(url=url):
                if "GET" in methods:
                    response = self.url_open(url, allow_redirects=False)
                    self.assertEqual(response.status_code, 303)
                    self.assertIn("/web/login", response.headers["Location"])
                else:
                    response = self.url_open(
                        url, data={"name": "Anonymous"}, allow_redirects=False
                    )
                    self.assertIn(response.status_code, (303, 400, 403))
                    self.assertNotIn("Alpha Trading", response.text)
