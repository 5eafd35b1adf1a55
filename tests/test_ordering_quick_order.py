"""Ordering on the portal: quick order parsing and pricing, the quotation
and its hand-off to Odoo's flow, order again, requisition lists, resellers
ordering for their end customers, and who may do what."""

from odoo import Command
from odoo.exceptions import AccessError, UserError
from odoo.tests import tagged
from odoo.tools import mute_logger

from .common import B2BCommon
from .ordering_common import setup_products


@tagged("post_install", "-at_install")
class TestQuickOrderParsing(B2BCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_products(cls)
        cls.Quick = cls.env["b2b.quick.order"]
        cls.company = cls.env.company

    def parse(self, text):
        return self.Quick._b2b_parse(text, self.company)

    def group_discount(self, name, percent):
        """company_a in a customer group whose pricelist takes ``percent``
        off every price; the pricelist."""
        pricelist = self.env["product.pricelist"].create(
            {
                "name": name,
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": percent,
                        }
                    )
                ],
            }
        )
        self.company_a.b2b_group_ids = self.env["b2b.customer.group"].create(
            {"name": name, "pricelist_id": pricelist.id}
        )
        return pricelist

    def test_separators_and_decimal_commas(self):
        lines, errors = self.parse(
            "SCREW-100;5\nNUT-M8\t20\nSCREW-100;2.5\nNUT-M8;1,000.5\nSCREW-100"
        )
        self.assertFalse(errors)
        self.assertEqual(
            [(line["product"], line["quantity"]) for line in lines],
            [
                (self.screw, 5),
                (self.nut, 20),
                (self.screw, 2.5),
                (self.nut, 1000.5),
                (self.screw, 1),
            ],
        )

    def test_quantities_in_the_readers_language(self):
        """``1.000`` and ``1.000,5`` are read the same way: thousands in
        German; in English, where the dot is the decimal point, ``1.000,5``
        could be meant two ways and is refused with an example."""
        self.env["res.lang"]._activate_lang("de_DE")
        german = self.Quick.with_context(lang="de_DE")
        lines, errors = german._b2b_parse(
            "SCREW-100;1.000\nNUT-M8;1.000,5\nSCREW-100,2,5\nNUT-M8;1 000",
            self.company,
        )
        self.assertFalse(errors)
        self.assertEqual(
            [line["quantity"] for line in lines], [1000, 1000.5, 2.5, 1000]
        )
        lines, errors = german._b2b_parse("SCREW-100;1.5", self.company)
        self.assertFalse(lines)
        self.assertIn("1.234,50", errors[0]["message"])
        lines, errors = self.parse("SCREW-100;1.000\nNUT-M8;1.000,5\nNUT-M8;1,5")
        self.assertEqual([line["quantity"] for line in lines], [1])
        self.assertEqual([e["line"] for e in errors], [2, 3])
        self.assertIn("1,234.50", errors[0]["message"])

    def test_quantities_out_of_range_explained(self):
        lines, errors = self.parse("SCREW-100;0.001\nNUT-M8;2000000\nNUT-M8;0.5")
        self.assertEqual([line["quantity"] for line in lines], [0.5])
        self.assertIn("below the smallest quantity", errors[0]["message"])
        self.assertIn("0.01", errors[0]["message"])
        self.assertIn("over the maximum of 1,000,000", errors[1]["message"])

    def test_single_line_without_quantity_is_one_unit(self):
        lines, errors = self.parse("SCREW-100")
        self.assertFalse(errors)
        self.assertEqual(
            [(line["product"], line["quantity"]) for line in lines], [(self.screw, 1)]
        )
        # an unknown code alone is a line with an error, not a header
        lines, errors = self.parse("TYPO-1")
        self.assertEqual((lines, [e["line"] for e in errors]), ([], [1]))

    def test_bom_blank_lines_header_and_extra_columns(self):
        lines, errors = self.parse(
            "\ufeffProduct code;Quantity;Description\n\n  \nSCREW-100;3;Screws\n\n"
        )
        self.assertFalse(errors)
        self.assertEqual(len(lines), 1)
        self.assertEqual(lines[0]["line"], 4)
        self.assertEqual(lines[0]["quantity"], 3)

    def test_bad_lines_listed_with_their_number(self):
        lines, errors = self.parse(
            "SCREW-100;1\nTYPO-1;2\nSECRET-1;1\nOTHER-1;1\nNUT-M8;abc\nNUT-M8;0\n"
            "NUT-M8;-1\nNUT-M8;2"
        )
        self.assertEqual([line["line"] for line in lines], [1, 8])
        self.assertEqual(
            [(e["line"], e["code"]) for e in errors],
            [
                (2, "TYPO-1"),
                (3, "SECRET-1"),
                (4, "OTHER-1"),
                (5, "NUT-M8"),
                (6, "NUT-M8"),
                (7, "NUT-M8"),
            ],
        )
        self.assertIn("Unknown", errors[0]["message"])
        self.assertIn("not sold to you", errors[1]["message"])
        self.assertIn("not sold to you", errors[2]["message"])
        self.assertIn("Invalid quantity", errors[3]["message"])

    def test_empty_input_refused(self):
        with self.assertRaisesRegex(UserError, "at least one line"):
            self.parse("\n \n")

    def test_too_many_lines_refused(self):
        text = "\n".join(f"SCREW-100;{i}" for i in range(1, 202))
        with self.assertRaisesRegex(UserError, "at most 200 lines"):
            self.parse(text)
        # 200 lines and a header are fine
        lines, errors = self.parse("Code;Qty\n" + "\n".join(text.splitlines()[:200]))
        self.assertEqual((len(lines), errors), (200, []))

    def test_uploads(self):
        upload = self.Quick._b2b_read_upload
        self.assertEqual(upload("\ufeffSCREW-100;1".encode()), "SCREW-100;1")
        # a spreadsheet's code page
        self.assertEqual(
            upload("SCREW-100;1 # Größe".encode("cp1252")), "SCREW-100;1 # Größe"
        )
        with self.assertRaisesRegex(UserError, "not a text or CSV file"):
            upload(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR")
        with self.assertRaisesRegex(UserError, "not a text or CSV file"):
            upload(b"PK\x03\x04\x14\x00\x06\x00")
        with self.assertRaisesRegex(UserError, "too large"):
            upload(b"SCREW-100;1\n" * 30000)
        big = upload(b"SCREW-100;1\n" * 10000)
        with self.assertRaisesRegex(UserError, "at most 200 lines"):
            self.parse(big)

    def test_prices_from_the_effective_pricelist(self):
        Pricelist = self.env["product.pricelist"]
        group_list = Pricelist.create(
            {
                "name": "Wholesale",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 10,
                        }
                    ),
                    Command.create(
                        {
                            "applied_on": "0_product_variant",
                            "product_id": self.nut.id,
                            "min_quantity": 100,
                            "compute_price": "fixed",
                            "fixed_price": 1.0,
                        }
                    ),
                ],
            }
        )
        group = self.env["b2b.customer.group"].create(
            {"name": "Wholesale", "pricelist_id": group_list.id}
        )
        self.company_a.b2b_group_ids = group
        lines, _errors = self.parse("SCREW-100;2\nNUT-M8;100\nNUT-M8;1")
        order_new = self.Quick._b2b_new_order(self.user_a)
        self.assertEqual(order_new.pricelist_id, group_list)
        preview = self.Quick._b2b_preview(order_new, lines)
        self.assertEqual(
            [line["price_unit"] for line in preview["lines"]], [9.0, 1.0, 2.25]
        )
        self.assertAlmostEqual(preview["amount_untaxed"], 18 + 100 + 2.25)
        # individual prices: a pricelist of its own based on the group's
        self.company_a.with_user(self.manager).action_b2b_individual_prices()
        own = self.company_a.property_product_pricelist
        own.item_ids.price_discount = 50
        order_new = self.Quick._b2b_new_order(self.user_a)
        self.assertEqual(order_new.pricelist_id, own)
        preview = self.Quick._b2b_preview(order_new, lines)
        self.assertEqual(
            [line["price_unit"] for line in preview["lines"]], [4.5, 0.5, 1.13]
        )
        # the quotation gets the same prices and totals
        delivery = self.Quick._b2b_check_delivery(self.user_a, "")
        order = self.Quick._b2b_create_quotation(
            self.user_a, lines, delivery, ordered_by=self.user_a
        )
        self.assertEqual(order.pricelist_id, own)
        self.assertAlmostEqual(order.amount_total, preview["amount_total"])
        self.assertAlmostEqual(order.amount_tax, preview["amount_tax"])

    def test_preview_amounts_are_the_quotations(self):
        """Unit prices with more decimals than the order lines keep (a third
        off 10.00): the preview's lines and total are the quotation's, to
        the cent."""
        third_off = self.group_discount("A third off", 33.33)
        lines, _errors = self.parse("SCREW-100;3")
        order_new = self.Quick._b2b_new_order(self.user_a)
        preview = self.Quick._b2b_preview(order_new, lines)
        order = self.Quick._b2b_create_quotation(
            self.user_a,
            lines,
            self.Quick._b2b_check_delivery(self.user_a, ""),
            ordered_by=self.user_a,
        )
        self.assertEqual(order.pricelist_id, third_off)
        self.assertEqual(
            [(line["price_unit"], line["subtotal"]) for line in preview["lines"]],
            [(line.price_unit, line.price_subtotal) for line in order.order_line],
        )
        self.assertEqual(preview["amount_untaxed"], order.amount_untaxed)
        self.assertEqual(preview["amount_total"], order.amount_total)

    def test_quotation_for_the_buyer_with_selling_defaults(self):
        salesperson = self.b2b_back_user
        self.company_a.write(
            {"user_id": salesperson.id, "b2b_default_delivery_id": self.delivery_a.id}
        )
        lines, _errors = self.parse("SCREW-100;2\nNUT-M8;4")
        delivery = self.Quick._b2b_check_delivery(self.user_a, "")
        self.assertEqual(delivery, self.delivery_a)
        with self.assertRaisesRegex(UserError, "delivery address"):
            self.Quick._b2b_check_delivery(self.user_a, str(self.company_b.id))
        order = self.Quick._b2b_create_quotation(
            self.user_a, lines, delivery, ordered_by=self.user_a
        )
        self.assertEqual(order.partner_id, self.user_a)
        self.assertEqual(order.partner_shipping_id, self.delivery_a)
        self.assertEqual(order.user_id, salesperson)
        self.assertEqual(order.state, "sent", "offered: listed on /my/quotes")
        self.assertTrue(order.b2b_portal_order)
        self.assertFalse(order.b2b_ordered_by_reseller_id)
        self.assertIn(self.user_a, order.message_partner_ids)
        self.assertEqual(order.order_line.mapped("product_uom_qty"), [2, 4])

    def test_review_mode_signs_and_asks_the_salesperson(self):
        self.env.company.b2b_quick_order_confirm = "review"
        self.company_a.write(
            {"user_id": self.b2b_back_user.id, "b2b_allow_pay_later": True}
        )
        lines, _errors = self.parse("SCREW-100;2")
        delivery = self.Quick._b2b_check_delivery(self.user_a, "")
        order = self.Quick._b2b_create_quotation(
            self.user_a, lines, delivery, ordered_by=self.user_a
        )
        self.assertTrue(order.require_signature)
        self.assertFalse(order._has_to_be_paid())
        order._validate_order()
        self.assertEqual(order.state, "sent")
        self.assertTrue(order.b2b_review_pending)
        self.assertEqual(order.activity_ids.user_id, self.b2b_back_user)
        order.action_confirm()
        self.assertEqual(order.state, "sale")
        self.assertFalse(order.b2b_review_pending)
        # the default: confirmed on acceptance
        self.env.company.b2b_quick_order_confirm = "on_accept"
        order = self.Quick._b2b_create_quotation(
            self.user_a, lines, delivery, ordered_by=self.user_a
        )
        order._validate_order()
        self.assertEqual(order.state, "sale")

    def test_hand_off_to_credit_rules(self):
        """The quotation of a pay-later company on credit hold cannot be
        confirmed on account: Odoo's flow then asks for online payment."""
        self.company_a.sudo().write(
            {"b2b_allow_pay_later": True, "b2b_credit_hold": True}
        )
        lines, _errors = self.parse("SCREW-100;2")
        delivery = self.Quick._b2b_check_delivery(self.user_a, "")
        order = self.Quick._b2b_create_quotation(
            self.user_a, lines, delivery, ordered_by=self.user_a
        )
        self.assertTrue(order._b2b_credit_status().get("blocked"))
        self.assertTrue(order._confirmation_error_message())
        self.assertTrue(order._has_to_be_paid())
        with self.assertRaises(UserError):
            order.action_confirm()

    def test_order_again_text(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.user_a.id,
                "order_line": [
                    Command.create({"product_id": self.screw.id, "product_uom_qty": 3}),
                    Command.create({"display_type": "line_note", "name": "Note"}),
                    Command.create({"product_id": self.nut.id, "product_uom_qty": 1.5}),
                ],
            }
        )
        self.nut.sale_ok = False
        text, skipped = order._b2b_quick_order_text()
        self.assertEqual(text, "SCREW-100;3")
        self.assertEqual(skipped, 1)

    @mute_logger("odoo.addons.base.models.ir_rule")
    def test_requisition_lists_are_private(self):
        lines, _errors = self.parse("SCREW-100;2\nNUT-M8;1.5")
        Lists = self.env["b2b.requisition.list"]
        mine = Lists.with_user(self.portal_user_a)._b2b_create_from_lines(
            "Weekly", lines
        )
        self.assertEqual(mine.partner_id, self.user_a)
        self.assertEqual(mine._b2b_quick_order_text(), "SCREW-100;2\nNUT-M8;1.5")
        self.assertFalse(Lists.with_user(self.portal_admin_a).search([]))
        with self.assertRaises(AccessError):
            mine.with_user(self.portal_admin_a).name  # noqa: B018
        with self.assertRaises(AccessError):
            Lists.with_user(self.portal_admin_a).create(
                {"name": "Not mine", "partner_id": self.user_a.id}
            )
        with self.assertRaisesRegex(UserError, "name"):
            Lists.with_user(self.portal_user_a)._b2b_create_from_lines(" ", lines)

    def _queries(self, count):
        text = "\n".join(
            f"{self.products[i].default_code};{i % 7 + 1}" for i in range(count)
        )
        self.env.invalidate_all()
        before = self.env.cr.sql_log_count
        lines, errors = self.parse(text)
        order_new = self.Quick._b2b_new_order(self.user_a)
        self.Quick._b2b_preview(order_new, lines)
        self.assertFalse(errors)
        return self.env.cr.sql_log_count - before

    def test_queries_do_not_grow_with_lines(self):
        """A 200-line paste is parsed and priced without a query per line
        (also with individual prices based on the group's pricelist)."""
        self.products = self.env["product.product"].create(
            [
                {"name": f"Part {i}", "default_code": f"PART-{i:03d}", "list_price": i}
                for i in range(200)
            ]
        )
        self.group_discount("Group", 5)
        self.company_a.with_user(self.manager).action_b2b_individual_prices()
        self._queries(20)  # warm-up
        few = self._queries(20)
        many = self._queries(200)
        self.assertLessEqual(many, few + 2, f"200 lines: {many}, 20 lines: {few}")
