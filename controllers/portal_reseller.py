import re

from werkzeug.exceptions import Forbidden, NotFound

from odoo import http
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

CUSTOMER_FIELDS = (
    "name",
    "email",
    "phone",
    "street",
    "city",
    "zip",
    "vat",
    "company_registry",
)
ADDRESS_FIELDS = ("name", "street", "city", "zip", "phone")
MAX_LENGTH = 256


def compact_iban(value):
    return re.sub(r"[\s.-]", "", value or "").upper()


def iban_is_valid(value):
    """ISO 13616 check: country code, check digits, and the mod-97 rule."""
    iban = compact_iban(value)
    if not re.fullmatch(r"[A-Z]{2}\d{2}[A-Z0-9]{11,30}", iban):
        return False
    digits = "".join(str(int(char, 36)) for char in iban[4:] + iban[:4])
    return int(digits) % 97 == 1


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
        if not customer_sudo:
            raise NotFound()
        owned = customer_sudo.b2b_reseller_id == reseller_sudo
        formerly = read_only and customer_sudo.b2b_former_reseller_id == reseller_sudo
        if not (owned or formerly):
            raise NotFound()
        return reseller_sudo, customer_sudo

    # ------------------------------------------------------------------
    # List
    # ------------------------------------------------------------------
    def _prepare_customers_domain(
        self, reseller, search=None, tag_id=None, archived=False
    ):
        domain = Domain("b2b_reseller_id", "=", reseller.id) & Domain(
            "active", "=", not archived
        )
        if search:
            domain &= (
                Domain("name", "ilike", search)
                | Domain("email", "ilike", search)
                | Domain("ref", "ilike", search)
                | Domain("city", "ilike", search)
                | Domain("b2b_reseller_tag_ids.name", "ilike", search)
            )
        if tag_id:
            domain &= Domain("b2b_reseller_tag_ids", "in", [tag_id])
        return domain

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
        Partner = request.env["res.partner"].sudo().with_context(active_test=False)
        try:
            tag_id = int(tag) if tag else None
        except ValueError:
            tag_id = None
        tags = (
            request.env["b2b.reseller.tag"]
            .sudo()
            .search([("reseller_id", "=", reseller_sudo.id)])
        )
        if tag_id not in tags.ids:
            tag_id = None
        search = (search or "").strip()[:MAX_LENGTH]
        archived = bool(archived)
        domain = self._prepare_customers_domain(reseller_sudo, search, tag_id, archived)
        count = Partner.search_count(domain)
        url_args = {
            "search": search,
            "tag": tag_id or "",
            "archived": "1" if archived else "",
        }
        pager = portal_pager(
            url="/my/customers",
            url_args={k: v for k, v in url_args.items() if v},
            total=count,
            page=page,
            step=self._customers_per_page,
        )
        customers = Partner.search(
            domain,
            order="name, id",
            limit=self._customers_per_page,
            offset=pager["offset"],
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
            }
        )
        return request.render("b2b_customer.portal_my_customers", values)

    # ------------------------------------------------------------------
    # Create / edit
    # ------------------------------------------------------------------
    def _b2b_customer_form_values(
        self, reseller_sudo, customer_sudo=None, form=None, error=None
    ):
        values = self._prepare_portal_layout_values()
        methods = (
            request.env["b2b.reseller.payment.method"]
            .sudo()
            .search(
                [
                    (
                        "company_id",
                        "in",
                        [False, (reseller_sudo.company_id or request.env.company).id],
                    )
                ]
            )
        )
        orders = request.env["sale.order"].sudo().browse()
        if customer_sudo:
            orders = (
                request.env["sale.order"]
                .sudo()
                .search(
                    [("partner_id", "child_of", customer_sudo.id)],
                    order="date_order desc",
                    limit=50,
                )
            )
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
                "payment_methods": methods,
                "countries": request.env["res.country"].sudo().search([]),
                "tags": request.env["b2b.reseller.tag"]
                .sudo()
                .search([("reseller_id", "=", reseller_sudo.id)]),
                "orders": orders,
            }
        )
        return values

    def _b2b_form_from_customer(self, customer_sudo):
        if not customer_sudo:
            return {}
        form = {fname: customer_sudo[fname] or "" for fname in CUSTOMER_FIELDS}
        form["country_id"] = customer_sudo.country_id.id or ""
        form["payment_method_id"] = customer_sudo.b2b_payment_method_id.id or ""
        return form

    def _b2b_read_customer_form(self, post):
        form = {fname: (post.get(fname) or "").strip() for fname in CUSTOMER_FIELDS}
        form["country_id"] = post.get("country_id") or ""
        form["payment_method_id"] = post.get("payment_method_id") or ""
        form["iban"] = (post.get("iban") or "").strip()
        form["is_company"] = bool(post.get("is_company"))
        return form

    def _b2b_customer_vals(self, form, reseller_sudo):
        """Check the form; returns the partner values or raises UserError."""
        env = request.env
        if not form["name"]:
            raise UserError(env._("Please enter the customer's name."))
        if any(len(form[f]) > MAX_LENGTH for f in CUSTOMER_FIELDS):
            raise UserError(env._("Some of the details are too long."))
        email = (
            env["res.partner"]._b2b_valid_email(form["email"])
            if form["email"]
            else False
        )
        if form["email"] and not email:
            raise UserError(env._("Please enter a valid e-mail address."))
        vals = {
            "name": form["name"],
            "email": email,
            "phone": form["phone"] or False,
            "street": form["street"] or False,
            "city": form["city"] or False,
            "zip": form["zip"] or False,
            "vat": form["vat"] or False,
            "company_registry": form["company_registry"] or False,
            "is_company": form["is_company"] or bool(form["vat"]),
        }
        if form["country_id"]:
            try:
                country = (
                    env["res.country"].sudo().browse(int(form["country_id"])).exists()
                )
            except ValueError:
                country = False
            if not country:
                raise UserError(env._("Please choose a country from the list."))
            vals["country_id"] = country.id
        elif form["vat"]:
            vals["country_id"] = (
                env["res.partner"]._b2b_country_from_vat(form["vat"]).id
            )
        method = env["b2b.reseller.payment.method"]
        if form["payment_method_id"]:
            try:
                method = method.sudo().browse(int(form["payment_method_id"])).exists()
            except ValueError:
                method = method.browse()
            if not method:
                raise UserError(env._("Please choose a payment method from the list."))
            vals["b2b_payment_method_id"] = method.id
            if method.payment_term_id:
                vals["property_payment_term_id"] = method.payment_term_id.id
            if method.method_type == "sepa":
                if not iban_is_valid(form["iban"]):
                    raise UserError(
                        env._("Please enter a valid IBAN for the SEPA direct debit.")
                    )
        return vals

    def _b2b_store_iban(self, customer_sudo, form):
        if (
            form.get("iban")
            and customer_sudo.b2b_payment_method_id.method_type == "sepa"
        ):
            number = compact_iban(form["iban"])
            Bank = request.env["res.partner.bank"].sudo()
            if not Bank.search_count(
                [("partner_id", "=", customer_sudo.id), ("acc_number", "=", number)]
            ):
                Bank.create({"partner_id": customer_sudo.id, "acc_number": number})

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
            return request.render(
                "b2b_customer.portal_my_customer_form",
                self._b2b_customer_form_values(reseller_sudo),
            )
        form = self._b2b_read_customer_form(post)
        try:
            vals = self._b2b_customer_vals(form, reseller_sudo)
            with request.env.cr.savepoint():
                customer_sudo = (
                    request.env["res.partner"]
                    .sudo()
                    .create(
                        dict(
                            vals,
                            b2b_reseller_id=reseller_sudo.id,
                            company_id=reseller_sudo.company_id.id,
                        )
                    )
                )
                self._b2b_store_iban(customer_sudo, form)
                customer_sudo.message_post(
                    body=request.env._(
                        "Created by %(user)s of the reseller %(reseller)s.",
                        user=request.env.user.name,
                        reseller=reseller_sudo.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        except (UserError, ValidationError) as exc:
            return request.render(
                "b2b_customer.portal_my_customer_form",
                self._b2b_customer_form_values(
                    reseller_sudo, form=form, error=exc.args[0]
                ),
            )
        return request.redirect(f"/my/customers/{customer_sudo.id}?created=1")

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
            return request.render(
                "b2b_customer.portal_my_customer_form",
                self._b2b_customer_form_values(reseller_sudo, customer_sudo),
            )
        form = self._b2b_read_customer_form(post)
        try:
            vals = self._b2b_customer_vals(form, reseller_sudo)
            with request.env.cr.savepoint():
                customer_sudo.write(vals)
                self._b2b_store_iban(customer_sudo, form)
                tag_ids = [
                    int(t)
                    for t in request.httprequest.form.getlist("tag_ids")
                    if t.isdigit()
                ]
                tags = (
                    request.env["b2b.reseller.tag"]
                    .sudo()
                    .search(
                        [("reseller_id", "=", reseller_sudo.id), ("id", "in", tag_ids)]
                    )
                )
                new_tag = (post.get("new_tag") or "").strip()[:64]
                if new_tag:
                    tags |= self._b2b_get_or_create_tag(reseller_sudo, new_tag)
                customer_sudo.b2b_reseller_tag_ids = [
                    (
                        6,
                        0,
                        (
                            customer_sudo.b2b_reseller_tag_ids.filtered(
                                lambda t: t.reseller_id != reseller_sudo
                            )
                            | tags
                        ).ids,
                    )
                ]
        except (UserError, ValidationError) as exc:
            return request.render(
                "b2b_customer.portal_my_customer_form",
                self._b2b_customer_form_values(
                    reseller_sudo, customer_sudo, form=form, error=exc.args[0]
                ),
            )
        return request.redirect(f"/my/customers/{customer_sudo.id}?saved=1")

    def _b2b_get_or_create_tag(self, reseller_sudo, name):
        Tag = request.env["b2b.reseller.tag"].sudo()
        tag = Tag.search(
            [("reseller_id", "=", reseller_sudo.id), ("name", "=", name)], limit=1
        )
        return tag or Tag.create({"name": name, "reseller_id": reseller_sudo.id})

    @http.route(
        "/my/customers/<int:customer_id>/address",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_address(self, customer_id, **post):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        form = {
            fname: (post.get(fname) or "").strip()[:MAX_LENGTH]
            for fname in ADDRESS_FIELDS
        }
        if not form["street"] or not form["city"]:
            values = self._b2b_customer_form_values(
                reseller_sudo,
                customer_sudo,
                error=request.env._("A delivery address needs a street and a city."),
            )
            values["address_form"] = form
            return request.render("b2b_customer.portal_my_customer_form", values)
        address = (
            request.env["res.partner"]
            .sudo()
            .create(
                dict(
                    form,
                    name=form["name"] or customer_sudo.name,
                    type="delivery",
                    parent_id=customer_sudo.id,
                )
            )
        )
        if post.get("default") or not customer_sudo.b2b_default_delivery_id:
            customer_sudo.b2b_default_delivery_id = address
        return request.redirect(f"/my/customers/{customer_sudo.id}#addresses")

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
        address = customer_sudo.child_ids.filtered(
            lambda a: a.id == address_id and a.type == "delivery"
        )
        if not address:
            raise NotFound()
        if action == "default":
            customer_sudo.b2b_default_delivery_id = address
        else:
            if customer_sudo.b2b_default_delivery_id == address:
                customer_sudo.b2b_default_delivery_id = False
            address.active = False
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
        customer_sudo.active = action == "unarchive"
        return request.redirect(
            "/my/customers" + ("?archived=1" if action == "archive" else "")
        )

    @http.route(
        "/my/customers/tag", type="http", auth="user", methods=["POST"], website=True
    )
    def portal_my_customers_tag(self, **post):
        reseller_sudo = self._b2b_check_reseller()
        ids = [
            int(i)
            for i in request.httprequest.form.getlist("customer_ids")
            if i.isdigit()
        ]
        customers = (
            request.env["res.partner"]
            .sudo()
            .with_context(active_test=False)
            .search([("id", "in", ids), ("b2b_reseller_id", "=", reseller_sudo.id)])
        )
        if len(customers) != len(set(ids)):
            raise NotFound()
        name = (post.get("tag_name") or "").strip()[:64]
        tag = request.env["b2b.reseller.tag"].sudo()
        if post.get("tag_id", "").isdigit():
            tag = tag.search(
                [
                    ("id", "=", int(post["tag_id"])),
                    ("reseller_id", "=", reseller_sudo.id),
                ]
            )
        elif name:
            tag = self._b2b_get_or_create_tag(reseller_sudo, name)
        if not tag:
            raise NotFound()
        customers.write({"b2b_reseller_tag_ids": [(4, tag.id)]})
        return request.redirect(f"/my/customers?tag={tag.id}")

    @http.route(
        "/my/customers/<int:customer_id>/migrate",
        type="http",
        auth="user",
        methods=["POST"],
        website=True,
    )
    def portal_my_customer_migrate(self, customer_id, **post):
        reseller_sudo, customer_sudo = self._b2b_check_customer(customer_id)
        try:
            with request.env.cr.savepoint():
                customer_sudo._b2b_migrate_to_reseller()
        except (UserError, ValidationError) as exc:
            return request.render(
                "b2b_customer.portal_my_customer_form",
                self._b2b_customer_form_values(
                    reseller_sudo, customer_sudo, error=exc.args[0]
                ),
            )
        return request.redirect(f"/my/customers/{customer_sudo.id}?migrated=1")
