from werkzeug.exceptions import Forbidden

from odoo.http import request, route

from odoo.addons.portal.controllers.portal import CustomerPortal


class B2bPortalAddress(CustomerPortal):
    def _b2b_get_editable_address(self, partner_id):
        """The address (sudo) the current user may manage, or Forbidden."""
        try:
            address_id = int(partner_id)
        except (TypeError, ValueError):
            raise Forbidden() from None
        address_sudo = request.env["res.partner"].sudo().browse(address_id).exists()
        if not address_sudo or not address_sudo._can_be_edited_by_current_customer():
            raise Forbidden()
        return address_sudo

    def _prepare_address_data(self, partner_sudo, **kwargs):
        values = super()._prepare_address_data(partner_sudo, **kwargs)
        commercial = partner_sudo.commercial_partner_id
        values["b2b_default_delivery"] = commercial.b2b_default_delivery_id
        values["b2b_is_admin"] = commercial.is_b2b and (
            partner_sudo == commercial or partner_sudo.b2b_role == "admin"
        )
        return values

    @route(
        "/my/address/b2b_default_delivery",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
        sitemap=False,
    )
    def b2b_address_set_default_delivery(self, partner_id=None, **kwargs):
        address_sudo = self._b2b_get_editable_address(partner_id)
        if address_sudo.type not in ("delivery", "other"):
            raise Forbidden()
        address_sudo.commercial_partner_id.b2b_default_delivery_id = address_sudo
        return request.redirect("/my/addresses")
