from datetime import datetime

from odoo import Command
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.tests import new_test_user, tagged
from odoo.tools import mute_logger

from .common import B2BCommon


@tagged("post_install", "-at_install")
class TestB2BSellingDefaults(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.env.ref("base.group_user").write(
            {
                "implied_ids": [
                    Command.link(cls.env.ref("product.group_product_pricelist").id)
                ]
            }
        )
        Pricelist = cls.env["product.pricelist"]
        cls.default_pl = Pricelist.create({"name": "Public", "sequence": 1})
        cls.group_pl = Pricelist.create({"name": "Dealers"})
        cls.group2_pl = Pricelist.create({"name": "Wholesale"})
        cls.own_pl = Pricelist.create({"name": "Own"})
        cls.term_30 = cls.env["account.payment.term"].create({"name": "30 days"})
        cls.term_60 = cls.env["account.payment.term"].create({"name": "60 days"})
        cls.term_own = cls.env["account.payment.term"].create({"name": "Own term"})
        Group = cls.env["b2b.customer.group"]
        cls.group_dealers = Group.create(
            {
                "name": "Dealers",
                "sequence": 5,
                "pricelist_id": cls.group_pl.id,
                "payment_term_id": cls.term_30.id,
            }
        )
        cls.group_wholesale = Group.create(
            {
                "name": "Wholesale",
                "sequence": 20,
                "pricelist_id": cls.group2_pl.id,
                "payment_term_id": cls.term_60.id,
                "allow_pay_later": True,
            }
        )
        cls.sales_manager = new_test_user(
            cls.env,
            login="b2b_sales_manager",
            groups="sales_team.group_sale_manager,b2b_customer.group_b2b_user",
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Widget", "list_price": 100.0}
        )

    def new_order(self, partner):
        return (
            self.env["sale.order"]
            .with_user(self.sales_manager)
            .create({"partner_id": partner.id})
        )

    def test_precedence_pricelist_and_terms(self):
        company = self.company_a
        self.assertNotIn(
            company.b2b_effective_pricelist_id, self.group_pl | self.group2_pl
        )
        self.assertFalse(company.b2b_effective_payment_term_id)
        company.b2b_group_ids = self.group_wholesale | self.group_dealers
        self.assertEqual(company.b2b_effective_pricelist_id, self.group_pl)
        self.assertEqual(company.b2b_effective_payment_term_id, self.term_30)
        self.assertEqual(self.admin_a.b2b_effective_pricelist_id, self.group_pl)
        self.group_dealers.sequence = 50
        company.invalidate_recordset()
        self.assertEqual(company.b2b_effective_pricelist_id, self.group2_pl)
        self.assertEqual(company.b2b_effective_payment_term_id, self.term_60)
        company.property_product_pricelist = self.own_pl
        company.property_payment_term_id = self.term_own
        company.invalidate_recordset()
        self.assertEqual(company.b2b_effective_pricelist_id, self.own_pl)
        self.assertEqual(company.b2b_effective_payment_term_id, self.term_own)
        order = self.new_order(self.admin_a)
        self.assertEqual(order.pricelist_id, self.own_pl)
        self.assertEqual(order.payment_term_id, self.term_own)

    def test_defaults_on_new_orders(self):
        company = self.company_a
        salesman = self.b2b_back_user
        delivery = self.env["res.partner"].create(
            {
                "name": "Alpha Warehouse",
                "type": "delivery",
                "parent_id": company.id,
                "city": "Ghent",
            }
        )
        company.write(
            {
                "b2b_group_ids": [Command.set(self.group_dealers.ids)],
                "user_id": self.manager.id,
                "b2b_default_delivery_id": delivery.id,
            }
        )
        order = self.new_order(self.admin_a)
        self.assertEqual(order.pricelist_id, self.group_pl)
        self.assertEqual(order.payment_term_id, self.term_30)
        self.assertEqual(order.partner_shipping_id, delivery)
        self.assertEqual(order.user_id, self.manager)
        # editable on the order
        order.write(
            {
                "pricelist_id": self.group2_pl.id,
                "payment_term_id": self.term_60.id,
                "partner_shipping_id": company.id,
                "user_id": salesman.id,
            }
        )
        self.assertEqual(order.pricelist_id, self.group2_pl)
        self.assertEqual(order.payment_term_id, self.term_60)
        self.assertEqual(order.partner_shipping_id, company)
        self.assertEqual(order.user_id, salesman)
        # archived default: Odoo's choice again
        delivery.action_archive()
        order = self.new_order(self.admin_a)
        self.assertNotEqual(order.partner_shipping_id, delivery)
        # no group: Odoo's default stays untouched for other customers
        plain_order = self.new_order(self.plain_customer)
        self.assertEqual(
            plain_order.pricelist_id, self.plain_customer.property_product_pricelist
        )

    def test_default_delivery_must_be_own(self):
        foreign = self.env["res.partner"].create(
            {"name": "Bravo Depot", "type": "delivery", "parent_id": self.company_b.id}
        )
        with self.assertRaises(ValidationError):
            self.company_a.b2b_default_delivery_id = foreign

    def test_pay_later_both_ways(self):
        order = self.new_order(self.admin_a)
        self.assertTrue(order.require_payment)
        self.company_a.b2b_group_ids = self.group_wholesale
        order = self.new_order(self.admin_a)
        self.assertFalse(order.require_payment)
        self.company_a.b2b_group_ids = False
        self.company_a.b2b_allow_pay_later = True
        order = self.new_order(self.admin_a)
        self.assertFalse(order.require_payment)
        self.assertTrue(self.admin_a.b2b_effective_pay_later)

    def test_individual_prices(self):
        self.company_a.b2b_group_ids = self.group_dealers
        with (
            self.assertRaises(AccessError),
            mute_logger("odoo.addons.base.models.ir_rule"),
        ):
            self.company_a.with_user(self.portal_admin_a).action_b2b_individual_prices()
        with self.assertRaises(AccessError):
            # a salesman may not create pricelists
            self.company_a.with_user(self.b2b_back_user).action_b2b_individual_prices()
        action = self.company_a.with_user(
            self.sales_manager
        ).action_b2b_individual_prices()
        pricelist = self.env["product.pricelist"].browse(action["res_id"])
        self.assertEqual(action["res_model"], "product.pricelist")
        self.assertIn("Alpha Trading", pricelist.name)
        self.assertRecordValues(
            pricelist.item_ids,
            [
                {
                    "applied_on": "3_global",
                    "compute_price": "formula",
                    "base": "pricelist",
                    "base_pricelist_id": self.group_pl.id,
                }
            ],
        )
        self.company_a.invalidate_recordset()
        self.assertEqual(self.company_a.b2b_effective_pricelist_id, pricelist)
        order = self.new_order(self.user_a)
        self.assertEqual(order.pricelist_id, pricelist)


@tagged("post_install", "-at_install")
class TestB2BProfileCommunication(B2BCommon):
    def test_mobile_fax_validation(self):
        self.company_a.write(
            {"b2b_mobile": "+32 470 12 34 56", "b2b_fax": "(09) 223.45.67"}
        )
        for bad in ("call me", "+32 47a", "12", "+1 2345 6789 0123 4567"):
            with self.assertRaises(ValidationError):
                self.company_a.b2b_mobile = bad
        with self.assertRaises(ValidationError):
            self.company_a.b2b_fax = "fax: 1234"

    def test_next_reachable(self):
        partner = self.admin_a
        partner.tz = "Europe/Brussels"
        partner.b2b_reachability_ids = [
            Command.create({"dayofweek": "1", "hour_from": 8.0, "hour_to": 12.0}),
            Command.create({"dayofweek": "6", "hour_from": 23.0, "hour_to": 24.0}),
            Command.create({"dayofweek": "0", "hour_from": 0.0, "hour_to": 1.0}),
        ]
        # Monday 2026-01-05 10:00 UTC = 11:00 Brussels: next Tuesday 08:00
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 5, 10, 0)),
            "Next reachable: Tuesday 08:00 (their time)",
        )
        # Tuesday 07:30 UTC = 08:30 local
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 6, 7, 30)),
            "Reachable now",
        )
        # Sunday 22:30 UTC = 23:30 local (week end), Sunday 23:30 UTC = Mon 00:30
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 11, 22, 30)),
            "Reachable now",
        )
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 11, 23, 30)),
            "Reachable now",
        )
        # Monday 00:30 UTC = 01:30 local: next is Tuesday 08:00
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 12, 0, 30)),
            "Next reachable: Tuesday 08:00 (their time)",
        )
        # Saturday noon: next is Sunday 23:00
        self.assertEqual(
            partner._b2b_get_next_reachable(datetime(2026, 1, 10, 12, 0)),
            "Next reachable: Sunday 23:00 (their time)",
        )
        self.assertFalse(self.user_a.b2b_next_reachable)


@tagged("post_install", "-at_install")
class TestB2BAddresses(B2BCommon):
    def test_locked_addresses_and_sync(self):
        company = self.company_a
        manual = self.env["res.partner"].create(
            {"name": "Old Depot", "type": "delivery", "parent_id": company.id}
        )
        company.b2b_address_locked = True
        self.assertTrue(manual.b2b_is_locked_address)
        self.assertFalse(self.admin_a.b2b_is_locked_address)
        with self.assertRaises(UserError):
            manual.street = "Elsewhere 1"
        with self.assertRaises(UserError):
            self.env["res.partner"].create(
                {"name": "New", "type": "delivery", "parent_id": company.id}
            )
        # contacts are still editable
        self.admin_a.phone = "+32 9 123 45 67"
        sync = company.with_user(self.b2b_back_user).b2b_sync_addresses
        result = sync(
            [
                {"b2b_external_ref": "D1", "name": "Depot 1", "city": "Ghent"},
                {
                    "b2b_external_ref": "I1",
                    "type": "invoice",
                    "name": "Accounting",
                    "city": "Brussels",
                },
                {
                    "b2b_external_ref": "C1",
                    "name": "Omega Logistics",
                    "b2b_consignee": True,
                    "city": "Antwerp",
                },
            ]
        )
        self.assertEqual(len(result["created"]), 3)
        created = self.env["res.partner"].browse(result["created"])
        d1 = created.filtered(lambda p: p.b2b_external_ref == "D1")
        self.assertRecordValues(d1, [{"type": "delivery", "city": "Ghent"}])
        company.b2b_default_delivery_id = d1
        result = sync(
            [
                {"b2b_external_ref": "I1", "type": "invoice", "city": "Liège"},
                {
                    "b2b_external_ref": "C1",
                    "name": "Omega Logistics",
                    "city": "Mechelen",
                },
            ]
        )
        self.assertEqual(result["created"], [])
        self.assertEqual(len(result["updated"]), 2)
        self.assertEqual(result["archived"], d1.ids)
        self.assertFalse(d1.active)
        self.assertFalse(company.b2b_default_delivery_id)
        self.assertTrue(manual.active)  # not from the integration: kept
        # sent again: back from the archive, nothing deleted
        result = sync([{"b2b_external_ref": "D1", "name": "Depot 1"}])
        self.assertEqual(result["updated"], d1.ids)
        self.assertTrue(d1.active)
        self.assertEqual(
            self.env["res.partner"]
            .with_context(active_test=False)
            .search_count(
                [("parent_id", "=", company.id), ("b2b_external_ref", "!=", False)]
            ),
            3,
        )
        with self.assertRaises(UserError):
            sync([{"name": "no key"}])
        with self.assertRaises(UserError):
            sync([{"b2b_external_ref": "X", "password": "x"}])

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_sync_refused_to_portal(self):
        with self.assertRaises(AccessError):
            self.company_a.with_user(self.portal_admin_a).b2b_sync_addresses(
                [{"b2b_external_ref": "D1", "name": "Depot"}]
            )
