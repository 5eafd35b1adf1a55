from odoo import models
from odoo.fields import Domain
from odoo.tools import SQL

#: the documents whose portal rules (Odoo's and the module's) name the
#: customer's company with ``child_of``
B2B_DOCUMENT_MODELS = (
    "sale.order",
    "sale.order.line",
    "account.move",
    "account.move.line",
)


def partner_tree_domain(field_name, partner_ids):
    """``(field_name, 'child_of', partner_ids)`` on a field of res.partner,
    as one recursive query that PostgreSQL runs inside the search. Odoo
    resolves ``child_of`` on partners in Python with one query per level of
    the tree (at each search), so that a group of companies five levels deep
    would cost more queries than a company alone; the result is the same:
    the partners and everything below them, archived ones included."""
    ids = [int(pid) for pid in partner_ids]

    def to_sql(model, alias, query):
        # an array computed once: the documents are then read through the
        # index of their partner (PostgreSQL cannot estimate the rows of a
        # recursive query, and would scan every document)
        return SQL(
            "%s = ANY(ARRAY(WITH RECURSIVE tree(id) AS ("
            " SELECT unnest(%s::int[])"
            " UNION SELECT p.id FROM res_partner p JOIN tree t ON p.parent_id = t.id"
            ") SELECT id FROM tree))",
            SQL.identifier(alias, field_name),
            ids,
        )

    return Domain.custom(to_sql=to_sql)


def child_of_in_sql(model, domain):
    """``domain`` (on ``model``) with each ``('partner_id', 'child_of',
    ids)`` of a document model replaced by ``('b2b_partner_tree_ids', 'in',
    ids)``, in sub-domains (``any``) too. The result is still a plain domain
    (cached by Odoo with the rules): the field's search turns it into SQL
    at each query (``partner_tree_domain``), its value (the partner and the
    partners above it) answers Odoo's checks of given records the same."""

    def replace(model, condition):
        field = model._fields.get(condition.field_expr)
        if field is None or not field.relational:
            return condition
        value = condition.value
        if condition.operator in ("any", "any!", "not any", "not any!") and isinstance(
            value, Domain
        ):
            comodel = model.env[field.comodel_name]
            return Domain(
                condition.field_expr,
                condition.operator,
                value.map_conditions(lambda sub: replace(comodel, sub)),
            )
        if (
            condition.operator == "child_of"
            and condition.field_expr == "partner_id"
            and "b2b_partner_tree_ids" in model._fields
            and isinstance(value, list | tuple)
            and value
            and all(isinstance(pid, int) for pid in value)
        ):
            return Domain("b2b_partner_tree_ids", "in", list(value))
        return condition

    return domain.map_conditions(lambda condition: replace(model, condition))


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        """Odoo's own portal rules embed ``user.commercial_partner_id.id`` in
        their domains, and Odoo caches evaluated domains per user. Keying that
        cache on the user's current commercial partner (and ``share``, which
        the module's global rules branch on) too makes those rules
        follow a contact moved to another company on the very next request,
        without clearing every worker's caches (the module's own rules read
        everything else at query time)."""
        yield from super()._compute_domain_context_values()
        yield self.env.user.partner_id.commercial_partner_id.id
        # the module's global rules branch on ``user.share`` (internal users
        # never name the module's fields); keyed here, the branch cannot be
        # served from the cache of another answer, however share changed
        yield self.env.user.share

    def _compute_domain(self, model_name, mode="read"):
        """The portal rules of orders and invoices (``partner_id child_of``
        the user's company) resolved by PostgreSQL in the search itself: the
        same documents, in a number of queries that does not grow with the
        depth of a group of companies."""
        domain = super()._compute_domain(model_name, mode)
        if model_name in B2B_DOCUMENT_MODELS and self.env.user.share:
            domain = child_of_in_sql(self.env[model_name], domain)
        return domain
