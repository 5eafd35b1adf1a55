"""Documents of two companies shared by the company account tests."""


class CompanyDocumentsMixin:
    @classmethod
    def _make_documents(cls):
        env = cls.env
        cls.product = env["product.product"].create({"name": "Crate", "list_price": 5})

        def order(partner, creator=None):
            Order = (
                env["sale.order"].with_user(creator) if creator else env["sale.order"]
            )
            return Order.sudo().create(
                {
                    "partner_id": partner.id,
                    "order_line": [
                        (0, 0, {"product_id": cls.product.id, "product_uom_qty": 1})
                    ],
                }
            )

        cls.order_admin = order(cls.admin_a)
        cls.order_user = order(cls.user_a)
        cls.order_company = order(cls.company_a)
        cls.order_plain = order(cls.plain_customer)
        (
            cls.order_admin | cls.order_user | cls.order_company | cls.order_plain
        ).action_quotation_sent()
        journal = env["account.journal"].create(
            {"name": "B2B Sales", "code": "B2BS", "type": "sale"}
        )

        def invoice(partner):
            move = env["account.move"].create(
                {
                    "move_type": "out_invoice",
                    "partner_id": partner.id,
                    "journal_id": journal.id,
                }
            )
            # posting needs a chart of accounts; the rules only look at the state
            env.cr.execute(
                "UPDATE account_move SET state = 'posted', name = %s WHERE id = %s",
                (f"INV/B2B/{partner.id:05d}", move.id),
            )
            move.invalidate_recordset(["state", "name"])
            return move

        cls.invoice_admin = invoice(cls.admin_a)
        cls.invoice_user = invoice(cls.user_a)
        cls.invoice_company = invoice(cls.company_a)
