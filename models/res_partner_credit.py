"""Company credit: the limit finance sets (Odoo's own ``credit_limit``, with
a default per customer group, shared by a group of companies), what the
customer owes or has ordered (the exposure, read from the books in one SQL
query for many companies), what is overdue, and the credit hold.

Everything here is computed for the current company (``credit_limit`` is
company-dependent) in its currency. The fields are for B2B staff; the portal
shows a company's own credit through ``_b2b_credit_summary`` after its
controller checked who asks."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
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
    b2b_credit_hold = fields.Boolean(
        string="On Credit Hold",
        copy=False,
        tracking=True,
        index="btree_not_null",
        groups=CREDIT_READERS,
        help="Orders paid by invoice cannot be confirmed; prepaid orders can.",
    )
    b2b_credit_hold_reason = fields.Char(
        string="Credit Hold Reason", copy=False, tracking=True, groups=CREDIT_READERS
    )
    b2b_credit_hold_auto = fields.Boolean(
        copy=False,
        groups=CREDIT_READERS,
        help="Technical: the hold was set for overdue invoices and is released "
        "by the daily check once nothing is overdue.",
    )

    # ------------------------------------------------------------------
    # Limit and holder
    # ------------------------------------------------------------------
    def _b2b_credit_company_ids(self):
        """The company and its branches: whose books count."""
        root = self.env.company.root_id
        return self.env["res.company"].sudo().search([("id", "child_of", root.id)]).ids

    def _b2b_credit_own_limits(self):
        """{partner id: limit} of the credit limits set on the partners
        themselves for the current company (not Odoo's default)."""
        partners = self.filtered("id")
        if not partners:
            return {}
        partners.sudo().flush_recordset(["credit_limit"])
        rows = self.env.execute_query(
            SQL(
                "SELECT id, (credit_limit->>%s)::float FROM res_partner"
                " WHERE id IN %s AND (credit_limit->>%s)::float > 0",
                str(self.env.company.id),
                tuple(partners.ids),
                str(self.env.company.id),
            )
        )
        return dict(rows)

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
        fallback = (
            self.env["res.partner"]
            .sudo()
            ._fields["credit_limit"]
            .get_company_dependent_fallback(self.env["res.partner"].sudo())
            or 0.0
        )
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
    @api.model
    def _b2b_credit_pending_order_sql(self):
        """Condition on ``so`` (sale_order) for the quotations that count as
        credit used before they are confirmed: pay-later orders the buyer
        accepted, waiting for the shop's confirmation."""
        return SQL("(so.signed_on IS NOT NULL AND so.require_payment IS NOT TRUE)")

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
            ("sale.order", ["state", "signed_on", "require_payment", "amount_total"]),
            ("sale.order.line", ["qty_invoiced", "price_total", "product_uom_qty"]),
        ):
            self.env[model].flush_model(names)
        companies = self._b2b_credit_company_ids()
        today = fields.Date.context_today(self)
        query = SQL(
            """
            WITH RECURSIVE tree(root_id, partner_id) AS (
                SELECT id, id FROM res_partner WHERE id IN %(roots)s
                UNION ALL
                SELECT t.root_id, p.id FROM res_partner p
                  JOIN tree t ON p.parent_id = t.partner_id
            ),
            receivable AS (
                SELECT t.root_id,
                       SUM(l.amount_residual) AS open_amount,
                       SUM(l.amount_residual) FILTER (
                           WHERE l.date_maturity < %(today)s AND l.amount_residual > 0
                       ) AS overdue,
                       MIN(l.date_maturity) FILTER (
                           WHERE l.date_maturity < %(today)s AND l.amount_residual > 0
                       ) AS oldest_due
                  FROM tree t
                  JOIN account_move_line l ON l.partner_id = t.partner_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE a.account_type = 'asset_receivable'
                   AND l.parent_state = 'posted'
                   AND l.reconciled IS NOT TRUE
                   AND l.company_id IN %(companies)s
              GROUP BY t.root_id
            ),
            draft AS (
                SELECT t.root_id, SUM(m.amount_total_signed) AS amount
                  FROM tree t
                  JOIN account_move m ON m.partner_id = t.partner_id
                 WHERE m.state = 'draft'
                   AND m.move_type IN ('out_invoice', 'out_refund')
                   AND m.company_id IN %(companies)s
              GROUP BY t.root_id
            ),
            uninvoiced AS (
                SELECT t.root_id,
                       SUM(GREATEST(sol.product_uom_qty - sol.qty_invoiced, 0)
                           * sol.price_total / sol.product_uom_qty
                           / COALESCE(NULLIF(so.currency_rate, 0), 1)) AS amount
                  FROM tree t
                  JOIN sale_order so ON so.partner_invoice_id = t.partner_id
                  JOIN sale_order_line sol ON sol.order_id = so.id
                 WHERE so.state = 'sale'
                   AND so.company_id IN %(companies)s
                   AND sol.display_type IS NULL
                   AND sol.product_uom_qty > 0
              GROUP BY t.root_id
            ),
            pending AS (
                SELECT t.root_id,
                       SUM(so.amount_total
                           / COALESCE(NULLIF(so.currency_rate, 0), 1)) AS amount
                  FROM tree t
                  JOIN sale_order so ON so.partner_invoice_id = t.partner_id
                 WHERE so.state IN ('draft', 'sent')
                   AND so.company_id IN %(companies)s
                   AND NOT so.id = ANY(%(excluded)s)
                   AND %(pending)s
              GROUP BY t.root_id
            )
            SELECT r.id,
                   COALESCE(rc.open_amount, 0) + COALESCE(d.amount, 0)
                   + COALESCE(u.amount, 0) + COALESCE(pe.amount, 0),
                   COALESCE(rc.overdue, 0),
                   rc.oldest_due
              FROM res_partner r
              LEFT JOIN receivable rc ON rc.root_id = r.id
              LEFT JOIN draft d ON d.root_id = r.id
              LEFT JOIN uninvoiced u ON u.root_id = r.id
              LEFT JOIN pending pe ON pe.root_id = r.id
             WHERE r.id IN %(roots)s
            """,
            roots=tuple(roots.ids),
            companies=tuple(companies),
            today=today,
            excluded=list(exclude_order_ids),
            pending=self._b2b_credit_pending_order_sql(),
        )
        currency = self.env.company.currency_id
        for pid, exposure, overdue, oldest in self.env.execute_query(query):
            figures[pid] = {
                "exposure": currency.round(exposure),
                "overdue": currency.round(overdue),
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
            partner.b2b_credit_exposure = exposure if limit else own.get("exposure", 0)
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

    # ------------------------------------------------------------------
    # Credit hold
    # ------------------------------------------------------------------
    @api.model
    def _b2b_check_credit_manager(self):
        """B2B managers and accountants (and the system) hold and release."""
        user = self.env.user
        if not self.env.su and not (
            user.has_group("b2b_customer.group_b2b_manager")
            or user.has_group("account.group_account_manager")
        ):
            raise AccessError(
                self.env._(
                    "Only B2B managers and accountants may put accounts on hold."
                )
            )

    def action_b2b_credit_hold(self):
        """Ask for the reason, then put the companies on credit hold."""
        self._b2b_check_credit_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Credit Hold"),
            "res_model": "b2b.credit.hold.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_ids": self.commercial_partner_id.ids},
        }

    def action_b2b_credit_release(self):
        self._b2b_check_credit_manager()
        self.commercial_partner_id.sudo()._b2b_credit_release()
        return self._b2b_notification(
            self.env._("The credit hold is released."), reload=True
        )

    def _b2b_credit_set_hold(self, reason, auto=False):
        """Put the companies on hold with ``reason``. No access check."""
        reason = (reason or "").strip()
        if not reason:
            raise UserError(self.env._("Please give the reason for the credit hold."))
        partners = self.filtered(lambda p: not p.b2b_credit_hold)
        partners.write(
            {
                "b2b_credit_hold": True,
                "b2b_credit_hold_reason": reason,
                "b2b_credit_hold_auto": auto,
            }
        )
        partners._b2b_credit_schedule_review(
            self.env._("Credit hold: %(reason)s", reason=reason)
        )
        return partners

    def _b2b_credit_release(self, note=None):
        """Release the companies' credit hold. No access check."""
        partners = self.filtered("b2b_credit_hold")
        partners.write(
            {
                "b2b_credit_hold": False,
                "b2b_credit_hold_reason": False,
                "b2b_credit_hold_auto": False,
            }
        )
        partners._b2b_credit_schedule_review(note or self.env._("Credit hold released"))
        return partners

    def _b2b_credit_reviewers(self):
        """The finance user of the settings, else the B2B managers."""
        company = self.env.company
        if company.b2b_credit_user_id:
            return company.b2b_credit_user_id
        return self._b2b_get_approvers()

    def _b2b_credit_schedule_review(self, summary):
        """A "Credit Review" activity for each reviewer, one create for all."""
        if not self:
            return
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_credit")
        model_id = self.env["ir.model"]._get_id("res.partner")
        today = fields.Date.context_today(self)
        vals_list = [
            {
                "res_model_id": model_id,
                "res_id": partner.id,
                "activity_type_id": activity_type.id,
                "summary": summary,
                "user_id": user.id,
                "date_deadline": today,
            }
            for partner in self
            for user in self._b2b_credit_reviewers()
        ]
        self.env["mail.activity"].sudo().create(vals_list)

    @api.model
    def _cron_b2b_credit_hold(self):
        """Daily: hold the B2B companies with an invoice overdue by more than
        the company's setting, release the ones held for that reason once
        nothing is overdue any more."""
        for company in self.env["res.company"].search([]):
            days = company.b2b_credit_hold_overdue_days
            partners = self.with_company(company)
            if days > 0:
                partners._b2b_credit_hold_overdue(days)
            partners._b2b_credit_release_paid()

    @api.model
    def _b2b_credit_overdue_partners(self, before):
        """{commercial partner id: oldest due date} of the B2B companies with
        a receivable due before ``before`` and still open."""
        self.env["account.move.line"].flush_model(
            ["amount_residual", "reconciled", "parent_state", "date_maturity"]
        )
        self.env["account.account"].flush_model(["account_type"])
        rows = self.env.execute_query(
            SQL(
                """
                SELECT p.commercial_partner_id, MIN(l.date_maturity)
                  FROM account_move_line l
                  JOIN res_partner p ON p.id = l.partner_id
                  JOIN res_partner c ON c.id = p.commercial_partner_id
                  JOIN account_account a ON a.id = l.account_id
                 WHERE a.account_type = 'asset_receivable'
                   AND l.parent_state = 'posted'
                   AND l.reconciled IS NOT TRUE
                   AND l.amount_residual > 0
                   AND l.date_maturity < %s
                   AND l.company_id IN %s
                   AND c.is_b2b
              GROUP BY p.commercial_partner_id
                """,
                before,
                tuple(self._b2b_credit_company_ids()),
            )
        )
        return dict(rows)

    @api.model
    def _b2b_credit_hold_overdue(self, days):
        today = fields.Date.context_today(self)
        overdue = self._b2b_credit_overdue_partners(today - timedelta(days=days))
        partners = self.browse(list(overdue)).filtered(lambda p: not p.b2b_credit_hold)
        for partner in partners:
            late = (today - overdue[partner.id]).days
            partner._b2b_credit_set_hold(
                self.env._(
                    "An invoice is overdue by %(days)s days (due %(date)s).",
                    days=late,
                    date=overdue[partner.id],
                ),
                auto=True,
            )
        return partners

    @api.model
    def _b2b_credit_release_paid(self):
        held = self.search([("b2b_credit_hold_auto", "=", True)])
        if not held:
            return held
        overdue = self._b2b_credit_overdue_partners(fields.Date.context_today(self))
        paid = held.filtered(lambda p: p.id not in overdue)
        paid._b2b_credit_release(
            self.env._("Credit hold released: nothing is overdue any more.")
        )
        return paid
