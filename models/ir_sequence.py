from odoo import api, models


class IrSequence(models.Model):
    _inherit = "ir.sequence"

    @api.model
    def _b2b_create_customer_sequence(self, company):
        return self.create(
            {
                "name": self.env._("B2B Customer Number (%s)", company.name),
                "code": "b2b.customer.number",
                "prefix": "C",
                "padding": 5,
                "company_id": company.id,
            }
        )
