from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError
from odoo.http import request

from ..models.assistance.b2b_assistance_session import B2B_ASSIST_SESSION_KEY
from ..models.assistance.http_session import start_acting, stop_acting
from .company import B2BCompanyPortal
from .form import form_input_error, read_form, run_form_action

#: acting sessions listed on /my/company (the older ones are counted)
B2B_ASSIST_SESSIONS_SHOWN = 20


class B2BAssistancePortal(B2BCompanyPortal):
    """Acting on behalf: the link that starts a portal session as a
    contact (``/b2b/assist/<token>``), its end (``/my/assist/end``), and on
    ``/my/company`` the administrator's consent and the trail."""

    # ------------------------------------------------------------------
    # Start and end
    # ------------------------------------------------------------------
    @http.route(
        "/b2b/assist/<string:token>",
        type="http",
        auth="user",
        methods=["GET"],
        website=True,
    )
    def b2b_assist_start(self, token, **kw):
        """The staff member who asked for the link (and nobody else) starts
        the portal session, once, within its short validity."""
        if request.session.get(B2B_ASSIST_SESSION_KEY):
            raise Forbidden()
        try:
            assistance = request.env["b2b.assistance.session"]._b2b_redeem(token)
        except AccessError as error:
            return request.render(
                "b2b_customer.assistance_refused",
                {"message": error.args[0]},
                status=403,
            )
        start_acting(assistance)
        return request.redirect("/my")

    @http.route("/my/assist/end", type="http", auth="user", methods=["POST"])
    def b2b_assist_end(self, **post):
        """End the acting session: the browser gets the staff member's own
        session back, on the contact's form."""
        data = request.session.get(B2B_ASSIST_SESSION_KEY)
        if not data:
            return request.redirect("/my")
        assistance = request.env["b2b.assistance.session"]._b2b_current()
        assistance._b2b_close("ended")
        restored = stop_acting(assistance.staff_user_id.id)
        if not restored:
            return request.redirect("/web/login")
        return request.redirect(f"/odoo/res.partner/{assistance.contact_id.id}")

    @http.route(
        "/b2b/assist/<int:session_id>/closed/<any(logout,expired,revoked):reason>",
        type="http",
        auth="user",
        methods=["GET"],
    )
    def b2b_assist_closed(self, session_id, reason, **kw):
        """Where an acting session that logged out, reached its time limit
        or is no longer allowed sends the staff member (with their own
        session back): the end is recorded, and the contact's form opens."""
        # only the staff member's own session (searched as theirs)
        assistance_sudo = (
            request.env["b2b.assistance.session"]
            .sudo()
            .search(
                [("id", "=", session_id), ("staff_user_id", "=", request.env.uid)],
                limit=1,
            )
        )
        if not assistance_sudo:
            raise NotFound()
        assistance_sudo._b2b_close_after(reason)
        return request.redirect(f"/odoo/res.partner/{assistance_sudo.contact_id.id}")

    # ------------------------------------------------------------------
    # /my/company: the consent and the trail
    # ------------------------------------------------------------------
    def _b2b_company_page_values(self, company_sudo, form=None, error=None, **kw):
        values = super()._b2b_company_page_values(
            company_sudo, form=form, error=error, **kw
        )
        Session = request.env["b2b.assistance.session"].sudo()
        domain = [("company_id", "=", company_sudo.id), ("start", "!=", False)]
        sessions = Session.search(domain, limit=B2B_ASSIST_SESSIONS_SHOWN)
        sessions.log_ids.fetch(["date", "action", "record_name", "description"])
        values.update(
            {
                "assistance_policies": company_sudo._fields[
                    "b2b_assistance_policy"
                ]._description_selection(request.env),
                "assistance_sessions": sessions,
                "assistance_more_note": self._b2b_assistance_more_note(
                    Session, domain, sessions
                ),
            }
        )
        return values

    def _b2b_assistance_more_note(self, Session, domain, sessions):
        """ "The last 20 of 31 sessions are listed.", or None."""
        if len(sessions) < B2B_ASSIST_SESSIONS_SHOWN:
            return None
        total = Session.search_count(domain)
        if total <= len(sessions):
            return None
        return request.env._(
            "The last %(shown)s of %(total)s sessions are listed.",
            shown=len(sessions),
            total=total,
        )

    @http.route(
        "/my/company/assistance",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_company_assistance(self, **post):
        company_sudo = self._b2b_check_company_admin()
        state = self._b2b_company_list_state(post)
        form = read_form(post, ("b2b_assistance_policy",))
        error = form_input_error(post)
        if error:
            return self._b2b_render_company(company_sudo, error=error, **state)

        def set_policy():
            company_sudo._b2b_set_assistance_policy(form["b2b_assistance_policy"])
            return request.redirect(
                self._b2b_company_url(
                    **state, anchor="#b2b_assistance", assistance_saved=1
                )
            )

        return run_form_action(
            set_policy,
            lambda message: self._b2b_render_company(
                company_sudo, error=message, **state
            ),
        )

    # ------------------------------------------------------------------
    # The account form: no e-mail change while acting
    # ------------------------------------------------------------------
    def _validate_address_values(
        self,
        address_values,
        partner_sudo,
        address_type,
        use_delivery_as_billing,
        required_fields,
        **kwargs,
    ):
        invalid_fields, missing_fields, error_messages = (
            super()._validate_address_values(
                address_values,
                partner_sudo,
                address_type,
                use_delivery_as_billing,
                required_fields,
                **kwargs,
            )
        )
        if (
            partner_sudo
            and "email" in address_values
            and (address_values["email"] or "") != (partner_sudo.email or "")
            and partner_sudo.with_context(active_test=False).user_ids
        ):
            message = request.env["b2b.assistance.session"]._b2b_refusal_message(
                "email"
            )
            if message:
                invalid_fields.add("email")
                error_messages.append(message)
        return invalid_fields, missing_fields, error_messages
