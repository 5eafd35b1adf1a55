"""A revision of a negotiable quote: a frozen copy of its lines, prices and
totals at the moment a request was made, an offer sent or a counter-offer
made, with who and when. Revisions are created by the quote's actions only
and never change afterwards."""

from odoo import api, fields, models
from odoo.exceptions import UserError

#: what a revision records
B2B_QUOTE_REVISION_KINDS = [
    ("request", "Request"),
    ("offer", "Offer"),
    ("counter", "Counter-offer"),
]


class B2bQuoteFrozen(models.AbstractModel):
    """What a quote revision records is never changed nor deleted."""

    _name = "b2b.quote.frozen"
    _description = "B2B Quote Record (frozen)"

    def write(self, vals):
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
    _inherit = ["b2b.quote.frozen"]
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
        for revision in self:
            previous = revision._b2b_previous()
            revision.change_summary = "\n".join(revision._b2b_compare(previous))

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

    def _b2b_compare(self, previous):
        """What changed from ``previous`` to this revision, one sentence a
        line ("Line 2: 12.00 -> 10.80, quantity 100 -> 200"); lines are
        matched by the order line they were copied from."""
        self.ensure_one()
        if not previous:
            return []
        lang = self.env["res.lang"]
        before = {line.order_line_id.id or -line.id: line for line in previous.line_ids}
        changes = []
        for position, line in enumerate(self.line_ids, start=1):
            old = before.pop(line.order_line_id.id or -line.id, None)
            if old is None:
                changes.append(
                    self.env._(
                        "Line %(line)s: %(product)s added, quantity %(qty)s at "
                        "%(price)s",
                        line=position,
                        product=line.name,
                        qty=lang._b2b_format_number(line.quantity, digits=6),
                        price=line._b2b_format_price(line.price_unit),
                    )
                )
                continue
            parts = []
            if line._b2b_price_differs(old.price_unit, line.price_unit):
                parts.append(
                    f"{line._b2b_format_price(old.price_unit)} -> "
                    f"{line._b2b_format_price(line.price_unit)}"
                )
            if line.discount != old.discount:
                parts.append(
                    self.env._(
                        "discount %(old)s %% -> %(new)s %%",
                        old=lang._b2b_format_number(old.discount, digits=2),
                        new=lang._b2b_format_number(line.discount, digits=2),
                    )
                )
            if line.quantity != old.quantity:
                parts.append(
                    self.env._(
                        "quantity %(old)s -> %(new)s",
                        old=lang._b2b_format_number(old.quantity, digits=6),
                        new=lang._b2b_format_number(line.quantity, digits=6),
                    )
                )
            if line._b2b_price_differs(
                old.requested_price_unit, line.requested_price_unit
            ):
                parts.append(
                    self.env._(
                        "requested price %(old)s -> %(new)s",
                        old=line._b2b_format_price(old.requested_price_unit),
                        new=line._b2b_format_price(line.requested_price_unit),
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
            changes.append(self.env._("%(product)s removed", product=old.name))
        return changes


class B2bQuoteRevisionLine(models.Model):
    _name = "b2b.quote.revision.line"
    _inherit = ["b2b.quote.frozen"]
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

    def _b2b_price_differs(self, old, new):
        digits = self.env["decimal.precision"].precision_get("Product Price")
        return round(old or 0.0, digits) != round(new or 0.0, digits)

    def _b2b_format_price(self, price):
        """A unit price as the reader's language writes it (empty: "-")."""
        if not price:
            return "-"
        digits = max(
            self.currency_id.decimal_places,
            self.env["decimal.precision"].precision_get("Product Price"),
        )
        return (
            self.env["res.lang"]
            ._b2b_number_lang()
            .format(f"%.{digits}f", price, grouping=True)
        )
