"""A reseller's end customers' invoices on the reseller's portal: invisible
unless the reseller company allows it
(``res.partner.b2b_reseller_end_customer_invoices``); then its contacts who
see the company's invoices see them on ``/my/invoices``, its administrators
who pay invoices pay them, and the statement of account lists them. Decided
by PostgreSQL at each query (the reseller's flag, state and functions, the
contact's role and scope, the end customers of the reseller), so a change
holds on the next request."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL

from ..company.res_partner import B2B_COMPANY_WIDE_ROLES


class AccountMove(models.Model):
    _inherit = "account.move"

    b2b_reseller_visible = fields.Boolean(
        string="Visible to the Reseller",
        compute="_compute_b2b_reseller_visible",
        search="_search_b2b_reseller_visible",
        help="Technical: an invoice or credit note of an end customer of the "
        "current portal user's reseller company, which allows its contacts "
        "to see them (see the record rules).",
    )

    def _compute_b2b_reseller_visible(self):
        visible = self.env["res.partner"]._b2b_portal_visible_records(
            self, self._b2b_reseller_invoices_domain()
        )
        for move in self:
            move.b2b_reseller_visible = move._origin in visible

    @api.model
    def _search_b2b_reseller_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        return self._b2b_reseller_invoices_domain()

    @api.model
    def _b2b_portal_visible_domain(self):
        """The company's documents by the user's role, and the end
        customers' invoices where the reseller allows it."""
        return super()._b2b_portal_visible_domain() | (
            self._b2b_reseller_invoices_domain()
        )

    @api.model
    def _b2b_reseller_invoices_domain(self):
        """The customer invoices and credit notes of the end customers (and
        their contacts) of the current portal user's company when it is an
        approved reseller that allows it, and the user sees the company's
        invoices (scope company or group, the function ``view_invoices``).
        Nothing for anyone else. A Domain PostgreSQL evaluates: the partners
        as an array computed once, the invoices then read through the index
        of their partner."""
        user = self.env.user
        if not user.share:
            return Domain.FALSE
        self.env["res.partner"].flush_model(
            [
                "commercial_partner_id",
                "is_b2b",
                "is_reseller",
                "b2b_state",
                "b2b_role",
                "b2b_scope",
                "b2b_group_ids",
                "b2b_group_path",
                "b2b_perm_view_invoices",
                "b2b_reseller_id",
                "b2b_reseller_end_customer_invoices",
            ]
        )
        self.env["b2b.customer.group"].flush_model(["active", "perm_view_invoices"])
        granted = self.env["res.partner"]._b2b_permission_sql("view_invoices")
        reseller = SQL(
            """SELECT co.id FROM res_partner me
                 JOIN res_partner co ON co.id = me.commercial_partner_id
                WHERE me.id = %(me)s AND co.id <> me.id
                  AND co.is_reseller IS TRUE AND co.is_b2b IS TRUE
                  AND co.b2b_state = 'approved'
                  AND co.b2b_reseller_end_customer_invoices IS TRUE
                  AND COALESCE(me.b2b_scope, CASE WHEN me.b2b_role IN %(roles)s
                      THEN 'company' ELSE 'own' END) IN ('company', 'group')
                  AND %(granted)s""",
            me=user.partner_id.id,
            roles=B2B_COMPANY_WIDE_ROLES,
            granted=granted,
        )

        def to_sql(model, alias, query):
            return SQL(
                """(%(type)s IN ('out_invoice', 'out_refund')
                    AND %(partner)s = ANY(ARRAY(
                        SELECT c.id FROM res_partner c
                          JOIN res_partner ec ON ec.id = c.commercial_partner_id
                         WHERE ec.b2b_reseller_id = (%(reseller)s))))""",
                type=SQL.identifier(alias, "move_type"),
                partner=SQL.identifier(alias, "partner_id"),
                reseller=reseller,
            )

        return Domain.custom(to_sql=to_sql)
