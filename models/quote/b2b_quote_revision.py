"""A revision of a negotiable quote: a frozen copy of its lines, prices and
totals at the moment a request was made, an offer sent or a counter-offer
made, with who and when. Revisions are created by the quote's actions only
and never change afterwards."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

#: what a revision records
B2B_QUOTE_REVISION_KINDS = [
    ("request", "Request"),
    ("offer", "Offer"),
    ("counter", "Counter-offer"),
]


class B2bQuoteFrozen(models.AbstractModel):
    """What a quote revision records is never changed nor deleted."""

    _name = "b2b.quote.frozen.mixin"
    _description = "B2B Quote Record (frozen)"

    def write(self, vals):
        # who may not write at all is told so first (access rights, rules)
        self.check_access("write")
        if vals:
            raise UserError(
                self.env._(
                    "A quote revision is a record of what was offered: it "
                    "cannot be changed."
                )
            )
        return super().write(vals)

    @api.ondelete(at_uninstall=False)
    def _unlink_never(self):
        raise UserError(
            self.env._(
                "A quote revision is a record of what was offered: it cannot "
                "be deleted."
            )
        )


class B2bQuoteRevision(models.Model):
    _name = "b2b.quote.revision"
    _inherit = ["b2b.quote.frozen.mixin"]
    _description = "B2B Quote Revision"
    _order = "order_id, sequence, id"
    _rec_name = "display_name"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    company_id = fields.Many2one(related="order_id.company_id", store=True)
    sequence = fields.Integer(readonly=True)
    author_id = fields.Many2one(
        comodel_name="res.partner", string="By", readonly=True, index=True
    )
    kind = fields.Selection(
        selection=B2B_QUOTE_REVISION_KINDS, required=True, readonly=True
    )
    date = fields.Datetime(readonly=True, default=fields.Datetime.now)
    message = fields.Text(readonly=True)
    validity_date = fields.Date(string="Valid Until", readonly=True)
    currency_id = fields.Many2one(comodel_name="res.currency", readonly=True)
    amount_untaxed = fields.Monetary(string="Untaxed Amount", readonly=True)
    amount_total = fields.Monetary(string="Total", readonly=True)
    line_ids = fields.One2many(
        comodel_name="b2b.quote.revision.line",
        inverse_name="revision_id",
        string="Lines",
        readonly=True,
    )
    change_summary = fields.Text(
        string="Changes",
        compute="_compute_change_summary",
        help="What changed since the revision before.",
    )

    @api.depends("kind", "sequence", "date")
    def _compute_display_name(self):
        kinds = dict(self._fields["kind"]._description_selection(self.env))
        for revision in self:
            revision.display_name = self.env._(
                "%(kind)s %(number)s",
                kind=kinds.get(revision.kind, ""),
                number=revision.sequence,
            )

    def _compute_change_summary(self):
        rows = self.order_id.b2b_quote_revision_ids._b2b_line_rows()
        for revision in self:
            previous = revision._b2b_previous()
            changes, _count = revision._b2b_compare_rows(
                rows.get(previous.id), rows.get(revision.id, [])
            )
            revision.change_summary = "\n".join(changes)

    # ------------------------------------------------------------------
    # Comparison
    # ------------------------------------------------------------------
    def _b2b_previous(self):
        """The revision before this one on the same quote (or an empty
        recordset)."""
        self.ensure_one()
        earlier = self.order_id.b2b_quote_revision_ids.filtered(
            lambda r: r.sequence < self.sequence
        )
        return earlier[-1:] if earlier else self.browse()

    def _b2b_line_rows(self):
        """{revision id: [(key, quantity, discount, unit price, requested
        unit price, description)]} of these revisions' lines in their order,
        read in one query (a quote of 200 lines and 10 revisions is 2,000
        lines); ``key`` matches the lines of two revisions (the order line
        they were copied from)."""
        rows = {}
        if not self.ids:
            return rows
        result = self.env.execute_query(
            SQL(
                "SELECT revision_id, COALESCE(order_line_id, -id), quantity,"
                " discount, price_unit, requested_price_unit, name"
                " FROM b2b_quote_revision_line WHERE revision_id = ANY(%s)"
                " ORDER BY revision_id, sequence, id",
                self.ids,
            )
        )
        for revision_id, *row in result:
            rows.setdefault(revision_id, []).append(tuple(row))
        return rows

    def _b2b_compare(self, previous, limit=None):
        """What changed from ``previous`` to this revision, one sentence a
        line ("Line 2: 12.00 -> 10.80, quantity 100 -> 200"); lines are
        matched by the order line they were copied from. With ``limit``,
        at most that many sentences."""
        self.ensure_one()
        rows = (self | previous)._b2b_line_rows()
        changes, _count = self._b2b_compare_rows(
            rows.get(previous.id) if previous else None,
            rows.get(self.id, []),
            limit=limit,
        )
        return changes

    def _b2b_compare_rows(self, old_rows, new_rows, limit=None):
        """``(sentences, count)``: what changed between two revisions' rows
        (``_b2b_line_rows``), at most ``limit`` sentences, and how many lines
        changed, were added or removed in all. ``old_rows`` None: nothing to
        compare with."""
        self.ensure_one()
        if old_rows is None:
            return [], 0
        number = self.env["res.lang"]._b2b_format_number
        fmt, differs = self._b2b_price_helpers()
        before = {row[0]: row for row in old_rows}
        changes, count = [], 0
        for position, row in enumerate(new_rows, start=1):
            key, quantity, discount, price, requested, name = row
            old = before.pop(key, None)
            if old is not None and old[1:5] == row[1:5]:
                continue
            count += 1
            if limit is not None and len(changes) >= limit:
                continue
            if old is None:
                changes.append(
                    self.env._(
                        "Line %(line)s: %(product)s added, quantity %(qty)s at "
                        "%(price)s",
                        line=position,
                        product=name,
                        qty=number(quantity, digits=6),
                        price=fmt(price),
                    )
                )
                continue
            parts = []
            if differs(old[3], price):
                parts.append(f"{fmt(old[3])} -> {fmt(price)}")
            if old[2] != discount:
                parts.append(
                    self.env._(
                        "discount %(old)s %% -> %(new)s %%",
                        old=number(old[2], digits=2),
                        new=number(discount, digits=2),
                    )
                )
            if old[1] != quantity:
                parts.append(
                    self.env._(
                        "quantity %(old)s -> %(new)s",
                        old=number(old[1], digits=6),
                        new=number(quantity, digits=6),
                    )
                )
            if differs(old[4], requested):
                parts.append(
                    self.env._(
                        "requested price %(old)s -> %(new)s",
                        old=fmt(old[4]),
                        new=fmt(requested),
                    )
                )
            if parts:
                changes.append(
                    self.env._(
                        "Line %(line)s: %(changes)s",
                        line=position,
                        changes=", ".join(parts),
                    )
                )
        for old in before.values():
            count += 1
            if limit is None or len(changes) < limit:
                changes.append(self.env._("%(product)s removed", product=old[5]))
        return changes, count

    def _b2b_price_helpers(self):
        """Two functions for the revision's prices: one writes a unit price
        as the reader's language does ("-" for none), one tells whether two
        unit prices differ at the precision of prices."""
        digits = self.env["decimal.precision"].precision_get("Product Price")
        shown = max(self.currency_id.decimal_places, digits)
        lang = self.env["res.lang"]._b2b_number_lang()

        def fmt(price):
            return lang.format(f"%.{shown}f", price, grouping=True) if price else "-"

        def differs(old, new):
            return round(old or 0.0, digits) != round(new or 0.0, digits)

        return fmt, differs


class B2bQuoteRevisionLine(models.Model):
    _name = "b2b.quote.revision.line"
    _inherit = ["b2b.quote.frozen.mixin"]
    _description = "B2B Quote Revision Line"
    _order = "revision_id, sequence, id"

    revision_id = fields.Many2one(
        comodel_name="b2b.quote.revision",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(readonly=True)
    order_line_id = fields.Many2one(
        comodel_name="sale.order.line",
        readonly=True,
        ondelete="set null",
        help="The order line this line was copied from.",
    )
    product_id = fields.Many2one(comodel_name="product.product", readonly=True)
    name = fields.Text(string="Description", readonly=True)
    quantity = fields.Float(digits="Product Unit", readonly=True)
    price_unit = fields.Float(
        string="Unit Price", digits="Product Price", readonly=True
    )
    discount = fields.Float(string="Discount (%)", digits="Discount", readonly=True)
    requested_price_unit = fields.Float(
        string="Requested Unit Price", digits="Product Price", readonly=True
    )
    currency_id = fields.Many2one(related="revision_id.currency_id")
    price_subtotal = fields.Monetary(string="Subtotal", readonly=True)
