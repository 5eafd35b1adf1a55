"""An assortment and its lines: what they include or exclude, and the
quantity rules (minimum, maximum per order, multiple) that include lines
carry."""

import math

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.tools import float_compare, float_is_zero

B2B_ASSORTMENT_MODES = [("include", "Include"), ("exclude", "Exclude")]
#: the quantity fields of a line
B2B_QUANTITY_FIELDS = ("min_qty", "max_qty", "multiple_qty")
#: precision of the quantity rules (as Odoo's "Product Unit")
B2B_QTY_DIGITS = 6


def _round(value):
    return round(value, B2B_QTY_DIGITS)


def valid_quantities(quantity, min_qty, max_qty, multiple):
    """The valid quantities nearest to ``quantity`` under a rule (0 for a
    limit that is not set): ``[]`` when ``quantity`` is valid, else the
    nearest valid quantity below it and the one above it that exist
    (one or two)."""
    low = min_qty or 0.0
    high = max_qty or math.inf
    if multiple:
        # the multiples inside [low, high]
        first = math.ceil(_round(max(low, multiple) / multiple)) * multiple
        last = (
            math.floor(_round(high / multiple)) * multiple
            if high != math.inf
            else math.inf
        )
        ratio = _round(quantity / multiple)
        below = math.floor(ratio) * multiple
        above = math.ceil(ratio) * multiple
        is_multiple = float_is_zero(ratio - round(ratio), precision_digits=4)
    else:
        first, last = max(low, 0.0), high
        below = above = quantity
        is_multiple = True
    in_range = float_compare(quantity, low, B2B_QTY_DIGITS) >= 0 and (
        high == math.inf or float_compare(quantity, high, B2B_QTY_DIGITS) <= 0
    )
    if is_multiple and in_range:
        return []
    if float_compare(quantity, first, B2B_QTY_DIGITS) < 0:
        return [_round(first)]
    if last != math.inf and float_compare(quantity, last, B2B_QTY_DIGITS) > 0:
        return [_round(last)]
    return sorted({_round(q) for q in (below, above) if first <= q <= last})


class B2bAssortment(models.Model):
    _name = "b2b.assortment"
    _description = "B2B Assortment"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(
        translate=True, help="What this range is, for the sales team."
    )
    line_ids = fields.One2many(
        comodel_name="b2b.assortment.line",
        inverse_name="assortment_id",
        string="Lines",
        copy=True,
    )
    group_ids = fields.Many2many(
        comodel_name="b2b.customer.group",
        relation="b2b_assortment_b2b_customer_group_rel",
        column1="assortment_id",
        column2="group_id",
        string="Customer Groups",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_assortment_res_partner_rel",
        column1="assortment_id",
        column2="partner_id",
        string="Companies",
        domain=[("is_company", "=", True)],
    )
    line_count = fields.Integer(compute="_compute_counts")
    partner_count = fields.Integer(string="Company Count", compute="_compute_counts")

    @api.depends("line_ids", "partner_ids")
    def _compute_counts(self):
        for assortment in self:
            assortment.line_count = len(assortment.line_ids)
            assortment.partner_count = len(assortment.partner_ids)


class B2bAssortmentLine(models.Model):
    _name = "b2b.assortment.line"
    _description = "B2B Assortment Line"
    _order = "assortment_id, sequence, id"

    assortment_id = fields.Many2one(
        comodel_name="b2b.assortment",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    mode = fields.Selection(
        selection=B2B_ASSORTMENT_MODES,
        required=True,
        default="include",
        help="Include: the customer may buy what this line names. Exclude: "
        "it may not, even when another line of this assortment includes it.",
    )
    product_id = fields.Many2one(
        comodel_name="product.product",
        index="btree_not_null",
        ondelete="cascade",
    )
    categ_id = fields.Many2one(
        comodel_name="product.category",
        string="Product Category",
        index="btree_not_null",
        ondelete="cascade",
        help="The category and all its subcategories.",
    )
    product_tag_id = fields.Many2one(
        comodel_name="product.tag",
        index="btree_not_null",
        ondelete="cascade",
    )
    min_qty = fields.Float(
        string="Minimum",
        digits="Product Unit",
        help="Smallest quantity per order, in the product's unit (0: none).",
    )
    max_qty = fields.Float(
        string="Maximum",
        digits="Product Unit",
        help="Largest quantity per order, in the product's unit (0: none).",
    )
    multiple_qty = fields.Float(
        string="Multiple",
        digits="Product Unit",
        help="Sold only in multiples of this quantity (a pallet of 12: 12; 0: any).",
    )
    uom_name = fields.Char(
        string="Unit", compute="_compute_uom_name", help="The unit of the quantities."
    )
    display_target = fields.Char(string="Applies to", compute="_compute_display_target")

    _min_positive = models.Constraint(
        "CHECK (min_qty IS NULL OR min_qty >= 0)", "A minimum cannot be negative."
    )
    _max_positive = models.Constraint(
        "CHECK (max_qty IS NULL OR max_qty >= 0)", "A maximum cannot be negative."
    )
    _multiple_positive = models.Constraint(
        "CHECK (multiple_qty IS NULL OR multiple_qty >= 0)",
        "A multiple cannot be negative.",
    )
    # the lines for all products, which the SQL that checks given products
    # reads for every product (b2b_assortment_sql.py): without this index,
    # a scan of every line of every assortment
    _all_products_idx = models.Index(
        "(assortment_id) WHERE product_id IS NULL AND categ_id IS NULL"
        " AND product_tag_id IS NULL"
    )
    _one_target = models.Constraint(
        "CHECK ((product_id IS NOT NULL)::int + (categ_id IS NOT NULL)::int"
        " + (product_tag_id IS NOT NULL)::int <= 1)",
        "An assortment line names one product, one category or one tag (or "
        "none of them: all products).",
    )

    @api.depends("product_id.uom_id")
    def _compute_uom_name(self):
        for line in self:
            line.uom_name = line.product_id.uom_id.name or ""

    @api.depends("product_id", "categ_id", "product_tag_id")
    def _compute_display_target(self):
        for line in self:
            if line.product_id:
                line.display_target = line.product_id.display_name
            elif line.categ_id:
                line.display_target = self.env._(
                    "Category %(name)s", name=line.categ_id.complete_name
                )
            elif line.product_tag_id:
                line.display_target = self.env._(
                    "Tag %(name)s", name=line.product_tag_id.name
                )
            else:
                line.display_target = self.env._("All products")

    @api.depends("assortment_id", "display_target", "mode")
    def _compute_display_name(self):
        modes = dict(self._fields["mode"]._description_selection(self.env))
        for line in self:
            line.display_name = (
                f"{line.assortment_id.name}: {modes.get(line.mode)} "
                f"{line.display_target}"
            )

    def _b2b_has_quantity_rule(self):
        self.ensure_one()
        return any(self[name] for name in B2B_QUANTITY_FIELDS)

    @api.constrains("mode", *B2B_QUANTITY_FIELDS)
    def _check_quantities(self):
        for line in self:
            if line.mode == "exclude" and line._b2b_has_quantity_rule():
                raise ValidationError(
                    self.env._(
                        "Quantity rules belong on lines that include products, "
                        "not on lines that exclude them."
                    )
                )
            if line.max_qty and line.min_qty > line.max_qty:
                raise ValidationError(
                    self.env._("The maximum cannot be lower than the minimum.")
                )
            multiple = line.multiple_qty
            if line.max_qty and multiple:
                first = math.ceil(_round(max(line.min_qty, multiple) / multiple))
                if float_compare(first * multiple, line.max_qty, 6) > 0:
                    raise ValidationError(
                        self.env._(
                            "No quantity between the minimum and the maximum is "
                            "a multiple of %(multiple)s.",
                            multiple=multiple,
                        )
                    )

    def _b2b_rule_text(self):
        """The rule in words ("minimum 24, multiples of 12 (Units)")."""
        self.ensure_one()
        Lang = self.env["res.lang"]
        parts = []
        if self.min_qty:
            parts.append(
                self.env._(
                    "minimum %(qty)s",
                    qty=Lang._b2b_format_number(self.min_qty, digits=B2B_QTY_DIGITS),
                )
            )
        if self.max_qty:
            parts.append(
                self.env._(
                    "at most %(qty)s per order",
                    qty=Lang._b2b_format_number(self.max_qty, digits=B2B_QTY_DIGITS),
                )
            )
        if self.multiple_qty:
            parts.append(
                self.env._(
                    "multiples of %(qty)s",
                    qty=Lang._b2b_format_number(
                        self.multiple_qty, digits=B2B_QTY_DIGITS
                    ),
                )
            )
        text = ", ".join(parts)
        return f"{text} ({self.uom_name})" if self.uom_name else text

    def _b2b_proposed_quantity(self, quantity, current=None):
        """The valid quantity proposed for ``quantity`` when it breaks this
        line's rule (None when it keeps it): the nearest of
        ``valid_quantities``; when ``current`` (the quantity before the
        change) is given, the other one rather than ``current`` (a step up
        or down moves) and a tie goes the way of the change."""
        self.ensure_one()
        proposals = valid_quantities(
            quantity, self.min_qty, self.max_qty, self.multiple_qty
        )
        if not proposals:
            return None
        if current is None:
            return min(proposals, key=lambda q: (abs(q - quantity), q))
        moved = [q for q in proposals if float_compare(q, current, 6)]
        up = float_compare(quantity, current, 6) >= 0
        return min(
            moved or proposals,
            key=lambda q: (abs(q - quantity), q < quantity if up else q > quantity),
        )

    def _b2b_quantity_problem(self, quantity, uom_name=None):
        """The translated message for ``quantity`` (in the product's unit)
        that breaks this line's rule, proposing the nearest valid
        quantities; None when it keeps it."""
        self.ensure_one()
        proposals = valid_quantities(
            quantity, self.min_qty, self.max_qty, self.multiple_qty
        )
        if not proposals:
            return None
        Lang = self.env["res.lang"]
        unit = uom_name or self.uom_name or self.env._("units")

        def number(value):
            return Lang._b2b_format_number(value, digits=B2B_QTY_DIGITS)

        proposal = self.env._(" or ").join(number(q) for q in proposals)
        if self.min_qty and float_compare(quantity, self.min_qty, 6) < 0:
            return self.env._(
                "The minimum is %(minimum)s (%(unit)s): %(proposal)s?",
                minimum=number(self.min_qty),
                unit=unit,
                proposal=proposal,
            )
        if self.max_qty and float_compare(quantity, self.max_qty, 6) > 0:
            return self.env._(
                "At most %(maximum)s (%(unit)s) per order: %(proposal)s?",
                maximum=number(self.max_qty),
                unit=unit,
                proposal=proposal,
            )
        return self.env._(
            "Sold in multiples of %(multiple)s (%(unit)s): %(proposal)s?",
            multiple=number(self.multiple_qty),
            unit=unit,
            proposal=proposal,
        )
