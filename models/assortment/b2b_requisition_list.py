"""Requisition lists of a customer with an assortment: lines whose product
left the assortment (or is no longer sold) stay on the list, are counted as
unavailable on the portal's list of lists, and are shown as errors when the
list is ordered, never silently dropped."""

from odoo import fields, models


class B2bRequisitionList(models.Model):
    _inherit = "b2b.requisition.list"

    b2b_unavailable_count = fields.Integer(
        string="Unavailable Lines",
        compute="_compute_b2b_unavailable_count",
        help="Lines whose product the buyer's company may no longer buy.",
    )

    def _compute_b2b_unavailable_count(self):
        """One query per buyer (a portal page lists one buyer's lists)."""
        Assortment = self.env["b2b.assortment"]
        unavailable = {}
        lists_sudo = self.sudo()
        for buyer in lists_sudo.partner_id:
            mine = lists_sudo.filtered(lambda r, b=buyer: r.partner_id == b)
            _restricted, allowed, _rules = Assortment._b2b_check_products(
                buyer, mine.line_ids.product_id.ids
            )
            for requisition in mine:
                unavailable[requisition.id] = len(
                    requisition.line_ids.filtered(
                        lambda line, allowed=allowed: line.product_id.id not in allowed
                        or not line.product_id.active
                        or not line.product_id.sale_ok
                    )
                )
        for requisition in self:
            requisition.b2b_unavailable_count = unavailable.get(requisition.id, 0)
