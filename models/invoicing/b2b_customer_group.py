from odoo import fields, models


class B2bCustomerGroup(models.Model):
    _inherit = "b2b.customer.group"

    perm_pay_invoices = fields.Boolean(
        string="Pay Invoices Online",
        default=True,
        help="The members' administrators pay several open invoices at once "
        "on the portal, with an amount of their own for each.",
    )
