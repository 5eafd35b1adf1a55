"""``/my/company``, continued: the approval rules and budgets a B2B
company's administrators keep for their buyers."""

from werkzeug.exceptions import NotFound

from odoo import http
from odoo.http import request

from ..company import B2BCompanyPortal
from ..form import form_input_error, read_form, run_form_action

RULE_FIELDS = (
    "name",
    "amount_threshold",
    "amount_basis",
    "applies_to",
    "role",
    "approver_type",
    "for_group",
)
BUDGET_FIELDS = ("partner_id", "period", "amount", "for_group")


class B2BCompanySpendingPortal(B2BCompanyPortal):
    # ------------------------------------------------------------------
    # Ownership checks (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_check_company_record(self, model, record_id):
        """A rule or budget of the administrator's own company; 404
        otherwise."""
        company_sudo = self._b2b_check_company_admin()
        record_sudo = (
            request.env[model].sudo().with_context(active_test=False).browse(record_id)
        ).exists()
        if (
            not record_sudo
            or record_sudo.partner_id.commercial_partner_id != company_sudo
        ):
            raise NotFound()
        return company_sudo, record_sudo

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------
    def _b2b_company_page_values(self, company_sudo, form=None, error=None, **kw):
        values = super()._b2b_company_page_values(
            company_sudo, form=form, error=error, **kw
        )
        Rule = request.env["b2b.approval.rule"]
        budgets = (
            request.env["b2b.budget"]
            .sudo()
            .search([("company_partner_id", "=", company_sudo.id)])
        )
        values.update(
            {
                "approval_rules": Rule.sudo().search(
                    [("partner_id", "=", company_sudo.id)]
                ),
                "budgets": budgets,
                "currency": request.env.company.currency_id,
                "selections": {
                    field: Rule._fields[field]._description_selection(request.env)
                    for field in ("amount_basis", "applies_to", "approver_type")
                },
                "periods": request.env["b2b.budget"]
                ._fields["period"]
                ._description_selection(request.env),
                "has_subsidiaries": bool(
                    values.get("subsidiaries") or company_sudo._b2b_has_subsidiaries()
                ),
                # every colleague (not only the listed page) may be named in
                # a rule or a budget: ids and names in one query
                "colleague_choices": request.env["res.partner"]
                .sudo()
                ._b2b_id_name_choices(self._prepare_colleagues_domain(company_sudo)),
                "rule_form": (form or {}).get("rule_form") or {},
                "budget_form": (form or {}).get("budget_form") or {},
            }
        )
        return values

    # ------------------------------------------------------------------
    # Approval rules
    # ------------------------------------------------------------------
    @http.route(
        "/my/company/approval-rules",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_rule_create(self, **post):
        company_sudo = self._b2b_check_company_admin()
        state = self._b2b_company_list_state(post)
        form = read_form(post, RULE_FIELDS)
        lists = request.httprequest.form
        contact_ids = [int(v) for v in lists.getlist("contact_ids") if v.isdigit()]
        approver_ids = [int(v) for v in lists.getlist("approver_ids") if v.isdigit()]

        def render_error(message):
            # the chosen buyers and approvers stay chosen
            form.update(contact_ids=contact_ids, approver_ids=approver_ids)
            return self._b2b_render_company(
                company_sudo, form={"rule_form": form}, error=message, **state
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def create():
            company_sudo._b2b_portal_create_rule(
                form, contact_ids=contact_ids, approver_ids=approver_ids
            )
            return request.redirect(
                self._b2b_company_url(**state, rule=1, anchor="#b2b_rules")
            )

        return run_form_action(create, render_error)

    @http.route(
        "/my/company/approval-rules/<int:rule_id>/archive",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_rule_archive(self, rule_id, **post):
        _company_sudo, rule_sudo = self._b2b_check_company_record(
            "b2b.approval.rule", rule_id
        )
        state = self._b2b_company_list_state(post)
        rule_sudo.active = False
        return request.redirect(
            self._b2b_company_url(**state, rule_archived=1, anchor="#b2b_rules")
        )

    # ------------------------------------------------------------------
    # Budgets
    # ------------------------------------------------------------------
    @http.route(
        "/my/company/budgets",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_budget_create(self, **post):
        company_sudo = self._b2b_check_company_admin()
        state = self._b2b_company_list_state(post)
        form = read_form(post, BUDGET_FIELDS)

        def render_error(message):
            return self._b2b_render_company(
                company_sudo, form={"budget_form": form}, error=message, **state
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def create():
            company_sudo._b2b_portal_create_budget(form)
            return request.redirect(
                self._b2b_company_url(**state, budget=1, anchor="#b2b_budgets")
            )

        return run_form_action(create, render_error)

    @http.route(
        "/my/company/budgets/<int:budget_id>/remove",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_budget_remove(self, budget_id, **post):
        _company_sudo, budget_sudo = self._b2b_check_company_record(
            "b2b.budget", budget_id
        )
        state = self._b2b_company_list_state(post)
        budget_sudo.unlink()
        return request.redirect(
            self._b2b_company_url(**state, budget_removed=1, anchor="#b2b_budgets")
        )
