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

    def _b2b_next_batch(self, count):
        """Draw ``count`` numbers of this sequence in one query (gap-allowed
        sequences without date ranges), else one by one as Odoo does."""
        self.ensure_one()
        self.browse().check_access("read")
        if self.implementation != "standard" or self.use_date_range or count < 2:
            return [self._next() for _index in range(count)]
        self.env.cr.execute(
            "SELECT nextval(%s) FROM generate_series(1, %s)",
            (f"ir_sequence_{self.id:03d}", count),
        )
        return [
            self.get_next_char(number)
            for number in sorted(row[0] for row in self.env.cr.fetchall())
        ]
