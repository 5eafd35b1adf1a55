"""Orders placed on the portal (quick order, order again, requisition
lists, resellers for their end customers): who placed them, and whether
the buyer's acceptance confirms them or the salesperson reviews them
first (company setting ``b2b_quick_order_confirm``)."""

from odoo import api, fields, models

from ..sale_order import b2b_blocker


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_portal_order = fields.Boolean(
        string="Ordered on the Portal",
        readonly=True,
        copy=False,
        help="Placed by the customer (or its reseller) with the portal's quick order.",
    )
    b2b_ordered_by_reseller_id = fields.Many2one(
        comodel_name="res.partner",
        string="Placed by Reseller",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="The reseller that placed this order for its end customer on the portal.",
    )
    b2b_review_pending = fields.Boolean(
        string="Waiting for Review",
        readonly=True,
        copy=False,
        help="The customer accepted this portal order; the salesperson reviews "
        "and confirms it.",
    )

    def _b2b_after_portal_order(self, ordered_by):
        """Hook called after a portal order was created (sudo): the contact
        who placed it follows it, the chatter says who placed it."""
        for order in self:
            order.message_subscribe(partner_ids=ordered_by.ids)
            if order.b2b_ordered_by_reseller_id:
                body = self.env._(
                    "Placed on the portal by %(contact)s for the reseller "
                    "%(reseller)s.",
                    contact=ordered_by.name,
                    reseller=order.b2b_ordered_by_reseller_id.name,
                )
            else:
                body = self.env._(
                    "Placed on the portal by %(contact)s.", contact=ordered_by.name
                )
            order.message_post(body=body, subtype_xmlid="mail.mt_note")

    def _b2b_needs_review(self):
        """A portal order that the salesperson reviews before it is
        confirmed."""
        self.ensure_one()
        return (
            self.b2b_portal_order
            and self.company_id.b2b_quick_order_confirm == "review"
            and self.state in ("draft", "sent")
        )

    def _b2b_ordering_blockers(self, step):
        """The order gate's hook: a portal order the salesperson reviews is
        not paid online before the review, and the buyer's acceptance does
        not confirm it (see ``_b2b_start_review``)."""
        if step not in ("pay", "validate") or not self._b2b_needs_review():
            return []
        return [
            b2b_blocker(
                "portal_review",
                self.env._(
                    "%(order)s is reviewed by our sales team before it is confirmed.",
                    order=self.name,
                ),
            )
        ]

    def _b2b_start_review(self):
        """The buyer accepted portal orders under review (the gate's
        ``_validate_order``): they are only signed (the quotation is marked
        sent) and the salesperson gets an activity."""
        to_review = self.filtered(lambda o: o._b2b_needs_review())
        for order in to_review:
            if order.state == "draft":
                order.action_quotation_sent()
            order.b2b_review_pending = True
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=order.user_id.id or order._b2b_review_fallback_user().id,
                summary=self.env._("Review the portal order"),
                note=self.env._(
                    "%(customer)s accepted this order on the portal: review it "
                    "and confirm it.",
                    customer=order.partner_id.display_name,
                ),
            )

    def _b2b_end_review(self):
        """Confirmed (the gate's ``_action_confirm``): no longer reviewed."""
        self.filtered("b2b_review_pending").b2b_review_pending = False

    def _b2b_review_fallback_user(self):
        """Who reviews a portal order without a salesperson: the B2B
        approver of the company, else the superuser's admin."""
        self.ensure_one()
        return self.company_id.b2b_approver_id or self.env.ref("base.user_admin")

    def _b2b_quick_order_text(self):
        """The order's lines as quick-order text (``CODE;QTY``), for "Order
        again"; and how many lines were left out (no product code, not
        sold any more, notes and sections)."""
        self.ensure_one()
        rows, skipped = [], 0
        for line in self.order_line:
            if line.display_type or line.is_downpayment:
                continue
            product = line.product_id
            if not product.default_code or not product.sale_ok or not product.active:
                skipped += 1
                continue
            quantity = self.env["res.lang"]._b2b_format_number(
                line.product_uom_qty, digits=6
            )
            rows.append(f"{product.default_code};{quantity}")
        return "\n".join(rows), skipped

    @api.model
    def _b2b_prepare_placed_orders_domain(self, reseller):
        """The orders ``reseller`` placed on the portal for its customers."""
        return [("b2b_ordered_by_reseller_id", "=", reseller.id)]
