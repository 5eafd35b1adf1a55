"""The negotiation of a quote, step by step: the buyer's request, the
seller's offer, the buyer's counter-offer, the seller accepting a counter
or renewing an expired offer, and the scheduled actions that expire offers
and escalate overdue answers. Each offer and counter freezes a revision."""

from datetime import timedelta

from odoo import Command, api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.fields import Domain
from odoo.tools import format_date

from ..b2b_cron import run_in_committed_batches
from .sale_order import B2B_QUOTE_TO_ANSWER

#: longest message a buyer types with a request or counter-offer
B2B_QUOTE_MAX_MESSAGE = 4000
#: highest quantity or unit price a buyer may type
B2B_QUOTE_MAX_NUMBER = 1_000_000_000
#: orders the scheduled actions handle per committed batch
B2B_QUOTE_CRON_BATCH = 100


class SaleOrder(models.Model):
    _inherit = "sale.order"

    # ------------------------------------------------------------------
    # Who acts
    # ------------------------------------------------------------------
    def _b2b_quote_check_buyer(self, buyer):
        """``buyer`` (a portal contact) may negotiate this quote: one who
        may request quotes, of the quote's company (or its group of
        companies), or of the reseller that asked for it for its end
        customer. A translated AccessError otherwise."""
        self.ensure_one()
        buyer = buyer.sudo()
        company = buyer.commercial_partner_id
        customer = self.partner_id.commercial_partner_id
        own = customer == company or customer._b2b_in_group_of(company)
        for_customer = (
            self.b2b_ordered_by_reseller_id == company
            and customer.b2b_reseller_id == company
        )
        if buyer._b2b_refusals("request_quotes") or not (own or for_customer):
            raise AccessError(
                self.env._("You are not allowed to negotiate this quote.")
            )

    def _b2b_quote_check_seller(self):
        """Staff who may change the quotes (the ORM's write access)."""
        self.check_access("write")
        if self.env.user.share:
            raise AccessError(self.env._("Only our sales team can send offers."))

    # ------------------------------------------------------------------
    # Revisions
    # ------------------------------------------------------------------
    def _b2b_quote_freeze(self, kind, author, message=False):
        """A frozen copy of each quote's lines, prices and totals (a
        ``b2b.quote.revision`` of ``kind``, by ``author``)."""
        Revision = self.env["b2b.quote.revision"].sudo()
        last = {
            order.id: sequence
            for order, sequence in Revision._read_group(
                [("order_id", "in", self.ids)], ["order_id"], ["sequence:max"]
            )
        }
        vals_list = []
        for order in self:
            lines = order.order_line.filtered(lambda line: not line.display_type)
            vals_list.append(
                {
                    "order_id": order.id,
                    "sequence": (last.get(order.id) or 0) + 1,
                    "kind": kind,
                    "author_id": author.id,
                    "message": message or False,
                    "validity_date": order.validity_date if kind == "offer" else False,
                    "currency_id": order.currency_id.id,
                    "amount_untaxed": order.amount_untaxed,
                    "amount_total": order.amount_total,
                    "line_ids": [
                        Command.create(
                            {
                                "sequence": position,
                                "order_line_id": line.id,
                                "product_id": line.product_id.id,
                                "name": line.name,
                                "quantity": line.product_uom_qty,
                                "price_unit": line.price_unit,
                                "discount": line.discount,
                                "requested_price_unit": line.b2b_requested_price_unit,
                                "price_subtotal": line.price_subtotal,
                            }
                        )
                        for position, line in enumerate(lines, start=1)
                    ],
                }
            )
        return Revision.create(vals_list)

    def _b2b_quote_last_revision(self, kind=None):
        self.ensure_one()
        revisions = self.b2b_quote_revision_ids
        if kind:
            revisions = revisions.filtered(lambda r: r.kind == kind)
        return revisions[-1:]

    # ------------------------------------------------------------------
    # Activities of the salesperson
    # ------------------------------------------------------------------
    def _b2b_quote_answerer(self):
        """Who answers the quote: its salesperson, else the B2B approver."""
        self.ensure_one()
        return self.user_id or self._b2b_review_fallback_user()

    def _b2b_quote_staff_env(self):
        """The environment in the language of who answers the quote, for
        the notes and activities the sales team reads (the buyer's request
        or counter runs in the buyer's language)."""
        self.ensure_one()
        return self.with_context(
            lang=self._b2b_quote_answerer().lang or self.env.lang
        ).env

    def _b2b_quote_schedule_answer(self, counter=False):
        """One "Answer the quote" activity (of the request, or of the
        buyer's ``counter``-offer) for the salesperson (else the B2B
        approver), due at the answer deadline, in their language."""
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_quote")
        self._b2b_quote_close_activities()
        quiet = self.sudo().with_context(mail_activity_quick_update=True)
        for order in quiet:
            user = order._b2b_quote_answerer()
            staff_env = order._b2b_quote_staff_env()
            if counter:
                summary = staff_env._("Answer the counter-offer")
            else:
                summary = staff_env._("Answer the quote request")
            order.activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=fields.Date.to_date(order.b2b_quote_deadline),
                summary=summary,
                user_id=user.id,
            )

    def _b2b_quote_close_activities(self):
        self.sudo().activity_unlink(["b2b_customer.mail_activity_type_b2b_quote"])

    # ------------------------------------------------------------------
    # The buyer asks
    # ------------------------------------------------------------------
    @api.model
    def _b2b_quote_create_request(
        self, customer, lines, buyer, delivery, values=None, reseller=None
    ):
        """The quote a buyer requests on the portal (sudo): ``lines`` as
        the quick order reads them (``product``, ``quantity``) with an
        optional ``requested_price_unit``; ``values`` the ``message``,
        ``client_order_ref`` and ``commitment_date``. Priced at once with
        the customer's own prices, so the seller starts from a real offer.
        The caller checked that ``buyer`` may act for ``customer``."""
        values = values or {}
        quick = self.env["b2b.quick.order"].sudo()
        order_new = quick._b2b_new_order(customer, delivery, reseller)
        now = fields.Datetime.now()
        vals = {
            "partner_id": customer.id,
            "partner_shipping_id": delivery.id,
            "require_signature": True,
            "client_order_ref": values.get("client_order_ref") or False,
            "commitment_date": values.get("commitment_date") or False,
            "b2b_quote_state": "requested",
            "b2b_quote_request_date": now,
            "b2b_quote_buyer_id": buyer.id,
            "order_line": [
                Command.create(
                    {
                        "product_id": line["product"].id,
                        "product_uom_qty": line["quantity"],
                        "b2b_requested_price_unit": line.get("requested_price_unit")
                        or 0.0,
                    }
                )
                for line in lines
            ],
        }
        if reseller:
            vals["b2b_ordered_by_reseller_id"] = reseller.id
            if reseller.b2b_reseller_prices_own and order_new.pricelist_id:
                vals["pricelist_id"] = order_new.pricelist_id.id
        order = self.sudo().create(vals)
        deadline = order._b2b_quote_answer_deadline(now)
        order.write(
            {"b2b_quote_deadline": deadline, "b2b_quote_first_deadline": deadline}
        )
        # on the buyer's portal list of quotations at once
        order.action_quotation_sent()
        order.message_subscribe(partner_ids=buyer.ids)
        order._b2b_quote_freeze("request", buyer, values.get("message"))
        order.message_post(
            body=order._b2b_quote_staff_env()._(
                "Quote requested on the portal by %(contact)s.", contact=buyer.name
            ),
            subtype_xmlid="mail.mt_note",
        )
        order._b2b_quote_schedule_answer()
        return order

    # ------------------------------------------------------------------
    # The seller answers
    # ------------------------------------------------------------------
    def action_b2b_quote_send_offer(self):
        """Send the quote's current lines as the seller's offer: a frozen
        revision of kind ``offer``, the state ``offered`` and the e-mail to
        the buyer (queued) that links to the portal."""
        self._b2b_quote_check_seller()
        for order in self:
            if order.state not in ("draft", "sent") or order.b2b_quote_state not in (
                *B2B_QUOTE_TO_ANSWER,
                "offered",
                "expired",
            ):
                raise UserError(
                    self.env._(
                        "%(order)s is not a quote waiting for an offer.",
                        order=order.name,
                    )
                )
            if not order.order_line.filtered(lambda line: not line.display_type):
                raise UserError(
                    self.env._("%(order)s has no lines to offer.", order=order.name)
                )
        today = fields.Date.context_today(self)
        for order in self:
            if not order.validity_date or order.validity_date < today:
                days = order.company_id.quotation_validity_days or 30
                order.validity_date = today + timedelta(days=days)
        self.filtered(lambda o: o.state == "draft").action_quotation_sent()
        now = fields.Datetime.now()
        self.filtered(lambda o: not o.b2b_quote_first_offer_date).write(
            {"b2b_quote_first_offer_date": now}
        )
        self.write(
            {
                "b2b_quote_state": "offered",
                "b2b_quote_deadline": False,
                "b2b_quote_overdue_notified": False,
            }
        )
        self._b2b_quote_freeze("offer", self.env.user.partner_id)
        self._b2b_quote_close_activities()
        self.env.ref("b2b_customer.mail_template_b2b_quote_offer")._b2b_queue(self)
        return True

    def action_b2b_quote_accept_counter(self):
        """Take the buyer's counter-offer: each requested unit price becomes
        the line's price, and the result is sent as the new offer."""
        self._b2b_quote_check_seller()
        for order in self:
            if order.b2b_quote_state != "countered":
                raise UserError(
                    self.env._(
                        "%(order)s has no counter-offer to accept.", order=order.name
                    )
                )
            for line in order.order_line:
                if line.b2b_requested_price_unit:
                    line.price_unit = line.b2b_requested_price_unit
        return self.action_b2b_quote_send_offer()

    def action_b2b_quote_renew(self):
        """Offer an expired quote again, valid from today."""
        self._b2b_quote_check_seller()
        if self.filtered(lambda o: o.b2b_quote_state != "expired"):
            raise UserError(self.env._("Only expired offers can be renewed."))
        self.validity_date = False
        return self.action_b2b_quote_send_offer()

    def action_b2b_quote_revisions(self):
        self.ensure_one()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Revisions of %(order)s", order=self.name),
            "res_model": "b2b.quote.revision",
            "view_mode": "list,form",
            "domain": [("order_id", "=", self.id)],
            "context": {"create": False},
        }

    # ------------------------------------------------------------------
    # The buyer counters
    # ------------------------------------------------------------------
    def _b2b_quote_counter(self, buyer, changes, message=False):
        """The buyer's counter-offer (sudo, after the portal's access
        check): ``changes`` maps order lines to a dict with ``quantity`` and
        ``requested_price_unit``. The offered prices stay; the seller
        answers within the response target."""
        self.ensure_one()
        self._b2b_quote_check_buyer(buyer)
        if self.b2b_quote_state != "offered" or self.state not in ("draft", "sent"):
            raise UserError(
                self.env._(
                    "Only a standing offer can be answered with a counter-offer."
                )
            )
        if message and len(message) > B2B_QUOTE_MAX_MESSAGE:
            raise UserError(
                self.env._(
                    "The message is too long (at most %(max)s characters).",
                    max=B2B_QUOTE_MAX_MESSAGE,
                )
            )
        for line, change in changes.items():
            if line.order_id != self or line.display_type:
                raise UserError(self.env._("This line is not part of the quote."))
            quantity = change.get("quantity", line.product_uom_qty)
            price = change.get("requested_price_unit", line.b2b_requested_price_unit)
            if not 0 < quantity <= B2B_QUOTE_MAX_NUMBER:
                raise UserError(
                    self.env._(
                        "Please enter a quantity above 0 for %(product)s.",
                        product=line.product_id.display_name,
                    )
                )
            if not 0 <= price <= B2B_QUOTE_MAX_NUMBER:
                raise UserError(
                    self.env._(
                        "Please enter a positive unit price for %(product)s.",
                        product=line.product_id.display_name,
                    )
                )
            # still offered: the offered unit price does not move
            line.write({"product_uom_qty": quantity, "b2b_requested_price_unit": price})
        # computed now, while the offer stands: its prices do not move
        self.order_line.flush_recordset()
        now = fields.Datetime.now()
        self.write(
            {
                "b2b_quote_state": "countered",
                "b2b_quote_deadline": self._b2b_quote_answer_deadline(now),
                "b2b_quote_overdue_notified": False,
            }
        )
        revision = self._b2b_quote_freeze("counter", buyer, message)
        staff_env = self._b2b_quote_staff_env()
        body = staff_env._("Counter-offer by %(contact)s.", contact=buyer.name)
        changes_text = revision.with_env(staff_env).change_summary
        self.message_post(
            body=body + (f"\n{changes_text}" if changes_text else ""),
            subtype_xmlid="mail.mt_note",
        )
        self._b2b_quote_schedule_answer(counter=True)
        return revision

    # ------------------------------------------------------------------
    # Scheduled actions
    # ------------------------------------------------------------------
    @api.model
    def _b2b_quote_cron_batches(self, domain, method):
        """Run ``method`` on the orders of ``domain``, one committed batch
        of ``B2B_QUOTE_CRON_BATCH`` at a time (``run_in_committed_batches``);
        returns the orders handled."""
        done, _returned = run_in_committed_batches(
            self,
            domain,
            lambda batch: getattr(batch, method)(),
            B2B_QUOTE_CRON_BATCH,
        )
        return done

    @api.model
    def _cron_b2b_quote_expire(self):
        """Offers past their validity date expire (``_b2b_quote_expire``),
        in committed batches."""
        today = fields.Date.context_today(self)
        return self._b2b_quote_cron_batches(
            Domain("b2b_quote_state", "=", "offered")
            & Domain("state", "in", ("draft", "sent"))
            & Domain("validity_date", "<", today),
            "_b2b_quote_expire",
        )

    def _b2b_quote_expire(self):
        """The offers expire; the buyer and the salesperson are told."""
        self.write({"b2b_quote_state": "expired"})
        quiet = self.with_context(mail_notify_force_send=False)
        for order in quiet:
            # the customer reads it: in their language, their way of dates
            lang = order.partner_id.lang or self.env.lang
            buyer_env = self.with_context(lang=lang).env
            order.message_post(
                body=buyer_env._(
                    "The offer %(order)s expired on %(date)s. Ask us to renew it "
                    "if you are still interested.",
                    order=order.name,
                    date=format_date(buyer_env, order.validity_date, lang_code=lang),
                ),
                partner_ids=order.partner_id.ids,
                subtype_xmlid="mail.mt_comment",
                message_type="comment",
            )
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_quote")
        quiet = self.with_context(mail_activity_quick_update=True)
        # one batch of activities per salesperson, in their language
        for user, orders in quiet.grouped(lambda o: o._b2b_quote_answerer()).items():
            orders.activity_schedule(
                activity_type_id=activity_type.id,
                summary=orders[0]
                ._b2b_quote_staff_env()
                ._("Renew the expired offer or close it"),
                user_id=user.id,
            )

    @api.model
    def _cron_b2b_quote_overdue(self):
        """Quotes the seller did not answer within the target
        (``_b2b_quote_escalate``), in committed batches."""
        return self._b2b_quote_cron_batches(
            Domain("b2b_quote_overdue", "=", True)
            & Domain("b2b_quote_overdue_notified", "=", False)
            & Domain("state", "in", ("draft", "sent")),
            "_b2b_quote_escalate",
        )

    def _b2b_quote_escalate(self):
        """The salesperson and the B2B approvers are told, once per request
        or counter-offer (as for overdue account requests)."""
        approvers = self.env["res.partner"]._b2b_get_approvers()
        quiet = self.with_context(mail_notify_force_send=False)
        for order in quiet:
            readers = (order.user_id | approvers).partner_id
            order.message_post(
                body=order._b2b_quote_staff_env()._(
                    "The answer to %(customer)s's quote %(order)s is overdue "
                    "(due %(deadline)s UTC).",
                    customer=order.partner_id.display_name,
                    order=order.name,
                    deadline=order.b2b_quote_deadline,
                ),
                partner_ids=readers.ids,
                subtype_xmlid="mail.mt_note",
            )
        self.write({"b2b_quote_overdue_notified": True})
