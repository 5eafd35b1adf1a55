"""Company credit: the limit finance sets (Odoo's own ``credit_limit``, with
a default per customer group, shared by a group of companies), what the
customer owes or has ordered (the exposure, read from the books in one SQL
query for many companies), what is overdue, and the credit hold.

Everything here is computed for the current company (``credit_limit`` is
company-dependent) in its currency. The fields are for B2B staff; the portal
shows a company's own credit through ``_b2b_credit_summary`` after its
controller checked who asks. The credit hold is in
``res_partner_credit_hold.py``."""

from odoo import api, fields, models
from odoo.tools import SQL

#: who reads credit figures: B2B staff and Odoo's invoicing users, who set
#: the limits (the portal sees its own credit through the controllers)
CREDIT_READERS = (
    "b2b_customer.group_b2b_user,account.group_account_invoice,"
    "account.group_account_readonly"
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_credit_currency_id = fields.Many2one(
        comodel_name="res.currency",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
    )
    b2b_credit_holder_id = fields.Many2one(
        comodel_name="res.partner",
        string="Credit Limit Of",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="The company whose credit limit applies: this company, or the "
        "parent company whose limit the whole group of companies shares.",
    )
    b2b_credit_limit = fields.Monetary(
        string="Applicable Credit Limit",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="The limit that applies: the company's own credit limit, else the "
        "first customer group's, else the default of the Invoicing settings; "
        "a subsidiary without one shares its parent company's. Empty: no limit.",
    )
    b2b_effective_credit_limit = fields.Monetary(
        string="Effective Credit Limit",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="The credit limit that applies (see Applicable Credit Limit); "
        "whose it is: Credit Limit Of.",
    )
    b2b_credit_exposure = fields.Monetary(
        string="Credit Used",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="Open receivables (posted invoices not paid, minus credit notes and "
        "unreconciled payments) + draft invoices + confirmed orders not yet "
        "invoiced + pay-later orders waiting for confirmation; of the whole "
        "group of companies when the limit is the parent's.",
    )
    b2b_credit_own_exposure = fields.Monetary(
        string="Credit Used by the Company",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="What this company and the companies below it use: their share of "
        "the credit used of a group of companies that shares a limit.",
    )
    b2b_credit_available = fields.Monetary(
        string="Available Credit",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="Credit limit minus credit used. Empty: no limit.",
    )
    b2b_credit_over_limit = fields.Boolean(
        string="Over Credit Limit",
        compute="_compute_b2b_credit",
        search="_search_b2b_credit_over_limit",
        groups=CREDIT_READERS,
    )
    b2b_credit_overdue_amount = fields.Monetary(
        string="Overdue",
        currency_field="b2b_credit_currency_id",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
        help="Receivables of this company past their due date.",
    )
    b2b_credit_oldest_due_date = fields.Date(
        string="Oldest Due Date",
        compute="_compute_b2b_credit",
        groups=CREDIT_READERS,
    )

    # ------------------------------------------------------------------
    # Limit and holder
    # ------------------------------------------------------------------
    def _b2b_credit_companies_sql(self, column):
        """SQL condition: ``column`` is the current company or one of its
        branches (whose books count)."""
        return SQL(
            "%s IN (SELECT id FROM res_company WHERE parent_path LIKE %s)",
            column,
            f"{self.env.company.root_id.parent_path}%",
        )

    def _b2b_credit_own_limits(self):
        """{partner id: limit} of the credit limits set on the partners
        themselves for the current company: Odoo's own rule (a limit other
        than the default of the Invoicing settings is the partner's)."""
        partners_sudo = self.sudo().filtered("id")
        fallback = self._b2b_credit_default_limit()
        return {
            partner.id: partner.credit_limit
            for partner in partners_sudo
            if partner.credit_limit > 0 and partner.credit_limit != fallback
        }

    def _b2b_credit_default_limit(self):
        """The default credit limit of the Invoicing settings (0: none)."""
        Partner = self.env["res.partner"].sudo()
        return (
            Partner._fields["credit_limit"].get_company_dependent_fallback(Partner)
            or 0.0
        )

    def _b2b_credit_group_limit(self):
        """The credit limit of the partner's first customer group that has one."""
        self.ensure_one()
        groups = self._b2b_groups_for_company().filtered("credit_limit")
        return groups[:1].credit_limit

    def _b2b_credit_limits(self):
        """{commercial partner: (holder, limit)} for the partners: a company's
        own limit, else its first customer group's; a company with neither
        shares the limit of the nearest parent company that has one; the
        default of the Invoicing settings applies last. Limit 0: none."""
        commercials = self.commercial_partner_id
        chains = {}
        for partner in commercials:
            chain, node = [], partner
            while node and node not in chain:
                chain.append(node)
                node = node.parent_id.commercial_partner_id
            chains[partner] = chain
        nodes = self.browse({n.id for chain in chains.values() for n in chain})
        own = nodes._b2b_credit_own_limits()
        fallback = self._b2b_credit_default_limit()
        result = {}
        for partner, chain in chains.items():
            holder, limit = partner, fallback
            for node in chain:
                node_limit = own.get(node.id) or node._b2b_credit_group_limit()
                if node_limit:
                    holder, limit = node, node_limit
                    break
            result[partner] = (holder, limit)
        return result

    # ------------------------------------------------------------------
    # Exposure, read from the books
    # ------------------------------------------------------------------
    def _b2b_credit_figures(self, exclude_order_ids=()):
        """{partner id: {"exposure", "overdue", "oldest_due"}} over each
        partner and everything below it (its contacts, addresses and
        subsidiaries), in the current company's currency. One query for all
        the partners. ``exclude_order_ids``: quotations left out of the
        pending part (the order being checked counts with its own amount)."""
        roots = self.filtered("id")
        figures = {
            pid: {"exposure": 0.0, "overdue": 0.0, "oldest_due": False}
            for pid in roots.ids
        }
        if not roots:
            return figures
        for model, names in (
            ("res.partner", ["parent_id"]),
            (
                "account.move.line",
                ["amount_residual", "reconciled", "parent_state", "account_id"],
            ),
            ("account.account", ["account_type"]),
            ("account.move", ["state", "amount_total_signed", "move_type"]),
            (
                "sale.order",
                [
                    "state",
                    "signed_on",
                    "require_payment",
                    "amount_total",
                    "b2b_approval_state",
                ],
            ),
            ("sale.order.line", ["qty_invoiced", "price_total", "product_uom_qty"]),
        ):
            self.env[model].flush_model(names)
        today = fields.Date.context_today(self)
        # PostgreSQL cannot estimate the size of a recursive tree: it plans
        # for hundreds of thousands of rows, then spends most of the time
        # compiling the query (JIT) for the few it finds. JIT is switched off
        # for the rest of this transaction, in the same round trip; the
        # children are read through the parent_id index (OFFSET 0 keeps the
        # lateral subquery a nested loop instead of a scan of every partner)
        query = SQL(
            """
            SET LOCAL jit = off;
            WITH RECURSIVE tree(root_id, partner_id) AS (
                SELECT id, id FROM res_partner WHERE id IN %(roots)s
                UNION ALL
                SELECT t.root_id, c.id FROM tree t
                 CROSS JOIN LATERAL (
                       SELECT p.id FROM res_partner p
                        WHERE p.parent_id = t.partner_id OFFSET 0
                 ) c
            )
            SELECT d.root_id, SUM(d.amount), SUM(d.overdue_amount),
                   MIN(d.overdue_date)
              FROM (
                    -- the open items partner by partner: an index-only scan
                    -- of each partner's open items
                    SELECT t.root_id, r.amount, r.overdue_amount, r.overdue_date
                      FROM tree t CROSS JOIN LATERAL (%(receivable)s) r
                    UNION ALL
                    SELECT t.root_id, o.amount, o.overdue_amount, o.overdue_date
                      FROM tree t
                      JOIN (%(documents)s) o ON o.partner_id = t.partner_id
                   ) d
          GROUP BY d.root_id
            """,
            roots=tuple(roots.ids),
            receivable=self._b2b_credit_receivable_sql(
                today,
                SQL(
                    "l.partner_id = t.partner_id AND %s",
                    self._b2b_credit_companies_sql(SQL("l.company_id")),
                ),
            ),
            documents=self._b2b_credit_documents_sql(
                today,
                exclude_order_ids,
                where=lambda partner, company: SQL(
                    "%s = ANY(ARRAY(SELECT partner_id FROM tree)) AND %s",
                    partner,
                    self._b2b_credit_companies_sql(company),
                ),
                receivable=False,
            ),
        )
        currency = self.env.company.currency_id
        for pid, exposure, overdue, oldest in self.env.execute_query(query):
            figures[pid] = {
                "exposure": currency.round(exposure or 0.0),
                "overdue": currency.round(overdue or 0.0),
                "oldest_due": oldest or False,
            }
        return figures

    @api.depends_context("company")
    def _compute_b2b_credit(self):
        currency = self.env.company.currency_id
        partners = self.filtered("id")
        limits = partners._b2b_credit_limits()
        holders = self.browse({holder.id for holder, _limit in limits.values()})
        figures = (holders | partners.commercial_partner_id)._b2b_credit_figures()
        for partner in self:
            partner.b2b_credit_currency_id = currency
            commercial = partner.commercial_partner_id
            holder, limit = limits.get(commercial, (commercial, 0.0))
            own = figures.get(commercial.id, {})
            exposure = figures.get(holder.id, {}).get("exposure", 0.0)
            partner.b2b_credit_holder_id = holder if limit else commercial
            partner.b2b_credit_limit = limit
            partner.b2b_effective_credit_limit = limit
            partner.b2b_credit_exposure = exposure if limit else own.get("exposure", 0)
            partner.b2b_credit_own_exposure = own.get("exposure", 0.0)
            partner.b2b_credit_available = (
                currency.round(limit - exposure) if limit else 0
            )
            partner.b2b_credit_over_limit = bool(
                limit and currency.compare_amounts(exposure, limit) > 0
            )
            partner.b2b_credit_overdue_amount = own.get("overdue", 0.0)
            partner.b2b_credit_oldest_due_date = own.get("oldest_due", False)

    def _b2b_credit_accounts(self):
        """The B2B companies whose credit can be searched or sorted."""
        return (
            self.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("is_b2b", "=", True), ("is_company", "=", True)])
        )

    @api.model
    def _search_b2b_credit_over_limit(self, operator, value):
        if operator != "in":
            return NotImplemented
        accounts = self._b2b_credit_accounts()
        over = accounts.filtered("b2b_credit_over_limit")
        if True in value and False in value:
            return []
        if True in value:
            return [("id", "in", over.ids)]
        return [("id", "not in", over.ids)]

    def _order_field_to_sql(self, alias, field_name, direction, nulls, query):
        """Sort by available credit: the figures of every B2B company are
        computed at once (one query) and the list is ordered by their rank;
        companies without a limit come last."""
        if field_name != "b2b_credit_available":
            return super()._order_field_to_sql(
                alias, field_name, direction, nulls, query
            )
        self._check_field_access(self._fields[field_name], "read")
        accounts = self._b2b_credit_accounts().filtered("b2b_credit_limit")
        ranked = accounts.sorted(lambda p: (p.b2b_credit_available, p.id)).ids
        rank = SQL("array_position(%s::int[], %s)", ranked, SQL.identifier(alias, "id"))
        query._order_groupby.append(rank)
        return SQL("%s %s %s", rank, direction, nulls or SQL("NULLS LAST"))

    # ------------------------------------------------------------------
    # What the buyer's company may see of it
    # ------------------------------------------------------------------
    @api.private
    def _b2b_credit_summary(self):
        """The credit of the partner's company as the portal shows it (no
        access check: the caller decides who sees it), or an empty dict when
        the company has no limit and nothing overdue."""
        self.ensure_one()
        company = self.sudo().commercial_partner_id
        if not company.is_b2b:
            return {}
        if not (
            company.b2b_credit_limit
            or company.b2b_credit_overdue_amount
            or company.b2b_credit_hold
        ):
            return {}
        return {
            "currency": company.b2b_credit_currency_id,
            "limit": company.b2b_credit_limit,
            "used": company.b2b_credit_exposure,
            "available": company.b2b_credit_available,
            "share_used": min(
                100, round(100 * company.b2b_credit_exposure / company.b2b_credit_limit)
            )
            if company.b2b_credit_limit > 0
            else 0,
            "overdue": company.b2b_credit_overdue_amount,
            "oldest_due": company.b2b_credit_oldest_due_date,
            "hold": company.b2b_credit_hold,
            "shared_by": company.b2b_credit_holder_id
            if company.b2b_credit_holder_id != company
            else False,
        }

    @api.private
    def _b2b_portal_credit(self):
        """The credit of the company of ``self`` (the portal user's partner)
        when ``self`` may see it: an administrator of the approved company.
        Anybody else gets ``{}``."""
        self.ensure_one()
        partner_sudo = self.sudo()
        if not partner_sudo._b2b_is_company_admin():
            return {}
        return partner_sudo._b2b_credit_summary()
