from werkzeug.exceptions import Forbidden, NotFound
from werkzeug.urls import url_encode

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner import B2B_MAX_INPUT_LENGTH
from .form import form_input_error, paged_search, read_form, run_form_action


class B2BCompanyPortal(CustomerPortal):
    """``/my/company``: a B2B company's administrator manages colleagues,
    20 to a page (Odoo's portal pager), searched by name or e-mail; an
    administrator who sees the group of companies also sees the subsidiaries
    and their users, and invites colleagues into them."""

    _colleagues_per_page = 20
    #: contact persons listed under each subsidiary (the others counted)
    _subsidiary_people_shown = 20

    # ------------------------------------------------------------------
    # Ownership checks (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_managed_company(self):
        """The approved B2B company whose users the current portal user
        manages (sudo), or None: the one predicate of ``/my/company`` and of
        its tile on ``/my``."""
        user = request.env.user
        partner_sudo = user.partner_id.sudo()
        if not user.share or partner_sudo._b2b_refusals("manage_users"):
            return None
        return partner_sudo.commercial_partner_id

    def _b2b_check_company_admin(self):
        """The current user must administer an approved B2B company that
        may manage its users. Returns that company (sudo)."""
        company_sudo = self._b2b_managed_company()
        if company_sudo is None:
            raise Forbidden()
        return company_sudo

    def _b2b_check_invite_company(self, company_id):
        """The company a colleague is invited into: the administrator's own,
        or for an administrator who sees the group one of its subsidiaries;
        404 otherwise."""
        company_sudo = self._b2b_check_company_admin()
        if not company_id or str(company_id) == str(company_sudo.id):
            return company_sudo
        admin_sudo = request.env.user.partner_id.sudo()
        target_sudo = (
            request.env["res.partner"].sudo().browse(int(company_id)).exists()
            if str(company_id).isdigit()
            else None
        )
        if (
            not target_sudo
            or not admin_sudo._b2b_is_group_admin()
            or target_sudo not in company_sudo._b2b_group_companies()
        ):
            raise NotFound()
        return target_sudo

    def _b2b_check_colleague(self, partner_id):
        """The contact must be a colleague (a contact person with a role or a
        portal user) of the administrator's own company; 404 otherwise."""
        company_sudo = self._b2b_check_company_admin()
        colleague_sudo = request.env["res.partner"].sudo().browse(partner_id).exists()
        admin_sudo = request.env.user.partner_id.sudo()
        if not colleague_sudo or not colleague_sudo._b2b_is_colleague_of(admin_sudo):
            raise NotFound()
        return company_sudo, colleague_sudo

    # ------------------------------------------------------------------
    # Page
    # ------------------------------------------------------------------
    def _prepare_colleagues_domain(self, company, search=""):
        return request.env["res.partner"]._b2b_prepare_colleagues_domain(
            company, search=search
        )

    def _b2b_company_list_state(self, post):
        """The page and search a form of ``/my/company`` was posted from
        (hidden inputs ``page`` and ``search``), to return to them."""
        form = read_form(post, ("page", "search"))
        page = int(form["page"]) if form["page"].isdigit() else 1
        return {"page": max(page, 1), "search": form["search"][:B2B_MAX_INPUT_LENGTH]}

    def _b2b_company_url(self, page=1, search="", anchor="", **flags):
        """``/my/company`` at ``page`` with ``search``, and the ``flags``
        the page shows a confirmation for."""
        path = f"/my/company/page/{page}" if page > 1 else "/my/company"
        query = url_encode({**({"search": search} if search else {}), **flags})
        return f"{path}{'?' + query if query else ''}{anchor}"

    def _b2b_company_page_values(
        self, company_sudo, form=None, error=None, page=1, search=""
    ):
        error = error or form_input_error({"search": search})
        search = read_form({"search": search}, ("search",))["search"]
        search = search[:B2B_MAX_INPUT_LENGTH]
        Partner = request.env["res.partner"].sudo()
        domain = self._prepare_colleagues_domain(company_sudo, search=search)
        colleagues, pager, count = paged_search(
            Partner,
            domain,
            "/my/company",
            {"search": search},
            page,
            self._colleagues_per_page,
            "name, id",
        )
        # one query each for the users and their last login, whatever the count
        users = colleagues.with_context(active_test=False).user_ids
        users.fetch(["login_date", "active", "partner_id", "share"])
        user_by_partner = {user.partner_id.id: user for user in users}
        me_sudo = request.env.user.partner_id.sudo()
        subsidiaries, people, people_counts = self._b2b_subsidiary_people(
            me_sudo, company_sudo
        )
        subsidiary_users = people.with_context(active_test=False).user_ids
        subsidiary_users.fetch(["login_date", "active", "partner_id", "share"])
        user_by_partner.update({user.partner_id.id: user for user in subsidiary_users})
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_company",
                "b2b_company": company_sudo,
                "colleagues": colleagues,
                "colleague_count": count,
                "user_by_partner": user_by_partner,
                "me": request.env.user.partner_id,
                "roles": request.env["res.partner"]._b2b_role_selection(),
                "scopes": request.env["res.partner"]._b2b_scope_selection(),
                "may_give_group": me_sudo._b2b_is_group_admin(),
                "subsidiaries": subsidiaries,
                "subsidiary_people": people.grouped("parent_id"),
                "subsidiary_more_notes": {
                    subsidiary_id: request.env._(
                        "The first %(shown)s of %(total)s users are listed; the "
                        "company's administrators manage them all.",
                        shown=self._subsidiary_people_shown,
                        total=count,
                    )
                    for subsidiary_id, count in people_counts.items()
                    if count > self._subsidiary_people_shown
                },
                "form": form or {"b2b_role": "user"},
                "error": error,
                "pager": pager,
                "search": search,
                "b2b_list_state": {"page": pager["page"]["num"], "search": search},
            }
        )
        return values

    def _b2b_subsidiary_people(self, me_sudo, company_sudo):
        """For an administrator who sees the group: the subsidiaries of the
        company (in the order of the tree, names below it), the first
        ``_subsidiary_people_shown`` contact persons of each (by name) and
        how many each has, in three queries whatever their number; else
        nothing."""
        Partner = request.env["res.partner"].sudo()
        if not me_sudo._b2b_is_group_admin():
            return Partner.browse(), Partner.browse(), {}
        subsidiaries = (
            company_sudo._b2b_group_companies() - company_sudo
        ).with_context(b2b_group_of=company_sudo.id)
        if not subsidiaries:
            return subsidiaries, Partner.browse(), {}
        people, counts = Partner.browse(subsidiaries.ids)._b2b_first_people(
            self._subsidiary_people_shown
        )
        return subsidiaries, people, counts

    def _b2b_render_company(
        self, company_sudo, form=None, error=None, page=1, search=""
    ):
        return request.render(
            "b2b_customer.portal_my_company",
            self._b2b_company_page_values(
                company_sudo, form=form, error=error, page=page, search=search
            ),
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_colleague_count" in counters:
            company_sudo = self._b2b_managed_company()
            values["b2b_colleague_count"] = (
                request.env["res.partner"]
                .sudo()
                .search_count(self._prepare_colleagues_domain(company_sudo))
                if company_sudo is not None
                else 0
            )
        return values

    @http.route(
        ["/my/company", "/my/company/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_my_company(self, page=1, search=None, **kw):
        company_sudo = self._b2b_check_company_admin()
        return self._b2b_render_company(
            company_sudo,
            page=page,
            search=search if isinstance(search, str) else "",
        )

    # ------------------------------------------------------------------
    # Invite, change a role, remove
    # ------------------------------------------------------------------
    @http.route(
        "/my/company/invite", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_company_invite(self, **post):
        company_sudo = self._b2b_check_company_admin()
        state = self._b2b_company_list_state(post)
        form = read_form(post, ("name", "email", "b2b_role", "company_id"))
        target_sudo = self._b2b_check_invite_company(form["company_id"])
        form["b2b_role"] = form["b2b_role"] or "user"
        error = form_input_error(post)
        if error:
            return self._b2b_render_company(
                company_sudo, form=form, error=error, **state
            )

        def invite():
            target_sudo._b2b_invite_colleague(
                form["name"], form["email"], form["b2b_role"], inviter=request.env.user
            )
            return request.redirect(self._b2b_company_url(**state, invited=1))

        return run_form_action(
            invite,
            lambda message: self._b2b_render_company(
                company_sudo, form=form, error=message, **state
            ),
        )

    @http.route(
        "/my/company/<int:partner_id>/role",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_role(self, partner_id, **post):
        company_sudo, colleague_sudo = self._b2b_check_colleague(partner_id)
        state = self._b2b_company_list_state(post)
        form = read_form(post, ("b2b_role", "b2b_order_limit", "b2b_scope"))
        error = form_input_error(post)
        if error:
            return self._b2b_render_company(company_sudo, error=error, **state)

        def change_role():
            colleague_sudo._b2b_set_access(
                form["b2b_role"], form["b2b_scope"], request.env.user.partner_id
            )
            if "b2b_order_limit" in post:
                colleague_sudo._b2b_set_order_limit(form["b2b_order_limit"])
            return request.redirect(self._b2b_company_url(**state, role_changed=1))

        return run_form_action(
            change_role,
            lambda message: self._b2b_render_company(
                company_sudo, error=message, **state
            ),
        )

    @http.route(
        "/my/company/<int:partner_id>/remove",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_remove(self, partner_id, **post):
        company_sudo, colleague_sudo = self._b2b_check_colleague(partner_id)
        state = self._b2b_company_list_state(post)
        myself = colleague_sudo == request.env.user.partner_id

        def remove():
            colleague_sudo._b2b_remove_colleague(remover=request.env.user)
            if myself:
                return request.redirect("/web/session/logout")
            return request.redirect(self._b2b_company_url(**state, removed=1))

        return run_form_action(
            remove,
            lambda message: self._b2b_render_company(
                company_sudo, error=message, **state
            ),
        )
