from odoo import http
from odoo.fields import Domain
from odoo.http import request

from odoo.addons.portal.controllers.portal import pager as portal_pager

from ..form import form_input_error, read_form


class B2bDirectory(http.Controller):
    _directory_page_size = 20

    def _prepare_directory_domain(self, search=None):
        """Approved B2B members that agreed to be listed, and nobody else."""
        domain = (
            Domain("is_b2b", "=", True)
            & Domain("b2b_state", "=", "approved")
            & Domain("b2b_directory_listed", "=", True)
            & Domain("parent_id", "=", False)
        )
        if search:
            domain &= Domain("name", "ilike", search) | Domain("city", "ilike", search)
        return domain

    @http.route(
        ["/b2b/directory", "/b2b/directory/page/<int:page>"],
        type="http",
        auth="public",
        website=True,
        readonly=True,
        sitemap=False,
    )
    def b2b_directory(self, page=1, search="", **kwargs):
        search = search if isinstance(search, str) else ""
        # characters PostgreSQL refuses are left out of the search, and said so
        error = form_input_error({"search": search})
        search = read_form({"search": search}, ("search",))["search"][:100]
        domain = self._prepare_directory_domain(search)
        # sudo: the public user cannot read partners; the domain above only
        # exposes members that opted in, and only name, city and website.
        Partner = request.env["res.partner"].sudo()
        count = Partner.search_count(domain)
        pager = portal_pager(
            url="/b2b/directory",
            url_args={"search": search} if search else {},
            total=count,
            page=page,
            step=self._directory_page_size,
        )
        members = Partner.search_read(
            domain,
            ["name", "city", "website"],
            order="name, id",
            limit=self._directory_page_size,
            offset=pager["offset"],
        )
        return request.render(
            "b2b_customer.b2b_directory",
            {
                "members": members,
                "pager": pager,
                "search": search,
                "count": count,
                "error": error,
            },
        )
