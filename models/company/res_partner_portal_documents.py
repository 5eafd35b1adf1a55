"""Which documents (orders, invoices) each contact of a B2B company sees on
the portal by its role, scope and its company's functions, decided by
PostgreSQL at query time (the record rules of
``security/b2b_customer_rules.xml`` and ``b2b.portal.document.mixin``)."""

from odoo import api, models
from odoo.fields import Domain
from odoo.tools import SQL

from .res_partner import B2B_COMPANY_WIDE_ROLES, B2B_PERMISSIONS


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.model
    def _b2b_portal_document_domain(self, permission, partner_column, extra=None):
        """Domain of the documents (orders, invoices) the current portal user
        sees, on top of Odoo's own portal rules. It is what the record rules
        of ``security/b2b_customer_rules.xml`` resolve to, at every query:
        everything it depends on is read by PostgreSQL in the same query
        (the user's partner, role and company, the company's B2B flag and
        portal functions), so access follows every change at once, and Odoo's
        per-user cache of rule domains holds only the user's ids.

        - internal users, and portal users who are not a contact of a B2B
          company: no restriction (Odoo's rules alone decide);
        - a company whose groups deny ``permission``: nothing;
        - a contact whose scope is ``company`` (by default an administrator,
          an approver or a viewer): every document of the company;
        - a contact whose scope is ``group``: every document of the company
          and of its subsidiaries at every level (never of its parent or
          sibling companies);
        - a contact whose scope is ``own`` (by default a user): the documents
          where they are the customer contact (``partner_column`` of the
          document's table) or that they created, or that ``extra`` (a domain
          built for them) matches.
        """
        # for the user of the environment even in sudo: Odoo checks the
        # access to given records with ``sudo().filtered_domain(rule)``
        user = self.env.user
        if not user.share:
            return Domain.TRUE
        me, uid = user.partner_id.id, user.id
        # the SQL below reads these: what this transaction changed must be in
        # the table first (a no-op when nothing is pending)
        self.env["res.partner"].flush_model(
            [
                "commercial_partner_id",
                "is_b2b",
                "b2b_role",
                "b2b_scope",
                "b2b_group_ids",
                "b2b_group_path",
                "b2b_group_root_id",
                "b2b_perm_view_orders",
                "b2b_perm_view_invoices",
            ]
        )
        self.env["b2b.customer.group"].flush_model(
            ["active", "perm_view_orders", "perm_view_invoices"]
        )
        # one row: me, and my commercial partner as "co"
        me_sql = SQL(
            "FROM res_partner me JOIN res_partner co "
            "ON co.id = me.commercial_partner_id WHERE me.id = %s",
            me,
        )
        neutral = SQL(
            "EXISTS(SELECT 1 %s AND NOT (co.is_b2b IS TRUE AND co.id <> me.id))",
            me_sql,
        )
        granted = SQL(
            "EXISTS(SELECT 1 %s AND %s)", me_sql, self._b2b_permission_sql(permission)
        )
        # my own partner; for the company scope every partner of the company
        # (a scalar subquery: the index on commercial_partner_id); for the
        # group scope also every partner of the subsidiaries (the companies
        # of my group whose path starts with my company's)
        scope = SQL(
            "COALESCE(me.b2b_scope, CASE WHEN me.b2b_role IN %s "
            "THEN 'company' ELSE 'own' END)",
            B2B_COMPANY_WIDE_ROLES,
        )
        visible_partners = SQL(
            """SELECT me.id %(me)s
               UNION ALL
               SELECT c.id FROM res_partner c
                WHERE c.commercial_partner_id =
                      (SELECT co.id %(me)s AND %(scope)s IN ('company', 'group'))
               UNION ALL
               SELECT c.id FROM res_partner c
                WHERE c.commercial_partner_id IN (
                      SELECT s.id FROM res_partner s
                        JOIN (SELECT co.id AS company_id,
                                     co.b2b_group_root_id AS root_id,
                                     co.b2b_group_path AS path
                                %(me)s AND %(scope)s = 'group') g
                          ON s.b2b_group_root_id = g.root_id
                         AND s.b2b_group_path LIKE g.path || '%%'
                         AND s.id <> g.company_id)""",
            me=me_sql,
            scope=scope,
        )

        def to_sql(model, alias, query):
            column = SQL.identifier(alias, partner_column)
            creator = SQL.identifier(alias, "create_uid")
            return SQL(
                "(%s OR (%s AND (%s IN (%s) OR %s = %s)))",
                neutral,
                granted,
                column,
                visible_partners,
                creator,
                uid,
            )

        domain = Domain.custom(to_sql=to_sql)
        if extra is not None:
            own_extra = Domain.custom(to_sql=lambda model, alias, query: granted)
            domain |= own_extra & extra
        return domain

    @api.model
    def _b2b_portal_visible_records(self, records, domain):
        """The part of ``records`` that ``domain`` (one of
        ``_b2b_portal_document_domain``) keeps, in one query."""
        ids = [rid for rid in records._origin.ids if rid]
        if not ids:
            return records.browse()
        query = (
            records.sudo()
            .with_context(active_test=False)
            ._search(Domain("id", "in", ids) & domain)
        )
        return records.browse(query.get_result_ids())

    @api.model
    def _b2b_permission_sql(self, code):
        """SQL truth of ``b2b_has_permission(code)`` for the commercial
        partner aliased ``co``: its own override, else the union of the
        active customer groups of the nearest company that has some (itself,
        else its parent companies in the group, from ``b2b_group_path``), else
        the default."""
        override = SQL.identifier("co", f"b2b_perm_{code}")
        group_flag = SQL.identifier("g", f"perm_{code}")
        chain = SQL(
            "COALESCE(string_to_array(rtrim(co.b2b_group_path, '/'), '/')::int[],"
            " ARRAY[co.id])"
        )
        holder = SQL(
            "SELECT r2.partner_id FROM b2b_customer_group_res_partner_rel r2 "
            "JOIN b2b_customer_group g2 ON g2.id = r2.group_id "
            "WHERE g2.active IS TRUE AND r2.partner_id = ANY(%(chain)s) "
            "ORDER BY array_position(%(chain)s, r2.partner_id) DESC LIMIT 1",
            chain=chain,
        )
        default = SQL("TRUE") if B2B_PERMISSIONS[code] else SQL("FALSE")
        return SQL(
            "(CASE %(override)s WHEN 'allow' THEN TRUE WHEN 'deny' THEN FALSE "
            "ELSE COALESCE((SELECT bool_or(%(flag)s IS TRUE) "
            "FROM b2b_customer_group_res_partner_rel r "
            "JOIN b2b_customer_group g ON g.id = r.group_id "
            "WHERE g.active IS TRUE AND r.partner_id = (%(holder)s)), "
            "%(default)s) END)",
            override=override,
            flag=group_flag,
            holder=holder,
            default=default,
        )
