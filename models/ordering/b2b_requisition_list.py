"""Requisition lists: a buyer's saved quick-order lines (a name and
products with quantities) for recurring orders. A portal user reads and
changes only its own lists (record rules)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError

from .b2b_quick_order import B2B_QUICK_ORDER_MAX_LINES

#: longest list name
B2B_REQUISITION_LIST_MAX_NAME = 64


class B2bRequisitionList(models.Model):
    _name = "b2b.requisition.list"
    _description = "B2B Requisition List"
    _order = "name, id"

    name = fields.Char(required=True)
    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Buyer",
        required=True,
        index=True,
        ondelete="cascade",
        default=lambda self: self.env.user.partner_id,
        help="The contact whose list this is.",
    )
    line_ids = fields.One2many(
        comodel_name="b2b.requisition.list.line",
        inverse_name="list_id",
        string="Lines",
        copy=True,
    )
    line_count = fields.Integer(compute="_compute_line_count")

    @api.constrains("name", "partner_id")
    def _check_name_unique(self):
        """A buyer's lists have different names (whatever the case): the
        lists are chosen by name."""
        names = {}
        for requisition in self.sudo().search(
            [("partner_id", "in", self.partner_id.ids)]
        ):
            key = (requisition.partner_id.id, (requisition.name or "").casefold())
            if key in names:
                raise ValidationError(
                    self.env._(
                        "You already have a list named %(name)s: choose another name.",
                        name=requisition.name,
                    )
                )
            names[key] = requisition

    @api.depends("line_ids")
    def _compute_line_count(self):
        for requisition in self:
            requisition.line_count = len(requisition.line_ids)

    @api.model
    def _b2b_create_from_lines(self, name, lines):
        """A list of the current user named ``name`` with the checked
        quick-order ``lines`` (dicts with ``product`` and ``quantity``).
        Runs as the portal user: the record rules check the owner."""
        name = (name or "").strip()
        if not name:
            raise UserError(self.env._("Please give the list a name."))
        if len(name) > B2B_REQUISITION_LIST_MAX_NAME:
            raise UserError(
                self.env._(
                    "The name of the list is too long (at most %(max)s characters).",
                    max=B2B_REQUISITION_LIST_MAX_NAME,
                )
            )
        if not lines or len(lines) > B2B_QUICK_ORDER_MAX_LINES:
            raise UserError(self.env._("Please enter the lines of the list first."))
        return self.create(
            {
                "name": name,
                "partner_id": self.env.user.partner_id.id,
                "line_ids": [
                    fields.Command.create(
                        {
                            "sequence": index,
                            "product_id": line["product"].id,
                            "quantity": line["quantity"],
                        }
                    )
                    for index, line in enumerate(lines)
                ],
            }
        )

    def _b2b_quick_order_text(self):
        """The list as quick-order text (``CODE;QTY`` per line)."""
        self.ensure_one()
        Lang = self.env["res.lang"]
        return "\n".join(
            f"{line.product_id.default_code};"
            f"{Lang._b2b_format_number(line.quantity, digits=6)}"
            for line in self.line_ids.sudo()
            if line.product_id.default_code
        )


class B2bRequisitionListLine(models.Model):
    _name = "b2b.requisition.list.line"
    _description = "B2B Requisition List Line"
    _order = "list_id, sequence, id"

    list_id = fields.Many2one(
        comodel_name="b2b.requisition.list",
        required=True,
        index=True,
        ondelete="cascade",
    )
    sequence = fields.Integer(default=10)
    product_id = fields.Many2one(
        comodel_name="product.product",
        required=True,
        ondelete="cascade",
    )
    quantity = fields.Float(default=1.0, digits="Product Unit")

    _quantity_positive = models.Constraint(
        "CHECK (quantity > 0)", "The quantity of a list line must be positive."
    )
