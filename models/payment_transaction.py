"""The order gate on Odoo's payment framework, which the portal, the webshop
and payment links share: no transaction is created for an order the gate
refuses to have paid (before money moves), and a payment's post-processing
never fails for a B2B reason (an order the gate now refuses is kept as a
quotation with its payment, see ``sale.order._b2b_hold_paid_order``)."""

from odoo import Command, api, models
from odoo.exceptions import ValidationError


def order_ids_of(commands):
    """The order ids that x2many ``commands`` link (as the payment routes
    write ``sale_order_ids``)."""
    ids = []
    for command in commands or ():
        if isinstance(command, int):  # a plain list of ids, as the ORM accepts
            ids.append(command)
        elif command[0] == Command.SET:
            ids += command[2]
        elif command[0] == Command.LINK:
            ids.append(command[1])
    return ids


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            if vals.get("operation") not in ("refund", "validation"):
                self._b2b_check_orders_payable(vals)
        return super().create(vals_list)

    @api.model
    def _b2b_check_orders_payable(self, vals):
        """Refuse, before the transaction exists and with the reason in the
        payer's language, paying a quotation the gate stops at ``pay``; the
        module's own provider, which moves no money, serves only what its
        method is for (``sale.order._b2b_on_account_refusal``)."""
        orders = self.env["sale.order"].browse(order_ids_of(vals.get("sale_order_ids")))
        provider = self.env["payment.provider"].browse(vals.get("provider_id"))
        for order in orders.filtered(lambda o: o.state in ("draft", "sent")):
            if provider.code == "b2b_on_account":
                method = self.env["payment.method"].browse(
                    vals.get("payment_method_id")
                )
                refusal = order._b2b_on_account_refusal(method.code)
            else:
                blockers = order._b2b_order_blockers("pay")
                refusal = blockers and blockers[0]["message"]
            if refusal:
                raise ValidationError(refusal)

    def _check_amount_and_confirm_order(self):
        """Odoo confirms the quotation a payment covers; the quotations the
        gate refuses to confirm now are held with their payment instead (the
        salesperson is told why), so that the post-processing completes."""
        held = self.browse()
        for tx in self.filtered(lambda t: len(t.sale_order_ids) == 1):
            order = tx.sale_order_ids
            if order.state not in ("draft", "sent"):
                continue
            if not order._is_confirmation_amount_reached():
                continue
            blockers = order._b2b_order_blockers("confirm")
            if blockers:
                order._b2b_hold_paid_order()
                held |= tx
        return super(PaymentTransaction, self - held)._check_amount_and_confirm_order()
