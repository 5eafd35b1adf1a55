from odoo import fields, models


class B2bResellerPaymentMethod(models.Model):
    """A way of paying that the shop lets resellers choose for their end
    customers (pay by invoice with terms, prepayment, SEPA direct debit)."""

    _name = "b2b.reseller.payment.method"
    _description = "Reseller Payment Method"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    method_type = fields.Selection(
        selection=[
            ("invoice", "Pay by invoice"),
            ("prepayment", "Prepayment"),
            ("sepa", "SEPA direct debit"),
        ],
        string="Type",
        required=True,
        default="invoice",
        help="SEPA direct debit asks the reseller for the customer's IBAN.",
    )
    payment_term_id = fields.Many2one(
        comodel_name="account.payment.term",
        string="Payment Terms",
        help="Payment terms given to the end customers paying this way.",
    )
    company_id = fields.Many2one(comodel_name="res.company")
