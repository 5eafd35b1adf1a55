"""Negotiable quotes, model side: each state change and who may make it,
revisions frozen and compared, the answer deadline and its escalation,
expiry and renewal, prices that a pricelist change does not move,
tax-included prices across revisions, and an accepted quote going through
the buyer's approvals and the credit check as any order."""

from datetime import datetime, timedelta
from unittest.mock import patch

from freezegun import freeze_time
from lxml import etree

from odoo import Command, fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from ..models.quote import sale_order_negotiation as negotiation
from .common import B2BCommon, discount_pricelist
from .quote_common import QuoteFixtures

EXPIRE = "b2b_customer.ir_cron_b2b_quote_expire"
OVERDUE = "b2b_customer.ir_cron_b2b_quote_overdue"


@tagged("post_install", "-at_install")
class TestQuoteNegotiation(QuoteFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_quote_fixtures()

    def test_request_is_priced_and_kept(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self.request_quote(client_order_ref="PO-77", message="Hi")
        self.assertEqual(order.b2b_quote_state, "requested")
        self.assertEqual(order.state, "sent", "listed on the buyer's portal")
        self.assertEqual(order.partner_id, self.user_a)
        self.assertEqual(order.b2b_quote_buyer_id, self.user_a)
        self.assertEqual(order.client_order_ref, "PO-77")
        self.assertTrue(order.require_signature)
        self.assertEqual(order.b2b_quote_deadline, datetime(2026, 3, 3, 9, 0))
        bolt = self.line_of(order, self.bolt)
        self.assertEqual(bolt.price_unit, 12.0, "priced with the customer's prices")
        self.assertEqual(bolt.b2b_requested_price_unit, 10.0)
        [revision] = order.b2b_quote_revision_ids
        self.assertEqual(revision.kind, "request")
        self.assertEqual(revision.author_id, self.user_a)
        self.assertEqual(revision.message, "Hi")
        self.assertEqual(revision.amount_untaxed, 100 * 12.0 + 50 * 1.5)
        self.assertEqual(revision.line_ids.mapped("requested_price_unit"), [10.0, 0.0])
        activity = order.activity_ids
        self.assertEqual(
            activity.activity_type_id,
            self.env.ref("b2b_customer.mail_activity_type_b2b_quote"),
        )
        self.assertEqual(activity.date_deadline, fields.Date.to_date("2026-03-03"))

    def test_response_target_of_the_settings(self):
        self.env.company.b2b_quote_sla_hours = 4
        with freeze_time("2026-03-02 09:00:00"):
            order = self.request_quote()
        self.assertEqual(order.b2b_quote_deadline, datetime(2026, 3, 2, 13, 0))

    def test_offer_counter_and_accepted_counter(self):
        order = self.request_quote()
        self.send_offer(order, {self.bolt: 10.8})
        self.assertEqual(order.b2b_quote_state, "offered")
        self.assertFalse(order.b2b_quote_deadline)
        self.assertFalse(order.activity_ids, "answered: the activity is done")
        self.assertTrue(order.b2b_quote_first_offer_date)
        self.assertTrue(order.validity_date)
        with freeze_time(fields.Datetime.now() + timedelta(minutes=1)):
            self.counter(order, changes={self.bolt: (200, 10.0)})
        self.assertEqual(order.b2b_quote_state, "countered")
        self.assertTrue(order.b2b_quote_deadline)
        bolt = self.line_of(order, self.bolt)
        self.assertEqual(bolt.product_uom_qty, 200)
        self.assertEqual(bolt.price_unit, 10.8, "the offered price stays")
        self.assertEqual(bolt.b2b_requested_price_unit, 10.0)
        order.with_user(self.manager).action_b2b_quote_accept_counter()
        self.assertEqual(order.b2b_quote_state, "offered")
        self.assertEqual(bolt.price_unit, 10.0)
        self.assertEqual(
            order.b2b_quote_revision_ids.mapped("kind"),
            ["request", "offer", "counter", "offer"],
        )
        self.assertEqual(order.b2b_quote_revision_ids.mapped("sequence"), [1, 2, 3, 4])

    def test_offer_is_mailed_to_the_buyer_in_their_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.user_a.lang = "de_DE"
        order = self.request_quote()
        self.send_offer(order)
        mail = (
            self.env["mail.mail"]
            .sudo()
            .search([("model", "=", "sale.order"), ("res_id", "=", order.id)])
        )
        self.assertEqual(len(mail), 1)
        self.assertEqual(mail.state, "outgoing", "queued, not sent inline")
        self.assertEqual(mail.recipient_ids, self.user_a)
        self.assertIn(order.get_portal_url(), mail.body_html)
        self.assertIn(self.user_a.b2b_letter_salutation, mail.body_html)

    def test_revisions_are_frozen_and_compared(self):
        order = self.request_quote()
        self.send_offer(order, {self.bolt: 12.0})
        self.counter(order, changes={self.bolt: (200, 10.8)})
        offer, counter = order.b2b_quote_revision_ids[1:]
        self.assertEqual(
            counter._b2b_compare(offer),
            ["Line 1: quantity 100 -> 200, requested price 10.00 -> 10.80"],
        )
        self.send_offer(order, {self.bolt: 10.8})
        last = order.b2b_quote_revision_ids[-1]
        self.assertEqual(last.change_summary, "Line 1: 12.00 -> 10.80")
        self.assertEqual(offer.line_ids[0].price_unit, 12.0, "never overwritten")
        with self.assertRaises(UserError):
            offer.write({"amount_total": 1})
        with self.assertRaises(UserError):
            offer.line_ids[0].write({"price_unit": 1})
        with self.assertRaises(UserError):
            offer.unlink()
        # a line added and one removed by the seller
        order.with_user(self.manager).write(
            {
                "order_line": [
                    Command.unlink(self.line_of(order, self.washer).id),
                    Command.create({"product_id": self.bolt.id, "product_uom_qty": 5}),
                ]
            }
        )
        self.counter(order, changes={})
        summary = order.b2b_quote_revision_ids[-1].change_summary
        self.assertIn("Line 2: [BOLT-M10] Bolt M10 added, quantity 5 at 12.00", summary)
        self.assertIn("removed", summary)

    def test_history_reads_added_lines_at_once(self):
        def history_queries(added):
            order = self.request_quote()
            self.send_offer(order)
            order.with_user(self.manager).write(
                {
                    "order_line": [
                        Command.create(
                            {"product_id": self.bolt.id, "product_uom_qty": 5}
                        )
                        for _line in range(added)
                    ]
                }
            )
            self.counter(order, changes={})
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            history = order._b2b_quote_history()
            self.assertEqual(len(history[-1]["changes"]), added)
            return self.env.cr.sql_log_count - before

        self.assertEqual(history_queries(5), history_queries(1))

    def test_accept_only_a_standing_offer(self):
        self.company_a.b2b_allow_pay_later = True
        order = self.request_quote()
        order_sudo = order.sudo().with_context(b2b_portal_partner_id=self.user_a.id)
        self.assertFalse(order_sudo._has_to_be_signed())
        blockers = order_sudo._b2b_order_blockers("sign")
        self.assertEqual(blockers[0]["code"], "quote_not_offered")
        self.send_offer(order)
        self.accept(order, self.user_a)
        self.assertEqual(order.b2b_quote_state, "accepted")
        self.assertEqual(order.state, "sale")
        with self.assertRaises(UserError):
            order.with_user(self.manager).action_b2b_quote_send_offer()

    def test_accepted_quote_waits_for_the_buyers_approval(self):
        self.user_a.b2b_order_limit = 100
        order = self.request_quote()
        self.send_offer(order)
        self.accept(order, self.user_a)
        self.assertEqual(order.b2b_quote_state, "accepted")
        self.assertEqual(order.b2b_approval_state, "waiting")
        self.assertEqual(order.state, "sent", "confirmed after the approval")

    def test_accepted_quote_meets_the_credit_check(self):
        """Pay-later customers confirm on account; on credit hold the
        accepted quote is not confirmed but paid online first."""
        self.company_a.sudo().write(
            {
                "b2b_allow_pay_later": True,
                "b2b_credit_hold": True,
                "b2b_credit_hold_reason": "Overdue",
            }
        )
        order = self.request_quote()
        self.send_offer(order)
        self.accept(order, self.user_a)
        self.assertEqual(order.b2b_quote_state, "accepted")
        self.assertEqual(order.state, "sent")
        order_sudo = order.sudo().with_context(b2b_portal_partner_id=self.user_a.id)
        self.assertTrue(order_sudo._has_to_be_paid())
        codes = [b["code"] for b in order_sudo._b2b_order_blockers("confirm")]
        self.assertIn("credit_hold", codes)

    def test_decline(self):
        order = self.request_quote()
        self.send_offer(order)
        order.sudo()._action_cancel()
        self.assertEqual(order.b2b_quote_state, "declined")
        self.assertEqual(order.state, "cancel")

    def test_who_may_counter(self):
        order = self.request_quote()
        self.send_offer(order)
        for partner in (self.viewer_a, self.admin_b, self.reseller_contact):
            with self.subTest(partner=partner.name), self.assertRaises(AccessError):
                self.counter(order, buyer=partner, changes={self.bolt: (1, 1.0)})
        group = self.env["b2b.customer.group"].create(
            {"name": "No quotes", "perm_request_quotes": False}
        )
        self.company_a.b2b_group_ids = group
        self.assertEqual(
            [r["code"] for r in self.admin_a._b2b_refusals("request_quotes")],
            ["function_missing"],
        )
        with self.assertRaises(AccessError):
            self.counter(order, buyer=self.admin_a, changes={self.bolt: (1, 1.0)})
        group.perm_request_quotes = True
        self.counter(order, buyer=self.admin_a, changes={self.bolt: (1, 1.0)})
        self.assertEqual(order.b2b_quote_state, "countered")

    def test_reseller_for_its_own_end_customers(self):
        self.end_customer.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        order = self.request_quote(
            buyer=self.reseller_contact,
            customer=self.end_customer,
            reseller=self.reseller,
        )
        self.assertEqual(order.partner_id, self.end_customer)
        self.assertEqual(order.b2b_ordered_by_reseller_id, self.reseller)
        self.send_offer(order)
        with self.assertRaises(AccessError):
            self.counter(
                order, buyer=self.reseller_2_contact, changes={self.bolt: (1, 1.0)}
            )
        self.counter(order, buyer=self.reseller_contact, changes={self.bolt: (5, 9.0)})
        self.assertEqual(order.b2b_quote_state, "countered")

    def test_counter_refuses_bad_values(self):
        order = self.request_quote()
        with self.assertRaises(UserError):
            self.counter(order, changes={self.bolt: (1, 1.0)})  # nothing offered
        self.send_offer(order)
        for quantity, price in ((0, 1.0), (-1, 1.0), (1, -5.0)):
            with (
                self.subTest(quantity=quantity, price=price),
                self.assertRaises(UserError),
            ):
                self.counter(order, changes={self.bolt: (quantity, price)})
        other = self.request_quote()
        with self.assertRaises(UserError):
            self.counter(order, changes={}, message="x" * 5000)
        order_sudo = order.sudo()
        with self.assertRaises(UserError):
            order_sudo._b2b_quote_counter(
                self.user_a, {other.order_line[0]: {"quantity": 1}}
            )
        self.assertEqual(order.b2b_quote_state, "offered")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_portal_users_cannot_act_as_the_seller(self):
        order = self.request_quote()
        for action in (
            "action_b2b_quote_send_offer",
            "action_b2b_quote_accept_counter",
            "action_b2b_quote_renew",
        ):
            with self.subTest(action=action), self.assertRaises(AccessError):
                getattr(order.with_user(self.portal_user_a), action)()
        revisions = self.env["b2b.quote.revision"].with_user(self.portal_user_a)
        with self.assertRaises(AccessError):
            revisions.search([("order_id", "=", order.id)])

    def test_other_company_staff_do_not_see_revisions(self):
        order = self.request_quote()
        other = self.env["res.company"].create({"name": "Other Shop Co"})
        self.manager.sudo().write(
            {"company_ids": [Command.link(other.id)], "company_id": other.id}
        )
        revisions = (
            self.env["b2b.quote.revision"]
            .with_user(self.manager)
            .with_context(allowed_company_ids=other.ids)
        )
        self.assertFalse(revisions.search([("order_id", "=", order.id)]))

    def test_expiry_and_renewal(self):
        order = self.request_quote()
        self.send_offer(order)
        order.validity_date = fields.Date.today() - timedelta(days=1)
        self.run_b2b_cron(EXPIRE)
        self.assertEqual(order.b2b_quote_state, "expired")
        told = order.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn(self.user_a, told[:1].partner_ids, "the buyer is told")
        self.assertIn("expired on", str(told[:1].body))
        self.assertTrue(order.activity_ids, "the salesperson is told")
        order_sudo = order.sudo().with_context(b2b_portal_partner_id=self.user_a.id)
        self.assertFalse(order_sudo._has_to_be_signed())
        told = len(order.message_ids)
        self.run_b2b_cron(EXPIRE)
        self.assertEqual(len(order.message_ids), told, "once")
        order.with_user(self.manager).action_b2b_quote_renew()
        self.assertEqual(order.b2b_quote_state, "offered")
        self.assertGreater(order.validity_date, fields.Date.today())
        self.assertEqual(order.b2b_quote_revision_ids[-1].kind, "offer")
        self.assertTrue(order_sudo._has_to_be_signed())

    def test_expiry_is_told_in_the_buyers_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        self.user_a.lang = "de_DE"
        order = self.request_quote()
        self.send_offer(order)
        order.validity_date = fields.Date.to_date("2026-03-01")
        with freeze_time("2026-03-02 09:00:00"):
            self.run_b2b_cron(EXPIRE)
        told = order.message_ids.filtered(lambda m: m.message_type == "comment")
        self.assertIn("ist am 01.03.2026 abgelaufen", str(told[:1].body))

    def test_sales_team_reads_the_buyers_steps_in_its_language(self):
        self.env["res.lang"]._activate_lang("de_DE")
        self.env["ir.module.module"]._load_module_terms(
            ["b2b_customer"], ["de_DE"], overwrite=True
        )
        self.user_a.lang = "en_US"
        order = self.request_quote()
        order._b2b_quote_answerer().lang = "de_DE"
        self.send_offer(order)
        self.counter(order, changes={self.bolt: (200, 10.8)})
        self.assertEqual(order.activity_ids.summary, "Gegenangebot beantworten")
        self.assertIn("Gegenangebot von", order.message_ids[0].body)

    def test_overdue_answer_is_escalated_once(self):
        with freeze_time("2026-03-02 09:00:00"):
            order = self.request_quote()
        Order = self.env["sale.order"]

        def escalations():
            return order.message_ids.filtered(lambda m: "overdue" in str(m.body))

        with freeze_time("2026-03-03 08:59:00"):
            self.assertFalse(order.b2b_quote_overdue)
            self.run_b2b_cron(OVERDUE)
            self.assertFalse(escalations())
        with freeze_time("2026-03-03 09:01:00"):
            order.invalidate_recordset(["b2b_quote_overdue"])
            self.assertTrue(order.b2b_quote_overdue)
            self.assertIn(
                order,
                Order.search([("id", "=", order.id), ("b2b_quote_overdue", "=", True)]),
            )
            self.run_b2b_cron(OVERDUE)
            self.assertEqual(len(escalations()), 1)
            self.assertIn(self.manager.partner_id, escalations().partner_ids)
            self.run_b2b_cron(OVERDUE)
            self.assertEqual(len(escalations()), 1, "once")
            self.send_offer(order)
            self.assertFalse(order.b2b_quote_overdue)

    def test_scheduled_actions_commit_in_batches(self):
        """Two offers expire with batches of one: each is its own batch,
        committed before the next (the cron's progress counts them)."""
        orders = self.request_quote() | self.request_quote()
        for order in orders:
            self.send_offer(order)
        orders.validity_date = fields.Date.today() - timedelta(days=1)
        Order = type(self.env["sale.order"])
        expire = Order._b2b_quote_expire
        batches = []

        def spy(records):
            batches.append(records.ids)
            return expire(records)

        with (
            patch.object(negotiation, "B2B_QUOTE_CRON_BATCH", 1),
            patch.object(Order, "_b2b_quote_expire", spy),
        ):
            self.run_b2b_cron(EXPIRE)
        self.assertEqual(set(orders.mapped("b2b_quote_state")), {"expired"})
        self.assertIn([orders[0].id], batches)
        self.assertIn([orders[1].id], batches)
        self.assertEqual({len(batch) for batch in batches}, {1})
        progress = self.env["ir.cron.progress"].search(
            [("cron_id", "=", self.env.ref(EXPIRE).id)], order="id desc", limit=1
        )
        self.assertGreaterEqual(progress.done, 2)

    def test_quote_requests_list_most_urgent_first(self):
        view = self.env.ref("b2b_customer.sale_order_view_list_b2b_quote")
        order_spec = etree.fromstring(view.arch).get("default_order")
        # the later deadline on the newer request: Odoo's order (newest
        # first) would list it first
        early, late = self.request_quote(), self.request_quote()
        now = fields.Datetime.now()
        late.b2b_quote_deadline = now + timedelta(days=2)
        early.b2b_quote_deadline = now + timedelta(days=1)
        found = self.env["sale.order"].search(
            [("id", "in", (late | early).ids)], order=order_spec
        )
        self.assertEqual(list(found), [early, late])

    def test_pricelist_change_does_not_move_an_offer(self):
        pricelist = discount_pricelist(self.env, "Ten off", 10)
        self.company_a.b2b_group_ids = self.env["b2b.customer.group"].create(
            {"name": "Ten off", "pricelist_id": pricelist.id}
        )
        order = self.request_quote()
        self.assertEqual(order.pricelist_id, pricelist)
        self.assertAlmostEqual(self.line_of(order, self.bolt).price_unit, 10.8)
        self.send_offer(order)
        pricelist.item_ids.percent_price = 50
        order.with_user(self.manager).action_update_prices()
        self.assertAlmostEqual(self.line_of(order, self.bolt).price_unit, 10.8)
        self.counter(order, changes={self.bolt: (500, 9.0)})
        self.assertAlmostEqual(self.line_of(order, self.bolt).price_unit, 10.8)

    def test_tax_included_prices_stay_across_revisions(self):
        """Adobe Commerce adds the tax again on each reload when catalog
        prices include tax (magento/magento2#33619)."""
        tax = self.env["account.tax"].create(
            {
                "name": "VAT 21 incl.",
                "amount": 21.0,
                "amount_type": "percent",
                "price_include_override": "tax_included",
            }
        )
        crate = self.env["product.product"].create(
            {"name": "Crate", "list_price": 121.0, "taxes_id": [Command.set(tax.ids)]}
        )
        order = self.request_quote(lines=[{"product": crate, "quantity": 10}])
        self.send_offer(order)
        self.counter(order, changes={crate: (10, 110.0)})
        self.send_offer(order)
        revisions = order.b2b_quote_revision_ids
        self.assertEqual(revisions.mapped("amount_total"), [1210.0] * 4)
        self.assertEqual(revisions.mapped("amount_untaxed"), [1000.0] * 4)
        self.assertEqual(revisions.line_ids.mapped("price_unit"), [121.0] * 4)
        self.counter(order, changes={crate: (10, 110.0)})
        order.with_user(self.manager).action_b2b_quote_accept_counter()
        last = order.b2b_quote_revision_ids[-1]
        self.assertEqual(last.amount_total, 1100.0)
        self.assertEqual(last.line_ids.price_unit, 110.0)

    def test_report_by_month(self):
        """Median and 90th percentile of the hours to the first offer, and
        the share answered within the target, per month of request."""
        orders = self.env["sale.order"]
        for hours in (2, 10, 30):
            with freeze_time("2026-04-01 08:00:00"):
                order = self.request_quote()
            with freeze_time(datetime(2026, 4, 1, 8) + timedelta(hours=hours)):
                self.send_offer(order)
            orders |= order
        with freeze_time("2026-05-03 08:00:00"):
            orders |= self.request_quote()  # not answered yet
        self.env.flush_all()
        groups = self.env["b2b.quote.report"]._read_group(
            [("order_id", "in", orders.ids)],
            ["request_date:month"],
            [
                "__count",
                "hours_to_offer:p50",
                "hours_to_offer_p90:p90",
                "within_target:avg",
            ],
        )
        (april, count, median, p90, within), may = groups
        self.assertEqual(april.month, 4)
        self.assertEqual(count, 3)
        self.assertAlmostEqual(median, 10.0)
        self.assertAlmostEqual(p90, 26.0)
        self.assertAlmostEqual(within, 200 / 3)
        self.assertEqual(may[1], 1)
        self.assertFalse(may[2], "no offer yet")
