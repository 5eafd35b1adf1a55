"""Groups of companies: a subsidiary is a B2B company whose parent company
(Odoo's own ``parent_id``, cycles refused by Odoo) is a B2B company. The
group's shape is stored on each B2B company (``b2b_group_path``, the ids from
the top company down to it, and ``b2b_group_root_id``), kept current by the
ORM when a company moves; what each contact person sees of it is its
``b2b_scope``. The settings a subsidiary inherits are in
``res_partner_selling.py`` (``_b2b_inherited_values``); the documents a scope
opens on the portal are decided in SQL by
``res_partner_company_account._b2b_portal_document_domain``."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain
from odoo.tools import SQL, sql

from ..company.res_partner import B2B_COMPANY_WIDE_ROLES

#: what a contact person sees on the portal
B2B_SCOPES = [
    ("own", "Own documents"),
    ("company", "Company"),
    ("group", "Group of companies"),
]


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_group_path = fields.Char(
        string="Group Path",
        compute="_compute_b2b_group",
        store=True,
        recursive=True,
        index="btree_not_null",
        copy=False,
        help="Technical: the ids of the B2B companies from the top company of "
        "the group down to this one ('12/45/').",
    )
    b2b_group_root_id = fields.Many2one(
        comodel_name="res.partner",
        string="Group of Companies",
        compute="_compute_b2b_group",
        store=True,
        recursive=True,
        index="btree_not_null",
        copy=False,
        help="The top company of this B2B company's group of companies (the "
        "company itself when it has no B2B parent company).",
    )
    b2b_group_parent_id = fields.Many2one(
        comodel_name="res.partner",
        string="Parent Company in the Group",
        compute="_compute_b2b_group_tree",
        help="The B2B parent company whose settings this subsidiary inherits.",
    )
    b2b_group_member_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Subsidiaries",
        compute="_compute_b2b_group_tree",
        help="The subsidiaries of this company at every level, as a tree.",
    )
    b2b_group_member_count = fields.Integer(
        string="Subsidiary Count", compute="_compute_b2b_group_tree"
    )
    b2b_group_tree_name = fields.Char(
        string="Company in the Group",
        compute="_compute_b2b_group_tree_name",
        help="The company's place in its group, below the top company.",
    )
    b2b_scope = fields.Selection(
        selection=B2B_SCOPES,
        string="Sees on the Portal",
        tracking=True,
        help="Own documents: the orders and invoices of this contact. Company: "
        "all of the company's. Group of companies: those of the company and of "
        "all its subsidiaries. Users see their own by default, the other roles "
        "their company's; only B2B staff and a group administrator of the "
        "parent company may give the group.",
    )

    # ------------------------------------------------------------------
    # Columns filled with SQL instead of computed for every partner
    # ------------------------------------------------------------------
    def _b2b_init_columns(self):
        """Create the stored group columns with their values before the ORM
        does: it would compute them in Python for every partner (at install
        and on a database of the previous version)."""
        cr = self.env.cr
        if not sql.column_exists(cr, "res_partner", "b2b_scope"):
            sql.create_column(cr, "res_partner", "b2b_scope", "varchar")
            if sql.column_exists(cr, "res_partner", "b2b_role"):
                cr.execute(
                    SQL(
                        "UPDATE res_partner SET b2b_scope = CASE b2b_role"
                        " WHEN 'user' THEN 'own' ELSE 'company' END"
                        " WHERE b2b_role IS NOT NULL"
                    )
                )
        if not sql.column_exists(cr, "res_partner", "b2b_group_path"):
            sql.create_column(cr, "res_partner", "b2b_group_path", "varchar")
            sql.create_column(cr, "res_partner", "b2b_group_root_id", "int4")
            if sql.column_exists(cr, "res_partner", "is_b2b"):
                self._b2b_fill_group_columns()
        return super()._b2b_init_columns()

    def _b2b_fill_group_columns(self):
        """Write the group path and top company of every B2B company in one
        statement."""
        self.env.cr.execute(
            SQL(
                """
                WITH RECURSIVE tree(id, path) AS (
                    SELECT p.id, p.id || '/' FROM res_partner p
                     WHERE p.is_b2b IS TRUE AND p.is_company IS TRUE
                       AND NOT EXISTS (
                           SELECT 1 FROM res_partner q
                            WHERE q.id = p.parent_id AND q.is_b2b IS TRUE
                              AND q.is_company IS TRUE)
                    UNION ALL
                    SELECT c.id, t.path || c.id || '/' FROM res_partner c
                      JOIN tree t ON c.parent_id = t.id
                     WHERE c.is_b2b IS TRUE AND c.is_company IS TRUE
                )
                UPDATE res_partner p
                   SET b2b_group_path = t.path,
                       b2b_group_root_id = split_part(t.path, '/', 1)::int
                  FROM tree t
                 WHERE p.id = t.id
                """
            )
        )

    # ------------------------------------------------------------------
    # The shape of the group
    # ------------------------------------------------------------------
    @api.depends("is_b2b", "is_company", "parent_id", "parent_id.b2b_group_path")
    def _compute_b2b_group(self):
        for partner in self:
            if not (partner.is_b2b and partner.is_company and partner._origin.id):
                partner.b2b_group_path = False
                partner.b2b_group_root_id = False
                continue
            parent_path = partner.parent_id.b2b_group_path or ""
            path = f"{parent_path}{partner._origin.id}/"
            partner.b2b_group_path = path
            partner.b2b_group_root_id = int(path.split("/", 1)[0])

    def _b2b_group_ancestor_ids(self):
        """Ids of the B2B parent companies of this company, nearest first."""
        self.ensure_one()
        path = self.commercial_partner_id.b2b_group_path
        if not path:
            return []
        return [int(pid) for pid in reversed(path.rstrip("/").split("/")[:-1])]

    def _b2b_group_ancestors(self):
        """The B2B parent companies of this company, nearest first (sudo)."""
        return self.sudo().browse(self._b2b_group_ancestor_ids())

    def _b2b_first_people(self, limit):
        """The first ``limit`` contact persons of each of these companies (by
        name) and how many each has: (res.partner, {company id: count}), in
        two queries whatever their number. No access check."""
        Partner = self.env["res.partner"].sudo()
        domain = [
            ("parent_id", "in", self.ids),
            ("type", "=", "contact"),
            ("is_company", "=", False),
        ]
        counts = {
            parent.id: count
            for parent, count in Partner._read_group(domain, ["parent_id"], ["__count"])
        }
        query = Partner._search(domain)
        table = query.table
        ranked = query.select(
            SQL.identifier(table, "id"),
            SQL.identifier(table, "name"),
            SQL(
                "row_number() OVER (PARTITION BY %s ORDER BY %s, %s) AS rank",
                SQL.identifier(table, "parent_id"),
                SQL.identifier(table, "name"),
                SQL.identifier(table, "id"),
            ),
        )
        rows = self.env.execute_query(
            SQL(
                "SELECT id FROM (%s) ranked WHERE rank <= %s ORDER BY name, id",
                ranked,
                limit,
            )
        )
        return Partner.browse(row[0] for row in rows), counts

    def _b2b_group_companies(self, active_test=True):
        """This company and its subsidiaries at every level, in the order of
        the tree (sudo, one query)."""
        self.ensure_one()
        company = self.sudo().commercial_partner_id
        if not company.b2b_group_path:
            return company
        return (
            self.sudo()
            .with_context(active_test=active_test)
            .search(
                [
                    ("b2b_group_root_id", "=", company.b2b_group_root_id.id),
                    ("b2b_group_path", "=like", f"{company.b2b_group_path}%"),
                ],
                order="b2b_group_path",
            )
        )

    def _b2b_group_domain(self, field):
        """Domain on ``field`` (a path to a commercial partner): this company
        or one of its subsidiaries."""
        self.ensure_one()
        company = self.commercial_partner_id
        if not company.b2b_group_path:
            return Domain(field, "=", company.id)
        return Domain(f"{field}.b2b_group_path", "=like", f"{company.b2b_group_path}%")

    def _b2b_parents_for_group_domain(self):
        """Domain of the approval rules and budgets that this company's parent
        companies keep for the whole group of companies."""
        self.ensure_one()
        parents = self._b2b_group_ancestor_ids()
        if not parents:
            return Domain.FALSE
        return Domain("partner_id", "in", parents) & Domain("for_group", "=", True)

    def _b2b_self_and_parents(self):
        """This partner and every partner above it (Odoo's ``parent_of``)."""
        partners = self.browse()
        node = self[:1]
        while node and node not in partners:
            partners |= node
            node = node.parent_id
        return partners

    def _b2b_has_subsidiaries(self):
        """Whether this B2B company has subsidiaries (one query)."""
        self.ensure_one()
        company = self.sudo().commercial_partner_id
        return bool(
            company.b2b_group_path
            and self.sudo().search_count(
                [
                    ("b2b_group_root_id", "=", company.b2b_group_root_id.id),
                    ("b2b_group_path", "=like", f"{company.b2b_group_path}_%"),
                ],
                limit=1,
            )
        )

    def _b2b_in_group_of(self, company):
        """Whether this partner's company is ``company`` or one of its
        subsidiaries."""
        self.ensure_one()
        mine = self.sudo().commercial_partner_id
        theirs = company.sudo().commercial_partner_id
        if mine == theirs:
            return True
        return bool(
            mine.b2b_group_path
            and theirs.b2b_group_path
            and mine.b2b_group_path.startswith(theirs.b2b_group_path)
        )

    def _b2b_is_subsidiary(self):
        """A B2B company whose parent company is a B2B company."""
        self.ensure_one()
        parent = self.parent_id
        return bool(
            self.is_company and self.is_b2b and parent.is_company and parent.is_b2b
        )

    @api.depends("b2b_group_path")
    def _compute_b2b_group_tree(self):
        """Each company's parent company in the group and its subsidiaries
        at every level, in the order of the tree (one query per company: a
        form's figures)."""
        for partner in self:
            path = partner.b2b_group_path
            partner.b2b_group_parent_id = (
                partner.parent_id if path and "/" in path.rstrip("/") else False
            )
            members = (
                partner._origin._b2b_group_companies() - partner._origin
                if path and partner._origin.id
                else self.browse()
            )
            partner.b2b_group_member_ids = members
            partner.b2b_group_member_count = len(members)

    @api.depends("b2b_group_path", "name")
    @api.depends_context("b2b_group_of")
    def _compute_b2b_group_tree_name(self):
        """Each company's name as its path in the tree: below the company
        shown (``b2b_group_of`` in the context), else below the top company.
        The names of the companies on the paths are read at once."""
        paths = {}
        for partner in self:
            ids = [
                int(pid)
                for pid in (partner.b2b_group_path or "").rstrip("/").split("/")
                if pid
            ]
            shown = self.env.context.get("b2b_group_of") or (ids[0] if ids else None)
            if shown in ids:
                ids = ids[ids.index(shown) + 1 :] or ids[-1:]
            paths[partner] = ids
        wanted = {pid for ids in paths.values() for pid in ids}
        names = {p.id: p.name or "" for p in self.sudo().browse(wanted).exists()}
        for partner in self:
            ids = paths[partner]
            partner.b2b_group_tree_name = (
                " › ".join(names.get(pid, "") for pid in ids)
                if len(ids) > 1
                else partner.name
            )

    def action_view_b2b_group(self):
        """The accounts of this company's group of companies."""
        self.ensure_one()
        self._b2b_check_staff()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_customer.res_partner_action_b2b"
        )
        root = self.b2b_group_root_id or self
        action.update(
            {
                "name": self.env._("Group of %(name)s", name=root.display_name),
                "domain": [("b2b_group_root_id", "=", root.id)],
                "context": {"default_is_company": True, "default_is_b2b": True},
            }
        )
        return action

    # ------------------------------------------------------------------
    # Subsidiaries keep their own address
    # ------------------------------------------------------------------
    def _fields_sync(self, values):
        """Odoo copies a parent company's address onto a company placed under
        it and writes the company's address back up to the parent: a
        subsidiary has its own address. Its contacts still follow it."""
        if self._b2b_is_subsidiary():
            self._children_sync(values)
            return
        super()._fields_sync(values)

    def _load_records_create(self, vals_list):
        # data files: Odoo copies the parent's address in one batch there
        partners = super()._load_records_create(vals_list)
        address_fields = self._address_fields()
        for partner, vals in zip(partners, vals_list, strict=True):
            if partner._b2b_is_subsidiary():
                partner.write({name: vals.get(name, False) for name in address_fields})
        return partners

    def _children_sync(self, values):
        subsidiaries = self.child_ids.filtered(lambda c: c._b2b_is_subsidiary())
        if subsidiaries:
            self = self.with_context(b2b_keep_address_ids=subsidiaries.ids)
        return super()._children_sync(values)

    def _update_address(self, vals):
        kept = self.env.context.get("b2b_keep_address_ids")
        if kept:
            self = self.filtered(lambda p: p.id not in kept)
        return super()._update_address(vals)

    # ------------------------------------------------------------------
    # Scope of a contact person
    # ------------------------------------------------------------------
    def _b2b_default_scope(self):
        """The scope of a role: users see their own documents, the other
        roles their company's."""
        self.ensure_one()
        role = self.b2b_role
        if not role:
            return False
        return "company" if role in B2B_COMPANY_WIDE_ROLES else "own"

    @api.onchange("b2b_role")
    def _onchange_b2b_role_scope(self):
        for partner in self:
            partner.b2b_scope = partner._b2b_default_scope()

    @api.model
    def _b2b_check_vals(self, vals):
        res = super()._b2b_check_vals(vals)
        if vals.get("b2b_scope") == "group" and not self.env.su:
            self._b2b_check_staff()
        return res

    def _b2b_after_create(self):
        res = super()._b2b_after_create()
        self.filtered(lambda p: p.b2b_role and not p.b2b_scope)._b2b_reset_scope()
        return res

    def _b2b_reset_scope(self):
        """Give the partners the scope of their role (one write per scope)."""
        for scope, partners in self.grouped(lambda p: p._b2b_default_scope()).items():
            partners.b2b_scope = scope

    def _b2b_before_write(self, vals):
        partners = super()._b2b_before_write(vals)
        if "b2b_role" in vals and "b2b_scope" not in vals:
            # a new role brings its scope (the same role keeps the scope)
            changed = partners.filtered(lambda p: p.b2b_role != vals["b2b_role"])
            partners = partners.with_context(b2b_scope_reset_ids=changed.ids)
        return partners

    def _b2b_after_write(self, vals):
        res = super()._b2b_after_write(vals)
        reset = self.env.context.get("b2b_scope_reset_ids")
        if reset and "b2b_role" in vals:
            self.filtered(lambda p: p.id in reset)._b2b_reset_scope()
        return res

    def _b2b_effective_scope(self):
        """What this contact sees: its scope, else its role's default."""
        self.ensure_one()
        return self.b2b_scope or self._b2b_default_scope() or "own"

    def _b2b_is_group_admin(self):
        """An administrator of an approved B2B company who sees the group."""
        self.ensure_one()
        return self._b2b_is_company_admin() and self.b2b_scope == "group"

    def _b2b_scope_selection(self):
        """The scopes, translated, as (value, label) pairs."""
        return self._fields["b2b_scope"]._description_selection(self.env)

    def _b2b_set_scope(self, scope, actor):
        """``actor`` (a contact, on the portal) gives this colleague the scope.
        Only a group administrator of the colleague's company or of one of
        its parent companies gives the group. No other access check."""
        self.ensure_one()
        if scope not in dict(self._b2b_scope_selection()):
            raise UserError(self.env._("Please choose what the colleague sees."))
        if scope == "group" and self.b2b_scope != "group":
            actor_sudo = actor.sudo()
            if not (
                actor_sudo._b2b_is_group_admin()
                and self._b2b_in_group_of(actor_sudo.commercial_partner_id)
            ):
                raise UserError(
                    self.env._(
                        "Only an administrator who sees the group of companies "
                        "may give it to a colleague."
                    )
                )
        self.sudo().b2b_scope = scope
        return True

    def _b2b_set_access(self, role, scope, actor):
        """``actor`` changes this colleague's role and, when given, scope (a
        scope the colleague already had is kept whoever changes the role).
        No other access check."""
        self.ensure_one()
        previous = self.b2b_scope
        self._b2b_set_role(role)
        if scope and scope != self.b2b_scope:
            if scope == previous and scope in dict(self._b2b_scope_selection()):
                self.sudo().b2b_scope = scope
            else:
                self._b2b_set_scope(scope, actor)
        return True
