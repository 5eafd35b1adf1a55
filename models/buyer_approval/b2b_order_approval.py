"""One approval an order needs from the buyer's company: why (a rule, the
buyer's order limit, a budget), who may give it, and the decision."""

from odoo import fields, models

APPROVAL_STATES = [
    ("waiting", "Waiting"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]


class B2bOrderApproval(models.Model):
    _name = "b2b.order.approval"
    _description = "B2B Order Approval"
    _order = "order_id, id"

    order_id = fields.Many2one(
        comodel_name="sale.order",
        required=True,
        index=True,
        ondelete="cascade",
    )
    rule_id = fields.Many2one(
        comodel_name="b2b.approval.rule", index="btree_not_null", ondelete="set null"
    )
    reason = fields.Char(
        required=True,
        help="Why the order needs this approval: the rule, the "
        "buyer's order limit or a budget.",
    )
    candidate_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_order_approval_candidate_rel",
        column1="approval_id",
        column2="partner_id",
        string="May Approve",
    )
    approver_id = fields.Many2one(
        comodel_name="res.partner", string="Decided By", readonly=True
    )
    state = fields.Selection(
        selection=APPROVAL_STATES, required=True, default="waiting", index=True
    )
    comment = fields.Text(readonly=True)
    date = fields.Datetime(string="Decided On", readonly=True)
