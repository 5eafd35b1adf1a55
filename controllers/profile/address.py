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

    def _prepare_address_form_values(
        self, partner_sudo, address_type="billing", **kwargs
    ):
        values = super()._prepare_address_form_values(
            partner_sudo, address_type=address_type, **kwargs
        )
        values["b2b_can_mark_consignee"] = (
            address_type == "delivery"
            and values["current_partner"]._b2b_manages_addresses()
        )
        return values

    def _create_or_update_address(
        self, partner_sudo, address_type="billing", **form_data
    ):
        consignee_shown = form_data.pop("b2b_consignee_shown", False)
        consignee = bool(form_data.pop("b2b_consignee", False))
        partner_sudo, feedback = super()._create_or_update_address(
            partner_sudo, address_type=address_type, **form_data
        )
        if consignee_shown and "redirectUrl" in feedback:
            partner_sudo._b2b_set_consignee(
                consignee, by=request.env["res.partner"]._get_current_partner()
            )
        return partner_sudo, feedback

    def _prepare_address_data(self, partner_sudo, **kwargs):
        values = super()._prepare_address_data(partner_sudo, **kwargs)
        commercial = partner_sudo.commercial_partner_id
        values["b2b_default_delivery"] = commercial.b2b_default_delivery_id
        values["b2b_is_admin"] = partner_sudo._b2b_manages_addresses()
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
        address_sudo._b2b_make_default_delivery()
        return request.redirect("/my/addresses")
