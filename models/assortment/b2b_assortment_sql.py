"""The SQL that decides what a customer may buy. Every channel asks these
statements (the record rules of products, the quick order, requisition
lists, order again, the order gate, the explanation on the company's B2B
page), so that they cannot disagree; none of them reads partner data in
Python, so that a rule domain Odoo caches per user stays current.

- ``_b2b_effective_sql(partner)``: the effective assortments of a partner's
  company: those given to the company itself or to its own customer groups,
  else those of its nearest parent company in the group of companies that
  has some (``b2b_group_path``);
- ``_b2b_matches_sql(assortments)``: which line of which assortment names
  which product (a product line, a category and its subcategories, a tag of
  the product or variant, or a line naming none: all products);
- ``_b2b_allowed_products_sql(assortments)``: the products an assortment
  includes and does not exclude, of all the assortments (they add up)."""

from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

#: a line that carries a quantity rule
RULE_SQL = "(l.min_qty > 0 OR l.max_qty > 0 OR l.multiple_qty > 0)"


#: the fields the statements read: written in this transaction, they are
#: flushed before a statement runs (``SQL.to_flush``)
FLUSHED_FIELDS = {
    "res.users": ("partner_id",),
    "res.partner": (
        "commercial_partner_id",
        "b2b_group_path",
        "b2b_assortment_ids",
        "b2b_group_ids",
    ),
    "b2b.customer.group": ("active", "company_id", "assortment_ids"),
    "b2b.assortment": ("active",),
    "b2b.assortment.line": (
        "assortment_id",
        "sequence",
        "mode",
        "product_id",
        "categ_id",
        "product_tag_id",
        "min_qty",
        "max_qty",
        "multiple_qty",
    ),
    "product.product": ("product_tmpl_id", "additional_product_tag_ids"),
    "product.template": ("categ_id", "product_tag_ids"),
    "product.category": ("parent_path",),
}


class B2bAssortment(models.Model):
    _inherit = "b2b.assortment"

    @api.model
    def _b2b_to_flush(self):
        return [
            self.env[model]._fields[name]
            for model, names in FLUSHED_FIELDS.items()
            for name in names
        ]

    @api.model
    def _b2b_partner_sql(self, partner_ids):
        """Partners (ids) as the SQL of a set of ids."""
        if isinstance(partner_ids, int):
            partner_ids = [partner_ids]
        return SQL("SELECT unnest(%s::int[])", [int(pid) for pid in partner_ids])

    @api.model
    def _b2b_current_user_partner_sql(self):
        """The current user's contact, read by PostgreSQL when the query
        runs (the record rules)."""
        return SQL("SELECT partner_id FROM res_users WHERE id = %s", self.env.uid)

    @api.model
    def _b2b_effective_nodes_sql(self, partners_sql):
        """Rows ``(partner_id, assortment_id, origin_id)``: for each partner
        of the set ``partners_sql``, the effective assortments of its
        commercial partner and the company each comes from (the company
        itself or its nearest parent company with some)."""
        return SQL(
            """
            SELECT own.pid AS partner_id, own.assortment_id, own.node AS origin_id
              FROM (
                SELECT q.id AS pid, x.assortment_id, n.node,
                       dense_rank() OVER (PARTITION BY q.id ORDER BY n.depth DESC)
                           AS nearest
                  FROM res_partner q
                  JOIN res_partner cp ON cp.id = q.commercial_partner_id
                 CROSS JOIN LATERAL unnest(COALESCE(
                           string_to_array(rtrim(cp.b2b_group_path, '/'), '/')::int[],
                           ARRAY[cp.id])) WITH ORDINALITY AS n(node, depth)
                  JOIN LATERAL (
                        SELECT r.assortment_id
                          FROM b2b_assortment_res_partner_rel r
                         WHERE r.partner_id = n.node
                        UNION
                        SELECT ga.assortment_id
                          FROM b2b_customer_group_res_partner_rel gp
                          JOIN b2b_customer_group g
                            ON g.id = gp.group_id AND g.active
                           AND (g.company_id IS NULL OR g.company_id = %(company)s)
                          JOIN b2b_assortment_b2b_customer_group_rel ga
                            ON ga.group_id = g.id
                         WHERE gp.partner_id = n.node
                       ) x ON TRUE
                  JOIN b2b_assortment a ON a.id = x.assortment_id AND a.active
                 WHERE q.id IN (%(partners)s)
              ) own
             WHERE own.nearest = 1
            """,
            company=self.env.company.id,
            partners=partners_sql,
            to_flush=self._b2b_to_flush(),
        )

    @api.model
    def _b2b_effective_sql(self, partner_sql):
        """The ids of the effective assortments of ``partner_sql``'s company."""
        return SQL(
            "SELECT eff.assortment_id FROM (%s) eff",
            self._b2b_effective_nodes_sql(partner_sql),
        )

    @api.model
    def _b2b_matches_sql(self, assortments_sql, product_ids=None):
        """Rows ``(line_id, assortment_id, mode, product_id, rank, depth)``:
        each line of the assortments ``assortments_sql`` and each product
        (variant) it names; ``rank`` and ``depth`` order them from the most
        specific (a product line, then the deepest category, then a tag,
        then a line for all products). ``product_ids``: only these."""
        where = SQL("l.assortment_id IN (%s)", assortments_sql)

        def only(column):
            if product_ids is None:
                return SQL()
            return SQL("AND %s = ANY(%s)", SQL(column), list(product_ids))

        return SQL(
            """
            SELECT l.id AS line_id, l.assortment_id, l.mode,
                   l.product_id, 0 AS rank, 0 AS depth
              FROM b2b_assortment_line l
             WHERE l.product_id IS NOT NULL AND %(where)s %(only_line)s
            UNION ALL
            SELECT l.id, l.assortment_id, l.mode, pp.id, 1, -length(lc.parent_path)
              FROM b2b_assortment_line l
              JOIN product_category lc ON lc.id = l.categ_id
              JOIN product_category c ON c.parent_path LIKE lc.parent_path || '%%'
              JOIN product_template t ON t.categ_id = c.id
              JOIN product_product pp ON pp.product_tmpl_id = t.id
             WHERE %(where)s %(only_pp)s
            UNION ALL
            SELECT l.id, l.assortment_id, l.mode, pp.id, 2, 0
              FROM b2b_assortment_line l
              JOIN product_tag_product_template_rel r
                ON r.product_tag_id = l.product_tag_id
              JOIN product_product pp ON pp.product_tmpl_id = r.product_template_id
             WHERE %(where)s %(only_pp)s
            UNION ALL
            SELECT l.id, l.assortment_id, l.mode, r.product_product_id, 2, 0
              FROM b2b_assortment_line l
              JOIN product_tag_product_product_rel r
                ON r.product_tag_id = l.product_tag_id
             WHERE %(where)s %(only_rel)s
            UNION ALL
            SELECT l.id, l.assortment_id, l.mode, pp.id, 3, 0
              FROM b2b_assortment_line l
             CROSS JOIN product_product pp
             WHERE l.product_id IS NULL AND l.categ_id IS NULL
               AND l.product_tag_id IS NULL AND %(where)s %(only_pp)s
            """,
            where=where,
            only_line=only("l.product_id"),
            only_pp=only("pp.id"),
            only_rel=only("r.product_product_id"),
            to_flush=self._b2b_to_flush(),
        )

    @api.model
    def _b2b_allowed_products_sql(self, assortments_sql):
        """The ids of the products (variants) that one of the assortments
        ``assortments_sql`` includes and does not exclude itself."""
        return SQL(
            """
            WITH m AS (%s)
            SELECT s.product_id FROM (
                SELECT assortment_id, product_id FROM m WHERE mode = 'include'
                EXCEPT
                SELECT assortment_id, product_id FROM m WHERE mode = 'exclude'
            ) s
            """,
            self._b2b_matches_sql(assortments_sql),
        )

    @api.model
    def _b2b_product_condition_sql(self, product_id_sql, partner_sql, template=False):
        """SQL condition: the product (``template``: the product template)
        ``product_id_sql`` may be bought by ``partner_sql``'s company (always
        when it has no assortment)."""
        effective = self._b2b_effective_sql(partner_sql)
        allowed = self._b2b_allowed_products_sql(effective)
        if template:
            allowed = SQL(
                "SELECT pp.product_tmpl_id FROM product_product pp WHERE pp.id IN (%s)",
                allowed,
            )
        return SQL(
            "(NOT EXISTS (%s) OR %s IN (%s))", effective, product_id_sql, allowed
        )

    @api.model
    def _b2b_check_products(self, partner, product_ids):
        """What the assortments of ``partner``'s company say of the products
        ``product_ids``, in one query: ``(restricted, allowed, rules)``:
        whether the company has an assortment, the ids of those products it
        may buy (all of them when it has none), and ``{product id: line}``
        the quantity rule that applies to each (the most specific line that
        includes it and carries a rule)."""
        product_ids = list({int(pid) for pid in product_ids})
        if not product_ids:
            return False, set(), {}
        effective = self._b2b_effective_sql(self._b2b_partner_sql(partner.id))
        rows = self.env.execute_query(
            SQL(
                f"""
                WITH eff AS (%(effective)s),
                     m AS (%(matches)s),
                     ok AS (
                        SELECT i.* FROM m i
                         WHERE i.mode = 'include' AND NOT EXISTS (
                               SELECT 1 FROM m x
                                WHERE x.mode = 'exclude'
                                  AND x.assortment_id = i.assortment_id
                                  AND x.product_id = i.product_id))
                SELECT p.id,
                       EXISTS (SELECT 1 FROM eff),
                       EXISTS (SELECT 1 FROM ok WHERE ok.product_id = p.id),
                       (SELECT ok.line_id FROM ok
                          JOIN b2b_assortment_line l ON l.id = ok.line_id
                         WHERE ok.product_id = p.id AND {RULE_SQL}
                         ORDER BY ok.rank, ok.depth, l.sequence, l.id LIMIT 1)
                  FROM unnest(%(ids)s::int[]) AS p(id)
                """,
                effective=effective,
                matches=self._b2b_matches_sql(
                    SQL("SELECT assortment_id FROM eff"), product_ids
                ),
                ids=product_ids,
            )
        )
        restricted = rows[0][1]
        allowed = {pid for pid, _r, ok, _l in rows if ok or not restricted}
        Line = self.env["b2b.assortment.line"].sudo()
        rules = {pid: Line.browse(line_id) for pid, _r, _ok, line_id in rows if line_id}
        return restricted, allowed, rules

    @api.model
    def _b2b_effective_of(self, partners):
        """``{partner id: (assortments, from)}``: the effective assortments
        of each partner's company (sudo) and the company they are given to,
        in one query."""
        rows = self.env.execute_query(
            self._b2b_effective_nodes_sql(self._b2b_partner_sql(partners.ids))
        )
        Partner = self.env["res.partner"].sudo()
        assortments, origins = defaultdict(list), {}
        for partner_id, assortment_id, origin_id in rows:
            assortments[partner_id].append(assortment_id)
            origins[partner_id] = origin_id
        return {
            partner.id: (
                self.sudo().browse(assortments[partner.id]),
                Partner.browse(origins.get(partner.id, ())),
            )
            for partner in partners
        }

    @api.model
    def _b2b_product_matches(self, partner, product):
        """The lines of ``partner``'s effective assortments that name
        ``product``, most specific first (sudo)."""
        effective = self._b2b_effective_sql(self._b2b_partner_sql(partner.id))
        rows = self.env.execute_query(
            SQL(
                "SELECT m.line_id FROM (%s) m"
                " JOIN b2b_assortment_line l ON l.id = m.line_id"
                " ORDER BY m.rank, m.depth, l.sequence, l.id",
                self._b2b_matches_sql(effective, [product.id]),
            )
        )
        return self.env["b2b.assortment.line"].sudo().browse(row[0] for row in rows)
