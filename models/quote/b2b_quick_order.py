"""A quote request read from the quick order's text: ``CODE;QUANTITY``
as the quick order reads it, and an optional third column, the unit price
the buyer asks for (``CODE;QUANTITY;PRICE``, separated by ``;`` or a tab)."""

from odoo import api, fields, models
from odoo.exceptions import UserError

from .sale_order_negotiation import B2B_QUOTE_MAX_MESSAGE, B2B_QUOTE_MAX_NUMBER

#: longest purchase order number
B2B_QUOTE_MAX_REF = 64


class B2bQuickOrder(models.AbstractModel):
    _inherit = "b2b.quick.order"

    @api.model
    def _b2b_requested_prices(self, text):
        """{line number: requested unit price as typed} of the text's third
        column (only with ``;`` or tab separators: with commas a price could
        not be told from a decimal comma)."""
        prices = {}
        for number, line in enumerate((text or "").splitlines(), start=1):
            separator = next((s for s in (";", "\t") if s in line), None)
            if separator is None:
                continue
            columns = line.split(separator)
            if len(columns) > 2 and columns[2].strip():
                prices[number] = columns[2].strip().strip('"')
        return prices

    @api.model
    def _b2b_parse_quote_request(self, text, company, customer=None):
        """The lines of a quote request, as ``_b2b_parse`` returns them for
        ``customer`` (its assortment and quantity rules, as the quick
        order), each with its ``requested_price_unit`` (0.0: none asked); a
        price that is not a positive number in the reader's language is an
        error of its line."""
        lines, errors = self._b2b_parse(text, company, customer)
        typed = self._b2b_requested_prices(text)
        Lang = self.env["res.lang"]
        for line in lines:
            price_text = typed.get(line["line"])
            price = Lang._b2b_parse_number(price_text) if price_text else 0.0
            if price is None or price > B2B_QUOTE_MAX_NUMBER:
                errors.append(
                    {
                        "line": line["line"],
                        "code": line["code"],
                        "message": self.env._(
                            "The requested unit price %(price)s is not a number "
                            "(write it like %(example)s).",
                            price=price_text,
                            example=Lang._b2b_number_example(),
                        ),
                    }
                )
                continue
            line["requested_price_unit"] = price
        errors.sort(key=lambda error: error["line"])
        return lines, errors

    @api.model
    def _b2b_check_quote_values(self, form):
        """The request's ``message``, ``client_order_ref`` and
        ``commitment_date`` (text as posted, the date as YYYY-MM-DD) checked
        and converted; a translated UserError for what is not acceptable."""
        message = form.get("message") or ""
        if len(message) > B2B_QUOTE_MAX_MESSAGE:
            raise UserError(
                self.env._(
                    "The message is too long (at most %(max)s characters).",
                    max=B2B_QUOTE_MAX_MESSAGE,
                )
            )
        reference = form.get("client_order_ref") or ""
        if len(reference) > B2B_QUOTE_MAX_REF:
            raise UserError(
                self.env._(
                    "The purchase order number is too long (at most %(max)s "
                    "characters).",
                    max=B2B_QUOTE_MAX_REF,
                )
            )
        wished = False
        if form.get("commitment_date"):
            try:
                wished = fields.Date.to_date(form["commitment_date"])
            except ValueError:
                wished = None
            if not wished or wished < fields.Date.context_today(self):
                raise UserError(
                    self.env._("Please choose a delivery date from today on.")
                )
        return {
            "message": message,
            "client_order_ref": reference,
            "commitment_date": fields.Datetime.to_datetime(wished) if wished else False,
        }
