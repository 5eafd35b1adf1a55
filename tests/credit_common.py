"""Fixtures of the company-credit tests: invoices, payments and orders of
the shared B2B companies, in the main company's currency and without taxes
so that the arithmetic reads plainly."""

from datetime import timedelta

from odoo import Command, fields


class CreditFixtures:
    @classmethod
    def setup_credit_fixtures(cls):
        env = cls.env
        cls.currency = env.company.currency_id
        cls.product = env["product.product"].create(
            {
                "name": "Pallet of bolts",
                "list_price": 100.0,
                "invoice_policy": "order",
                "taxes_id": [Command.clear()],
            }
        )
        cls.company_a.b2b_allow_pay_later = True
        cls.company_a.credit_limit = 1000.0
        cls.salesperson = cls.b2b_back_user

    @classmethod
    def invoice(cls, partner, amount, due_days=30, post=True, refund=False, **vals):
        """An invoice (or credit note) of ``amount`` due in ``due_days``
        (negative: overdue); ``vals`` replace the defaults."""
        today = fields.Date.context_today(cls.env["account.move"])
        if "invoice_payment_term_id" not in vals:
            vals.setdefault("invoice_date_due", today + timedelta(days=due_days))
        move = cls.env["account.move"].create(
            {
                "move_type": "out_refund" if refund else "out_invoice",
                "partner_id": partner.id,
                "invoice_date": today,
                "invoice_line_ids": [
                    Command.create(
                        {
                            "name": "Goods",
                            "quantity": 1,
                            "price_unit": amount,
                            "tax_ids": [Command.clear()],
                        }
                    )
                ],
                **vals,
            }
        )
        if post:
            move.action_post()
        return move

    @classmethod
    def pay(cls, invoice, amount):
        cls.env["account.payment.register"].with_context(
            active_model="account.move", active_ids=invoice.ids
        ).create({"amount": amount})._create_payments()

    @classmethod
    def order(cls, partner, amount, confirm=False, signed=False, **vals):
        """An order of one line worth ``amount``, without taxes."""
        order = (
            cls.env["sale.order"]
            .with_context(tracking_disable=True)
            .create(
                {
                    "partner_id": partner.id,
                    "user_id": cls.salesperson.id,
                    "order_line": [
                        Command.create(
                            {
                                "product_id": cls.product.id,
                                "product_uom_qty": 1,
                                "price_unit": amount,
                                "tax_ids": [Command.clear()],
                            }
                        )
                    ],
                    **vals,
                }
            )
        )
        if confirm:
            # whatever the credit says: these orders build up the exposure
            order.with_user(cls.manager).with_context(
                b2b_confirm_override=True
            ).action_confirm()
        if signed:
            order.write({"signed_by": partner.name, "signed_on": fields.Datetime.now()})
        return order
