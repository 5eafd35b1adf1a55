import re
from datetime import timedelta
from unittest.mock import patch

from psycopg2.errors import CheckViolation

from odoo import fields
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger
from odoo.tools.safe_eval import safe_eval

from .common import B2BCommon
from .credit_common import CreditFixtures


@tagged("post_install", "-at_install")
class TestB2BCreditExposure(CreditFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()

    def assertCredit(self, partner, exposure, available=None):
        partner.invalidate_recordset()
        self.assertAlmostEqual(partner.b2b_credit_exposure, exposure, places=2)
        if available is not None:
            self.assertAlmostEqual(partner.b2b_credit_available, available, places=2)

    def test_exposure_adds_receivables_orders_and_pending(self):
        self.invoice(self.company_a, 300)
        self.invoice(self.company_a, 50, refund=True)
        self.invoice(self.company_a, 20, post=False)  # a draft invoice
        self.order(self.admin_a, 200, confirm=True)
        self.order(self.admin_a, 100, signed=True)  # accepted, waiting for us
        self.order(self.admin_a, 500)  # a quotation nobody accepted
        self.invoice(self.company_b, 999)  # somebody else's
        self.assertCredit(self.company_a, 300 - 50 + 20 + 200 + 100, 430)
        self.assertEqual(self.company_a.b2b_credit_limit, 1000)
        self.assertFalse(self.company_a.b2b_credit_over_limit)
        # the contacts show their company's credit
        self.assertCredit(self.admin_a, 570, 430)

    def test_partial_payment_lowers_exposure(self):
        invoice = self.invoice(self.company_a, 300)
        self.pay(invoice, 120)
        self.assertCredit(self.company_a, 180, 820)
        self.pay(invoice, 180)
        self.assertCredit(self.company_a, 0, 1000)

    def test_invoiced_order_counts_once(self):
        order = self.order(self.admin_a, 200, confirm=True)
        self.assertCredit(self.company_a, 200)
        invoice = order._create_invoices()
        self.assertCredit(self.company_a, 200)  # as a draft invoice now
        invoice.action_post()
        self.assertCredit(self.company_a, 200)  # as a receivable now
        self.pay(invoice, 200)
        self.assertCredit(self.company_a, 0)

    def test_order_in_another_currency(self):
        currency = self.env.ref("base.EUR")
        if currency == self.currency:
            currency = self.env.ref("base.CHF")
        currency.active = True
        self.env["res.currency.rate"].create(
            {
                "currency_id": currency.id,
                "rate": 2.0,
                "name": fields.Date.today() - timedelta(days=1),
                "company_id": self.env.company.id,
            }
        )
        pricelist = self.env["product.pricelist"].create(
            {"name": "Foreign", "currency_id": currency.id}
        )
        self.order(self.admin_a, 300, confirm=True, pricelist_id=pricelist.id)
        self.assertCredit(self.company_a, 150, 850)

    def test_limit_from_the_customer_group_own_limit_wins(self):
        group = self.env["b2b.customer.group"].create(
            {"name": "Trusted", "credit_limit": 5000}
        )
        self.company_b.b2b_group_ids = group
        self.company_b.invalidate_recordset()
        self.assertEqual(self.company_b.b2b_credit_limit, 5000)
        self.company_b.credit_limit = 700
        self.company_b.invalidate_recordset()
        self.assertEqual(self.company_b.b2b_credit_limit, 700)

    def test_no_limit_no_available(self):
        self.invoice(self.company_b, 300)
        self.company_b.invalidate_recordset()
        self.assertFalse(self.company_b.b2b_credit_limit)
        self.assertAlmostEqual(self.company_b.b2b_credit_exposure, 300)
        self.assertFalse(self.company_b.b2b_credit_available)
        self.assertFalse(self.company_b.b2b_credit_over_limit)

    def test_subsidiary_shares_the_parents_limit(self):
        subsidiary = self.env["res.partner"].create(
            {
                "name": "Alpha Trading North",
                "is_company": True,
                "parent_id": self.company_a.id,
            }
        )
        subsidiary.sudo().write({"is_b2b": True, "b2b_state": "approved"})
        self.invoice(subsidiary, 400)
        self.invoice(self.company_a, 300)
        self.assertEqual(subsidiary.b2b_credit_holder_id, self.company_a)
        self.assertEqual(subsidiary.b2b_credit_limit, 1000)
        self.assertCredit(subsidiary, 700, 300)
        self.assertCredit(self.company_a, 700, 300)
        # the subsidiary's own overdue figures stay its own
        self.assertFalse(subsidiary.b2b_credit_overdue_amount)
        # a limit of its own: its own pool
        subsidiary.credit_limit = 2000
        subsidiary.invalidate_recordset()
        self.assertEqual(subsidiary.b2b_credit_holder_id, subsidiary)
        self.assertCredit(subsidiary, 400, 1600)

    def test_overdue_amount_and_oldest_due_date(self):
        self.invoice(self.company_a, 150, due_days=-10)
        self.invoice(self.company_a, 80, due_days=-3)
        self.invoice(self.company_a, 100, due_days=20)
        self.company_a.invalidate_recordset()
        today = fields.Date.context_today(self.company_a)
        self.assertAlmostEqual(self.company_a.b2b_credit_overdue_amount, 230)
        self.assertEqual(
            self.company_a.b2b_credit_oldest_due_date, today - timedelta(days=10)
        )

    def test_over_limit_filter_and_sort_by_available(self):
        self.invoice(self.company_a, 1500)
        self.company_b.credit_limit = 5000
        Partner = self.env["res.partner"].with_user(self.b2b_back_user)
        over = Partner.search([("b2b_credit_over_limit", "=", True)])
        self.assertIn(self.company_a, over)
        self.assertNotIn(self.company_b, over)
        ranked = Partner.search(
            [("id", "in", (self.company_a | self.company_b | self.reseller).ids)],
            order="b2b_credit_available",
        )
        # the least available first, companies without a limit last
        self.assertEqual(
            ranked.ids, [self.company_a.id, self.company_b.id, self.reseller.id]
        )

    def test_credit_list_reads_and_sorts(self):
        """Contacts > B2B > Credit, as the web client reads it."""
        self.invoice(self.company_a, 1500)
        self.company_b.credit_limit = 5000
        Partner = self.env["res.partner"].with_user(self.b2b_back_user)
        action = self.env.ref("b2b_customer.res_partner_action_b2b_credit")
        view = self.env.ref("b2b_customer.b2b_credit_view_list")
        arch = Partner.get_views([(view.id, "list")])["views"]["list"]["arch"]
        spec = {
            name: {}
            for name in re.findall(r'<field name="([a-z0-9_]+)"', arch)
            if name in Partner._fields
        }
        result = Partner.web_search_read(
            safe_eval(action.domain)
            + [("id", "in", (self.company_a | self.company_b).ids)],
            spec,
            order="b2b_credit_available",
        )
        rows = result["records"]
        self.assertEqual(
            [row["id"] for row in rows], [self.company_a.id, self.company_b.id]
        )
        self.assertAlmostEqual(rows[0]["b2b_credit_available"], -500)
        self.assertTrue(rows[0]["b2b_credit_over_limit"])

    def test_exposure_of_many_companies_in_bounded_queries(self):
        Partner = self.env["res.partner"]

        def companies(count):
            found = Partner.create(
                [
                    {"name": f"Batch {count} {i}", "is_company": True}
                    for i in range(count)
                ]
            )
            for partner in found:
                self.invoice(partner, 10)
            return found

        def count_queries(partners):
            partners.invalidate_recordset()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            partners.mapped("b2b_credit_available")
            partners.mapped("b2b_credit_exposure")
            return self.env.cr.sql_log_count - before

        few, many = companies(2), companies(20)
        count_queries(companies(1))  # the first read loads what is cached after
        self.assertEqual(count_queries(few), count_queries(many))

    def test_exposure_in_the_report_by_group(self):
        group = self.env["b2b.customer.group"].create({"name": "Report Group"})
        self.company_a.b2b_group_ids = group
        self.invoice(self.company_a, 300)
        self.order(self.admin_a, 200, confirm=True)
        self.env.flush_all()
        rows = self.env["b2b.credit.report"]._read_group(
            [("group_id", "=", group.id)], ["kind"], ["amount:sum"]
        )
        self.assertEqual(
            {kind: amount for kind, amount in rows},
            {"receivable": 300.0, "to_invoice": 200.0},
        )


@tagged("post_install", "-at_install")
class TestB2BCreditHold(CreditFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()
        cls.env.company.b2b_credit_hold_overdue_days = 30
        cls.env.company.b2b_approver_id = cls.manager

    def credit_activities(self, record):
        return self.env["mail.activity"].search(
            [
                ("res_model", "=", record._name),
                ("res_id", "=", record.id),
                (
                    "activity_type_id",
                    "=",
                    self.env.ref("b2b_customer.mail_activity_type_b2b_credit").id,
                ),
            ]
        )

    def test_hold_after_overdue_days_and_release_once_paid(self):
        late = self.invoice(self.company_a, 200, due_days=-40)
        self.invoice(self.company_b, 200, due_days=-10)  # not late enough
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertTrue(self.company_a.b2b_credit_hold)
        self.assertTrue(self.company_a.b2b_credit_hold_auto)
        self.assertIn("40", self.company_a.b2b_credit_hold_reason)
        self.assertFalse(self.company_b.b2b_credit_hold)
        activity = self.credit_activities(self.company_a)
        self.assertEqual(activity.user_id, self.manager)
        # still overdue: stays on hold
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertTrue(self.company_a.b2b_credit_hold)
        self.assertEqual(len(self.credit_activities(self.company_a)), 1)
        self.pay(late, 200)
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertFalse(self.company_a.b2b_credit_hold)
        self.assertFalse(self.company_a.b2b_credit_hold_reason)
        self.assertEqual(len(self.credit_activities(self.company_a)), 2)

    def test_another_company_does_not_release_the_hold(self):
        """The hold is the customer's: a second company, whose books hold
        nothing of it, neither holds nor releases it."""
        self.env["res.company"].create({"name": "Second Shop"})
        self.invoice(self.company_a, 200, due_days=-40)
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertTrue(self.company_a.b2b_credit_hold)
        self.assertEqual(len(self.credit_activities(self.company_a)), 1)

    def test_setting_zero_never_holds(self):
        self.env.company.b2b_credit_hold_overdue_days = 0
        self.invoice(self.company_a, 200, due_days=-400)
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertFalse(self.company_a.b2b_credit_hold)

    def test_manual_hold_asks_a_reason_and_is_not_released_by_the_cron(self):
        action = self.company_a.with_user(self.manager).action_b2b_credit_hold()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "Bankruptcy rumours"})
        )
        wizard.action_confirm()
        self.assertTrue(self.company_a.b2b_credit_hold)
        self.assertEqual(self.company_a.b2b_credit_hold_reason, "Bankruptcy rumours")
        self.assertFalse(self.company_a.b2b_credit_hold_auto)
        self.env["res.partner"]._cron_b2b_credit_hold()
        self.assertTrue(self.company_a.b2b_credit_hold)
        self.company_a.with_user(self.manager).action_b2b_credit_release()
        self.assertFalse(self.company_a.b2b_credit_hold)

    def test_hold_is_tracked_in_the_chatter(self):
        partner = self.company_a.with_context(
            tracking_disable=False, mail_notrack=False
        )
        partner.sudo()._b2b_credit_set_hold("Called by the bank")
        self.env.cr.precommit.run()  # tracking is written before the commit
        tracked = partner.message_ids.tracking_value_ids.filtered(
            lambda t: t.field_id.name == "b2b_credit_hold"
        )
        self.assertTrue(tracked)

    def test_a_reason_is_required(self):
        with self.assertRaises(UserError):
            self.company_a.sudo()._b2b_credit_set_hold("  ")

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_only_managers_and_accountants_hold(self):
        for action in ("action_b2b_credit_hold", "action_b2b_credit_release"):
            with self.assertRaises(AccessError):
                getattr(self.company_a.with_user(self.b2b_back_user), action)()
            with self.assertRaises(AccessError):
                getattr(self.company_a.with_user(self.portal_admin_a), action)()


@tagged("post_install", "-at_install")
class TestB2BCreditConfirmation(CreditFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()

    def test_order_within_credit_confirms(self):
        self.invoice(self.company_a, 400)
        order = self.order(self.admin_a, 600)
        self.assertFalse(order.b2b_credit_blocked)
        order.with_user(self.b2b_back_user).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_order_over_the_limit_is_refused_with_the_amounts(self):
        self.invoice(self.company_a, 400)
        order = self.order(self.admin_a, 700)
        self.assertTrue(order.b2b_credit_blocked)
        with self.assertRaises(UserError) as refusal:
            order.with_user(self.b2b_back_user).action_confirm()
        message = str(refusal.exception)
        self.assertIn(self.currency.format(700), message)
        self.assertIn(self.currency.format(600), message)
        self.assertIn("Confirm Anyway", message)
        self.assertEqual(order.state, "draft")

    def test_the_order_itself_does_not_count_twice(self):
        # a signed quotation is in the exposure; checking it must not count it
        # again against the credit it is part of
        order = self.order(self.admin_a, 900, signed=True)
        self.assertAlmostEqual(self.company_a.b2b_credit_exposure, 900)
        self.assertFalse(order.b2b_credit_blocked)

    def test_credit_hold_refuses_pay_later_orders(self):
        self.company_a.sudo()._b2b_credit_set_hold("Overdue since March")
        order = self.order(self.admin_a, 10)
        with self.assertRaises(UserError) as refusal:
            order.with_user(self.b2b_back_user).action_confirm()
        self.assertIn("Overdue since March", str(refusal.exception))

    def test_prepaying_customer_is_not_held_by_credit(self):
        self.company_a.b2b_allow_pay_later = False
        self.invoice(self.company_a, 2000)
        order = self.order(self.admin_a, 700)
        self.assertFalse(order.b2b_credit_blocked)
        order.with_user(self.b2b_back_user).action_confirm()
        self.assertEqual(order.state, "sale")

    def test_manager_confirms_anyway_with_a_logged_reason(self):
        order = self.order(self.admin_a, 1500)
        with self.assertRaises(AccessError):
            order.with_user(self.b2b_back_user).action_b2b_confirm_anyway()
        action = order.with_user(self.manager).action_b2b_confirm_anyway()
        wizard = (
            self.env[action["res_model"]]
            .with_user(self.manager)
            .with_context(**action["context"])
            .create({"reason": "Paid by bank transfer this morning"})
        )
        wizard.action_confirm()
        self.assertEqual(order.state, "sale")
        note = order.message_ids.filtered(
            lambda m: "Paid by bank transfer this morning" in (m.body or "")
        )
        self.assertTrue(note)
        self.assertIn("exceeds the available credit", note.body)

    def test_blocked_order_is_paid_online_in_full_instead(self):
        order = self.order(self.admin_a, 1500)
        order.require_signature = True
        self.assertTrue(order._has_to_be_paid())
        self.assertEqual(order._get_prepayment_required_amount(), 1500)
        # once paid online, credit no longer applies and it confirms
        with patch.object(type(order), "_is_paid", lambda self: True):
            self.assertFalse(order._b2b_credit_status())
            order._validate_order()
        self.assertEqual(order.state, "sale")

    def test_signed_blocked_order_tells_the_salesperson(self):
        def activities(order):
            return self.env["mail.activity"].search(
                [("res_model", "=", "sale.order"), ("res_id", "=", order.id)]
            )

        # an order within the credit tells nobody
        small = self.order(self.admin_a, 10)
        small.write({"signed_by": "Alice", "signed_on": fields.Datetime.now()})
        self.assertFalse(activities(small))
        order = self.order(self.admin_a, 1500)
        order.write({"signed_by": "Alice", "signed_on": fields.Datetime.now()})
        activity = activities(order)
        self.assertEqual(activity.user_id, self.salesperson)
        self.assertIn("exceeds the available credit", str(activity.note))

    def test_credit_check_adds_few_queries_to_confirmation(self):
        def confirm_queries(partner):
            order = self.order(partner, 10)
            self.env.flush_all()
            self.env.invalidate_all()
            before = self.env.cr.sql_log_count
            order.action_confirm()
            self.env.flush_all()
            return self.env.cr.sql_log_count - before

        # the first call of each warms the caches
        confirm_queries(self.plain_customer)
        plain = confirm_queries(self.plain_customer)
        confirm_queries(self.admin_a)
        checked = confirm_queries(self.admin_a)
        # the check reads the limit, the groups and the exposure; the lock of
        # the credit and the budgets is one statement
        self.assertLessEqual(checked - plain, 4)


@tagged("post_install", "-at_install")
class TestB2BCreditAccess(CreditFixtures, B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.setup_credit_fixtures()

    @mute_logger("odoo.addons.base.models.ir_rule", "odoo.models")
    def test_portal_cannot_read_credit_fields(self):
        fields_ = [
            "b2b_credit_limit",
            "b2b_credit_exposure",
            "b2b_credit_available",
            "b2b_credit_overdue_amount",
            "b2b_credit_hold",
            "b2b_credit_hold_reason",
        ]
        for user in (self.portal_admin_a, self.portal_user_a):
            for name in fields_:
                with self.assertRaises(AccessError, msg=f"{user.login} {name}"):
                    self.company_a.with_user(user).read([name])

    def test_portal_credit_only_for_administrators_of_the_company(self):
        self.invoice(self.company_a, 250)
        summary = self.admin_a.with_user(self.portal_admin_a)._b2b_portal_credit()
        self.assertAlmostEqual(summary["used"], 250)
        self.assertAlmostEqual(summary["available"], 750)
        self.assertFalse(self.user_a.with_user(self.portal_user_a)._b2b_portal_credit())
        # an administrator of a suspended company sees nothing
        self.company_a.sudo().b2b_state = "suspended"
        self.assertFalse(
            self.admin_a.with_user(self.portal_admin_a)._b2b_portal_credit()
        )

    def test_group_limit_field_on_groups(self):
        group = self.env["b2b.customer.group"].create({"name": "Credit Group"})
        with mute_logger("odoo.sql_db"), self.assertRaises(CheckViolation):
            with self.env.cr.savepoint():
                group.credit_limit = -5
                group.flush_recordset()
        self.assertEqual(group.currency_id, self.env.company.currency_id)
