"""One approval an order needs from the buyer's company: why (a rule, the
buyer's order limit, a budget), who may give it, and the decision."""

from odoo import api, fields, models

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
        string="Reason as Asked",
        required=True,
        help="Why the order needs this approval: the rule, the "
        "buyer's order limit or a budget, as written when it was asked (in the "
        "buyer's language); pages show reason_display.",
    )
    reason_type = fields.Selection(
        selection=[
            ("rule", "Approval rule"),
            ("limit", "Order limit"),
            ("budget", "Budget"),
        ],
        help="Technical: what reason_display renders (empty: the stored text).",
    )
    budget_id = fields.Many2one(
        comodel_name="b2b.budget", index="btree_not_null", ondelete="set null"
    )
    reason_buyer_id = fields.Many2one(
        comodel_name="res.partner",
        ondelete="set null",
        help="Technical: the buyer whose order limit was exceeded.",
    )
    reason_amount = fields.Float(
        help="Technical: the order limit, or what was left of the budget, in "
        "the currency of the order's company when the approval was asked.",
    )
    reason_display = fields.Char(
        string="Reason", compute="_compute_reason_display", compute_sudo=True
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

    @api.depends_context("lang")
    @api.depends("reason", "reason_type", "rule_id.name", "budget_id", "reason_amount")
    def _compute_reason_display(self):
        """The reason in the reader's language, amounts in the currency of
        the order's company (the stored text is in the buyer's)."""
        for approval in self:
            currency = approval.order_id.company_id.currency_id
            amount = currency.format(approval.reason_amount) if currency else ""
            if approval.reason_type == "rule" and approval.rule_id:
                reason = approval.rule_id.name
            elif approval.reason_type == "limit" and approval.reason_buyer_id:
                reason = approval.env._(
                    "over the order limit of %(buyer)s (%(limit)s)",
                    buyer=approval.reason_buyer_id.name,
                    limit=amount,
                )
            elif approval.reason_type == "budget" and approval.budget_id:
                reason = approval.env._(
                    "over the budget %(budget)s (%(left)s left)",
                    budget=approval.budget_id._b2b_label(),
                    left=amount,
                )
            else:
                reason = approval.reason
            approval.reason_display = reason
