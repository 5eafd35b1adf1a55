"""The company-role rules must not make PostgreSQL's plan of a portal list
costlier by the row: a condition correlated with each invoice (``EXISTS``
over the invoice's lines) is costed once per invoice, and from a few
thousand invoices the estimate passes ``jit_above_cost``, so every count
of ``/my/invoices`` compiled its query for seconds (11 s at 20,000
invoices of one contact, 30 ms without the rule). Checked on the
planner's estimates, not on timings: the same search as the portal user,
with the module's rule and without it."""

from odoo import Command
from odoo.tests import TransactionCase, new_test_user, tagged
from odoo.tools import SQL

#: copies of the document made in SQL (enough that a per-row cost shows)
COPIES = 2000


@tagged("post_install", "-at_install")
class TestCompanyRulesPlanCost(TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        cls.customer = cls.env["res.partner"].create(
            {"name": "Plan Cost Customer", "email": "plan.cost@example.com"}
        )
        cls.user = new_test_user(
            cls.env,
            login="plan_cost_portal",
            groups="base.group_portal",
            partner_id=cls.customer.id,
        )
        cls.product = cls.env["product.product"].create(
            {"name": "Plan Cost Product", "list_price": 10.0}
        )

    copied = 0

    def _copy_rows(self, table, record):
        """``COPIES`` copies of ``record``'s row (named apart), then the
        table's statistics, so that the planner sees them."""
        self.env.flush_all()
        self.env.cr.execute(
            "SELECT column_name FROM information_schema.columns "
            "WHERE table_name = %s AND column_name NOT IN ('id', 'name')",
            [table],
        )
        columns = SQL(", ").join(
            SQL.identifier(name) for (name,) in self.env.cr.fetchall()
        )
        self.env.cr.execute(
            SQL(
                "INSERT INTO %(table)s (%(columns)s, name) "
                "SELECT %(columns)s, 'PLAN-COST/' || %(id)s || '/' || n "
                "FROM %(table)s, generate_series(%(first)s, %(last)s) n "
                "WHERE id = %(id)s",
                table=SQL.identifier(table),
                columns=columns,
                first=self.copied + 1,
                last=self.copied + COPIES,
                id=record.id,
            )
        )
        self.copied += COPIES
        self.env.cr.execute(SQL("ANALYZE %s", SQL.identifier(table)))

    def _cost(self, model, domain):
        """The planner's total cost of counting ``domain`` as the portal
        user (Odoo's rules and the module's)."""
        query = self.env[model].with_user(self.user)._search(domain)
        self.env.cr.execute(
            SQL("EXPLAIN (FORMAT JSON) %s", query.select(SQL("count(*)")))
        )
        return self.env.cr.fetchone()[0][0]["Plan"]["Total Cost"]

    def _assert_rule_adds_no_cost_per_row(self, model, rule_xmlid, domain, copy):
        """What each more row costs the plan, with the module's rule and
        without it: the rule may add a constant (its subqueries, read once
        per query), not a cost per row."""
        table = self.env[model]._table
        copy()
        costs = {}
        for state in (True, False):
            self.env.ref(rule_xmlid).active = state
            self.env.flush_all()
            costs[state] = [self._cost(model, domain)]
        copy()
        for state in (True, False):
            self.env.ref(rule_xmlid).active = state
            self.env.flush_all()
            costs[state].append(self._cost(model, domain))
        per_row = {state: (b - a) / COPIES for state, (a, b) in costs.items()}
        self.assertLess(
            per_row[True],
            2 * per_row[False],
            f"the module's rule on {table} costs the plan "
            f"{per_row[True]:.3f} a row, against {per_row[False]:.3f} without it",
        )

    def test_invoices_of_a_contact(self):
        invoice = self.env["account.move"].create(
            {
                "move_type": "out_invoice",
                "partner_id": self.customer.id,
                "invoice_line_ids": [
                    Command.create(
                        {"product_id": self.product.id, "quantity": 1, "price_unit": 10}
                    )
                ],
            }
        )
        invoice.action_post()
        self._assert_rule_adds_no_cost_per_row(
            "account.move",
            "b2b_customer.account_move_rule_b2b_role",
            [("move_type", "in", ("out_invoice", "out_refund"))],
            lambda: self._copy_rows("account_move", invoice),
        )

    def test_orders_of_a_contact(self):
        order = self.env["sale.order"].create(
            {
                "partner_id": self.customer.id,
                "order_line": [
                    Command.create(
                        {"product_id": self.product.id, "product_uom_qty": 1}
                    )
                ],
            }
        )
        order.action_confirm()
        self._assert_rule_adds_no_cost_per_row(
            "sale.order",
            "b2b_customer.sale_order_rule_b2b_role",
            [("state", "=", "sale")],
            lambda: self._copy_rows("sale_order", order),
        )
