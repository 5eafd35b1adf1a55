"""Buyer approvals on the portal: ``/my/approvals`` lists the orders waiting
for the current approver, who approves or rejects each with a comment; the
portal's own order routes learn who the portal user is (their records are
the superuser's), so that viewers cannot accept, sign or pay, and that an
accepted quotation waits for its approvals."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ...models.res_partner import B2B_MAX_INPUT_LENGTH
from ..form import form_input_error, paged_search, read_form, run_form_action
from ..group import group_filter_values

#: longest search and comment a form may carry
MAX_COMMENT = 2000


class B2BApprovalPortal(CustomerPortal):
    _approvals_per_page = 20

    # ------------------------------------------------------------------
    # Odoo's order routes: who acts
    # ------------------------------------------------------------------
    def _document_check_access(self, model_name, document_id, access_token=None):
        document_sudo = super()._document_check_access(
            model_name, document_id, access_token=access_token
        )
        user = request.env.user
        if model_name == "sale.order" and user.share:
            # with an access token and no session: the order's customer
            partner = document_sudo.partner_id if user._is_public() else user.partner_id
            document_sudo = document_sudo.with_context(b2b_portal_partner_id=partner.id)
        return document_sudo

    def _get_page_view_values(
        self, document, access_token, values, session_history, no_breadcrumbs, **kwargs
    ):
        if document._name == "sale.order":
            values["b2b_order_page"] = document._b2b_portal_page_values(
                request.env.user, requested=request.params.get("b2b_requested")
            )
        return super()._get_page_view_values(
            document, access_token, values, session_history, no_breadcrumbs, **kwargs
        )

    @http.route()
    def portal_quote_accept(
        self, order_id, access_token=None, name=None, signature=None
    ):
        partner_sudo = request.env.user.partner_id.sudo()
        refusals = request.env.user.share and partner_sudo._b2b_refusals("order")
        if refusals:
            return {"error": refusals[0]["message"]}
        try:
            with request.env.cr.savepoint():
                return super().portal_quote_accept(
                    order_id, access_token=access_token, name=name, signature=signature
                )
        except UserError as error:
            return {"error": error.args[0]}

    @http.route()
    def portal_order_transaction(self, order_id, access_token, **kwargs):
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token
            )
        except (AccessError, MissingError):
            # Odoo's route refuses it in its own words
            return super().portal_order_transaction(order_id, access_token, **kwargs)
        if (
            order_sudo.b2b_approval_state == "waiting"
            or order_sudo._b2b_approval_before_payment()
        ):
            raise ValidationError(
                request.env._(
                    "This order needs the approval of your company before it is paid."
                )
            )
        return super().portal_order_transaction(order_id, access_token, **kwargs)

    @http.route(
        "/my/orders/<int:order_id>/request-approval",
        type="http",
        auth="public",
        methods=["POST"],
        website=True,
    )
    def portal_order_request_approval(self, order_id, access_token=None, **post):
        """A buyer asks their company to approve a quotation to be paid
        online (without a signature, there is no accept to hold back)."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None
        if order_sudo._b2b_buyer_refusals("order"):
            raise Forbidden()
        url = order_sudo.get_portal_url()
        try:
            with request.env.cr.savepoint():
                order_sudo._b2b_request_approval()
        except UserError:
            # the page says why (the same check renders it)
            return request.redirect(url)
        return request.redirect(f"{url}{'&' if '?' in url else '?'}b2b_requested=1")

    # ------------------------------------------------------------------
    # Ownership checks (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_check_approver(self):
        """The current user must be an administrator or approver of an
        approved B2B company. Returns their contact (sudo)."""
        user = request.env.user
        partner_sudo = user.partner_id.sudo()
        if not user.share or not partner_sudo._b2b_is_approver():
            raise Forbidden()
        return partner_sudo

    def _b2b_check_approval_order(self, order_id):
        """The order must be one of the approver's company or of one of its
        subsidiaries (whose orders its group rules and budgets govern); 404
        otherwise."""
        approver_sudo = self._b2b_check_approver()
        order_sudo = request.env["sale.order"].sudo().browse(order_id).exists()
        company = approver_sudo.commercial_partner_id
        if not order_sudo or not order_sudo.partner_id._b2b_in_group_of(company):
            raise NotFound()
        return approver_sudo, order_sudo

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------
    def _prepare_approvals_domain(self, approver, search="", company=None):
        Order = request.env["sale.order"]
        domain = Order._b2b_prepare_approvals_domain(approver)
        if search:
            domain &= Order._b2b_approvals_search_domain(search)
        if company:
            domain &= Domain("partner_id.commercial_partner_id", "=", company.id)
        return domain

    def _b2b_approvals_page_values(
        self, approver_sudo, page=1, search="", error=None, form=None, decided=None
    ):
        """``decided``: the result of the decision the page was sent back
        from (``decision``: approve/reject, ``count`` and ``skipped`` of a
        bulk decision, else None)."""
        Order = request.env["sale.order"].sudo()
        error = error or form_input_error({"search": search})
        search = read_form({"search": search}, ("search",))["search"][
            :B2B_MAX_INPUT_LENGTH
        ]
        group = group_filter_values(approver_sudo)
        domain = self._prepare_approvals_domain(
            approver_sudo, search, company=group["b2b_company"]
        )
        orders, pager, count = paged_search(
            Order,
            domain,
            "/my/approvals",
            {"search": search, "company": group["b2b_company"].id},
            page,
            self._approvals_per_page,
            "signed_on desc, id desc",
        )
        reasons = orders._b2b_waiting_reasons()
        # the orders of subsidiaries (group rules) link to their page only
        # when the approver sees them there
        company = approver_sudo.commercial_partner_id
        linked = orders.filtered(
            lambda o: o.partner_id.commercial_partner_id == company
        )
        if linked != orders:
            Partner = request.env["res.partner"]
            linked |= Partner._b2b_portal_visible_records(
                (orders - linked).with_user(request.env.user),
                request.env["sale.order"]._search_b2b_portal_visible("in", [True]),
            ).sudo()
        values = self._prepare_portal_layout_values()
        values.update(group)
        values.update(
            {
                "page_name": "b2b_approvals",
                "default_url": "/my/approvals",
                "orders": orders,
                "reasons": reasons,
                "linked_orders": linked,
                "approval_count": count,
                "pager": pager,
                "search": search,
                "error": error,
                "form": form or {},
                "selected": {str(i) for i in (form or {}).get("order_ids", ())},
                "me": approver_sudo,
                "decided": decided or {},
            }
        )
        return values

    def _b2b_render_approvals(self, approver_sudo, **kwargs):
        return request.render(
            "b2b_customer.portal_my_approvals",
            self._b2b_approvals_page_values(approver_sudo, **kwargs),
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_approval_count" in counters:
            partner_sudo = request.env.user.partner_id.sudo()
            values["b2b_approval_count"] = (
                request.env["sale.order"]
                .sudo()
                .search_count(self._prepare_approvals_domain(partner_sudo))
                if request.env.user.share and partner_sudo._b2b_is_approver()
                else 0
            )
        return values

    @http.route(
        ["/my/approvals", "/my/approvals/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_my_approvals(
        self, page=1, search=None, decided=None, count=None, skipped=None, **kw
    ):
        approver_sudo = self._b2b_check_approver()

        def number(value):
            return int(value) if isinstance(value, str) and value.isdigit() else None

        return self._b2b_render_approvals(
            approver_sudo,
            page=page,
            search=search if isinstance(search, str) else "",
            decided={
                "decision": decided if decided in ("approve", "reject") else None,
                "count": number(count),
                "skipped": number(skipped),
            },
        )

    # ------------------------------------------------------------------
    # Decide
    # ------------------------------------------------------------------
    @http.route(
        "/my/approvals/<int:order_id>/<any(approve,reject):decision>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_approvals_decide(self, order_id, decision, **post):
        approver_sudo, order_sudo = self._b2b_check_approval_order(order_id)
        form = read_form(post, ("comment",), multiline=("comment",))
        form["order_id"] = order_sudo.id

        def render_error(message):
            return self._b2b_render_approvals(approver_sudo, error=message, form=form)

        error = form_input_error(post)
        if not error and len(form["comment"]) > MAX_COMMENT:
            error = request.env._(
                "Please keep the comment under %(count)s characters.",
                count=MAX_COMMENT,
            )
        if error:
            return render_error(error)

        def decide():
            order_sudo._b2b_decide(approver_sudo, decision, form["comment"])
            return request.redirect(f"/my/approvals?decided={decision}")

        return run_form_action(decide, render_error)

    @http.route(
        "/my/approvals/bulk/<any(approve,reject):decision>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_approvals_decide_many(self, decision, **post):
        approver_sudo = self._b2b_check_approver()
        order_ids = self._b2b_posted_order_ids()
        # every ticked order must be one of the approver's company or of one
        # of its subsidiaries, as for a single decision
        company_sudo = approver_sudo.commercial_partner_id
        orders_sudo = (
            request.env["sale.order"]
            .sudo()
            .search(
                Domain("id", "in", order_ids)
                & company_sudo._b2b_group_domain("partner_id.commercial_partner_id")
            )
        )
        if len(orders_sudo) != len(order_ids):
            raise NotFound()
        form = read_form(post, ("comment",), multiline=("comment",))
        form.update(bulk=True, order_ids=order_ids)

        def render_error(message):
            return self._b2b_render_approvals(approver_sudo, error=message, form=form)

        error = form_input_error(post)
        if not error and not order_ids:
            error = request.env._("Please select the orders to decide.")
        if not error and len(form["comment"]) > MAX_COMMENT:
            error = request.env._(
                "Please keep the comment under %(count)s characters.",
                count=MAX_COMMENT,
            )
        if error:
            return render_error(error)

        def decide():
            decided = orders_sudo._b2b_decide_many(
                approver_sudo, decision, form["comment"]
            )
            return request.redirect(
                f"/my/approvals?decided={decision}&count={len(decided)}"
                f"&skipped={len(order_ids) - len(decided)}"
            )

        return run_form_action(decide, render_error)

    def _b2b_posted_order_ids(self):
        """The ids of the orders ticked on the page (at most a page's worth
        times ten); anything that is not a number is ignored."""
        values = request.httprequest.form.getlist("order_ids")
        ids = {int(value) for value in values if value.isdigit() and len(value) < 10}
        return sorted(ids)[: self._approvals_per_page * 10]
