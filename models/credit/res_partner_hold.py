"""The credit hold of a B2B company: by hand (with a reason) or for
invoices overdue by more than the company's setting (daily check), released
by hand or once nothing is overdue. Every change is tracked and opens a
"Credit Review" activity."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL

from .res_partner import CREDIT_READERS


class ResPartner(models.Model):
    _inherit = "res.partner"

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
        the setting of the company that issued it, release the ones held for
        that reason once nothing is overdue any more, in any company (the
        hold is the customer's, not one company's)."""
        for company in self.env["res.company"].search(
            [("b2b_credit_hold_overdue_days", ">", 0)]
        ):
            self.with_company(company)._b2b_credit_hold_overdue(
                company.b2b_credit_hold_overdue_days
            )
        self._b2b_credit_release_paid()

    @api.model
    def _b2b_credit_overdue_partners(self, before, all_companies=False):
        """{commercial partner id: oldest due date} of the B2B companies with
        a receivable due before ``before`` and still open, in the current
        company and its branches (or in every company)."""
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
                   AND %s
                   AND c.is_b2b
              GROUP BY p.commercial_partner_id
                """,
                before,
                SQL("TRUE")
                if all_companies
                else self._b2b_credit_companies_sql(SQL("l.company_id")),
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
        overdue = self._b2b_credit_overdue_partners(
            fields.Date.context_today(self), all_companies=True
        )
        paid = held.filtered(lambda p: p.id not in overdue)
        paid._b2b_credit_release(
            self.env._("Credit hold released: nothing is overdue any more.")
        )
        return paid
