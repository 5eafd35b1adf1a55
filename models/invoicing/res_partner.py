"""Who pays invoices and reads the statement of account on the portal."""

from odoo import fields, models

from ..company.res_partner import PERMISSION_SELECTION


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_perm_pay_invoices = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Pay Invoices Online",
        help="Empty: as the customer groups grant it.",
    )
    b2b_statement_subscribed = fields.Boolean(
        string="Monthly Statement of Account",
        help="The company's administrators receive the statement of account "
        "of the past month by e-mail at the start of each month.",
    )
    b2b_statement_sent_to = fields.Date(
        string="Monthly Statement Sent To",
        readonly=True,
        copy=False,
        help="The end of the last month whose statement was sent.",
    )

    _b2b_statement_subscribed_index = models.Index(
        "(id) WHERE b2b_statement_subscribed IS TRUE"
    )

    def _b2b_statement_companies(self):
        """The companies a contact's statement covers (sudo): its company,
        with the subsidiaries when it sees the group."""
        self.ensure_one()
        partner_sudo = self.sudo()
        if partner_sudo._b2b_effective_scope() == "group":
            return partner_sudo._b2b_group_companies(active_test=False)
        return partner_sudo.commercial_partner_id
