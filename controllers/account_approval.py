from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.signup.res_partner import B2B_REQUEST_FIELDS
from .form import form_input_error, read_form, run_form_action


class B2BCustomerPortal(CustomerPortal):
    """``/my/b2b``: the customer's side of the B2B approval, and the public
    e-mail verification link."""

    def _b2b_prepare_page_values(self, form=None, error=None, success=None):
        """Values of the /my/b2b page for the logged-in user. The records all
        derive from the session user, never from the request."""
        partner = request.env.user.partner_id
        partner_sudo = partner.sudo()
        company_sudo = partner_sudo.commercial_partner_id
        is_company_admin = partner_sudo._b2b_is_company_admin()
        if form is None:
            form = {
                "company_name": company_sudo.name
                if company_sudo != partner_sudo
                else "",
                "vat": company_sudo.vat or "",
                "company_registry": company_sudo.company_registry or "",
                "b2b_department": company_sudo.b2b_department or "",
            }
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_account",
                "b2b_partner": partner_sudo,
                "b2b_company": company_sudo,
                "b2b_state": company_sudo.b2b_state if company_sudo.is_b2b else False,
                "b2b_can_request": not company_sudo.is_b2b
                or company_sudo.b2b_state in (False, "rejected"),
                "b2b_join_company": partner_sudo.b2b_join_company_id,
                "b2b_join_requests": company_sudo.b2b_join_request_ids
                if is_company_admin
                else partner_sudo.browse(),
                "b2b_credit": partner._b2b_portal_credit(),
                "form": form,
                "error": error,
                "success": success,
            }
        )
        return values

    @http.route(
        "/my/b2b",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_my_b2b(self, **kw):
        return request.render(
            "b2b_customer.portal_my_b2b", self._b2b_prepare_page_values()
        )

    @http.route(
        "/my/b2b/request", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_b2b_request(self, **post):
        """Request the B2B upgrade of the user's account, or correct and send
        again a rejected request."""
        env = request.env
        form = read_form(post, B2B_REQUEST_FIELDS)
        page = self._b2b_prepare_page_values(form=form)
        if not page["b2b_can_request"] or page["b2b_join_company"]:
            raise Forbidden()
        if env.user._is_internal():
            raise Forbidden()

        def render_error(message):
            return request.render(
                "b2b_customer.portal_my_b2b",
                self._b2b_prepare_page_values(form=form, error=message),
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def send_request():
            env["b2b.throttle"]._check_and_hit(
                "upgrade", email=env.user.login, ip=request.httprequest.remote_addr
            )
            outcome, _company = env.user.partner_id._b2b_request_upgrade(form)
            return request.redirect(f"/my/b2b?requested={outcome}")

        return run_form_action(send_request, render_error)

    def _b2b_check_join_request(self, person_id):
        """The person must ask to join the current user's company, and the
        current user must administer that approved company."""
        partner_sudo = request.env.user.partner_id.sudo()
        company_sudo = partner_sudo.commercial_partner_id
        if not partner_sudo._b2b_is_company_admin():
            raise Forbidden()
        person_sudo = request.env["res.partner"].sudo().browse(person_id).exists()
        if not person_sudo or person_sudo.b2b_join_company_id != company_sudo:
            raise NotFound()
        return person_sudo

    @http.route(
        "/my/b2b/join/<int:person_id>/<any(accept,decline):decision>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_b2b_join(self, person_id, decision, **post):
        person_sudo = self._b2b_check_join_request(person_id)
        if decision == "accept":
            person_sudo._b2b_approve_contact()
        else:
            person_sudo._b2b_decline_contact()
        return request.redirect(f"/my/b2b?join={decision}")

    @http.route(
        "/my/b2b/verify", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_b2b_send_verification(self, **post):
        env = request.env
        partner_sudo = env.user.partner_id.sudo()

        def send_verification():
            env["b2b.throttle"]._check_and_hit(
                "verify", email=partner_sudo.email, ip=request.httprequest.remote_addr
            )
            sent = partner_sudo._b2b_send_email_verification()
            return request.redirect(
                f"/my/b2b?verification={'sent' if sent else 'wait'}"
            )

        return run_form_action(
            send_verification,
            lambda message: request.render(
                "b2b_customer.portal_my_b2b",
                self._b2b_prepare_page_values(error=message),
            ),
        )

    @http.route(
        "/b2b/verify/<string:token>",
        type="http",
        auth="public",
        methods=["GET"],
        website=True,
        sitemap=False,
    )
    def b2b_verify_email(self, token, **kw):
        status, partner_sudo = request.env["res.partner"]._b2b_verify_email(token)
        return request.render(
            "b2b_customer.b2b_verify_email_page",
            {
                "status": status,
                "verified_email": partner_sudo.email if status == "verified" else False,
            },
        )
