from werkzeug.exceptions import Forbidden

from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bPortalAccount(CustomerPortal):
    """``/my/account``: the directory listing of the member's company."""

    def _b2b_directory_partner(self):
        return request.env.user.partner_id._b2b_directory_company()

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
        # the ownership was checked in _b2b_directory_company
        company._b2b_set_directory_listing(
            bool(extra_form_data.get("b2b_directory_listed"))
        )
