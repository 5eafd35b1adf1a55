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
        (``line``: the order line, ``asked_quantity``,
        ``asked_price_unit``: from the buyer's last request or counter,
        None for lines the seller added)."""
        self.ensure_one()
        asked = {line.order_line_id: line for line in self._b2b_quote_asked().line_ids}
        rows = []
        for line in self.order_line.filtered(lambda line: not line.display_type):
            before = asked.get(line)
            rows.append(
                {
                    "line": line,
                    "asked_quantity": before.quantity if before else None,
                    "asked_price_unit": before.requested_price_unit if before else None,
                }
            )
        return rows

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
