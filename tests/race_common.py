"""Fixtures of the concurrency tests of credit limits and budgets: committed
B2B companies, their contacts and quotations, removed after each test."""

from odoo import SUPERUSER_ID, Command, api, fields
from odoo.modules.registry import Registry
from odoo.tests import BaseCase
from odoo.tests.common import get_db_name

from .buyer_approval_common import SIGNATURE


class RaceFixtures(BaseCase):
    """Committed B2B companies paying later, their quotations and a product
    without taxes; everything created is removed after the test."""

    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        self.partner_ids, self.order_ids = [], []
        self.addCleanup(self._cleanup)
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            self.product_id = (
                env["product.product"]
                .create(
                    {
                        "name": "Race pallet",
                        "list_price": 600.0,
                        "taxes_id": [Command.clear()],
                    }
                )
                .id
            )

    def env_of(self, cr):
        return api.Environment(cr, SUPERUSER_ID, {"tracking_disable": True})

    def company(self, env, name, parent=None, **vals):
        company = env["res.partner"].create(
            {
                "name": name,
                "is_company": True,
                "parent_id": parent.id if parent else False,
                "email": f"{name.split()[0].lower()}@race.example.org",
            }
        )
        company.write(
            {"is_b2b": True, "b2b_state": "approved", "b2b_allow_pay_later": True}
            | vals
        )
        self.partner_ids.append(company.id)
        return company

    def contact(self, env, company, name, role, **vals):
        contact = env["res.partner"].create(
            {
                "name": name,
                "parent_id": company.id,
                "email": f"{name.split()[0].lower()}@race.example.org",
                "b2b_role": role,
                **vals,
            }
        )
        self.partner_ids.append(contact.id)
        return contact

    def quotation(self, env, partner, amount=600.0):
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "require_signature": True,
                "require_payment": False,
                "order_line": [
                    Command.create(
                        {
                            "product_id": self.product_id,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
            }
        )
        order.action_quotation_sent()
        self.order_ids.append(order.id)
        return order

    def accept(self, env, order_id, buyer_id):
        """Odoo's portal accept, as the buyer: sign, then confirm unless the
        order waits or is to be paid first."""
        order = (
            env["sale.order"]
            .browse(order_id)
            .with_context(b2b_portal_partner_id=buyer_id)
        )
        order.write(
            {
                "signed_by": "Race buyer",
                "signed_on": fields.Datetime.now(),
                "signature": SIGNATURE,
            }
        )
        if not order._has_to_be_paid():
            order._validate_order()

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = self.env_of(cr)
            orders = env["sale.order"].browse(self.order_ids).exists()
            partners = (
                env["res.partner"]
                .with_context(active_test=False)
                .browse(self.partner_ids)
                .exists()
            )
            for model, records in (("sale.order", orders), ("res.partner", partners)):
                domain = [("model", "=", model), ("res_id", "in", records.ids)]
                env["mail.mail"].search(domain).unlink()
                env["mail.message"].search(domain).unlink()
                env["mail.activity"].search(
                    [("res_model", "=", model), ("res_id", "in", records.ids)]
                ).unlink()
            orders.filtered(lambda o: o.state in ("sent", "sale"))._action_cancel()
            orders.unlink()
            env["b2b.budget"].search([("partner_id", "in", partners.ids)]).unlink()
            partners.sorted("id", reverse=True).unlink()
            env["product.product"].browse(self.product_id).unlink()
