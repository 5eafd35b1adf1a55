from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

B2B_ROLES = ("admin", "user")
MAX_NAME_LENGTH = 256


class B2BCompanyPortal(CustomerPortal):
    """``/my/company``: a B2B company's administrator manages colleagues."""

    def _b2b_check_company_admin(self):
        """The current user must administer an approved B2B company that
        may manage its users. Returns that company (sudo)."""
        partner_sudo = request.env.user.partner_id.sudo()
        if not request.env.user.share or not partner_sudo._b2b_is_company_admin():
            raise Forbidden()
        if not partner_sudo.b2b_has_permission("manage_users"):
            raise Forbidden()
        return partner_sudo.commercial_partner_id

    def _b2b_check_colleague(self, partner_id):
        """The contact must belong to the administrator's own company."""
        company_sudo = self._b2b_check_company_admin()
        colleague_sudo = request.env["res.partner"].sudo().browse(partner_id).exists()
        if not colleague_sudo or colleague_sudo.parent_id != company_sudo:
            raise NotFound()
        return company_sudo, colleague_sudo

    def _prepare_colleagues_domain(self, company):
        return [
            ("parent_id", "=", company.id),
            ("type", "=", "contact"),
            ("is_company", "=", False),
        ]

    def _b2b_company_page_values(self, company_sudo, form=None, error=None):
        colleagues = (
            request.env["res.partner"]
            .sudo()
            .search(self._prepare_colleagues_domain(company_sudo), order="name, id")
        )
        # one query each for the users and their last login, whatever the count
        users = colleagues.with_context(active_test=False).user_ids
        users.fetch(["login_date", "active", "partner_id", "share"])
        user_by_partner = {user.partner_id.id: user for user in users}
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_company",
                "b2b_company": company_sudo,
                "colleagues": colleagues,
                "user_by_partner": user_by_partner,
                "me": request.env.user.partner_id,
                "form": form or {"b2b_role": "user"},
                "error": error,
            }
        )
        return values

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_colleague_count" in counters:
            partner_sudo = request.env.user.partner_id.sudo()
            values["b2b_colleague_count"] = (
                request.env["res.partner"]
                .sudo()
                .search_count(
                    self._prepare_colleagues_domain(partner_sudo.commercial_partner_id)
                )
                if partner_sudo._b2b_is_company_admin()
                else 0
            )
        return values

    @http.route(
        "/my/company",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_my_company(self, **kw):
        company_sudo = self._b2b_check_company_admin()
        return request.render(
            "b2b_customer.portal_my_company",
            self._b2b_company_page_values(company_sudo),
        )

    @http.route(
        "/my/company/invite", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_company_invite(self, **post):
        company_sudo = self._b2b_check_company_admin()
        env = request.env
        form = {
            "name": (post.get("name") or "").strip(),
            "email": (post.get("email") or "").strip(),
            "b2b_role": post.get("b2b_role") or "user",
        }
        email = env["res.partner"]._b2b_valid_email(form["email"])
        error = None
        if not form["name"] or len(form["name"]) > MAX_NAME_LENGTH:
            error = env._("Please enter the colleague's name.")
        elif not email:
            error = env._("Please enter a valid e-mail address.")
        elif form["b2b_role"] not in B2B_ROLES:
            error = env._("Please choose a role.")
        elif (
            env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                ["|", ("login", "=", email), ("email", "=ilike", email)], limit=1
            )
        ):
            error = env._("Someone already has an account with this e-mail address.")
        if not error:
            try:
                with env.cr.savepoint():
                    colleague_sudo = (
                        env["res.partner"]
                        .sudo()
                        .create(
                            {
                                "name": form["name"],
                                "email": email,
                                "parent_id": company_sudo.id,
                                "b2b_role": form["b2b_role"],
                                "lang": env.user.lang,
                            }
                        )
                    )
                    colleague_sudo._b2b_send_credentials()
                    company_sudo.message_post(
                        body=env._(
                            "%(admin)s invited %(colleague)s on the portal.",
                            admin=env.user.name,
                            colleague=colleague_sudo.name,
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
            except (UserError, ValidationError) as exc:
                error = exc.args[0]
        if error:
            return request.render(
                "b2b_customer.portal_my_company",
                self._b2b_company_page_values(company_sudo, form=form, error=error),
            )
        return request.redirect("/my/company?invited=1")

    @http.route(
        "/my/company/<int:partner_id>/role",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_role(self, partner_id, **post):
        company_sudo, colleague_sudo = self._b2b_check_colleague(partner_id)
        role = post.get("b2b_role")
        if role not in B2B_ROLES:
            raise NotFound()
        try:
            with request.env.cr.savepoint():
                colleague_sudo.b2b_role = role
        except ValidationError as exc:
            return request.render(
                "b2b_customer.portal_my_company",
                self._b2b_company_page_values(company_sudo, error=exc.args[0]),
            )
        return request.redirect("/my/company?role=1")

    @http.route(
        "/my/company/<int:partner_id>/remove",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_remove(self, partner_id, **post):
        company_sudo, colleague_sudo = self._b2b_check_colleague(partner_id)
        try:
            with request.env.cr.savepoint():
                colleague_sudo._b2b_revoke_portal_access()
                colleague_sudo.active = False
                company_sudo.message_post(
                    body=request.env._(
                        "%(admin)s removed %(colleague)s from the portal; the "
                        "contact is archived and their orders stay with the "
                        "company.",
                        admin=request.env.user.name,
                        colleague=colleague_sudo.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        except ValidationError as exc:
            return request.render(
                "b2b_customer.portal_my_company",
                self._b2b_company_page_values(company_sudo, error=exc.args[0]),
            )
        if colleague_sudo == request.env.user.partner_id:
            return request.redirect("/web/session/logout")
        return request.redirect("/my/company?removed=1")
