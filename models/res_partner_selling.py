"""Selling defaults of a B2B customer: customer groups, the effective
pricelist and payment terms (own, else the first group's), pay-later, and
individual prices."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_allow_pay_later = fields.Boolean(
        string="Allow Pay Later",
        tracking=True,
        help="The customer may confirm orders without paying online "
        "and pays by invoice.",
    )

    b2b_group_ids = fields.Many2many(
        comodel_name="b2b.customer.group",
        relation="b2b_customer_group_res_partner_rel",
        column1="partner_id",
        column2="group_id",
        string="Customer Groups",
    )

    b2b_effective_pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        string="Effective Pricelist",
        compute="_compute_b2b_effective_selling",
        help="The partner's own pricelist, else that of its first customer group, "
        "else Odoo's default.",
    )

    b2b_effective_payment_term_id = fields.Many2one(
        comodel_name="account.payment.term",
        string="Effective Payment Terms",
        compute="_compute_b2b_effective_selling",
    )

    b2b_effective_pay_later = fields.Boolean(
        string="Pays Later",
        compute="_compute_b2b_effective_selling",
        help="Own setting or granted by a customer group.",
    )

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id.b2b_group_ids",
        "commercial_partner_id.b2b_allow_pay_later",
        "commercial_partner_id.specific_property_product_pricelist",
        "commercial_partner_id.property_payment_term_id",
    )
    def _compute_b2b_effective_selling(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.b2b_effective_pricelist_id = (
                commercial._b2b_group_pricelist()
                or commercial.property_product_pricelist
            )
            partner.b2b_effective_payment_term_id = (
                commercial._b2b_group_payment_term()
                or commercial.property_payment_term_id
            )
            partner.b2b_effective_pay_later = commercial._b2b_pay_later()

    def _b2b_groups_for_company(self):
        """Customer groups of the commercial partner valid in the current
        company, by sequence."""
        self.ensure_one()
        company = self.env.company
        return self.commercial_partner_id.b2b_group_ids.filtered(
            lambda g: not g.company_id or g.company_id == company
        ).sorted(lambda g: (g.sequence, g.id))

    def _b2b_group_pricelist(self):
        """The pricelist of the first group, when the partner has none of its
        own (``specific_property_product_pricelist``, the company-dependent
        value Odoo stores when a pricelist is set on the partner; the computed
        ``property_product_pricelist`` also reflects country groups and the
        global default, which must not hide the customer group)."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial.specific_property_product_pricelist.filtered("active"):
            return self.env["product.pricelist"]
        groups = commercial._b2b_groups_for_company().filtered("pricelist_id")
        return groups[:1].pricelist_id

    def _b2b_own_payment_term_ids(self):
        """{partner id: payment term id} of the payment terms set on the
        partners themselves (not the ``ir.default`` fallback)."""
        partners = self.filtered("id")
        if not partners:
            return {}
        self.flush_model(["property_payment_term_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id, (property_payment_term_id->>%s)::int FROM res_partner"
                " WHERE id = ANY(%s)",
                str(self.env.company.id),
                partners.ids,
            )
        )
        return {pid: term for pid, term in self.env.cr.fetchall() if term}

    def _b2b_group_payment_term(self):
        """The payment term of the first group, when the partner has none of
        its own."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial._b2b_own_payment_term_ids().get(commercial.id):
            return self.env["account.payment.term"]
        groups = commercial._b2b_groups_for_company().filtered("payment_term_id")
        return groups[:1].payment_term_id

    def _b2b_pay_later(self):
        self.ensure_one()
        commercial = self.commercial_partner_id
        return bool(
            commercial.b2b_allow_pay_later
            or any(commercial._b2b_groups_for_company().mapped("allow_pay_later"))
        )

    def action_b2b_individual_prices(self):
        """Give the company a pricelist of its own, based on the pricelist it
        gets now (its group's), and open it."""
        self.ensure_one()
        self._b2b_check_staff()
        self.check_access("write")
        self.env["product.pricelist"].check_access("create")
        partner = self.commercial_partner_id
        base = partner.b2b_effective_pricelist_id
        if not base:
            raise UserError(
                self.env._(
                    "%(name)s has no pricelist to base individual prices on.",
                    name=partner.display_name,
                )
            )
        self.env["product.pricelist"]._b2b_enable_pricelist_feature()
        pricelist = self.env["product.pricelist"].create(
            {
                "name": self.env._("Prices of %(name)s", name=partner.name),
                "currency_id": base.currency_id.id,
                "company_id": base.company_id.id,
                "item_ids": [
                    fields.Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "formula",
                            "base": "pricelist",
                            "base_pricelist_id": base.id,
                        }
                    )
                ],
            }
        )
        partner.property_product_pricelist = pricelist
        partner.message_post(
            body=self.env._(
                "Individual pricelist %(pricelist)s created, based on %(base)s.",
                pricelist=pricelist.display_name,
                base=base.display_name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.pricelist",
            "res_id": pricelist.id,
            "view_mode": "form",
            "target": "current",
        }
