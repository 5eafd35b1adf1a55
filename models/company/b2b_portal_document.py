"""What orders and invoices share on the portal: which of them the current
portal user sees by its company role (``b2b_portal_visible``, used by the
record rules of ``security/b2b_customer_rules.xml``), and Odoo's
``partner_id child_of`` resolved by PostgreSQL (``b2b_partner_tree_ids``,
see ir_rule.py)."""

from odoo import api, fields, models
from odoo.fields import Domain

from ..ir_rule import partner_tree_domain


class B2BPortalDocument(models.AbstractModel):
    _name = "b2b.portal.document.mixin"
    _description = "B2B Portal Document"

    b2b_portal_visible = fields.Boolean(
        string="Visible on the B2B Portal",
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the documents the current portal user may see by its "
        "company role (see the record rules).",
    )

    b2b_partner_tree_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Partner and Those Above",
        compute="_compute_b2b_partner_tree_ids",
        search="_search_b2b_partner_tree_ids",
        help="Technical: the partner and the partners above it. Searched with "
        "'in', the documents of these partners and of everything below them: "
        "Odoo's 'child_of', resolved by PostgreSQL (see ir_rule.py).",
    )

    @api.depends("partner_id")
    def _compute_b2b_partner_tree_ids(self):
        for document in self:
            document.b2b_partner_tree_ids = (
                document.partner_id.sudo()._b2b_self_and_parents()
            )

    @api.model
    def _search_b2b_partner_tree_ids(self, operator, value):
        if operator != "in":
            return NotImplemented
        return partner_tree_domain("partner_id", value)

    def _compute_b2b_portal_visible(self):
        domain = self._b2b_portal_visible_domain()
        visible = self.env["res.partner"]._b2b_portal_visible_records(self, domain)
        for document in self:
            document.b2b_portal_visible = document._origin in visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        return self._b2b_portal_visible_domain()

    @api.model
    def _b2b_portal_visible_domain(self):
        """The documents the current portal user sees (a Domain that
        PostgreSQL evaluates)."""
        raise NotImplementedError


class B2BPortalDocumentLine(models.AbstractModel):
    """The lines of such a document: a portal user sees those of the
    documents it sees (order and invoice lines)."""

    _name = "b2b.portal.document.line.mixin"
    _description = "B2B: Lines of a Document on the Portal"
    #: the line's document (a ``b2b.portal.document.mixin``)
    _b2b_document_field = None

    b2b_portal_visible = fields.Boolean(
        compute="_compute_b2b_portal_visible",
        search="_search_b2b_portal_visible",
        help="Technical: the line of a document the current portal user may see.",
    )

    @api.depends(lambda self: [self._b2b_document_field])
    def _compute_b2b_portal_visible(self):
        for line in self:
            line.b2b_portal_visible = line[self._b2b_document_field].b2b_portal_visible

    @api.model
    def _search_b2b_portal_visible(self, operator, value):
        if operator != "in" or True not in value:
            return NotImplemented
        if not self.env.user.share:
            return Domain.TRUE
        return Domain(
            self._b2b_document_field, "any!", [("b2b_portal_visible", "=", True)]
        )
