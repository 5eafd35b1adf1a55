from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError, ValidationError
from odoo.http import request

from ..models.ordering.b2b_quick_order import (
    B2B_QUICK_ORDER_MAX_BYTES,
    B2B_QUICK_ORDER_MAX_LINES,
)
from .form import form_input_error, read_form, run_form_action
from .reseller import B2BResellerPortal

#: steps of the quick order form (the submit button's value)
STEPS = ("edit", "search", "preview", "order", "save_list")


class B2BQuickOrderPortal(B2BResellerPortal):
    """``/my/quick-order``: B2B buyers order by product code (pasted lines,
    a CSV file, a past order, a requisition list); resellers do the same
    for their end customers (``/my/customers/<id>/quick-order``)."""

    # ------------------------------------------------------------------
    # Who orders for whom (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_check_buyer(self):
        """The current user must be a contact of an approved B2B company
        that orders online. Returns the buyer's quick-order target."""
        user = request.env.user
        buyer_sudo = user.partner_id.sudo()
        if not user.share or buyer_sudo._b2b_refusals("order_online"):
            raise Forbidden()
        return {
            "buyer": buyer_sudo,
            "customer": buyer_sudo,
            "reseller": None,
            "url": "/my/quick-order",
        }

    def _b2b_check_reseller_target(self, customer_id):
        """The customer must be an active end customer of the current
        user's reseller (404 otherwise), and the reseller must order online."""
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        if not customer_sudo.active:
            raise NotFound()
        buyer_sudo = request.env.user.partner_id.sudo()
        if buyer_sudo._b2b_refusals("order_online"):
            raise Forbidden()
        return {
            "buyer": buyer_sudo,
            "customer": customer_sudo,
            "reseller": reseller_sudo,
            "url": f"/my/customers/{customer_sudo.id}/quick-order",
        }

    def _b2b_own_requisition_list(self, list_id):
        """One of the current user's requisition lists (record rules), or
        404."""
        requisition = (
            request.env["b2b.requisition.list"].search([("id", "=", list_id)], limit=1)
            if list_id
            else None
        )
        if not requisition:
            raise NotFound()
        return requisition

    # ------------------------------------------------------------------
    # The reseller's pages: order for a customer, the orders placed
    # ------------------------------------------------------------------
    def _b2b_customers_page_values(self, reseller_sudo, *args, **kwargs):
        values = super()._b2b_customers_page_values(reseller_sudo, *args, **kwargs)
        Order = request.env["sale.order"]
        values["placed_orders"] = Order.sudo().search(
            Order._b2b_prepare_placed_orders_domain(reseller_sudo),
            order="date_order desc, id desc",
            limit=self._customers_per_page,
        )
        return values

    def _b2b_customer_form_values(self, reseller_sudo, *args, **kwargs):
        values = super()._b2b_customer_form_values(reseller_sudo, *args, **kwargs)
        values["can_order_online"] = not request.env.user.partner_id._b2b_refusals(
            "order_online"
        )
        return values

    # ------------------------------------------------------------------
    # Rendering
    # ------------------------------------------------------------------
    def _b2b_quick_order_values(
        self, target, form, line_errors=(), error=None, preview=None, notice=None
    ):
        quick_sudo = request.env["b2b.quick.order"].sudo()
        customer_sudo = target["customer"]
        order_new = quick_sudo._b2b_new_order(
            customer_sudo, reseller=target["reseller"]
        )
        search = form.get("search") or ""
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_quick_order",
                "target": target,
                "form": form,
                "line_errors": line_errors,
                "error_lines": {e["line"] for e in line_errors},
                "error": error,
                "notice": notice,
                "preview": preview,
                "addresses": quick_sudo._b2b_delivery_addresses(customer_sudo),
                "delivery_id": form.get("delivery_address_id")
                or quick_sudo._b2b_default_delivery(customer_sudo).id,
                "search": search,
                "search_results": quick_sudo._b2b_search_products(search, order_new)
                if search
                else [],
                "pricelist_currency": order_new.currency_id,
                "requisition_lists": request.env["b2b.requisition.list"].search([]),
                "max_lines": B2B_QUICK_ORDER_MAX_LINES,
                "max_kb": B2B_QUICK_ORDER_MAX_BYTES // 1024,
            }
        )
        return values

    def _b2b_render_quick_order(self, target, form, **kw):
        return request.render(
            "b2b_customer.portal_quick_order",
            self._b2b_quick_order_values(target, form, **kw),
        )

    def _b2b_read_quick_order_form(self, post):
        form = read_form(
            post,
            ("lines", "delivery_address_id", "list_name", "search", "step", "add_code"),
            multiline=("lines",),
        )
        upload = request.httprequest.files.get("csv_file")
        if upload and upload.filename:
            text = (
                request.env["b2b.quick.order"]
                .sudo()
                ._b2b_read_upload(upload.read(B2B_QUICK_ORDER_MAX_BYTES + 1))
            )
            form["lines"] = "\n".join(filter(None, (form["lines"], text.strip())))
        return form

    # ------------------------------------------------------------------
    # The form
    # ------------------------------------------------------------------
    def _b2b_quick_order(self, target, post):
        """GET: the form (prefilled from a requisition list with
        ``list_id``); POST: search, check, preview, order or save a list."""
        quick_sudo = request.env["b2b.quick.order"].sudo()
        if request.httprequest.method == "GET":
            form = read_form(post, ("search", "list_id"))
            if form["list_id"]:
                requisition = self._b2b_own_requisition_list(
                    int(form["list_id"]) if form["list_id"].isdigit() else 0
                )
                form["lines"] = requisition._b2b_quick_order_text()
            error = form_input_error(post)
            if error:
                form["search"] = ""
            return self._b2b_render_quick_order(target, form, error=error)

        kept = read_form(
            post,
            ("lines", "delivery_address_id", "list_name", "search"),
            multiline=("lines",),
        )

        def render_error(message, form=None):
            return self._b2b_render_quick_order(
                target, kept if form is None else form, error=message
            )

        error = form_input_error(post)
        if error:
            return render_error(error)
        try:
            form = self._b2b_read_quick_order_form(post)
        except UserError as exc:
            return render_error(exc.args[0])
        step = form["step"] if form["step"] in STEPS else "preview"
        if form["add_code"]:
            form["lines"] = "\n".join(
                filter(None, (form["lines"], f"{form['add_code']};1"))
            )
            step = "edit"
        if step in ("edit", "search"):
            return self._b2b_render_quick_order(target, form)

        customer_sudo = target["customer"]

        def submit():
            order_new = quick_sudo._b2b_new_order(
                customer_sudo, reseller=target["reseller"]
            )
            lines, line_errors = quick_sudo._b2b_parse(
                form["lines"], order_new.company_id, customer_sudo
            )
            if line_errors:
                return self._b2b_render_quick_order(
                    target, form, line_errors=line_errors
                )
            delivery = quick_sudo._b2b_check_delivery(
                customer_sudo, form["delivery_address_id"]
            )
            if step == "order":
                order_sudo = quick_sudo._b2b_create_quotation(
                    customer_sudo,
                    lines,
                    delivery,
                    ordered_by=target["buyer"],
                    reseller=target["reseller"],
                )
                return request.redirect(order_sudo.access_url)
            list_error = None
            if step == "save_list":
                # a refused name shows the preview again, with the name typed
                try:
                    with request.env.cr.savepoint():
                        request.env["b2b.requisition.list"]._b2b_create_from_lines(
                            form["list_name"], lines
                        )
                    return request.redirect("/my/requisition-lists?saved=1")
                except (UserError, ValidationError) as exc:
                    list_error = exc.args[0]
            order_new = quick_sudo._b2b_new_order(
                customer_sudo, delivery=delivery, reseller=target["reseller"]
            )
            form["lines"] = quick_sudo._b2b_lines_text(lines)
            form["delivery_address_id"] = str(delivery.id)
            return self._b2b_render_quick_order(
                target,
                form,
                preview=dict(
                    quick_sudo._b2b_preview(order_new, lines), delivery=delivery
                ),
                error=list_error,
            )

        return run_form_action(submit, lambda message: render_error(message, form))

    @http.route(
        "/my/quick-order",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_quick_order(self, **post):
        return self._b2b_quick_order(self._b2b_check_buyer(), post)

    @http.route(
        "/my/customers/<int:customer_id>/quick-order",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_customer_quick_order(self, customer_id, **post):
        return self._b2b_quick_order(self._b2b_check_reseller_target(customer_id), post)

    # ------------------------------------------------------------------
    # Order again
    # ------------------------------------------------------------------
    @http.route(
        "/my/orders/<int:order_id>/reorder",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_order_reorder(self, order_id, **post):
        """The quick order prefilled with the lines of a past order the
        user may see (the portal's own access check, no token)."""
        try:
            order_sudo = self._document_check_access("sale.order", order_id)
        except (AccessError, MissingError):
            raise NotFound() from None
        reseller = request.env.user.partner_id.commercial_partner_id
        customer = order_sudo.partner_id.commercial_partner_id
        if order_sudo.b2b_ordered_by_reseller_id == reseller and customer != reseller:
            target = self._b2b_check_reseller_target(customer.id)
        else:
            target = self._b2b_check_buyer()
        text, skipped = order_sudo._b2b_quick_order_text()
        notice = None
        if skipped:
            notice = request.env._(
                "%(count)s line(s) of %(order)s cannot be ordered again (no "
                "product code, or no longer sold) and were left out.",
                count=skipped,
                order=order_sudo.name,
            )
        return self._b2b_render_quick_order(target, {"lines": text}, notice=notice)

    # ------------------------------------------------------------------
    # Requisition lists
    # ------------------------------------------------------------------
    @http.route(
        "/my/requisition-lists",
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_requisition_lists(self, **kw):
        self._b2b_check_buyer()
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_requisition_lists",
                "requisition_lists": request.env["b2b.requisition.list"].search([]),
            }
        )
        return request.render("b2b_customer.portal_requisition_lists", values)

    @http.route(
        "/my/requisition-lists/<int:list_id>/delete",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_requisition_list_delete(self, list_id, **post):
        self._b2b_check_buyer()
        self._b2b_own_requisition_list(list_id).unlink()
        return request.redirect("/my/requisition-lists?deleted=1")
