"""Orders paid that the order gate does not let confirm (the customer's
account was suspended, or put on hold, between the payment and its
processing): the payment is kept and linked, the order stays a quotation,
the salesperson gets an activity saying why, and the buyer's order page
says the payment was received and the order waits."""

from odoo import SUPERUSER_ID, fields, models


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_payment_held = fields.Boolean(
        string="Paid, Waiting",
        readonly=True,
        copy=False,
        help="The customer paid this quotation online, but the B2B rules did not "
        "let it be confirmed at that moment: it waits for the salesperson.",
    )

    def _b2b_hold_paid_order(self):
        """Keep these paid quotations as they are and tell their salespeople
        why they were not confirmed (in their language). No access check:
        called by the payment's post-processing."""
        orders = self.sudo()
        orders.b2b_payment_held = True
        for order in orders:
            user = order.user_id or order._b2b_review_fallback_user()
            # the reasons as staff read them, in the salesperson's language
            staff_order = order.with_user(SUPERUSER_ID).with_context(
                lang=user.lang or self.env.lang
            )
            reasons = "; ".join(
                b["message"] for b in staff_order._b2b_order_blockers("confirm")
            )
            note = staff_order.env._(
                "The customer paid this quotation online, but it could not be "
                "confirmed: %(reasons)s",
                reasons=reasons,
            )
            order.message_post(body=note, subtype_xmlid="mail.mt_note")
            order.activity_schedule(
                "mail.mail_activity_data_todo",
                user_id=user.id,
                summary=staff_order.env._("Paid, not confirmed"),
                note=note,
            )

    def _b2b_end_payment_hold(self):
        """Confirmed (the gate's ``_action_confirm``): no longer held."""
        self.filtered("b2b_payment_held").b2b_payment_held = False
