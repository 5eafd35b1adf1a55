from werkzeug.exceptions import Forbidden

from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bPortalAccount(CustomerPortal):
    def _b2b_directory_partner(self):
        """The company whose directory listing the current user may change:
        an approved B2B member, changed by itself or by one of its B2B
        administrators. Empty otherwise."""
        partner = request.env.user.partner_id
        commercial = partner.commercial_partner_id
        if not (commercial.is_b2b and commercial.b2b_state == "approved"):
            return request.env["res.partner"]
        if partner != commercial and partner.b2b_role != "admin":
            return request.env["res.partner"]
        return commercial

    def _prepare_my_account_rendering_values(self, *args, **kwargs):
        values = super()._prepare_my_account_rendering_values(*args, **kwargs)
        values["b2b_directory_partner"] = self._b2b_directory_partner()
        return values

    def _handle_extra_form_data(self, extra_form_data, address_values):
        super()._handle_extra_form_data(extra_form_data, address_values)
        if not extra_form_data.get("b2b_directory_form"):
            return
        company = self._b2b_directory_partner()
        if not company:
            raise Forbidden()
        listed = bool(extra_form_data.get("b2b_directory_listed"))
        if company.b2b_directory_listed != listed:
            # sudo: the ownership was checked in _b2b_directory_partner
            company.sudo().b2b_directory_listed = listed
