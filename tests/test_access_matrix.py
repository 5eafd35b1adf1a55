from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import tagged
from odoo.tools import mute_logger

from . import access_matrix as matrix
from .common import B2BCommon

OPERATIONS = ("read", "write", "create", "unlink")
REFUSALS = ("odoo.exceptions.AccessError", "odoo.http.SessionExpiredException")


@tagged("post_install", "-at_install")
class TestB2BAccessMatrix(B2BCommon):
    """Every cell of tests/access_matrix.py (also the README's table)."""

    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.actors = {
            "anonymous": cls.env.ref("base.public_user"),
            "portal_plain": cls.portal_plain,
            "b2b_user": cls.portal_user_a,
            "b2b_admin": cls.portal_admin_a,
            "other_admin": cls.portal_admin_b,
            "reseller": cls.portal_reseller,
            "other_reseller": cls.portal_reseller_2,
            "group_b2b_user": cls.b2b_back_user,
            "group_b2b_manager": cls.manager,
        }
        Order = cls.env["sale.order"]
        cls.orders = {
            "plain": Order.create({"partner_id": cls.plain_customer.id}),
            "admin_a": Order.create({"partner_id": cls.admin_a.id}),
            "user_a": Order.create({"partner_id": cls.user_a.id}),
            "company_a": Order.create({"partner_id": cls.company_a.id}),
        }

    def test_actors_cover_the_matrix(self):
        self.assertEqual(set(self.actors), set(matrix.ACTORS))
        # every model of the module but the mixins (fields and methods that
        # other models inherit, with no access of their own)
        models = {
            name
            for name in self.env.registry
            if name.startswith("b2b.") and not name.endswith(".mixin")
        }
        self.assertEqual(models, set(matrix.MODEL_ACCESS) - {"res.partner"})
        actions = {
            name
            for name in dir(type(self.env["res.partner"]))
            if name.startswith("action_b2b_")
        }
        self.assertEqual(actions, set(matrix.PARTNER_ACTIONS))

    def test_model_access(self):
        for model, operations in matrix.MODEL_ACCESS.items():
            for operation in OPERATIONS:
                for actor, user in self.actors.items():
                    expected = actor in operations[operation]
                    with self.subTest(model=model, operation=operation, actor=actor):
                        allowed = self.env[model].with_user(user).has_access(operation)
                        self.assertEqual(allowed, expected)

    def _action_target(self, action):
        Partner = self.env["res.partner"]
        if action in (
            "action_b2b_approve",
            "action_b2b_reject",
            "action_b2b_request_info",
        ):
            return self.new_request("Matrix Request"), {}
        if action == "action_b2b_suspend":
            return self.company_b, {}
        if action == "action_b2b_reactivate":
            company = self.new_request("Matrix Suspended")
            company.sudo().write({"b2b_state": "suspended"})
            return company, {}
        if action == "action_b2b_link_to_existing":
            request = self.new_request("Matrix Duplicate", vat="BE0477472701")
            return self.company_a, {"b2b_request_partner_id": request.id}
        if action == "action_b2b_migrate_to_reseller":
            return self.end_customer, {}
        if action in ("action_b2b_approve_contact", "action_b2b_decline_contact"):
            joiner = Partner.create(
                {
                    "name": "Matrix Joiner",
                    "email": "joiner@m.example.org",
                    "b2b_join_company_id": self.company_a.id,
                }
            )
            return joiner, {}
        if action in ("action_b2b_invite_reseller",):
            return self.reseller, {}
        if action == "action_b2b_individual_prices":
            return self.company_a, {}
        return self.user_a, {}

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_partner_actions(self):
        for action, allowed_actors in matrix.PARTNER_ACTIONS.items():
            for actor, user in self.actors.items():
                with self.subTest(action=action, actor=actor):
                    target, context = self._action_target(action)
                    refused = False
                    try:
                        with self.env.cr.savepoint():
                            getattr(
                                target.with_user(user).with_context(**context), action
                            )()
                    except AccessError:
                        refused = True
                    except (UserError, ValidationError):
                        refused = (
                            False  # past the access check, refused on business rules
                        )
                    self.assertEqual(not refused, actor in allowed_actors)

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_order_visibility(self):
        ids = {order.id: key for key, order in self.orders.items()}
        for actor, user in self.actors.items():
            with self.subTest(actor=actor):
                try:
                    seen = (
                        self.env["sale.order"]
                        .with_user(user)
                        .search([("id", "in", list(ids))])
                    )
                    keys = sorted(ids[order.id] for order in seen)
                except AccessError:
                    keys = []
                self.assertEqual(keys, sorted(matrix.ORDER_VISIBILITY[actor]))

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_portal_cannot_escalate(self):
        """No portal actor sets a B2B decision, role, reseller, group or
        pricelist on any partner, its own included."""
        fields_values = {
            "b2b_state": "approved",
            "is_reseller": True,
            "b2b_reseller_id": self.reseller.id,
            "b2b_group_ids": [(6, 0, [])],
            "b2b_allow_pay_later": True,
            "property_product_pricelist": False,
        }
        for actor in matrix.PORTAL + ["anonymous"]:
            user = self.actors[actor]
            for target in (
                user.partner_id,
                user.partner_id.commercial_partner_id,
                self.end_customer,
            ):
                for fname, value in fields_values.items():
                    with self.subTest(actor=actor, target=target.name, field=fname):
                        with self.assertRaises(AccessError), self.env.cr.savepoint():
                            target.with_user(user).write({fname: value})
            with self.subTest(actor=actor, field="b2b_role"):
                with self.assertRaises(AccessError), self.env.cr.savepoint():
                    user.partner_id.with_user(user).write({"b2b_role": "admin"})

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.addons.base.models.ir_model")
    def test_reseller_tags_never_leak(self):
        Tag = self.env["b2b.reseller.tag"]
        own = Tag.create({"name": "Mine", "reseller_id": self.reseller.id})
        theirs = Tag.create({"name": "Theirs", "reseller_id": self.reseller_2.id})
        seen = Tag.with_user(self.portal_reseller).search([])
        self.assertIn(own, seen)
        self.assertNotIn(theirs, seen)
        with self.assertRaises(AccessError):
            theirs.with_user(self.portal_reseller).read(["name"])

    def test_group_b2b_user_cannot_approve(self):
        request = self.new_request("Not Yours To Approve")
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_model"),
        ):
            request.with_user(self.b2b_back_user).action_b2b_approve()
        self.assertEqual(request.b2b_state, "pending")
