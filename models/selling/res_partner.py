"""Selling defaults of a B2B customer: customer groups, the effective
pricelist and payment terms (own, else the first group's, else the parent
company's in a group of companies), pay-later, the salesperson, and
individual prices."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.tools import SQL

#: what a company's pricelist and its subsidiaries' follow
B2B_PRICELIST_SOURCES = frozenset(
    (
        "b2b_group_ids",
        "specific_property_product_pricelist",
        "property_product_pricelist",
        "parent_id",
        "is_b2b",
        "is_company",
    )
)


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

    b2b_effective_group_ids = fields.Many2many(
        comodel_name="b2b.customer.group",
        string="Effective Customer Groups",
        compute="_compute_b2b_effective_selling",
        help="The company's own customer groups, else those of its nearest "
        "parent company in the group of companies that has some.",
    )
    b2b_effective_group_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Customer Groups Of",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        string="Effective Pricelist",
        compute="_compute_b2b_effective_selling",
        help="The partner's own pricelist, else that of its first customer group, "
        "else its parent company's, else Odoo's default.",
    )
    b2b_effective_pricelist_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Pricelist Of",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_payment_term_id = fields.Many2one(
        comodel_name="account.payment.term",
        string="Effective Payment Terms",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_payment_term_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Payment Terms Of",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_pay_later = fields.Boolean(
        string="Pays Later",
        compute="_compute_b2b_effective_selling",
        help="Own setting or granted by a customer group (or by the parent company's).",
    )
    b2b_effective_pay_later_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Pay Later Of",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Effective Salesperson",
        compute="_compute_b2b_effective_selling",
        help="The company's salesperson, else its parent company's.",
    )
    b2b_effective_user_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Salesperson Of",
        compute="_compute_b2b_effective_selling",
    )

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id.b2b_group_ids",
        "commercial_partner_id.b2b_allow_pay_later",
        "commercial_partner_id.specific_property_product_pricelist",
        "commercial_partner_id.property_payment_term_id",
        "commercial_partner_id.user_id",
        "commercial_partner_id.b2b_group_path",
    )
    def _compute_b2b_effective_selling(self):
        inherited = self._b2b_inherited_values()
        for partner in self:
            values = inherited[partner.sudo().commercial_partner_id]
            groups, groups_from = values["groups"]
            pricelist, pricelist_from = values["pricelist"]
            term, term_from = values["payment_term"]
            pay_later, pay_later_from = values["pay_later"]
            user, user_from = values["user"]
            partner.b2b_effective_group_ids = groups
            partner.b2b_effective_group_from_id = groups_from
            partner.b2b_effective_pricelist_id = (
                pricelist
                or partner.sudo().commercial_partner_id.property_product_pricelist
            )
            partner.b2b_effective_pricelist_from_id = pricelist_from
            partner.b2b_effective_payment_term_id = term
            partner.b2b_effective_payment_term_from_id = term_from
            partner.b2b_effective_pay_later = pay_later
            partner.b2b_effective_pay_later_from_id = pay_later_from
            partner.b2b_effective_user_id = user
            partner.b2b_effective_user_from_id = user_from

    def _b2b_after_write(self, vals):
        res = super()._b2b_after_write(vals)
        if not vals.keys().isdisjoint(B2B_PRICELIST_SOURCES):
            # the subsidiaries follow (no field dependency reaches them)
            self.env["res.partner"].invalidate_model(["property_product_pricelist"])
        return res

    @api.depends(
        "country_id",
        "specific_property_product_pricelist",
        "commercial_partner_id.is_b2b",
        "commercial_partner_id.specific_property_product_pricelist",
        "commercial_partner_id.b2b_group_ids.pricelist_id",
        "commercial_partner_id.b2b_group_path",
    )
    @api.depends_context("company", "country_code")
    def _compute_product_pricelist(self):
        # Odoo's, which returns the effective B2B pricelist (see
        # product.pricelist._get_partner_pricelist_multi): recomputed when
        # the customer's groups or their pricelists change
        return super()._compute_product_pricelist()

    # ------------------------------------------------------------------
    # Inheritance within a group of companies
    # ------------------------------------------------------------------
    def _b2b_inherited_values(self, keys=None):
        """{commercial partner (sudo): {key: (value, from)}} of the selling
        settings of the partners' companies, each the company's own (set on
        it, or given by its own customer groups) or inherited from its
        nearest parent company in the group that sets it; ``from`` is the
        company whose value it is (empty recordset: none sets it, Odoo's
        default applies). Keys: ``groups`` (the customer groups of the first
        company that has any: permissions and approval policy),
        ``pricelist``, ``payment_term``, ``pay_later``, ``user`` (the
        salesperson). The companies of the chains are read together: a
        bounded number of queries for any number of partners."""
        keys = set(keys or ("groups", "pricelist", "payment_term", "pay_later", "user"))
        Partner = self.env["res.partner"].sudo()
        commercials = self.sudo().commercial_partner_id
        chains = {
            company: [company.id, *company._b2b_group_ancestor_ids()]
            for company in commercials
        }
        prefetch = tuple({pid for chain in chains.values() for pid in chain})
        own_terms = (
            Partner.browse(prefetch)._b2b_own_payment_term_ids()
            if "payment_term" in keys
            else {}
        )
        current = self.env.company
        Group = self.env["b2b.customer.group"].sudo()
        none = Partner.browse()

        def company_groups(node):
            return node.b2b_group_ids.filtered(
                lambda g: not g.company_id or g.company_id == current
            ).sorted(lambda g: (g.sequence, g.id))

        Term = self.env["account.payment.term"].sudo()
        #: what each company sets itself, and the value when none does
        own_value = {
            "groups": (lambda n: n.b2b_group_ids, Group),
            "pricelist": (
                lambda n: n.specific_property_product_pricelist.filtered("active")
                or company_groups(n).filtered("pricelist_id")[:1].pricelist_id,
                self.env["product.pricelist"].sudo(),
            ),
            "payment_term": (
                lambda n: Term.browse(own_terms.get(n.id))
                or company_groups(n).filtered("payment_term_id")[:1].payment_term_id,
                Term,
            ),
            "pay_later": (
                lambda n: n.b2b_allow_pay_later
                or any(company_groups(n).mapped("allow_pay_later")),
                False,
            ),
            "user": (lambda n: n.user_id, self.env["res.users"].sudo()),
        }

        def first(nodes, key):
            value_of, empty = own_value[key]
            for node in nodes:
                value = value_of(node)
                if value:
                    return value, node
            return empty, none

        result = {}
        for company, chain in chains.items():
            nodes = [Partner.browse(pid).with_prefetch(prefetch) for pid in chain]
            values = {key: first(nodes, key) for key in keys}
            if "payment_term" in keys:
                # set on the company itself (Odoo's own compute applies it)
                values["own_payment_term"] = bool(own_terms.get(company.id))
            result[company] = values
        return result

    def _b2b_effective_groups(self):
        """The customer groups that apply to the partner's company: its own,
        else its nearest parent company's (sudo)."""
        self.ensure_one()
        company = self.sudo().commercial_partner_id
        return self._b2b_inherited_values(("groups",))[company]["groups"][0]

    def _b2b_groups_for_company(self):
        """Customer groups of the commercial partner itself valid in the
        current company, by sequence."""
        self.ensure_one()
        company = self.env.company
        return self.commercial_partner_id.b2b_group_ids.filtered(
            lambda g: not g.company_id or g.company_id == company
        ).sorted(lambda g: (g.sequence, g.id))

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
        """The payment terms the company gets from its customer groups or its
        parent companies, when it has none of its own."""
        self.ensure_one()
        commercial = self.sudo().commercial_partner_id
        values = self._b2b_inherited_values(("payment_term",))[commercial]
        if values["own_payment_term"]:
            return self.env["account.payment.term"]
        return values["payment_term"][0]

    def _b2b_pay_later(self):
        """Whether the company pays later: its own flag or group, else its
        parent company's."""
        self.ensure_one()
        commercial = self.sudo().commercial_partner_id
        return bool(
            self._b2b_inherited_values(("pay_later",))[commercial]["pay_later"][0]
        )

    def _b2b_requires_prepayment(self):
        """A B2B company prepays unless it pays later (its own flag, group or
        parent company)."""
        prepayment = super()._b2b_requires_prepayment()
        if prepayment is not None or not self.commercial_partner_id.is_b2b:
            return prepayment
        return not self._b2b_pay_later()

    def _b2b_inherited_salesperson(self):
        """The salesperson of the company's nearest parent company that has
        one, when the company has none of its own."""
        self.ensure_one()
        commercial = self.sudo().commercial_partner_id
        user, origin = self._b2b_inherited_values(("user",))[commercial]["user"]
        return user if origin and origin != commercial else self.env["res.users"]

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
