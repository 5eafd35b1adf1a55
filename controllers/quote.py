"""Negotiable quotes on the portal: ``/my/quotes/request`` (a buyer, or a
reseller for its end customer, asks for a quote: lines, message, purchase
order number, wished delivery date, attachments) and
``/my/quotes/<order_id>/counter`` (the buyer answers an offer line by
line). Accepting and declining are Odoo's own ``/my/orders/<id>/accept``
and ``/decline``, which the order gate governs."""

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import AccessError, MissingError, UserError
from odoo.http import request

from .form import form_input_error, read_form, run_form_action
from .ordering import B2BQuickOrderPortal

#: attachments a request takes, and the largest one
MAX_ATTACHMENTS = 5
MAX_ATTACHMENT_BYTES = 10 * 1024 * 1024
#: the inputs of the request form
REQUEST_FIELDS = (
    "lines",
    "message",
    "client_order_ref",
    "commitment_date",
    "delivery_address_id",
    "customer_id",
)


class B2BQuotePortal(B2BQuickOrderPortal):
    # ------------------------------------------------------------------
    # Who asks for whom (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_quick_order_values(self, target, form, *args, **kwargs):
        values = super()._b2b_quick_order_values(target, form, *args, **kwargs)
        values["b2b_may_quote"] = not target["buyer"]._b2b_refusals("request_quotes")
        return values

    @http.route()
    def portal_requisition_lists(self, **kw):
        response = super().portal_requisition_lists(**kw)
        response.qcontext[
            "b2b_may_quote"
        ] = not request.env.user.partner_id._b2b_refusals("request_quotes")
        return response

    def _b2b_check_quote_target(self, customer_id=None):
        """The current user must be a contact who may request quotes; with
        ``customer_id``, an active end customer of the user's reseller (404
        otherwise). Returns who asks, for whom, and the reseller."""
        user = request.env.user
        if not user.share:
            raise Forbidden()
        # the user's own contact (its roles and functions are read whole)
        buyer_sudo = user.partner_id.sudo()
        if buyer_sudo._b2b_refusals("request_quotes"):
            raise Forbidden()
        if not customer_id:
            return {"buyer": buyer_sudo, "customer": buyer_sudo, "reseller": None}
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        if not customer_sudo.active:
            raise NotFound()
        return {
            "buyer": buyer_sudo,
            "customer": customer_sudo,
            "reseller": reseller_sudo,
        }

    def _b2b_check_quote_order(self, order_id, access_token=None):
        """A quote the current user sees on the portal and may negotiate;
        404 for others."""
        try:
            order_sudo = self._document_check_access(
                "sale.order", order_id, access_token
            )
        except (AccessError, MissingError):
            raise NotFound() from None
        buyer_sudo = request.env.user.partner_id.sudo()
        if not order_sudo.b2b_quote_state:
            raise NotFound()
        try:
            order_sudo._b2b_quote_check_buyer(buyer_sudo)
        except AccessError:
            raise Forbidden() from None
        return buyer_sudo, order_sudo

    # ------------------------------------------------------------------
    # Request
    # ------------------------------------------------------------------
    def _b2b_quote_request_values(self, target, form, error=None, line_errors=()):
        quick_sudo = request.env["b2b.quick.order"].sudo()
        customer_sudo = target["customer"]
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_quote_request",
                "target": target,
                "form": form,
                "error": error,
                "line_errors": line_errors,
                "addresses": quick_sudo._b2b_delivery_addresses(customer_sudo),
                "delivery_id": form.get("delivery_address_id")
                or quick_sudo._b2b_default_delivery(customer_sudo).id,
                "max_attachments": MAX_ATTACHMENTS,
            }
        )
        return values

    def _b2b_render_quote_request(self, target, form, **kw):
        return request.render(
            "b2b_customer.portal_quote_request",
            self._b2b_quote_request_values(target, form, **kw),
        )

    def _b2b_quote_prefill(self, form):
        """The lines of a requisition list (``list_id``) or of an order the
        user sees (``order_id``: "Order again", a quotation) as text."""
        list_id = request.params.get("list_id") or ""
        order_id = request.params.get("order_id") or ""
        if list_id.isdigit():
            form["lines"] = self._b2b_own_requisition_list(
                int(list_id)
            )._b2b_quick_order_text()
        elif order_id.isdigit():
            try:
                order_sudo = self._document_check_access("sale.order", int(order_id))
            except (AccessError, MissingError):
                raise NotFound() from None
            form["lines"] = order_sudo._b2b_quick_order_text()[0]
        return form

    def _b2b_read_attachments(self):
        """The uploaded files: a list of (name, bytes); a translated
        UserError when there are too many or one is too large."""
        files = [
            f for f in request.httprequest.files.getlist("attachments") if f.filename
        ]
        if len(files) > MAX_ATTACHMENTS:
            raise UserError(
                request.env._(
                    "Please attach at most %(count)s files.", count=MAX_ATTACHMENTS
                )
            )
        attachments = []
        for upload in files:
            data = upload.read(MAX_ATTACHMENT_BYTES + 1)
            if len(data) > MAX_ATTACHMENT_BYTES:
                raise UserError(
                    request.env._(
                        "%(name)s is too large (at most %(size)s MB).",
                        name=upload.filename,
                        size=MAX_ATTACHMENT_BYTES // (1024 * 1024),
                    )
                )
            attachments.append((upload.filename[:128], data))
        return attachments

    @http.route(
        "/my/quotes/request",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_quote_request(self, **post):
        """GET: the request form (prefilled from ``list_id`` or
        ``order_id``); POST with ``step=edit``: the form prefilled with the
        posted lines (from the quick order's preview); POST: the request,
        answered with a redirect to the new quote's page."""
        customer_id = post.get("customer_id") or ""
        target = self._b2b_check_quote_target(
            int(customer_id) if customer_id.isdigit() else None
        )
        form = read_form(post, REQUEST_FIELDS, multiline=("lines", "message"))
        error = form_input_error(post)
        if request.httprequest.method == "GET":
            return self._b2b_render_quote_request(
                target, self._b2b_quote_prefill(form), error=error
            )
        if error or post.get("step") == "edit":
            return self._b2b_render_quote_request(target, form, error=error)
        quick_sudo = request.env["b2b.quick.order"].sudo()
        customer_sudo = target["customer"]

        def submit():
            order_new = quick_sudo._b2b_new_order(
                customer_sudo, reseller=target["reseller"]
            )
            lines, line_errors = quick_sudo._b2b_parse_quote_request(
                form["lines"], order_new.company_id, customer_sudo
            )
            if line_errors:
                return self._b2b_render_quote_request(
                    target, form, line_errors=line_errors
                )
            values = quick_sudo._b2b_check_quote_values(form)
            delivery = quick_sudo._b2b_check_delivery(
                customer_sudo, form["delivery_address_id"]
            )
            attachments = self._b2b_read_attachments()
            order_sudo = request.env["sale.order"]._b2b_quote_create_request(
                customer_sudo,
                lines,
                target["buyer"],
                delivery,
                values,
                reseller=target["reseller"],
            )
            if attachments:
                order_sudo._b2b_quote_attach(attachments, target["buyer"])
            return request.redirect(order_sudo.get_portal_url())

        return run_form_action(
            submit,
            lambda message: self._b2b_render_quote_request(target, form, error=message),
        )

    # ------------------------------------------------------------------
    # Counter-offer
    # ------------------------------------------------------------------
    def _b2b_render_counter(self, order_sudo, form, error=None):
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_quote_counter",
                "sale_order": order_sudo,
                "rows": order_sudo._b2b_quote_comparison(),
                "form": form,
                "error": error,
            }
        )
        return request.render("b2b_customer.portal_quote_counter", values)

    @http.route(
        "/my/quotes/<int:order_id>/counter",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_quote_counter(self, order_id, access_token=None, **post):
        """GET: the counter-offer form; POST (``qty_<line id>``,
        ``price_<line id>``, ``message``): the counter-offer, answered with
        a redirect to the quote's page."""
        buyer_sudo, order_sudo = self._b2b_check_quote_order(order_id, access_token)
        form = {
            name: value
            for name, value in read_form(
                post, list(post), multiline=("message",)
            ).items()
            if name.startswith(("qty_", "price_")) or name == "message"
        }
        if request.httprequest.method == "GET":
            return self._b2b_render_counter(order_sudo, form)
        error = form_input_error(post)
        if error:
            return self._b2b_render_counter(order_sudo, form, error=error)

        def submit():
            order_sudo._b2b_quote_counter_from_form(buyer_sudo, form)
            return request.redirect(
                order_sudo.get_portal_url(query_string="&b2b_countered=1")
            )

        return run_form_action(
            submit,
            lambda message: self._b2b_render_counter(order_sudo, form, error=message),
        )
