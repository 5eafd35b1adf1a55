"""The access matrix over RPC: what a portal user reads and writes through
Odoo's JSON-RPC, as a browser or an integration would (see access_matrix.py)."""

from odoo import fields
from odoo.tests import tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from . import access_matrix as matrix
from .common import B2BHttpCommon
from .test_access_matrix import OPERATIONS, REFUSALS


@tagged("post_install", "-at_install")
class TestB2BAccessOverRpc(B2BHttpCommon):
    """The same refusals through Odoo's JSON-RPC endpoint, as a portal user's
    browser (or script) would send them."""

    def _call(self, model, method, args, kwargs=None):
        return self.make_jsonrpc_request(
            f"/web/dataset/call_kw/{model}/{method}",
            {"model": model, "method": method, "args": args, "kwargs": kwargs or {}},
        )

    @mute_logger(
        "odoo.http",
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
    )
    def test_portal_actors_refused_over_rpc(self):
        request = self.env["res.partner"].create(
            {"name": "RPC Request", "is_company": True, "is_b2b": True}
        )
        logins = ("portal_plain", "portal_user_a", "portal_admin_a", "portal_reseller")
        for login in logins:
            self.authenticate(login, login)
            own = self.env["res.users"].search([("login", "=", login)]).partner_id
            calls = [
                (
                    "res.partner",
                    "write",
                    [[own.commercial_partner_id.id], {"b2b_state": "approved"}],
                ),
                ("res.partner", "write", [[own.id], {"b2b_role": "admin"}]),
                (
                    "res.partner",
                    "write",
                    [[own.commercial_partner_id.id], {"is_reseller": True}],
                ),
                (
                    "res.partner",
                    "write",
                    [[self.end_customer.id], {"b2b_reseller_id": False}],
                ),
                ("res.partner", "action_b2b_approve", [[request.id]]),
                ("res.partner", "action_b2b_send_credentials", [[self.user_a.id]]),
                (
                    "res.partner",
                    "b2b_sync_addresses",
                    [[own.commercial_partner_id.id], []],
                ),
                ("b2b.customer.group", "create", [{"name": "Mine"}]),
                (
                    "b2b.reseller.tag",
                    "create",
                    [{"name": "Mine", "reseller_id": self.reseller.id}],
                ),
                (
                    "b2b.review.wizard",
                    "create",
                    [{"partner_ids": [(6, 0, request.ids)]}],
                ),
                ("res.partner", "unlink", [[own.id]]),
            ]
            for model, method, args in calls:
                with self.subTest(login=login, model=model, method=method):
                    with self.assertRaises(JsonRpcException):
                        self._call(model, method, args)
        self.env.invalidate_all()
        self.assertEqual(request.b2b_state, "pending")
        self.assertEqual(self.end_customer.b2b_reseller_id, self.reseller)
        self.assertFalse(self.env["b2b.customer.group"].search([("name", "=", "Mine")]))

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
    def test_anonymous_refused_over_rpc(self):
        self.authenticate(None, None)
        with self.assertRaises(JsonRpcException):
            self._call("res.partner", "action_b2b_approve", [[self.company_b.id]])
        with self.assertRaises(JsonRpcException):
            self._call("b2b.customer.group", "search_read", [[]], {"fields": ["name"]})

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
    def test_back_office_user_cannot_approve_over_rpc(self):
        request = self.env["res.partner"].create(
            {"name": "RPC Staff Request", "is_company": True, "is_b2b": True}
        )
        self.authenticate("b2b_backuser", "b2b_backuser")
        with self.assertRaises(JsonRpcException):
            self._call("res.partner", "action_b2b_approve", [[request.id]])
        self.authenticate("b2b_manager", "b2b_manager")
        self._call("res.partner", "action_b2b_approve", [[request.id]])
        self.env.invalidate_all()
        self.assertEqual(request.b2b_state, "approved")


@tagged("post_install", "-at_install")
class TestB2BAccessMatrixOverRpc(B2BHttpCommon):
    """Every cell of tests/access_matrix.py once more, sent through Odoo's
    JSON-RPC endpoint as a browser or a script would. An anonymous caller has
    no session there: every cell is refused for it."""

    LOGINS = matrix.LOGINS

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.order = cls.env["sale.order"].create({"partner_id": cls.admin_a.id})
        cls.counter = 0

    def _call(self, model, method, args, kwargs=None):
        """The exception name the server answered with, or None."""
        try:
            self.make_jsonrpc_request(
                f"/web/dataset/call_kw/{model}/{method}",
                {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            )
        except JsonRpcException as error:
            return str(error)
        return None

    def _unique(self, prefix):
        type(self).counter += 1
        return f"{prefix} {self.counter}"

    def _request(self):
        return self.env["res.partner"].create(
            {"name": self._unique("RPC Request"), "is_company": True, "is_b2b": True}
        )

    def _approval_values(self, model):
        """Values of the buyer-approval models."""
        if model == "b2b.budget":
            # one budget per person and period: a new colleague each time
            holder = self.env["res.partner"].create(
                {"name": self._unique("RPC Buyer"), "parent_id": self.company_a.id}
            )
            return {"partner_id": holder.id, "amount": 100}
        return {
            "b2b.approval.rule": {
                "partner_id": self.company_a.id,
                "name": self._unique("RPC Rule"),
            },
            "b2b.order.approval": {
                "order_id": self.order.id,
                "reason": self._unique("RPC"),
            },
        }[model]

    def _assortment_values(self, model):
        """Values a create call sends for the assortment models."""
        if model == "b2b.assortment.line":
            assortment = self.env["b2b.assortment"].create(
                self._assortment_values("b2b.assortment")
            )
            return {"assortment_id": assortment.id}
        if model == "b2b.assortment.check.wizard":
            return {"partner_id": self.company_a.id}
        return {"name": self._unique("RPC Assortment")}

    def _quote_values(self, model):
        """A revision of a quote (as the negotiation freezes it, sudo) or one
        of its lines."""
        order = self.env["sale.order"].create({"partner_id": self.company_a.id})
        revision = {"order_id": order.id, "kind": "request"}
        if model == "b2b.quote.revision":
            return revision
        product = self.env["product.product"].create(
            {"name": self._unique("RPC Quote Product")}
        )
        return {
            "revision_id": self.env["b2b.quote.revision"].create(revision).id,
            "product_id": product.id,
            "quantity": 1.0,
        }

    def _assistance_values(self, model):
        """An acting session (as the module creates it, sudo) or a line of
        its trail."""
        session = {
            "staff_user_id": self.manager.id,
            "contact_id": self.user_a.id,
            "user_id": self.portal_user_a.id,
            "company_id": self.company_a.id,
        }
        if model == "b2b.assistance.session":
            return session
        session = self.env["b2b.assistance.session"].create(session)
        return {"session_id": session.id, "action": "started"}

    def _wizard_values(self, model):
        """Values a create call sends for the staff's wizards."""
        if model == "b2b.review.wizard":
            return {"partner_ids": [(6, 0, self._request().ids)]}
        if model == "b2b.confirm.override.wizard":
            return {"order_ids": [(6, 0, self.order.ids)], "reason": "RPC"}
        if model == "b2b.set.password.wizard":
            return {"partner_id": self.user_a.id}
        if model == "b2b.statement.wizard":
            return {"partner_ids": [(6, 0, self.company_a.ids)]}
        return {"partner_ids": [(6, 0, self.company_a.ids)], "reason": "RPC"}

    def _values(self, model, user):
        """Values a create call sends for ``model``, as ``user``."""
        if model == "b2b.customer.group":
            return {"name": self._unique("RPC Group")}
        if model == "b2b.reachability":
            # slots of one partner may not overlap: one partner per slot
            contact = self.env["res.partner"].create(
                {"name": self._unique("RPC Hours")}
            )
            return {"partner_id": contact.id, "dayofweek": "2"}
        if model == "b2b.reseller.tag":
            return {"name": self._unique("RPC Tag"), "reseller_id": self.reseller.id}
        if model == "b2b.reseller.payment.method":
            return {"name": self._unique("RPC Method")}
        if model == "b2b.throttle":
            return {"kind": "signup", "key": self._unique("rpc")}
        if model in (
            "b2b.review.wizard",
            "b2b.confirm.override.wizard",
            "b2b.set.password.wizard",
            "b2b.credit.hold.wizard",
            "b2b.statement.wizard",
        ):
            return self._wizard_values(model)
        if model in ("b2b.request.report", "b2b.credit.report", "b2b.quote.report"):
            return {}
        if model == "b2b.quick.order":
            return {}
        if model == "b2b.requisition.list":
            # the actor's own list: the record rules let portal users only
            # at their own
            return {
                "name": self._unique("RPC List"),
                "partner_id": (user.partner_id or self.admin_a).id,
            }
        if model == "b2b.requisition.list.line":
            requisition = self.env["b2b.requisition.list"].create(
                self._values("b2b.requisition.list", user)
            )
            product = self.env["product.product"].create(
                {"name": self._unique("RPC Product")}
            )
            return {"list_id": requisition.id, "product_id": product.id}
        if model in ("b2b.approval.rule", "b2b.budget", "b2b.order.approval"):
            return self._approval_values(model)
        for prefix, values in (
            ("b2b.assortment", self._assortment_values),
            ("b2b.assistance.", self._assistance_values),
            ("b2b.quote.revision", self._quote_values),
        ):
            if model.startswith(prefix):
                return values(model)
        return {"name": self._unique("RPC Partner"), "is_company": True}

    def _target(self, model, user, allowed_create):
        """A record of ``model`` to write or delete. Wizards are only ever
        seen by the user who opened them, so an allowed actor opens its own."""
        if model == "b2b.request.report":
            request = self._request()
            self.env.flush_all()
            return self.env[model].search([("partner_id", "=", request.id)], limit=1)
        if model == "b2b.credit.report":
            # a draft invoice of a B2B customer is a line of the report
            self.env["account.move"].create(
                {"move_type": "out_invoice", "partner_id": self.company_a.id}
            )
            self.env.flush_all()
            return self.env[model].search(
                [("partner_id", "=", self.company_a.id)], limit=1
            )
        if model == "b2b.quote.report":
            # a quote a buyer requested is a line of the report
            order = self.env["sale.order"].create({"partner_id": self.company_a.id})
            order.write(
                {
                    "b2b_quote_state": "requested",
                    "b2b_quote_request_date": fields.Datetime.now(),
                }
            )
            self.env.flush_all()
            return self.env[model].search([("order_id", "=", order.id)], limit=1)
        Model = self.env[model]
        if Model._abstract:
            # no table and no rows: an id to address, refused by the access
            # rights before anything is read
            return Model.browse(1)
        if Model._transient and allowed_create:
            return Model.with_user(user).create(self._values(model, user))
        return Model.sudo().create(self._values(model, user))

    WRITES = {
        "b2b.customer.group": {"sequence": 7},
        "b2b.reachability": {"hour_to": 17.0},
        "b2b.reseller.tag": {"color": 3},
        "b2b.reseller.payment.method": {"sequence": 7},
        "b2b.throttle": {"key": "rewritten"},
        "b2b.assistance.session": {"end_reason": "ended"},
        "b2b.assistance.log": {"description": "RPC"},
        "b2b.quote.revision": {"message": "RPC"},
        "b2b.statement.wizard": {"group": True},
        "b2b.quote.revision.line": {"quantity": 2.0},
        "b2b.quote.report": {"state": "offered"},
        "b2b.review.wizard": {"message": "RPC"},
        "b2b.confirm.override.wizard": {"reason": "RPC again"},
        "b2b.set.password.wizard": {"mode": "set"},
        "b2b.request.report": {"name": "RPC"},
        "b2b.credit.report": {"amount": 1.0},
        "b2b.credit.hold.wizard": {"reason": "RPC again"},
        "b2b.quick.order": {},
        "b2b.requisition.list": {"name": "RPC again"},
        "b2b.requisition.list.line": {"quantity": 2.0},
        "b2b.approval.rule": {"amount_threshold": 7},
        "b2b.budget": {"amount": 7},
        "b2b.order.approval": {"comment": "RPC"},
        "b2b.assortment": {"sequence": 7},
        "b2b.assortment.line": {"min_qty": 2.0},
        "b2b.assortment.check.wizard": {"product_id": False},
        "res.partner": {"comment": "RPC"},
    }

    def _assert_cell(self, answer, allowed, actor):
        if allowed:
            self.assertIsNone(answer)
        elif actor == "anonymous":
            self.assertEqual(answer, "odoo.http.SessionExpiredException")
        else:
            self.assertEqual(answer, "odoo.exceptions.AccessError")

    @mute_logger(
        "odoo.http",
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
    )
    def test_model_access_over_rpc(self):
        for actor, login in self.LOGINS.items():
            self.authenticate(login, login)
            user = self.env["res.users"].search([("login", "=", login)])
            for model, operations in matrix.MODEL_ACCESS.items():
                allowed = {
                    op: actor != "anonymous" and actor in operations[op]
                    for op in OPERATIONS
                }
                with self.subTest(actor=actor, model=model, operation="read"):
                    answer = self._call(
                        model, "search_read", [[]], {"fields": ["id"], "limit": 1}
                    )
                    self._assert_cell(answer, allowed["read"], actor)
                with self.subTest(actor=actor, model=model, operation="create"):
                    answer = self._call(model, "create", [self._values(model, user)])
                    self._assert_cell(answer, allowed["create"], actor)
                with self.subTest(actor=actor, model=model, operation="write"):
                    target = self._target(model, user, allowed["create"])
                    answer = self._call(
                        model, "write", [target.ids, self.WRITES[model]]
                    )
                    self._assert_cell(answer, allowed["write"], actor)
                with self.subTest(actor=actor, model=model, operation="unlink"):
                    target = self._target(model, user, allowed["create"])
                    answer = self._call(model, "unlink", [target.ids])
                    self._assert_cell(answer, allowed["unlink"], actor)
                    self.env.invalidate_all()
                    if not self.env[model]._abstract and self.env[model]._auto:
                        self.assertEqual(bool(target.exists()), not allowed["unlink"])

    def _action_target(self, action):
        """A fresh record for ``action``: calls over HTTP cannot be rolled
        back one by one, so no call may change what the next one relies on."""
        Partner = self.env["res.partner"]
        if action in (
            "action_b2b_approve",
            "action_b2b_reject",
            "action_b2b_request_info",
        ):
            return self._request(), {}
        company = Partner.create({"name": self._unique("RPC Co"), "is_company": True})
        company.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        if action == "action_b2b_reactivate":
            company.sudo().write({"b2b_state": "suspended"})
        if action == "action_b2b_link_to_existing":
            request = self._request()
            return company, {"b2b_request_partner_id": request.id}
        if action == "action_b2b_migrate_to_reseller":
            return (
                Partner.create(
                    {
                        "name": self._unique("RPC End Customer"),
                        "is_company": True,
                        "b2b_reseller_id": self.reseller.id,
                    }
                ),
                {},
            )
        if action in ("action_b2b_approve_contact", "action_b2b_decline_contact"):
            joiner = Partner.create(
                {
                    "name": self._unique("RPC Joiner"),
                    "email": "joiner@rpc.example.org",
                    "b2b_join_company_id": company.id,
                }
            )
            return joiner, {}
        if action == "action_b2b_invite_reseller":
            company.sudo().is_reseller = True
            return company, {}
        if action in (
            "action_b2b_send_credentials",
            "action_b2b_revoke_access",
            "action_b2b_send_email_verification",
        ):
            contact = Partner.create(
                {
                    "name": self._unique("RPC Contact"),
                    "parent_id": company.id,
                    "email": f"contact{self.counter}@rpc.example.org",
                    "b2b_role": "user",
                }
            )
            return contact, {}
        return company, {}

    @mute_logger(
        "odoo.http",
        "odoo.addons.base.models.ir_rule",
        "odoo.addons.base.models.ir_model",
    )
    def test_partner_actions_over_rpc(self):
        for actor, login in self.LOGINS.items():
            self.authenticate(login, login)
            for action, allowed_actors in matrix.PARTNER_ACTIONS.items():
                with self.subTest(actor=actor, action=action):
                    target, context = self._action_target(action)
                    answer = self._call(
                        "res.partner", action, [target.ids], {"context": context}
                    )
                    allowed = actor != "anonymous" and actor in allowed_actors
                    if allowed:
                        # past the access check; a business rule may still say no
                        self.assertNotIn(answer, REFUSALS)
                    else:
                        self._assert_cell(answer, False, actor)
