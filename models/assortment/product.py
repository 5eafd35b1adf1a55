"""Products a portal user may see: the record rules of products name
``b2b_assortment_allowed``, which PostgreSQL evaluates at every query from
the current user's commercial partner (see b2b_assortment_sql.py)."""

from odoo import api, fields, models
from odoo.fields import Domain
from odoo.tools import SQL


class B2bAssortmentProductMixin(models.AbstractModel):
    """What product variants and templates share: the field the record rules
    name and its search, for the current user or a given customer."""

    _name = "b2b.assortment.product.mixin"
    _description = "B2B Assortment of Products"

    #: the model's ids are templates (a template is in the assortment when
    #: one of its variants is)
    _b2b_assortment_template = False

    b2b_assortment_allowed = fields.Boolean(
        string="In My Assortment",
        compute="_compute_b2b_assortment_allowed",
        search="_search_b2b_assortment_allowed",
        help="Technical: the current user's company may buy this product (a "
        "template: one of its variants; see the record rules of products).",
    )

    def _compute_b2b_assortment_allowed(self):
        # archived products too: Odoo checks a rule on given records through
        # this field (the shop reads an archived variant to show it is
        # unavailable)
        allowed = self.with_context(active_test=False).search(
            Domain("id", "in", self.ids)
            & self._search_b2b_assortment_allowed("in", [True])
        )
        for record in self:
            record.b2b_assortment_allowed = record in allowed

    @api.model
    def _b2b_assortment_condition(self, partner_sql):
        Assortment = self.env["b2b.assortment"]
        template = self._b2b_assortment_template
        return Domain.custom(
            to_sql=lambda model, alias, query: Assortment._b2b_product_condition_sql(
                SQL.identifier(alias, "id"), partner_sql, template=template
            )
        )

    @api.model
    def _search_b2b_assortment_allowed(self, operator, value):
        if operator not in ("in", "=") or True not in (
            value if operator == "in" else [value]
        ):
            return NotImplemented
        return self._b2b_assortment_condition(
            self.env["b2b.assortment"]._b2b_current_user_partner_sql()
        )

    @api.model
    def _b2b_assortment_domain(self, partner):
        """Domain of the products ``partner``'s company may buy (all when
        it has no assortment)."""
        return self._b2b_assortment_condition(
            self.env["b2b.assortment"]._b2b_partner_sql(partner.id)
        )


class ProductProduct(models.Model):
    _name = "product.product"
    _inherit = ["product.product", "b2b.assortment.product.mixin"]


class ProductTemplate(models.Model):
    _name = "product.template"
    _inherit = ["product.template", "b2b.assortment.product.mixin"]
    _b2b_assortment_template = True
