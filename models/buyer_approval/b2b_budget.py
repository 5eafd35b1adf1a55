"""Spending budgets of a B2B company or one of its buyers, per month,
quarter or year. What is spent (confirmed orders and orders waiting for
approval in the current period) is read in one SQL query for many budgets;
at 80 % and 100 % the company's administrators are told, once per period."""

from datetime import datetime, time

from odoo import api, fields, models
from odoo.exceptions import ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, date_utils

#: shares of a budget at which the administrators are told
NOTICE_LEVELS = (100, 80)


class B2bBudget(models.Model):
    _name = "b2b.budget"
    _description = "B2B Buyer Budget"
    _order = "company_partner_id, partner_id, id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Company or Buyer",
        required=True,
        index=True,
        ondelete="cascade",
        help="A B2B company (all its orders count) or one of its contact "
        "persons (the orders they placed count).",
    )
    company_partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Company",
        related="partner_id.commercial_partner_id",
        store=True,
        index=True,
    )
    period = fields.Selection(
        selection=[("month", "Month"), ("quarter", "Quarter"), ("year", "Year")],
        required=True,
        default="month",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_currency_id"
    )
    amount = fields.Monetary(
        string="Budget", required=True, help="Untaxed amount per period."
    )
    amount_spent = fields.Monetary(
        string="Spent",
        compute="_compute_amount_spent",
        help="Untaxed amount of the confirmed orders and of the orders waiting "
        "for approval in the current period.",
    )
    amount_left = fields.Monetary(string="Left", compute="_compute_amount_spent")
    used_percent = fields.Integer(string="Used (%)", compute="_compute_amount_spent")
    for_group = fields.Boolean(
        string="For the Group of Companies",
        help="A company budget that counts the orders of its subsidiaries too "
        "and applies to them.",
    )
    notified_level = fields.Integer(
        readonly=True, help="Technical: the last share (80 or 100) told."
    )
    notified_period_start = fields.Date(
        readonly=True, help="Technical: the period of the last notice."
    )

    _amount_positive = models.Constraint(
        "CHECK (amount > 0)", "A budget must be greater than zero."
    )

    @api.constrains("for_group", "partner_id")
    def _check_for_group(self):
        for budget in self:
            if budget.for_group and budget.partner_id != budget.company_partner_id:
                raise ValidationError(
                    self.env._(
                        "Only a company budget can be for the group of companies."
                    )
                )

    @api.constrains("partner_id", "period")
    def _check_one_per_period(self):
        """One budget per person (or company) and period: two would each be
        told of only part of what is spent."""
        groups = self._read_group(
            [
                ("partner_id", "in", self.partner_id.ids),
                ("period", "in", list(set(self.mapped("period")))),
            ],
            ["partner_id", "period"],
            having=[("__count", ">", 1)],
        )
        if groups:
            partner, period = groups[0]
            raise ValidationError(
                self.env._(
                    "%(who)s already has a budget for this period (%(period)s): "
                    "change or remove it instead.",
                    who=partner.name,
                    period=dict(
                        self._fields["period"]._description_selection(self.env)
                    )[period],
                )
            )

    @api.depends_context("company")
    def _compute_currency_id(self):
        self.currency_id = self.env.company.currency_id

    @api.depends("partner_id", "period")
    @api.depends_context("lang")
    def _compute_display_name(self):
        for budget in self:
            budget.display_name = budget._b2b_label()

    def _b2b_label(self):
        """The budget's name in the environment's language."""
        self.ensure_one()
        # one phrase per period: languages do not all lowercase the noun
        who = self.partner_id.name or ""
        if self.period == "month":
            return self.env._("%(who)s, per month", who=who)
        if self.period == "quarter":
            return self.env._("%(who)s, per quarter", who=who)
        return self.env._("%(who)s, per year", who=who)

    # ------------------------------------------------------------------
    # Periods and spending
    # ------------------------------------------------------------------
    def _b2b_period_bounds(self, today=None):
        """(first day, first day of the next period) of the current period,
        in UTC as the orders' dates."""
        self.ensure_one()
        today = today or fields.Date.today()
        start = date_utils.start_of(today, self.period)
        end = date_utils.end_of(today, self.period)
        return start, end + date_utils.relativedelta(days=1)

    @api.depends("partner_id", "period", "amount")
    @api.depends_context("company")
    def _compute_amount_spent(self):
        spent = self._b2b_spent()
        for budget in self:
            budget.amount_spent = spent.get(budget.id, 0.0)
            budget.amount_left = budget.amount - budget.amount_spent
            budget.used_percent = (
                int(budget.amount_spent * 100 // budget.amount) if budget.amount else 0
            )

    def _b2b_refresh(self):
        """These budgets with what is spent read again (orders change within
        a transaction; the figures are not stored)."""
        self.invalidate_recordset(["amount_spent", "amount_left", "used_percent"])
        return self

    def _b2b_spent(self):
        """{budget id: untaxed amount spent in its current period}, in the
        company's currency, in one query for all the budgets."""
        budgets = self.filtered("id")
        if not budgets:
            return {}
        self.env["sale.order"].flush_model(
            [
                "state",
                "b2b_approval_state",
                "date_order",
                "signed_on",
                "amount_untaxed",
                "currency_rate",
                "partner_id",
                "b2b_requested_by_id",
            ]
        )
        self.env["res.partner"].flush_model(["commercial_partner_id", "b2b_group_path"])
        rows = []
        for budget in budgets.sudo():
            start, end = budget._b2b_period_bounds()
            is_person = budget.partner_id != budget.partner_id.commercial_partner_id
            group_path = (
                budget.partner_id.b2b_group_path
                if budget.for_group and not is_person
                else None
            )
            rows.append(
                SQL(
                    "(%s, %s, %s, %s::timestamp, %s::timestamp, %s::varchar)",
                    budget.id,
                    budget.partner_id.id,
                    is_person,
                    datetime.combine(start, time.min),
                    datetime.combine(end, time.min),
                    group_path,
                )
            )
        query = SQL(
            """
            SELECT b.id,
                   SUM(so.amount_untaxed / COALESCE(NULLIF(so.currency_rate, 0), 1))
              FROM (VALUES %(rows)s)
                   AS b(id, partner_id, person, date_from, date_to, group_path)
              JOIN sale_order so
                ON (so.state = 'sale' OR so.b2b_approval_state = 'waiting')
               AND CASE WHEN so.state = 'sale' THEN so.date_order
                        ELSE COALESCE(so.signed_on, so.date_order) END
                   >= b.date_from
               AND CASE WHEN so.state = 'sale' THEN so.date_order
                        ELSE COALESCE(so.signed_on, so.date_order) END
                   < b.date_to
               AND CASE WHEN b.person
                        THEN COALESCE(so.b2b_requested_by_id, so.partner_id)
                             = b.partner_id
                        WHEN b.group_path IS NOT NULL
                        THEN so.partner_id IN (
                            SELECT p.id FROM res_partner p
                             WHERE p.commercial_partner_id IN (
                                   SELECT s.id FROM res_partner s
                                    WHERE s.b2b_group_path LIKE b.group_path || '%%'))
                        ELSE so.partner_id IN (
                            SELECT p.id FROM res_partner p
                             WHERE p.commercial_partner_id = b.partner_id)
                   END
             GROUP BY b.id
            """,
            rows=SQL(", ").join(rows),
        )
        currency = self.env.company.currency_id
        return {
            budget_id: currency.round(amount or 0.0)
            for budget_id, amount in self.env.execute_query(query)
        }

    # ------------------------------------------------------------------
    # Notices at 80 % and 100 %
    # ------------------------------------------------------------------
    @api.model
    def _b2b_check_notices_at_commit(self, partners):
        """Check the budgets of ``partners`` once, before the transaction
        commits, for all the orders confirmed or submitted in it (no query
        now; one check for many orders)."""
        if not partners:
            return
        data = self.env.cr.precommit.data
        key = "b2b_customer.budget_notices"
        if key not in data:
            data[key] = set()
            self.env.cr.precommit.add(self._b2b_run_notices)
        data[key].update(partners.ids)

    def _b2b_run_notices(self):
        partner_ids = self.env.cr.precommit.data.pop(
            "b2b_customer.budget_notices", set()
        )
        self.sudo()._b2b_check_notices(self.env["res.partner"].browse(partner_ids))
        # called after the main flush, just before the commit
        self.env.flush_all()

    @api.model
    def _b2b_check_notices(self, partners):
        """Tell the administrators of the companies of ``partners`` about
        their budgets (of the company or of one of these partners) that
        reached 80 % or 100 % of the current period, once per period and
        level."""
        commercials = partners.commercial_partner_id
        if not commercials:
            return self.browse()
        domain = Domain("company_partner_id", "in", commercials.ids) & (
            Domain("partner_id", "in", partners.ids)
            | Domain("partner_id", "in", commercials.ids)
        )
        domain = Domain.OR(
            [domain]
            + [company._b2b_parents_for_group_domain() for company in commercials]
        )
        budgets = self.sudo().search(domain)._b2b_refresh()
        told = self.browse()
        for budget in budgets:
            start, _end = budget._b2b_period_bounds()
            level = next(
                (lvl for lvl in NOTICE_LEVELS if budget.used_percent >= lvl), 0
            )
            already = (
                budget.notified_level if budget.notified_period_start == start else 0
            )
            if level > already:
                budget.write({"notified_level": level, "notified_period_start": start})
                budget._b2b_notify_admins(level)
                told |= budget
        return told

    def _b2b_notify_admins(self, level):
        """Queue the notice to the company's administrators, one mail per
        language, in the company's chatter."""
        self.ensure_one()
        admins = self.company_partner_id._b2b_contacts_with_roles(("admin",))
        admins = admins.filtered("email")
        template = self.env.ref("b2b_customer.mail_template_b2b_budget_notice")
        company = self.company_partner_id
        for lang, readers in admins.grouped(lambda p: p.lang or "en_US").items():
            budget = self.with_context(lang=lang)
            template.with_context(
                lang=lang,
                b2b_budget_name=budget.display_name,
                b2b_level=level,
                b2b_spent=self.currency_id.format(self.amount_spent),
                b2b_amount=self.currency_id.format(self.amount),
            )._b2b_queue(company, email_values={"recipient_ids": [(6, 0, readers.ids)]})
        self.company_partner_id.message_post(
            body=self.env._(
                "Budget %(budget)s reached %(level)s %% (%(spent)s of %(amount)s).",
                budget=self.display_name,
                level=level,
                spent=self.currency_id.format(self.amount_spent),
                amount=self.currency_id.format(self.amount),
            ),
            subtype_xmlid="mail.mt_note",
        )
