"""No payment, payment method or bank account is handled while acting on
behalf of a customer."""

from odoo import api, models


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model
    def _b2b_check_orders_payable(self, vals):
        """The gate's check before a transaction exists: while acting, no
        transaction at all (orders, invoices, payment links)."""
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("pay")
        return super()._b2b_check_orders_payable(vals)


class B2bAssistancePaymentMixin(models.AbstractModel):
    """Payment methods and bank accounts are neither created, changed nor
    deleted while acting on behalf of a customer (on every route and over
    RPC): inherited by ``payment.token`` and ``res.partner.bank``."""

    _name = "b2b.assistance.payment.mixin"
    _description = "B2B: no payment method changes while acting on behalf"

    def _b2b_refuse_payment_change(self):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("payment_methods")

    @api.model_create_multi
    def create(self, vals_list):
        self._b2b_refuse_payment_change()
        return super().create(vals_list)

    def write(self, vals):
        self._b2b_refuse_payment_change()
        return super().write(vals)

    def unlink(self):
        self._b2b_refuse_payment_change()
        return super().unlink()


class PaymentToken(models.Model):
    # the mixin first: it refuses before any other override of the model runs
    _name = "payment.token"
    _inherit = ["b2b.assistance.payment.mixin", "payment.token"]


class ResPartnerBank(models.Model):
    # the mixin first: it refuses before any other override of the model runs
    _name = "res.partner.bank"
    _inherit = ["b2b.assistance.payment.mixin", "res.partner.bank"]
