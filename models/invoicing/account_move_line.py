"""A reconciliation that stops at each document's share: the payment of
several invoices paid with an amount of their own for each
(``payment.transaction._create_payment``) gives each invoice and credit note
exactly its share, whatever order Odoo reconciles them in."""

from odoo import api, models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    def _prepare_reconciliation_amls(self, values_list, shadowed_aml_values=None):
        """With ``b2b_reconcile_shares`` in the context (pairs of a line's id
        and the most of it to reconcile, in its currency), the lines named
        there offer only their share; exchange difference entries, which
        Odoo reconciles on their own (``no_exchange_difference``), are left
        as Odoo makes them."""
        shares = dict(self.env.context.get("b2b_reconcile_shares") or ())
        if shares and not self.env.context.get("no_exchange_difference"):
            for values in values_list:
                cap = shares.get(values["aml"].id)
                if cap is not None and not values.get("b2b_capped"):
                    self._b2b_cap_residual(values, cap)
        return super()._prepare_reconciliation_amls(
            values_list, shadowed_aml_values=shadowed_aml_values
        )

    @api.model
    def _b2b_cap_residual(self, values, cap):
        """Reduce the residual of ``values`` (one line's, as Odoo's
        reconciliation keeps them) to ``cap`` in the line's currency, and its
        amount in the company's currency in proportion."""
        values["b2b_capped"] = True
        aml = values["aml"]
        residual_currency = values["amount_residual_currency"]
        if aml.currency_id.compare_amounts(abs(residual_currency), cap) <= 0:
            return
        sign = 1 if residual_currency > 0 else -1
        ratio = cap / abs(residual_currency)
        values["amount_residual_currency"] = sign * cap
        values["amount_residual"] = aml.company_currency_id.round(
            values["amount_residual"] * ratio
        )
