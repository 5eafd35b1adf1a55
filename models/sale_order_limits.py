"""The limits an order is checked against (the credit of its customer, the
credit hold, budgets), locked before a decision on the order: two
confirmations or acceptances of one customer at the same moment are then
decided one after the other, the second seeing the first. Each capability
names the partners whose rows hold its limits (``_b2b_limit_holders``)."""

from odoo import models

from ..locks import lock_rows


class SaleOrder(models.Model):
    _inherit = "sale.order"

    def _b2b_lock_limits(self):
        """Locks the rows of the limits this order is checked against, before
        a decision (a confirmation, an acceptance, an approval): the partners
        holding them, in one statement, ids ascending. Nothing for the orders
        of customers without a B2B account, nor for orders already decided."""
        orders = self.sudo().filtered(
            lambda o: o.state in ("draft", "sent")
            and o.partner_id.commercial_partner_id.is_b2b
        )
        if orders:
            lock_rows(self.env["res.partner"], *orders._b2b_limit_holders())

    def _b2b_limit_holders(self):
        """Whose rows hold the limits these quotations of B2B customers are
        checked against (sudo): a list of res.partner recordsets or SQL
        subqueries selecting partner ids (read in the lock's statement);
        each capability adds its own."""
        return []
