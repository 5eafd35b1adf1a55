"""The invoices and credit notes a contact pays on the portal, and the check
of a selection with an amount for each: never above what is open, credit
notes set off against the invoices of their currency, one payment per company
and currency."""

import math

from odoo import api, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import float_compare, float_is_zero

#: the documents paid on ``/my/invoices``
B2B_PAYABLE_MOVE_TYPES = ("out_invoice", "out_refund")


class AccountMove(models.Model):
    _inherit = "account.move"

    @api.model
    def _b2b_payable_domain(self):
        """The open customer invoices and credit notes (the record rules
        add whose: the portal user's scope)."""
        return Domain(
            [
                ("move_type", "in", B2B_PAYABLE_MOVE_TYPES),
                ("state", "=", "posted"),
                ("payment_state", "in", ("not_paid", "partial")),
                ("amount_residual", ">", 0),
            ]
        )

    def _b2b_default_payment_amount(self, next_payment_values=None):
        """What paying this document in full costs now: its residual, less
        the early-payment discount while Odoo grants it (as Odoo asks for
        one invoice on its portal page)."""
        self.ensure_one()
        if self.move_type == "out_invoice":
            values = next_payment_values or self._get_invoice_next_payment_values()
            if values.get("installment_state") == "epd":
                return values["amount_due"]
        return self.amount_residual

    @api.model
    def _b2b_payment_selection(self, invoice_ids, amounts):
        """Check what the current user selected to pay and group it: a list,
        by company and currency, of dicts ``company``, ``currency``,
        ``lines`` (dicts ``invoice``, ``amount``, ``signed`` (negative for
        a credit note), ``epd`` (the early-payment discount is taken)) and
        ``total``. ``invoice_ids``: ids; ``amounts``: {id: text or number}
        (missing: the default amount). Documents the user cannot read, or
        that are not open, are refused, as are amounts above what is open,
        and a credit note larger than the invoices of its currency.
        Called as the portal user: the record rules decide whose."""
        ids = []
        for value in invoice_ids:
            if not str(value).isdigit():
                raise UserError(self.env._("Please select the invoices to pay."))
            if int(value) not in ids:
                ids.append(int(value))
        if not ids:
            raise UserError(self.env._("Please select the invoices to pay."))
        documents = self.search(
            Domain("id", "in", ids) & self._b2b_payable_domain(),
            order="invoice_date_due, name, id",
        )
        if len(documents) != len(ids):
            raise UserError(
                self.env._(
                    "Some of the selected invoices cannot be paid here any "
                    "more. Please reload the list."
                )
            )
        groups = {}
        for document in documents.sudo():
            currency = document.currency_id
            amount = self._b2b_parse_amount(
                amounts.get(document.id), document, currency
            )
            key = (document.company_id.id, currency.id)
            group = groups.setdefault(
                key,
                {
                    "company": document.company_id,
                    "currency": currency,
                    "lines": [],
                    "total": 0.0,
                },
            )
            signed = -amount if document.move_type == "out_refund" else amount
            next_values = document._get_invoice_next_payment_values()
            epd = bool(
                document.move_type == "out_invoice"
                and next_values.get("installment_state") == "epd"
                and float_compare(
                    amount,
                    next_values["amount_due"],
                    precision_rounding=currency.rounding,
                )
                == 0
            )
            group["lines"].append(
                {"invoice": document, "amount": amount, "signed": signed, "epd": epd}
            )
            group["total"] = currency.round(group["total"] + signed)
        for group in groups.values():
            if (
                float_compare(
                    group["total"], 0.0, precision_rounding=group["currency"].rounding
                )
                <= 0
            ):
                raise UserError(
                    self.env._(
                        "The credit notes in %(currency)s are larger than the "
                        "invoices selected with them: please select more "
                        "invoices or a smaller amount of the credit notes.",
                        currency=group["currency"].name,
                    )
                )
        return sorted(
            groups.values(), key=lambda g: (g["currency"].name, g["company"].id)
        )

    @api.model
    def _b2b_parse_amount(self, text, document, currency):
        """The amount to pay of ``document``: positive, at most what is
        open (for an invoice in its discount period, the residual)."""
        if text in (None, ""):
            return document._b2b_default_payment_amount()
        try:
            amount = float(str(text).strip().replace(",", "."))
            if not math.isfinite(amount):
                raise ValueError(text)
        except ValueError:
            raise UserError(
                self.env._(
                    "Please enter the amount of %(number)s as a number.",
                    number=document.name,
                )
            ) from None
        amount = currency.round(amount)
        if amount < 0 or float_is_zero(amount, precision_rounding=currency.rounding):
            raise UserError(
                self.env._(
                    "Please enter an amount above zero for %(number)s.",
                    number=document.name,
                )
            )
        if (
            float_compare(
                amount, document.amount_residual, precision_rounding=currency.rounding
            )
            > 0
        ):
            raise UserError(
                self.env._(
                    "%(number)s has %(open)s open: the amount cannot be larger.",
                    number=document.name,
                    open=f"{document.amount_residual:.{currency.decimal_places}f} "
                    f"{currency.name}",
                )
            )
        return amount
