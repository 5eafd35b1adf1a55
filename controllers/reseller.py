from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal

from ..models.res_partner import B2B_MAX_INPUT_LENGTH
from ..models.reseller.res_partner import (
    B2B_END_CUSTOMER_ADDRESS_FIELDS,
    B2B_END_CUSTOMER_FIELDS,
    mask_iban,
)
from .form import form_input_error, paged_search, read_form, run_form_action


def posted_ids(name):
    """The integer ids posted under ``name`` (a multi-valued input)."""
    return [int(i) for i in request.httprequest.form.getlist(name) if i.isdigit()]


class B2BResellerPortal(CustomerPortal):
    """``/my/customers``: a reseller manages its own end customers."""

    _customers_per_page = 20

    # ------------------------------------------------------------------
    # Ownership checks (called first in every route)
    # ------------------------------------------------------------------
    def _b2b_check_reseller(self):
        """The current user must belong to an approved reseller. Returns
        the reseller (sudo)."""
        user = request.env.user
        reseller_sudo = user.partner_id.sudo().commercial_partner_id
        if not user.share or not reseller_sudo._b2b_is_active_reseller():
            raise Forbidden()
        return reseller_sudo

    def _b2b_check_customer(self, customer_id, read_only=False):
        """The customer must be managed by the current user's reseller (or,
        to read, have been before its migration). 404 otherwise, so nothing
        tells another reseller's customers apart from missing ones."""
        reseller_sudo = self._b2b_check_reseller()
        customer_sudo = (
            request.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .browse(customer_id)
            .exists()
        )
        if not customer_sudo or not reseller_sudo._b2b_owns_end_customer(
            customer_sudo, read_only=read_only
        ):
            raise NotFound()
        return reseller_sudo, customer_sudo

    def _b2b_check_customers(self, customer_ids):
        """Every id must be an end customer of the current user's reseller;
        404 otherwise (one foreign id refuses them all). Returns the reseller
        and the customers (sudo)."""
        reseller_sudo = self._b2b_check_reseller()
        customers_sudo = reseller_sudo._b2b_own_end_customers(customer_ids)
        if len(customers_sudo) != len(set(customer_ids)):
            raise NotFound()
        return reseller_sudo, customers_sudo

    def _b2b_check_tag(self, reseller_sudo, tag_id):
        """The reseller's own tag ``tag_id`` (a posted string), empty when
        none was posted; 404 for another reseller's or a missing tag."""
        if not tag_id:
            return request.env["b2b.reseller.tag"].sudo()
        tag_sudo = reseller_sudo._b2b_reseller_tags().filtered(
            lambda t: str(t.id) == tag_id
        )
        if not tag_sudo:
            raise NotFound()
        return tag_sudo

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _prepare_customers_domain(
        self, reseller, search=None, tag_id=None, archived=False
    ):
        return request.env["res.partner"]._b2b_prepare_end_customers_domain(
            reseller, search=search, tag_id=tag_id, archived=archived
        )

    def _prepare_home_portal_values(self, counters):
        values = super()._prepare_home_portal_values(counters)
        if "b2b_customer_count" in counters:
            reseller_sudo = request.env.user.partner_id.sudo().commercial_partner_id
            values["b2b_customer_count"] = (
                request.env["res.partner"]
                .sudo()
                .search_count(self._prepare_customers_domain(reseller_sudo))
                if request.env.user.share and reseller_sudo._b2b_is_active_reseller()
                else 0
            )
        return values

    def _b2b_customers_page_values(
        self,
        reseller_sudo,
        page=1,
        search="",
        tag=None,
        archived=False,
        error=None,
        tag_form=None,
    ):
        """Values of the ``/my/customers`` list. ``search`` and ``tag`` come
        as typed (strings); ``tag_form`` is what the bulk-tag form posted,
        shown again when it was refused."""
        Partner = request.env["res.partner"].sudo().with_context(active_test=False)
        tags = reseller_sudo._b2b_reseller_tags()
        tag = tag or ""
        tag_id = int(tag) if tag.isdigit() and int(tag) in tags.ids else None
        error = error or form_input_error({"search": search})
        search = read_form({"search": search}, ("search",))["search"]
        search = search[:B2B_MAX_INPUT_LENGTH]
        archived = bool(archived)
        domain = self._prepare_customers_domain(reseller_sudo, search, tag_id, archived)
        url_args = {
            "search": search,
            "tag": tag_id or "",
            "archived": "1" if archived else "",
        }
        customers, pager, count = paged_search(
            Partner,
            domain,
            "/my/customers",
            url_args,
            page,
            self._customers_per_page,
            "name, id",
        )
        customers.fetch(
            ["name", "email", "ref", "city", "b2b_reseller_tag_ids", "active"]
        )
        customers.b2b_reseller_tag_ids.fetch(["name", "color"])
        tag_counts = dict(
            Partner._read_group(
                self._prepare_customers_domain(reseller_sudo, archived=archived),
                ["b2b_reseller_tag_ids"],
                ["__count"],
            )
        )
        values = self._prepare_portal_layout_values()
        values.update(
            {
                "page_name": "b2b_customers",
                "reseller": reseller_sudo,
                "customers": customers,
                "customer_count": count,
                "archived_count": Partner.search_count(
                    self._prepare_customers_domain(reseller_sudo, archived=True)
                ),
                "tags": tags,
                "tag_counts": {tag.id: n for tag, n in tag_counts.items() if tag},
                "current_tag": tag_id,
                "search": search,
                "archived": archived,
                "pager": pager,
                "error": error,
                "tag_form": tag_form or {"tag_name": "", "customer_ids": []},
            }
        )
        return values

    @http.route(
        ["/my/customers", "/my/customers/page/<int:page>"],
        type="http",
        auth="user",
        methods=["GET"],
        readonly=True,
        website=True,
    )
    def portal_my_customers(self, page=1, search=None, tag=None, archived=None, **kw):
        reseller_sudo = self._b2b_check_reseller()
        return request.render(
            "b2b_customer.portal_my_customers",
            self._b2b_customers_page_values(
                reseller_sudo,
                page=page,
                search=search if isinstance(search, str) else "",
                tag=tag if isinstance(tag, str) else "",
                archived=archived,
            ),
        )

    # ------------------------------------------------------------------
    # Create / edit
    # ------------------------------------------------------------------
    def _b2b_customer_form_values(
        self, reseller_sudo, customer_sudo=None, form=None, error=None
    ):
        values = self._prepare_portal_layout_values()
        orders = request.env["sale.order"].sudo().browse()
        iban = request.env["res.partner.bank"].sudo().browse()
        if customer_sudo:
            orders = (
                request.env["sale.order"]
                .sudo()
                .search(
                    reseller_sudo._b2b_end_customer_orders_domain(customer_sudo),
                    order="date_order desc",
                    limit=50,
                )
            )
            iban = customer_sudo._b2b_end_customer_iban()
        values.update(
            {
                "page_name": "b2b_customer_form",
                "reseller": reseller_sudo,
                "customer": customer_sudo,
                "read_only": bool(customer_sudo)
                and customer_sudo.b2b_reseller_id != reseller_sudo,
                "form": form
                if form is not None
                else self._b2b_form_from_customer(customer_sudo),
                "error": error,
                "payment_methods": reseller_sudo._b2b_payment_methods(),
                "stored_iban": mask_iban(iban.acc_number) if iban else "",
                "countries": request.env["res.country"].sudo().search([]),
                "tags": reseller_sudo._b2b_reseller_tags(),
                "orders": orders,
            }
        )
        return values

    def _b2b_render_customer_form(self, reseller_sudo, customer_sudo=None, **kw):
        return request.render(
            "b2b_customer.portal_my_customer_form",
            self._b2b_customer_form_values(reseller_sudo, customer_sudo, **kw),
        )

    def _b2b_form_from_customer(self, customer_sudo):
        if not customer_sudo:
            return {}
        form = {fname: customer_sudo[fname] or "" for fname in B2B_END_CUSTOMER_FIELDS}
        form["country_id"] = customer_sudo.country_id.id or ""
        form["payment_method_id"] = customer_sudo.b2b_payment_method_id.id or ""
        form["tag_ids"] = customer_sudo.b2b_reseller_tag_ids.ids
        return form

    def _b2b_read_customer_form(self, post):
        form = read_form(
            post, (*B2B_END_CUSTOMER_FIELDS, "country_id", "payment_method_id", "iban")
        )
        form["is_company"] = bool(post.get("is_company"))
        form["new_tag"] = read_form(post, ("new_tag",))["new_tag"]
        form["tag_ids"] = posted_ids("tag_ids")
        return form

    @http.route(
        "/my/customers/new",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_customer_new(self, **post):
        reseller_sudo = self._b2b_check_reseller()
        if request.httprequest.method == "GET":
            return self._b2b_render_customer_form(reseller_sudo)
        form = self._b2b_read_customer_form(post)

        def render_error(message):
            return self._b2b_render_customer_form(
                reseller_sudo, form=form, error=message
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def create():
            customer_sudo = reseller_sudo._b2b_create_end_customer(form)
            return request.redirect(f"/my/customers/{customer_sudo.id}?created=1")

        return run_form_action(create, render_error)

    @http.route(
        "/my/customers/<int:customer_id>",
        type="http",
        auth="user",
        methods=["GET", "POST"],
        website=True,
    )
    def portal_my_customer(self, customer_id, **post):
        is_post = request.httprequest.method == "POST"
        reseller_sudo, customer_sudo = self._b2b_check_customer(
            customer_id, read_only=not is_post
        )
        if not is_post:
            return self._b2b_render_customer_form(reseller_sudo, customer_sudo)
        form = self._b2b_read_customer_form(post)

        def render_error(message):
            return self._b2b_render_customer_form(
                reseller_sudo, customer_sudo, form=form, error=message
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def save():
            reseller_sudo._b2b_update_end_customer(
                customer_sudo,
                form,
                tag_ids=form["tag_ids"],
                new_tag=form["new_tag"],
            )
            return request.redirect(f"/my/customers/{customer_sudo.id}?saved=1")

        return run_form_action(save, render_error)

    @http.route(
        "/my/customers/<int:customer_id>/address",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_address(self, customer_id, **post):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        form = read_form(post, B2B_END_CUSTOMER_ADDRESS_FIELDS)

        def render_error(message):
            values = self._b2b_customer_form_values(
                reseller_sudo, customer_sudo, error=message
            )
            values["address_form"] = dict(form, default=bool(post.get("default")))
            return request.render("b2b_customer.portal_my_customer_form", values)

        error = form_input_error(post)
        if error:
            return render_error(error)

        def add():
            customer_sudo._b2b_add_end_customer_address(
                form, make_default=bool(post.get("default"))
            )
            return request.redirect(f"/my/customers/{customer_sudo.id}#addresses")

        return run_form_action(add, render_error)

    @http.route(
        "/my/customers/<int:customer_id>/address/<int:address_id>/<any(default,archive):action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_address_action(
        self, customer_id, address_id, action, **post
    ):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        address = customer_sudo._b2b_end_customer_delivery_address(address_id)
        if not address:
            raise NotFound()
        if action == "default":
            address._b2b_make_default_delivery()
        else:
            customer_sudo._b2b_archive_end_customer_address(address)
        return request.redirect(f"/my/customers/{customer_sudo.id}#addresses")

    # ------------------------------------------------------------------
    # Archive, tag, migrate
    # ------------------------------------------------------------------
    @http.route(
        "/my/customers/<int:customer_id>/<any(archive,unarchive):action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_archive(self, customer_id, action, **post):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        customer_sudo._b2b_archive_end_customer(action == "archive")
        if action == "archive":
            return request.redirect("/my/customers?archived=1&done=archived")
        return request.redirect("/my/customers?done=unarchived")

    @http.route(
        "/my/customers/tag", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_customers_tag(self, **post):
        customer_ids = posted_ids("customer_ids")
        reseller_sudo, customers_sudo = self._b2b_check_customers(customer_ids)
        tag_sudo = self._b2b_check_tag(reseller_sudo, post.get("tag_id") or "")
        form = read_form(post, ("tag_name", "search", "tag", "archived", "page"))
        tag_form = {"tag_name": form["tag_name"], "customer_ids": customer_ids}

        def render_error(message):
            return request.render(
                "b2b_customer.portal_my_customers",
                self._b2b_customers_page_values(
                    reseller_sudo,
                    page=int(form["page"]) if form["page"].isdigit() else 1,
                    search=form["search"],
                    tag=form["tag"],
                    archived=form["archived"],
                    error=message,
                    tag_form=tag_form,
                ),
            )

        error = form_input_error(post)
        if error:
            return render_error(error)

        def apply_tag():
            tagged_with = reseller_sudo._b2b_tag_end_customers(
                customers_sudo, tag=tag_sudo, tag_name=form["tag_name"]
            )
            return request.redirect(f"/my/customers?tag={tagged_with.id}&done=tagged")

        return run_form_action(apply_tag, render_error)

    @http.route(
        "/my/customers/<any(archive,unarchive):action>",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customers_archive(self, action, **post):
        """Archive (or restore) the ticked customers; one foreign id refuses
        them all (404)."""
        customer_ids = posted_ids("customer_ids")
        reseller_sudo, customers_sudo = self._b2b_check_customers(customer_ids)
        form = read_form(post, ("search", "tag", "archived", "page"))

        def render_error(message):
            return request.render(
                "b2b_customer.portal_my_customers",
                self._b2b_customers_page_values(
                    reseller_sudo,
                    page=int(form["page"]) if form["page"].isdigit() else 1,
                    search=form["search"],
                    tag=form["tag"],
                    archived=form["archived"],
                    error=message,
                ),
            )

        def archive():
            reseller_sudo._b2b_archive_end_customers(
                customers_sudo, active=action == "unarchive"
            )
            if action == "archive":
                return request.redirect("/my/customers?archived=1&done=archived_many")
            return request.redirect("/my/customers?done=unarchived_many")

        return run_form_action(archive, render_error)

    @http.route(
        "/my/customers/<int:customer_id>/migrate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_migrate(self, customer_id, **post):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)

        def migrate():
            customer_sudo._b2b_migrate_to_reseller()
            return request.redirect(f"/my/customers/{customer_sudo.id}?migrated=1")

        return run_form_action(
            migrate,
            lambda message: self._b2b_render_customer_form(
                reseller_sudo, customer_sudo, error=message
            ),
        )
