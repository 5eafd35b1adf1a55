from odoo import models


class AccountMoveLine(models.Model):
    _inherit = "account.move.line"

    # a customer's open items with what company credit sums, read by the
    # index alone, partner by partner (res.partner._b2b_credit_figures)
    _b2b_open_items_by_partner = models.Index(
        "(partner_id) INCLUDE (account_id, company_id, amount_residual, date_maturity)"
        " WHERE reconciled IS NOT TRUE AND parent_state = 'posted'"
    )
