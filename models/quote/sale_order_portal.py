"""What the buyer's portal shows of a quote and reads from its forms: the
current offer against what the buyer asked for, line by line, and the
counter-offer form (quantities and unit prices typed in the reader's
language)."""

from odoo import models
from odoo.exceptions import UserError

from .sale_order_negotiation import B2B_QUOTE_MAX_NUMBER


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_quote_asked(self):
        """The buyer's last request or counter-offer (a revision), or an
        empty recordset."""
        self.ensure_one()
        asked = self.b2b_quote_revision_ids.filtered(
            lambda r: r.kind in ("request", "counter")
        )
        return asked[-1:]

    def _b2b_quote_comparison(self):
        """The quote's lines with what the buyer asked for: a list of dicts
        (``line``: the order line, ``asked``: quantity and unit price from
        the buyer's last request or counter, None for lines the seller
        added; ``offered``: the offer's quantity, unit price and discount;
        ``quantity`` and ``requested``: the line's quantity and requested
        unit price as the counter-offer form shows them, empty for none
        asked), written as the reader's language writes numbers, in the
        order's currency (the page lists hundreds of lines: formatted here
        once, not by a widget per cell)."""
        self.ensure_one()
        asked = {line.order_line_id: line for line in self._b2b_quote_asked().line_ids}
        number = self.env["res.lang"]._b2b_format_number
        fmt, _differs = (
            self.b2b_quote_revision_ids[:1] or self.env["b2b.quote.revision"]
        )._b2b_price_helpers()
        rows = []
        for line in self.order_line.filtered(lambda line: not line.display_type):
            before = asked.get(line)
            asked_text = None
            if before:
                asked_text = number(before.quantity, digits=6)
                if before.requested_price_unit:
                    asked_text += f" × {fmt(before.requested_price_unit)}"
            offered = (
                f"{number(line.product_uom_qty, digits=6)} × {fmt(line.price_unit)}"
            )
            if line.discount:
                offered += f" - {number(line.discount, digits=2)} %"
            requested = line.b2b_requested_price_unit
            rows.append(
                {
                    "line": line,
                    "asked": asked_text,
                    "offered": offered,
                    "quantity": number(line.product_uom_qty, digits=6),
                    "requested": number(requested) if requested else "",
                }
            )
        return rows

    def _b2b_quote_history(self, limit=20):
        """The revisions as the portal lists them: a list of dicts
        (``revision``, ``changes``: at most ``limit`` sentences of what
        changed since the revision before, ``more``: how many were left
        out), so that a quote of hundreds of lines keeps a short page."""
        self.ensure_one()
        revisions = self.b2b_quote_revision_ids
        rows = revisions._b2b_line_rows()
        history, previous = [], None
        for revision in revisions:
            changes, count = revision._b2b_compare_rows(
                rows.get(previous.id) if previous else None,
                rows.get(revision.id, []),
                limit=limit,
            )
            history.append(
                {"revision": revision, "changes": changes, "more": count - len(changes)}
            )
            previous = revision
        return history

    def _b2b_quote_counter_from_form(self, buyer, form):
        """The counter-offer posted on the portal (``qty_<line id>``,
        ``price_<line id>``: text in the reader's language, empty price:
        none asked; ``message``). A translated UserError names the line
        that is not a number."""
        self.ensure_one()
        Lang = self.env["res.lang"]
        changes = {}
        for line in self.order_line.filtered(lambda line: not line.display_type):
            quantity_text = (form.get(f"qty_{line.id}") or "").strip()
            price_text = (form.get(f"price_{line.id}") or "").strip()
            quantity = (
                Lang._b2b_parse_number(quantity_text)
                if quantity_text
                else line.product_uom_qty
            )
            price = Lang._b2b_parse_number(price_text) if price_text else 0.0
            if quantity is None or price is None or price > B2B_QUOTE_MAX_NUMBER:
                raise UserError(
                    self.env._(
                        "%(product)s: please enter the quantity and the unit price "
                        "as numbers (write them like %(example)s).",
                        product=line.product_id.display_name,
                        example=Lang._b2b_number_example(),
                    )
                )
            changes[line] = {"quantity": quantity, "requested_price_unit": price}
        return self._b2b_quote_counter(buyer, changes, form.get("message") or False)

    def _b2b_quote_attach(self, files, buyer):
        """The files the buyer attached to the request (a list of (name,
        bytes)), on the quote and shown in its chatter."""
        self.ensure_one()
        attachments = (
            self.env["ir.attachment"]
            .sudo()
            .create(
                [
                    {
                        "name": name,
                        "raw": data,
                        "res_model": "sale.order",
                        "res_id": self.id,
                    }
                    for name, data in files
                ]
            )
        )
        self.message_post(
            body=self.env._("Attached to the quote request."),
            author_id=buyer.id,
            attachment_ids=attachments.ids,
            subtype_xmlid="mail.mt_note",
        )
        return attachments
