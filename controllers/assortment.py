"""The webshop's cart (``website_sale``, when installed) keeps a B2B
customer's quantity rules: a quantity asked for on a cart line, or added
from a product page, is set to the rule's nearest valid quantity
(``sale.order._b2b_cart_quantity``, the proposal the order gate makes) and
the rule's message is shown next to the line and above the cart, as Odoo's
cart shows a quantity it cannot deliver.

Odoo routes these overrides only on a database where ``website_sale`` is
installed (a controller of a module that is not installed is left out with
its subclasses); the module itself does not depend on it."""

from odoo.http import request, route

from odoo.addons.website_sale.controllers.cart import Cart


class B2BAssortmentCart(Cart):
    @route()
    def update_cart(self, line_id, quantity, product_id=None, **kwargs):
        """``/shop/cart/update``: the line's quantity snapped to the rule;
        the warning on the line (its icon) and in the answer (the cart's
        alert)."""
        order_sudo = request.cart
        line = order_sudo.order_line.filtered(
            lambda sol: sol.id == line_id
            if line_id
            else sol.product_id.id == product_id
        )[:1]
        warning = ""
        if line and int(quantity) > 0:
            quantity, warning = order_sudo._b2b_cart_quantity(
                line.product_id, int(quantity), line
            )
            if warning:
                line.shop_warning = warning
        values = super().update_cart(line_id, quantity, product_id=product_id, **kwargs)
        if warning and not values.get("warning"):
            values["warning"] = warning
        return values

    @route()
    def add_to_cart(self, product_template_id, product_id, quantity=1.0, **kwargs):
        """``/shop/cart/add``: the quantity added snapped so that the cart
        keeps the rule, and so the quantities of the optional products
        added with it (``linked_products``; a combo's items keep the
        combo's quantity, as Odoo requires: the order gate holds their
        rules); the warnings in the cart's notification."""
        warnings = []
        product = request.env["product.product"].browse(int(product_id)).exists()
        if product and int(quantity) > 0 and not request.env.user._is_public():
            order_sudo = request.cart or request.website._create_cart()
            if product.type != "combo":
                quantity, warning = order_sudo._b2b_cart_quantity(
                    product, int(quantity)
                )
                warnings.append(warning)
                warnings += self._b2b_snap_linked_products(
                    order_sudo, kwargs.get("linked_products")
                )
        values = super().add_to_cart(
            product_template_id, product_id, quantity=quantity, **kwargs
        )
        warning = "\n".join(w for w in warnings if w)
        notification = values.get("notification_info")
        if warning and notification is not None and not notification.get("warning"):
            notification["warning"] = warning
        return values

    def _b2b_snap_linked_products(self, order_sudo, linked_products):
        """Set the quantity of each optional product of ``linked_products``
        (the request's list, changed in place) to its rule's nearest valid
        one; returns the warnings."""
        warnings = []
        Product = request.env["product.product"]
        for data in linked_products or ():
            if not isinstance(data, dict) or data.get("combo_item_id"):
                continue
            try:
                asked = int(data.get("quantity") or 0)
                linked = Product.browse(int(data.get("product_id"))).exists()
            except (TypeError, ValueError):
                continue  # Odoo's own route refuses it
            if linked and asked > 0:
                data["quantity"], warning = order_sudo._b2b_cart_quantity(linked, asked)
                warnings.append(warning)
        return warnings
