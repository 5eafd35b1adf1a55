"""The SQL that decides what a customer may buy. Every channel asks it (the
record rules of products, the quick order, requisition lists, order again,
the order gate, the explanation on the company's B2B page), so that they
cannot disagree; nothing reads partner data in Python, so that a rule
domain Odoo caches per user stays current.

Three PL/pgSQL functions, created on install and update (``init``), whose
plans PostgreSQL keeps per connection (a product query of the shop does not
plan them again, nor does a check of given products: planning the check
cost more than running it), without JIT compilation (the plan of an
assortment of thousands of lines passes PostgreSQL's ``jit_above_cost``:
compiled at every call, it cost seconds):

- ``b2b_effective_assortments(partner, company)``: rows ``(assortment_id,
  origin_id)``, the effective assortments of the partner's company: those
  given to the company itself or to its own customer groups (of that
  company), else those of its nearest parent company in the group of
  companies that has some (``b2b_group_path``); ``origin_id`` the company
  they are given to;
- ``b2b_assortment_products(assortment ids)``: the products (variants) one of
  the assortments includes and does not exclude itself (they add up; a
  product included twice comes twice: the callers ask ``IN``);
- ``b2b_assortment_check(assortment ids, product ids)``: rows ``(product_id,
  rule_line_id)``, those of the products the assortments allow, each with
  the line of its quantity rule (``_b2b_check_products``).

``_b2b_matches_sql`` says which line of which assortment names which product
(a product line, a category and its subcategories, a tag of the product or
variant, or a line naming none: all products)."""

from collections import defaultdict

from odoo import api, models
from odoo.tools import SQL

#: a line that carries a quantity rule
RULE_SQL = "(l.min_qty > 0 OR l.max_qty > 0 OR l.multiple_qty > 0)"

#: the functions ``init`` creates (name, signature): the uninstall hook
#: drops them
B2B_ASSORTMENT_FUNCTIONS = (
    ("b2b_effective_assortments", "integer, integer"),
    ("b2b_assortment_products", "integer[]"),
    ("b2b_assortment_check", "integer[], integer[]"),
)


def drop_assortment_functions(cr):
    """Drop the functions ``init`` created (the module's uninstall hook)."""
    for name, signature in B2B_ASSORTMENT_FUNCTIONS:
        cr.execute(
            SQL(
                "DROP FUNCTION IF EXISTS %s(%s)",
                SQL.identifier(name),
                SQL(signature),
            )
        )


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

    def init(self):
        """Create (or replace) the functions (see the module docstring)."""
        res = super().init()
        matches = self._b2b_matches_sql(SQL("SELECT unnest(p_assortments)"))
        matches_of = self._b2b_matches_sql(
            SQL("SELECT unnest(p_assortments)"), SQL("p_products")
        )
        self.env.cr.execute(
            SQL(
                f"""
                CREATE OR REPLACE FUNCTION b2b_effective_assortments(
                    p_partner integer, p_company integer)
                RETURNS TABLE (assortment_id integer, origin_id integer)
                LANGUAGE plpgsql STABLE ROWS 5 SET jit = off AS $body$
                #variable_conflict use_column
                BEGIN
                    RETURN QUERY
                    SELECT own.aid, own.node FROM (
                        SELECT x.aid, n.node,
                               dense_rank() OVER (ORDER BY n.depth DESC) AS nearest
                          FROM res_partner q
                          JOIN res_partner cp ON cp.id = q.commercial_partner_id
                         CROSS JOIN LATERAL unnest(COALESCE(
                            string_to_array(rtrim(cp.b2b_group_path, '/'), '/')::int[],
                            ARRAY[cp.id])) WITH ORDINALITY AS n(node, depth)
                          JOIN LATERAL (
                                SELECT r.assortment_id AS aid
                                  FROM b2b_assortment_res_partner_rel r
                                 WHERE r.partner_id = n.node
                                UNION
                                SELECT ga.assortment_id
                                  FROM b2b_customer_group_res_partner_rel gp
                                  JOIN b2b_customer_group g
                                    ON g.id = gp.group_id AND g.active
                                   AND (g.company_id IS NULL
                                        OR g.company_id = p_company)
                                  JOIN b2b_assortment_b2b_customer_group_rel ga
                                    ON ga.group_id = g.id
                                 WHERE gp.partner_id = n.node
                               ) x ON TRUE
                          JOIN b2b_assortment a ON a.id = x.aid AND a.active
                         WHERE q.id = p_partner
                    ) own
                    WHERE own.nearest = 1;
                END
                $body$;

                CREATE OR REPLACE FUNCTION b2b_assortment_products(
                    p_assortments integer[])
                RETURNS SETOF integer
                LANGUAGE plpgsql STABLE ROWS 1000 SET jit = off AS $body$
                BEGIN
                    -- m inlined on both sides (not materialised): the
                    -- exclusions read only exclude lines, an anti-join
                    -- (twice as fast as an EXCEPT of the whole set);
                    -- a product two lines include comes twice
                    RETURN QUERY
                    WITH m AS NOT MATERIALIZED (%s)
                    SELECT i.product_id FROM m i
                     WHERE i.mode = 'include' AND NOT EXISTS (
                           SELECT 1 FROM m x
                            WHERE x.mode = 'exclude'
                              AND x.assortment_id = i.assortment_id
                              AND x.product_id = i.product_id);
                END
                $body$;

                CREATE OR REPLACE FUNCTION b2b_assortment_check(
                    p_assortments integer[], p_products integer[])
                RETURNS TABLE (product_id integer, rule_line_id integer)
                LANGUAGE plpgsql STABLE ROWS 100 SET jit = off AS $body$
                #variable_conflict use_column
                BEGIN
                    RETURN QUERY
                    WITH m AS (%s),
                         ok AS (
                            SELECT i.* FROM m i
                             WHERE i.mode = 'include' AND NOT EXISTS (
                                   SELECT 1 FROM m x
                                    WHERE x.mode = 'exclude'
                                      AND x.assortment_id = i.assortment_id
                                      AND x.product_id = i.product_id))
                    SELECT DISTINCT ON (ok.product_id) ok.product_id,
                           CASE WHEN {RULE_SQL} THEN l.id END
                      FROM ok
                      JOIN b2b_assortment_line l ON l.id = ok.line_id
                     ORDER BY ok.product_id, ({RULE_SQL}) DESC, ok.rank, ok.depth,
                              l.sequence, l.id;
                END
                $body$;
                """,
                matches,
                matches_of,
            )
        )
        return res

    @api.model
    def _b2b_partner_sql(self, partner_id):
        """A partner id as SQL."""
        return SQL("%s", int(partner_id))

    @api.model
    def _b2b_current_user_partner_sql(self):
        """The current user's contact, read by PostgreSQL when the query
        runs (the record rules)."""
        return SQL("(SELECT partner_id FROM res_users WHERE id = %s)", self.env.uid)

    @api.model
    def _b2b_effective_sql(self, partner_sql):
        """Rows ``(assortment_id, origin_id)`` of ``partner_sql``'s effective
        assortments."""
        return SQL(
            "SELECT * FROM b2b_effective_assortments(%s, %s)",
            partner_sql,
            self.env.company.id,
            to_flush=self._b2b_to_flush(),
        )

    @api.model
    def _b2b_matches_sql(self, assortments_sql, product_ids=None):
        """Rows ``(line_id, assortment_id, mode, product_id, rank, depth)``:
        each line of the assortments ``assortments_sql`` and each product
        (variant) it names; ``rank`` and ``depth`` order them from the most
        specific (a product line, then the deepest category, then a tag,
        then a line for all products). ``product_ids``: only these (ids, or
        SQL of an array)."""
        where = SQL("l.assortment_id IN (%s)", assortments_sql)

        def only(column):
            if product_ids is None:
                return SQL()
            if isinstance(product_ids, SQL):
                return SQL("AND %s = ANY(%s)", SQL(column), product_ids)
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
             CROSS JOIN LATERAL (
                   SELECT pp.id
                     FROM product_category c
                     JOIN product_template t ON t.categ_id = c.id
                     JOIN product_product pp ON pp.product_tmpl_id = t.id
                    WHERE starts_with(c.parent_path, lc.parent_path) %(only_pp)s
                   ) pp
             WHERE l.categ_id IS NOT NULL AND %(where)s
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
    def _b2b_product_condition_sql(self, product_id_sql, partner_sql, template=False):
        """SQL condition: the product (``template``: the product template)
        ``product_id_sql`` may be bought by ``partner_sql``'s company (always
        when it has no assortment). Both functions run once per query."""
        effective = self._b2b_effective_sql(partner_sql)
        allowed = SQL(
            "SELECT b2b_assortment_products(ARRAY(SELECT assortment_id FROM (%s) e))",
            effective,
        )
        if template:
            allowed = SQL(
                "SELECT pp.product_tmpl_id FROM product_product pp WHERE pp.id IN (%s)",
                allowed,
            )
        return SQL(
            "((SELECT NOT EXISTS (%s)) OR %s IN (%s))",
            effective,
            product_id_sql,
            allowed,
        )

    @api.model
    def _b2b_effective_ids(self, partner):
        """The ids of ``partner``'s effective assortments (one query)."""
        rows = self.env.execute_query(
            SQL(
                "SELECT assortment_id FROM (%s) e",
                self._b2b_effective_sql(self._b2b_partner_sql(partner.id)),
            )
        )
        return [row[0] for row in rows]

    @api.model
    def _b2b_check_products(self, partner, product_ids, assortment_ids=None):
        """What the assortments of ``partner``'s company say of the products
        ``product_ids``: ``(restricted, allowed, rules)``: whether the
        company has an assortment, the ids of those products it may buy (all
        of them when it has none), and ``{product id: line}`` the quantity
        rule that applies to each (the most specific line that includes it
        and carries a rule). One query, which reads only those products;
        none for a company without an assortment when ``assortment_ids``
        (the partner's effective assortments, read beforehand for a batch)
        is given."""
        product_ids = list({int(pid) for pid in product_ids})
        if not product_ids:
            return False, set(), {}
        if assortment_ids is None:
            # the effective assortments in the same query: NULL when the
            # company has none (a row without a product says so)
            assortments = SQL(
                "SELECT array_agg(assortment_id) FROM (%s) e",
                self._b2b_effective_sql(self._b2b_partner_sql(partner.id)),
            )
        elif not assortment_ids:
            return False, set(product_ids), {}
        else:
            assortments = SQL("SELECT %s::int[]", list(assortment_ids))
        rows = self.env.execute_query(
            SQL(
                """
                WITH e(ids) AS MATERIALIZED (%s)
                SELECT NULL::int, NULL::int FROM e WHERE e.ids IS NULL
                UNION ALL
                SELECT c.product_id, c.rule_line_id
                  FROM e CROSS JOIN LATERAL b2b_assortment_check(e.ids, %s::int[]) c
                 WHERE e.ids IS NOT NULL
                """,
                assortments,
                product_ids,
                to_flush=self._b2b_to_flush(),
            )
        )
        if rows and rows[0][0] is None:
            return False, set(product_ids), {}
        Line = self.env["b2b.assortment.line"].sudo()
        allowed = {pid for pid, _line_id in rows}
        rules = {pid: Line.browse(line_id) for pid, line_id in rows if line_id}
        return True, allowed, rules

    @api.model
    def _b2b_effective_of(self, partners):
        """``{partner id: (assortments, from)}``: the effective assortments
        of each partner's company (sudo) and the company they are given to,
        in one query."""
        rows = self.env.execute_query(
            SQL(
                "SELECT p.id, e.assortment_id, e.origin_id"
                " FROM unnest(%s::int[]) AS p(id)"
                " CROSS JOIN LATERAL b2b_effective_assortments(p.id, %s) e",
                partners.ids,
                self.env.company.id,
                to_flush=self._b2b_to_flush(),
            )
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
        assortment_ids = self._b2b_effective_ids(partner)
        rows = self.env.execute_query(
            SQL(
                "SELECT m.line_id FROM (%s) m"
                " JOIN b2b_assortment_line l ON l.id = m.line_id"
                " ORDER BY m.rank, m.depth, l.sequence, l.id",
                self._b2b_matches_sql(
                    SQL("SELECT unnest(%s::int[])", assortment_ids), [product.id]
                ),
            )
        )
        return self.env["b2b.assortment.line"].sudo().browse(row[0] for row in rows)
