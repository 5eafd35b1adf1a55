"""Groups of companies on the portal: a contact who sees the group
(``b2b_scope = 'group'``) gets a Company column and a company filter on
``/my/orders``, ``/my/quotes`` and ``/my/invoices`` (``/my/approvals`` in
``portal_approval.py``, ``/my/company`` in ``portal_company.py``). Which
documents are visible is decided by the record rules; the filter only
narrows them."""

from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import CustomerPortal
from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..models.ir_rule import child_of_in_sql


def selected_company_id():
    """The company the portal list is filtered on (``?company=<id>``), or
    None."""
    value = request.params.get("company")
    return int(value) if isinstance(value, str) and value.isdigit() else None


def group_filter_values(partner):
    """The values of the company filter for the portal user's contact
    ``partner``: ``b2b_group_companies`` (its company and subsidiaries, sudo,
    empty unless it sees the group of a company that has subsidiaries) and
    ``b2b_company`` (the company filtered on, or an empty recordset)."""
    partner_sudo = partner.sudo()
    companies = partner_sudo.browse()
    if (
        request.env.user.share
        and partner_sudo.commercial_partner_id.is_b2b
        and partner_sudo._b2b_effective_scope() == "group"
    ):
        companies = partner_sudo._b2b_group_companies()
        if len(companies) < 2:
            companies = partner_sudo.browse()
    selected = selected_company_id()
    return {
        "b2b_group_companies": companies,
        "b2b_company": companies.filtered(lambda c: c.id == selected)[:1],
    }


def company_domain(field):
    """The domain of the company filter on ``field`` (the document's
    commercial partner), or None without a filter."""
    company_id = selected_company_id()
    if company_id is None or request.env.user._is_public():
        return None
    partner_sudo = request.env.user.partner_id.sudo()
    if partner_sudo._b2b_effective_scope() != "group":
        return None
    return Domain(field, "=", company_id)


class B2BGroupPortal(CustomerPortal):
    # ------------------------------------------------------------------
    # Orders and quotations
    # ------------------------------------------------------------------
    def _b2b_portal_orders_domain(self, domain):
        """Odoo's domain of the portal's order lists with its ``child_of``
        resolved by PostgreSQL (as the record rules, see ``ir_rule.py``), and
        the company filter."""
        domain = Domain(domain)
        if request.env.user.share:
            domain = child_of_in_sql(request.env["sale.order"], domain)
        extra = company_domain("partner_id.commercial_partner_id")
        return domain if extra is None else domain & extra

    def _prepare_quotations_domain(self, partner):
        return self._b2b_portal_orders_domain(
            super()._prepare_quotations_domain(partner)
        )

    def _prepare_orders_domain(self, partner):
        return self._b2b_portal_orders_domain(super()._prepare_orders_domain(partner))

    def _prepare_sale_portal_rendering_values(
        self,
        page=1,
        date_begin=None,
        date_end=None,
        sortby=None,
        quotation_page=False,
        **kwargs,
    ):
        values = super()._prepare_sale_portal_rendering_values(
            page=page,
            date_begin=date_begin,
            date_end=date_end,
            sortby=sortby,
            quotation_page=quotation_page,
            **kwargs,
        )
        group = group_filter_values(request.env.user.partner_id)
        values.update(group)
        if group["b2b_company"]:
            # the pages of the list keep the filter
            url_args = {"date_begin": date_begin, "date_end": date_end}
            if len(self._get_sale_searchbar_sortings()) > 1:
                url_args["sortby"] = values.get("sortby") or sortby
            url_args["company"] = group["b2b_company"].id
            pager = values["pager"]
            values["pager"] = portal_pager(
                url=values["default_url"],
                total=pager["page_count"] * self._items_per_page,
                page=pager["page"]["num"],
                step=self._items_per_page,
                url_args=url_args,
            )
        return values

    # ------------------------------------------------------------------
    # Invoices
    # ------------------------------------------------------------------
    def _get_overdue_invoices_domain(self, partner_id=None):
        """Odoo's overdue invoices are those of the user's own contact; a
        contact of a B2B company is shown its company's (of its group of
        companies), and the record rules keep what the contact's scope lets
        it see (the credit card's "See the overdue invoices")."""
        domain = super()._get_overdue_invoices_domain(partner_id=partner_id)
        user = request.env.user
        if partner_id or not user.share:
            return domain
        commercial = user.partner_id.commercial_partner_id
        if not commercial.is_b2b:
            return domain
        return [
            ("commercial_partner_id", "child_of", commercial.id)
            if isinstance(term, tuple | list) and term[0] == "partner_id"
            else term
            for term in domain
        ]

    def _prepare_my_invoices_values(
        self,
        page,
        date_begin,
        date_end,
        sortby,
        filterby,
        domain=None,
        url="/my/invoices",
    ):
        extra = company_domain("commercial_partner_id")
        if extra is not None:
            domain = Domain(domain or Domain.TRUE) & extra
        values = super()._prepare_my_invoices_values(
            page, date_begin, date_end, sortby, filterby, domain=domain, url=url
        )
        group = group_filter_values(request.env.user.partner_id)
        values.update(group)
        if group["b2b_company"] and isinstance(values.get("pager"), dict):
            url_args = dict(values["pager"].get("url_args") or {})
            url_args["company"] = group["b2b_company"].id
            values["pager"]["url_args"] = url_args
        return values
