from odoo import api, fields, models

from ..sale_order import b2b_blocker


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_placed_by_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Placed By (Acting on Behalf)",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="The staff member who placed this order while acting on behalf of "
        "the customer's contact on the portal.",
    )

    @api.model_create_multi
    def create(self, vals_list):
        session = self.env["b2b.assistance.session"]._b2b_current()
        if session:
            for vals in vals_list:
                vals["b2b_placed_by_user_id"] = session.staff_user_id.id
        orders = super().create(vals_list)
        if session:
            by_kind = {}
            for order in orders:
                kind = order._b2b_assistance_kind()
                by_kind[kind] = by_kind.get(kind, orders.browse()) | order
            for kind, kind_orders in by_kind.items():
                session._b2b_log("created", kind_orders, kind)
        return orders

    def _b2b_assistance_kind(self):
        """What the trail calls this order."""
        if "b2b_quote_state" in self._fields and self.b2b_quote_state:
            return self.env._("Quote request")
        return self.env._("Quotation")

    # ------------------------------------------------------------------
    # The gate, and the hooks of other capabilities
    # ------------------------------------------------------------------
    def _b2b_assistance_blockers(self, step):
        """The order gate's hook: nobody pays online while acting on behalf
        of the customer (the pay button is not offered, and no transaction
        is created)."""
        if step != "pay":
            return []
        message = self.env["b2b.assistance.session"]._b2b_refusal_message("pay")
        return [b2b_blocker("acting_on_behalf", message)] if message else []

    def _b2b_submit_signed_for_approval(self):
        res = super()._b2b_submit_signed_for_approval()
        self.env["b2b.assistance.session"]._b2b_log_current(
            "changed", self, self.env._("Accepted and signed")
        )
        return res

    def _b2b_decide(self, approver, decision, comment=""):
        self._b2b_refuse_decision_while_acting()
        return super()._b2b_decide(approver, decision, comment)

    def _b2b_decide_many(self, approver, decision, comment=""):
        self._b2b_refuse_decision_while_acting()
        return super()._b2b_decide_many(approver, decision, comment)

    def _b2b_refuse_decision_while_acting(self):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("approve")
