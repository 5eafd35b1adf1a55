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
        with the subsidiaries when it sees the group, with the end customers
        when its reseller company shows it their invoices."""
        self.ensure_one()
        partner_sudo = self.sudo()
        return partner_sudo.commercial_partner_id._b2b_statement_scope(
            group=partner_sudo._b2b_effective_scope() == "group",
            end_customers=partner_sudo._b2b_sees_end_customer_invoices(),
        )

    def _b2b_statement_scope(self, group=False, end_customers=False):
        """The companies of this company's statement (sudo): itself, its
        subsidiaries with ``group``, its end customers with
        ``end_customers``."""
        self.ensure_one()
        company_sudo = self.sudo()
        companies = (
            company_sudo._b2b_group_companies(active_test=False)
            if group
            else company_sudo
        )
        if end_customers:
            companies |= company_sudo.with_context(active_test=False).search(
                [("b2b_reseller_id", "=", company_sudo.id)]
            )
        return companies

    def _b2b_sees_end_customer_invoices(self):
        """Whether this contact sees its reseller company's end customers'
        invoices: the company is an approved reseller that allows it, and
        the contact sees the company's invoices (the same decision as
        ``account.move._b2b_reseller_invoices_domain``)."""
        self.ensure_one()
        partner_sudo = self.sudo()
        company = partner_sudo.commercial_partner_id
        return bool(
            company != partner_sudo
            and company.is_b2b
            and company._b2b_is_active_reseller()
            and company.b2b_reseller_end_customer_invoices
            and partner_sudo._b2b_effective_scope() in ("company", "group")
            and partner_sudo.b2b_has_permission("view_invoices")
        )
