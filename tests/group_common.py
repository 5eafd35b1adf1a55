"""Fixtures of the group-of-companies tests: company_a (Alpha Trading, of
tests/common.py) becomes the top of a group, a chain of subsidiaries five
levels deep (``subs[1]`` directly under it ... ``subs[5]``) and a sibling
``sibling`` of ``subs[1]``::

    company_a
    ├── subs[1] Alpha North
    │   └── subs[2] ── subs[3] ── subs[4] ── subs[5] Alpha Depot
    └── sibling Alpha South

Portal users (login = password): ``portal_group_admin`` (an administrator of
company_a who sees the group), ``portal_sub1_admin`` (administrator of
subs[1], group scope), ``portal_sub5_admin`` (administrator of subs[5],
company scope), ``portal_sub5_user`` (a user of subs[5]), and
``portal_sibling_admin``; plus those of tests/common.py (``portal_admin_a``
sees company_a only, ``portal_user_a`` its own documents)."""

from odoo import Command
from odoo.tests import new_test_user


class GroupFixtures:
    @classmethod
    def setup_group_fixtures(cls):
        env = cls.env
        Partner = env["res.partner"]

        def company(name, parent, **vals):
            partner = Partner.create(
                {
                    "name": name,
                    "is_company": True,
                    "email": f"info@{name.split()[-1].lower()}.example.com",
                    "parent_id": parent.id,
                    "city": name.split()[-1],
                    "is_b2b": True,
                    **vals,
                }
            )
            partner.sudo().write({"b2b_state": "approved"})
            return partner

        def person(name, company, role, login=None, scope=None):
            partner = Partner.create(
                {
                    "name": name,
                    "parent_id": company.id,
                    "email": f"{login or name.split()[0].lower()}@group.example.com",
                    "b2b_role": role,
                }
            )
            if scope:
                partner.b2b_scope = scope
            if login:
                new_test_user(
                    env,
                    login=login,
                    password=login,
                    groups="base.group_portal",
                    partner_id=partner.id,
                    name=name,
                    email=partner.email,
                )
            return partner

        cls.subs = {0: cls.company_a}
        names = ["North", "Hamburg", "Altona", "Harbour", "Depot"]
        for level, name in enumerate(names, start=1):
            cls.subs[level] = company(
                f"Alpha {name}", cls.subs[level - 1], ref=f"CA000{level + 1}"
            )
        cls.sibling = company("Alpha South", cls.company_a, ref="CA0009")
        cls.group_admin = person(
            "Gustav Group", cls.company_a, "admin", "portal_group_admin", "group"
        )
        cls.sub1_admin = person(
            "Nina North", cls.subs[1], "admin", "portal_sub1_admin", "group"
        )
        cls.sub5_admin = person("Dora Depot", cls.subs[5], "admin", "portal_sub5_admin")
        cls.sub5_user = person("Udo Depot", cls.subs[5], "user", "portal_sub5_user")
        cls.sibling_admin = person(
            "Sven South", cls.sibling, "admin", "portal_sibling_admin"
        )
        cls.group_product = env["product.product"].create(
            {"name": "Group crate", "list_price": 50.0, "taxes_id": [Command.clear()]}
        )

    @classmethod
    def group_order(cls, partner, ref, confirm=True):
        """An order of ``partner`` with the client reference ``ref``."""
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "client_order_ref": ref,
                "order_line": [Command.create({"product_id": cls.group_product.id})],
            }
        )
        if confirm:
            order.action_confirm()
        else:
            order.action_quotation_sent()
        return order

    @classmethod
    def group_invoice(cls, partner, ref):
        """A posted invoice of ``partner`` with the reference ``ref``."""
        move = cls.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": partner.id,
                "ref": ref,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": ref,
                            "quantity": 1,
                            "price_unit": 10.0,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        move.action_post()
        return move
