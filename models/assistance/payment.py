"""No payment, payment method or bank account is handled while acting on
behalf of a customer."""

from odoo import api, models


def _refuse(env):
    env["b2b.assistance.session"]._b2b_refuse_while_acting("payment_methods")


class PaymentTransaction(models.Model):
    _inherit = "payment.transaction"

    @api.model
    def _b2b_check_orders_payable(self, vals):
        """The gate's check before a transaction exists: while acting, no
        transaction at all (orders, invoices, payment links)."""
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("pay")
        return super()._b2b_check_orders_payable(vals)


class PaymentToken(models.Model):
    _inherit = "payment.token"

    @api.model_create_multi
    def create(self, vals_list):
        _refuse(self.env)
        return super().create(vals_list)

    def write(self, vals):
        _refuse(self.env)
        return super().write(vals)

    def unlink(self):
        _refuse(self.env)
        return super().unlink()


class ResPartnerBank(models.Model):
    _inherit = "res.partner.bank"

    @api.model_create_multi
    def create(self, vals_list):
        _refuse(self.env)
        return super().create(vals_list)

    def write(self, vals):
        _refuse(self.env)
        return super().write(vals)

    def unlink(self):
        _refuse(self.env)
        return super().unlink()
