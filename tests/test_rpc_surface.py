"""What RPC can reach: staff-only fields refused to portal and public users
field by field (JSON-RPC and XML-RPC), and the list of the module's public
methods, each either an action that checks access first or private."""

import inspect
import xmlrpc.client  # noqa: S411 - Odoo's own XML-RPC endpoint, in tests

from odoo import models
from odoo.tests import HttpCase, tagged
from odoo.tests.common import JsonRpcException
from odoo.tools import mute_logger

from . import access_matrix as matrix
from .common import B2BHttpCommon, setup_b2b_fixtures

#: methods every model has: Odoo's own entry points, overridden by the module
ORM_METHODS = {
    "create",
    "write",
    "unlink",
    "copy",
    "read",
    "default_get",
    "init",
    "name_search",
    "web_search_read",
    "fields_get",
    "get_views",
    "set_values",
}


@tagged("post_install", "-at_install")
class TestStaffFieldsOverRpc(B2BHttpCommon):
    def _jsonrpc_read(self, record, field):
        try:
            self.make_jsonrpc_request(
                "/web/dataset/call_kw/res.partner/read",
                {
                    "model": "res.partner",
                    "method": "read",
                    "args": [record.ids, [field]],
                    "kwargs": {},
                },
            )
        except JsonRpcException as error:
            return str(error)
        return None

    def _xmlrpc_read(self, login, record, field):
        uid = self.xmlrpc_common.authenticate(self.env.cr.dbname, login, login, {})
        try:
            self.xmlrpc_object.execute_kw(
                self.env.cr.dbname,
                uid,
                login,
                "res.partner",
                "read",
                [record.ids, [field]],
            )
        except xmlrpc.client.Fault as fault:
            return fault.faultCode
        return None

    @mute_logger(
        "odoo.http",
        "odoo.models",
        "odoo.addons.base.models.ir_model",
        "odoo.addons.rpc.controllers.xmlrpc",
    )
    def test_staff_fields_read_field_by_field(self):
        self.company_a.sudo().write(
            {"b2b_credit_check": "passed", "b2b_annual_revenue": 1000000}
        )
        for actor, login in matrix.LOGINS.items():
            self.authenticate(login, login)
            own = (
                self.env["res.users"].search([("login", "=", login)]).partner_id
                if login
                else self.env.ref("base.public_partner")
            )
            company = own.commercial_partner_id
            for field, allowed_actors in matrix.FIELD_READ.items():
                allowed = actor in allowed_actors
                with self.subTest(actor=actor, field=field, rpc="json"):
                    answer = self._jsonrpc_read(company, field)
                    if allowed:
                        self.assertIsNone(answer)
                    elif actor == "anonymous":
                        self.assertEqual(answer, "odoo.http.SessionExpiredException")
                    else:
                        self.assertEqual(answer, "odoo.exceptions.AccessError")
                if login:
                    with self.subTest(actor=actor, field=field, rpc="xml"):
                        answer = self._xmlrpc_read(login, company, field)
                        # 4: Odoo's XML-RPC fault code of an AccessError
                        self.assertEqual(answer, None if allowed else 4, field)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
    def test_portal_user_reads_the_rest_of_its_company(self):
        """The fields the portal pages need stay readable."""
        self.authenticate("portal_admin_a", "portal_admin_a")
        result = self.make_jsonrpc_request(
            "/web/dataset/call_kw/res.partner/read",
            {
                "model": "res.partner",
                "method": "read",
                "args": [self.company_a.ids, ["name", "is_b2b", "b2b_state", "ref"]],
                "kwargs": {},
            },
        )
        self.assertEqual(result[0]["b2b_state"], "approved")


@tagged("post_install", "-at_install")
class TestPublicMethods(HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_b2b_fixtures(cls)

    def _module_public_methods(self):
        """{model: {method}} of the public methods the module defines."""
        found = {}
        for name in self.env.registry:
            mro = type(self.env[name]).__mro__
            # Odoo's own public methods the module overrides (the order gate's
            # action_confirm) are Odoo's entry points, with Odoo's access
            odoo_methods = {
                attr
                for cls in mro
                if not cls.__module__.startswith("odoo.addons.b2b_customer.")
                for attr in vars(cls)
            }
            for cls in mro:
                if not cls.__module__.startswith("odoo.addons.b2b_customer."):
                    continue
                for attr, value in vars(cls).items():
                    if (
                        attr.startswith("_")
                        or attr in odoo_methods
                        or not inspect.isfunction(value)
                        or getattr(value, "_api_private", False)
                        or attr in ORM_METHODS
                        or isinstance(getattr(models.BaseModel, attr, None), property)
                    ):
                        continue
                    found.setdefault(name, set()).add(attr)
        return found

    def test_public_methods_are_listed_actions(self):
        found = self._module_public_methods()
        listed = {model: set(methods) for model, methods in matrix.RPC_METHODS.items()}
        self.maxDiff = None
        self.assertEqual(found, listed)

    @mute_logger("odoo.http", "odoo.addons.base.models.ir_model")
    def test_portal_user_cannot_call_any_of_them(self):
        self.authenticate("portal_admin_a", "portal_admin_a")
        for model, methods in matrix.RPC_METHODS.items():
            for method, allowed in methods.items():
                self.assertNotIn("b2b_admin", allowed)
                with self.subTest(model=model, method=method):
                    record = self.env[model].sudo().search([], limit=1)
                    with self.assertRaises(JsonRpcException):
                        self.make_jsonrpc_request(
                            f"/web/dataset/call_kw/{model}/{method}",
                            {
                                "model": model,
                                "method": method,
                                "args": [record.ids],
                                "kwargs": {},
                            },
                        )
