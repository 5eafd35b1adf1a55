"""Several invoices paid in one transaction, each with its own amount: the
shares are kept on the transaction and its payment is reconciled with each
invoice and credit note by its share, early-payment discounts taken as Odoo
takes them for one invoice."""

from odoo import fields, models
from odoo.tools import float_compare


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    b2b_invoice_amounts = fields.Json(
        string="Amounts per Invoice",
        readonly=True,
        copy=False,
        help="Technical: what the customer paid of each invoice and credit "
        "note of this transaction on the portal ({invoice id: amount}).",
    )

    def _create_payment(self, **extra_create_values):
        """Odoo's payment, reconciled with each invoice by its share."""
        self.ensure_one()
        if not self.b2b_invoice_amounts or len(self.invoice_ids) < 2:
            return super()._create_payment(**extra_create_values)
        shares, write_offs = self._b2b_payment_shares()
        if write_offs:
            extra_create_values["write_off_line_vals"] = [
                *extra_create_values.get("write_off_line_vals", []),
                *write_offs,
            ]
        return super(
            PaymentTransaction,
            self.with_context(b2b_reconcile_shares=tuple(shares.items())),
        )._create_payment(**extra_create_values)

    def _b2b_payment_shares(self):
        """({receivable line id: amount to reconcile}, early-payment
        write-off lines): each document's amount spread over its open
        receivable lines by due date; an invoice paid in full within its
        discount period is reconciled in full with its discount written
        off, as Odoo does for one invoice (the one Odoo's own
        ``_create_payment`` would already discount is left to it)."""
        amounts = {int(key): value for key, value in self.b2b_invoice_amounts.items()}
        odoo_epd = self._b2b_invoice_discounted_by_odoo()
        shares, write_offs = {}, []
        for invoice in self.invoice_ids.filtered(lambda i: i.state == "posted"):
            amount = amounts.get(invoice.id)
            if amount is None:
                continue
            currency = invoice.currency_id
            next_values = invoice._get_invoice_next_payment_values()
            if (
                next_values.get("installment_state") == "epd"
                and float_compare(
                    amount,
                    next_values["amount_due"],
                    precision_rounding=currency.rounding,
                )
                == 0
            ):
                amount = invoice.amount_residual
                if invoice != odoo_epd:
                    write_offs += self._b2b_early_payment_write_offs(
                        invoice, next_values
                    )
            lines = invoice.line_ids.filtered(
                lambda line: line.account_id.account_type == "asset_receivable"
                and not line.reconciled
            ).sorted(lambda line: (line.date_maturity or line.date, line.id))
            for line in lines:
                share = min(abs(line.amount_residual_currency), amount)
                shares[line.id] = currency.round(share)
                amount = currency.round(amount - share)
        return shares, write_offs

    def _b2b_invoice_discounted_by_odoo(self):
        """The invoice whose early-payment discount Odoo's own
        ``_create_payment`` takes (the first whose discounted amount is the
        transaction's), if any."""
        for invoice in self.invoice_ids:
            if invoice.state != "posted":
                continue
            values = invoice._get_invoice_next_payment_values()
            if (
                values["installment_state"] == "epd"
                and self.amount == values["amount_due"]
            ):
                return invoice
        return self.env["account.move"]

    def _b2b_early_payment_write_offs(self, invoice, next_values):
        """The write-off lines of ``invoice``'s early-payment discount, built
        as Odoo's ``_create_payment`` builds them for one invoice."""
        aml = next_values["epd_line"]
        epd_aml_values_list = [
            {
                "aml": aml,
                "amount_currency": -aml.amount_residual_currency,
                "balance": -aml.balance,
            }
        ]
        early_payment_values = self.env[
            "account.move"
        ]._get_invoice_counterpart_amls_for_early_payment_discount(
            epd_aml_values_list, next_values["epd_discount_amount"]
        )
        write_offs = []
        for aml_values_list in early_payment_values.values():
            if aml_values_list:
                values = aml_values_list[0]
                values["partner_id"] = invoice.partner_id.id
                write_offs.append(values)
        return write_offs
