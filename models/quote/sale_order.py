"""The negotiable quote on ``sale.order``: its negotiation state, the
seller's response deadline, its revisions, and what the order gate lets
through in each state."""

from datetime import timedelta

from odoo import api, fields, models
from odoo.fields import Domain

from ..sale_order import b2b_blocker

B2B_QUOTE_STATES = [
    ("requested", "Requested"),
    ("offered", "Offered"),
    ("countered", "Countered"),
    ("accepted", "Accepted"),
    ("declined", "Declined"),
    ("expired", "Expired"),
]
#: the states in which the seller owes the buyer an answer
B2B_QUOTE_TO_ANSWER = ("requested", "countered")
#: the states in which an offer stands and its prices are frozen
B2B_QUOTE_FROZEN = ("offered", "accepted")


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_quote_state = fields.Selection(
        selection=B2B_QUOTE_STATES,
        string="Negotiation",
        readonly=True,
        copy=False,
        index="btree_not_null",
        tracking=True,
        help="Requested: the buyer asked for a quote. Offered: the seller "
        "answered with an offer. Countered: the buyer answered the offer with "
        "a counter-offer. Accepted, declined: the buyer decided. Expired: the "
        "offer passed its validity date. Empty: an ordinary quotation.",
    )
    b2b_quote_deadline = fields.Datetime(
        string="Answer By",
        readonly=True,
        copy=False,
        index="btree_not_null",
        help="When the buyer's request or counter-offer must be answered "
        "(the quote response target of the Settings).",
    )
    b2b_quote_buyer_id = fields.Many2one(
        comodel_name="res.partner",
        string="Quote Requested By",
        readonly=True,
        copy=False,
        help="The buyer's contact who requested the quote: receives the offers.",
    )
    b2b_quote_request_date = fields.Datetime(
        string="Quote Requested On", readonly=True, copy=False
    )
    b2b_quote_first_deadline = fields.Datetime(
        string="First Answer Due", readonly=True, copy=False
    )
    b2b_quote_first_offer_date = fields.Datetime(
        string="First Offer On", readonly=True, copy=False
    )
    b2b_quote_overdue_notified = fields.Boolean(readonly=True, copy=False)
    b2b_quote_overdue = fields.Boolean(
        string="Answer Overdue",
        compute="_compute_b2b_quote_overdue",
        search="_search_b2b_quote_overdue",
    )
    b2b_quote_revision_ids = fields.One2many(
        comodel_name="b2b.quote.revision",
        inverse_name="order_id",
        string="Revisions",
        readonly=True,
        copy=False,
    )
    b2b_quote_revision_count = fields.Integer(
        string="Revision Count", compute="_compute_b2b_quote_revision_count"
    )

    # ------------------------------------------------------------------
    # Deadline
    # ------------------------------------------------------------------
    @api.depends("b2b_quote_state", "b2b_quote_deadline")
    def _compute_b2b_quote_overdue(self):
        now = fields.Datetime.now()
        for order in self:
            order.b2b_quote_overdue = bool(
                order.b2b_quote_state in B2B_QUOTE_TO_ANSWER
                and order.b2b_quote_deadline
                and order.b2b_quote_deadline < now
            )

    def _search_b2b_quote_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("b2b_quote_state", "in", B2B_QUOTE_TO_ANSWER) & Domain(
            "b2b_quote_deadline", "<", fields.Datetime.now()
        )
        return domain if (True in value) == (operator == "in") else ~domain

    def _compute_b2b_quote_revision_count(self):
        counts = dict(
            self.env["b2b.quote.revision"]._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["__count"]
            )
        )
        for order in self:
            order.b2b_quote_revision_count = counts.get(order._origin, 0)

    def _b2b_quote_answer_deadline(self, start):
        """When a request or counter made at ``start`` must be answered."""
        self.ensure_one()
        hours = self.company_id.b2b_quote_sla_hours or 24
        return start + timedelta(hours=hours)

    # ------------------------------------------------------------------
    # The order gate
    # ------------------------------------------------------------------
    def _b2b_quote_blockers(self, step):
        """The order gate's hook: a negotiable quote is signed (accepted),
        paid or confirmed by the buyer only while an offer of the seller
        stands; staff confirm it in any state."""
        if not self.b2b_quote_state or self.b2b_quote_state in B2B_QUOTE_FROZEN:
            return []
        if step == "validate" or (step == "confirm" and not self.env.user.share):
            return []
        if self.b2b_quote_state in B2B_QUOTE_TO_ANSWER:
            message = self.env._(
                "%(order)s waits for our offer: you can accept it once we have "
                "answered your request.",
                order=self.name,
            )
        elif self.b2b_quote_state == "expired":
            message = self.env._(
                "The offer %(order)s has expired. Please ask us to renew it.",
                order=self.name,
            )
        else:
            message = self.env._("The quote %(order)s was declined.", order=self.name)
        return [b2b_blocker("quote_not_offered", message)]

    def _b2b_quote_on_signed(self):
        """The buyer accepted an offer (the signature of Odoo's
        ``/my/orders/<id>/accept``, through the gate's ``write``): the quote
        is accepted; the buyer's approvals and the credit check follow as
        for any order."""
        offered = self.filtered(lambda o: o.b2b_quote_state == "offered")
        if offered:
            offered.write({"b2b_quote_state": "accepted", "b2b_quote_deadline": False})

    def _action_cancel(self):
        """Declined: by the buyer on the portal (Odoo's
        ``/my/orders/<id>/decline``, with a reason) or cancelled by the
        seller; the seller's pending answer is dropped."""
        open_quotes = self.filtered(
            lambda o: o.b2b_quote_state in (*B2B_QUOTE_TO_ANSWER, "offered", "expired")
        )
        res = super()._action_cancel()
        if open_quotes:
            open_quotes.write(
                {"b2b_quote_state": "declined", "b2b_quote_deadline": False}
            )
            open_quotes._b2b_quote_close_activities()
        return res

    def _b2b_portal_page_values(self, viewer, requested=False):
        values = super()._b2b_portal_page_values(viewer, requested=requested)
        # "Accept"/"Counter" and "Request a quote" on the order's page
        values["request_quotes"] = (
            viewer.share
            and not viewer._is_public()
            and not (viewer.partner_id._b2b_refusals("request_quotes"))
        )
        if self.b2b_quote_state:
            # the offer against the request, and the revisions
            values["quote_comparison"] = self._b2b_quote_comparison()
            values["quote_history"] = self._b2b_quote_history()
        return values
