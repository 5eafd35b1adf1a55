"""The order gate's hook for assortments: an order of a customer with an
assortment holds no product outside it (``assortment``) and keeps the
quantity rules (``quantity_rule``), whatever created it (the portal, the
shop, RPC, the back office). A B2B manager's "Confirm Anyway" passes both,
with the reason logged. The webshop's cart snaps a quantity the customer
asks for to the rule's nearest valid one (``_b2b_cart_quantity``)."""

from collections import defaultdict

from odoo import models
from odoo.tools import float_is_zero

from ..sale_order import b2b_blocker
from .b2b_assortment import B2B_QTY_DIGITS


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_assortment_problems(self):
        """``(refused lines, [(product, quantity, rule line, message)])``:
        the order's lines whose product the customer may not buy, and the
        products whose quantity on the order (in the product's unit, all
        lines together) breaks their rule. One query."""
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

    def _b2b_cart_quantity(self, product, quantity, line=None):
        """``(quantity, warning)``: the ``quantity`` of ``product`` the
        customer asks for on the cart line ``line`` (without a line: the
        quantity added to the cart), snapped so that the order keeps the
        customer's quantity rule of the product (its lines counted together,
        as the gate counts them) to the nearest valid quantity, in the
        direction of the change (``_b2b_proposed_quantity``); the warning
        names the rule and the quantity set ('' when the quantity keeps
        the rule). A webshop quantity is whole: a proposal that is not is
        only told."""
        self.ensure_one()
        if quantity <= 0 or not self.partner_id:
            return quantity, ""
        _restricted, _allowed, rules = self.env["b2b.assortment"]._b2b_check_products(
            self.partner_id, product.ids
        )
        rule = rules.get(product.id)
        if not rule:
            return quantity, ""
        unit = product.uom_id
        uom = line.product_uom_id if line else unit
        others = sum(
            other.product_uom_id._compute_quantity(
                other.product_uom_qty, unit, round=False
            )
            for other in self.order_line
            if other.product_id == product and other != line
        )
        current = others + (
            uom._compute_quantity(line.product_uom_qty, unit, round=False)
            if line
            else 0.0
        )
        asked = others + uom._compute_quantity(quantity, unit, round=False)
        proposal = rule._b2b_proposed_quantity(asked, current)
        if proposal is None:
            return quantity, ""
        message = self.env._(
            "%(product)s: %(message)s",
            product=product.display_name,
            message=rule._b2b_quantity_problem(asked, unit.name),
        )
        snapped = unit._compute_quantity(proposal - others, uom, round=False)
        if snapped <= 0 or not float_is_zero(
            snapped - round(snapped), precision_digits=B2B_QTY_DIGITS
        ):
            return quantity, message
        snapped = round(snapped)
        return snapped, self.env._(
            "%(message)s The quantity is now %(quantity)s.",
            message=message,
            quantity=self.env["res.lang"]._b2b_format_number(snapped, digits=0),
        )
