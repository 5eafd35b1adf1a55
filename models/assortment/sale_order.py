"""The order gate's hook for assortments: an order of a customer with an
assortment holds no product outside it (``assortment``) and keeps the
quantity rules (``quantity_rule``), whatever created it (the portal, the
shop, RPC, the back office). A B2B manager's "Confirm Anyway" passes both,
with the reason logged."""

from collections import defaultdict

from odoo import models

from ..sale_order import b2b_blocker


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_assortment_problems(self):
        """``(refused lines, [(product, quantity, rule line, message)])``:
        the order's lines whose product the customer may not buy, and the
        products whose quantity on the order (in the product's unit, all
        lines together) breaks their rule. One query (two for a customer
        with an assortment)."""
        self.ensure_one()
        lines = self.order_line.filtered(
            lambda line: line.product_id
            and not line.display_type
            and not line.is_downpayment
            and not getattr(line, "is_delivery", False)
        )
        if not lines or not self.partner_id:
            return lines.browse(), []
        # a batch's effective assortments, read at once (_b2b_gate_prefetch)
        batch = self.env.context.get("b2b_assortment_effective") or {}
        _restricted, allowed, rules = self.env["b2b.assortment"]._b2b_check_products(
            self.partner_id, lines.product_id.ids, batch.get(self.partner_id.id)
        )
        refused = lines.filtered(lambda line: line.product_id.id not in allowed)
        totals = defaultdict(float)
        for line in lines - refused:
            if line.product_id.id in rules:
                totals[line.product_id] += line.product_uom_id._compute_quantity(
                    line.product_uom_qty, line.product_id.uom_id, round=False
                )
        broken = []
        for product, quantity in totals.items():
            rule = rules[product.id]
            message = rule._b2b_quantity_problem(quantity, product.uom_id.name)
            if message:
                broken.append((product, quantity, rule, message))
        return refused, broken

    def _b2b_gate_prefetch(self):
        orders = super()._b2b_gate_prefetch()
        if len(orders) < 2:
            return orders
        effective = self.env["b2b.assortment"]._b2b_effective_of(orders.partner_id)
        return orders.with_context(
            b2b_assortment_effective={
                partner_id: assortments.ids
                for partner_id, (assortments, _origin) in effective.items()
            }
        )

    def _b2b_assortment_blockers(self, step):
        """The order gate's hook (``assortment``, ``quantity_rule``)."""
        if self.state not in ("draft", "sent"):
            return []
        refused, broken = self._b2b_assortment_problems()
        blockers = []
        if refused:
            blockers.append(
                b2b_blocker(
                    "assortment",
                    self.env._(
                        "%(products)s cannot be ordered by %(customer)s: not in "
                        "its assortment.",
                        products=", ".join(refused.product_id.mapped("display_name")),
                        customer=self.partner_id.commercial_partner_id.display_name,
                    ),
                    override=True,
                )
            )
        for product, _quantity, _rule, message in broken:
            blockers.append(
                b2b_blocker(
                    "quantity_rule",
                    self.env._(
                        "%(product)s: %(message)s",
                        product=product.display_name,
                        message=message,
                    ),
                    override=True,
                )
            )
        return blockers
