"""Bench rows of paying invoices and statements (issue 32): the statement of
account of a company with BENCH_STATEMENT_DOCS invoices and as many payments
(default 5,000 each), against the same statement of a company with 10 of
each: its time and its queries. The documents are made in a savepoint and
rolled back.

Alone, at a small size, on a database with b2b_customer installed:
``BENCH_STATEMENT_DOCS=200 python3 bench/invoicing.py <database>``.
"""

import os
import sys
import time
from datetime import timedelta

from server import measure

from data import clone_rows

DOCS = int(os.environ.get("BENCH_STATEMENT_DOCS", "5000"))


def today_of(env):
    from odoo import fields  # noqa: PLC0415

    return fields.Date.context_today(env["account.move"])


def company_with_documents(env, name, count):
    """A company with ``count`` posted invoices and ``count`` posted payments
    (not reconciled: the statement reads them all) over the last year: one
    of each made by Odoo, the others copied in SQL (the moves and their
    receivable lines, as bench/data.py copies journal items)."""
    company = env["res.partner"].create({"name": name, "is_company": True})
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": company.id,
            "invoice_line_ids": [
                (0, 0, {"name": "Goods", "quantity": 1, "price_unit": 100.0})
            ],
        }
    )
    invoice.action_post()
    payment = env["account.payment"].create(
        {
            "partner_id": company.id,
            "partner_type": "customer",
            "payment_type": "inbound",
            "amount": 50.0,
        }
    )
    payment.action_post()
    env.flush_all()
    for move in (invoice, payment.move_id):
        copy_move(env.cr, move, count - 1)
    env.invalidate_all()
    return company


def copy_move(cr, move, count):
    """``count`` copies of ``move`` named ``<name>-<n>``, dated over the last
    year, each with a copy of its receivable line."""
    shift = "(g % 365) * interval '1 day'"
    clone_rows(
        cr,
        "account_move",
        move.id,
        count,
        {
            "name": "name || '-' || g",
            "date": f"(date - {shift})::date",
            "invoice_date": f"(invoice_date - {shift})::date",
            "invoice_date_due": f"(invoice_date_due - {shift})::date",
        },
    )
    receivable = move.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable"
    )
    clone_rows(
        cr,
        "account_move_line",
        receivable.id,
        count,
        {
            "move_id": "(SELECT m.id FROM account_move m"
            f" WHERE m.name = {quote(move.name)} || '-' || g)",
            "date": f"(date - {shift})::date",
            "date_maturity": f"(date_maturity - {shift})::date",
        },
    )


def quote(text):
    return "'" + text.replace("'", "''") + "'"


def in_process(env, results, count=DOCS):
    cr = env.cr
    cr.execute("SAVEPOINT bench_statement")
    started = time.perf_counter()
    small = company_with_documents(env, "Statement Small", 10)
    big = company_with_documents(env, "Statement Big", count)
    print(
        f"statement data: {count} invoices and payments in "
        f"{time.perf_counter() - started:.0f} s",
        flush=True,
    )
    date_to = today_of(env)
    date_from = date_to - timedelta(days=364)

    def statement(company):
        def read():
            env.invalidate_all()
            company._b2b_statement(date_from, date_to)

        return read

    def counted(func):
        func()
        before = cr.sql_log_count
        func()
        return cr.sql_log_count - before

    results["statement_docs"] = count
    results["statement_queries_small"] = counted(statement(small))
    results["statement_queries"] = counted(statement(big))
    results["statement_ms"] = round(measure(statement(big)), 2)
    cr.execute("ROLLBACK TO SAVEPOINT bench_statement")
    env.invalidate_all()


def rows(results):
    docs = f"{results['statement_docs']:,}"
    return [
        (
            "statement_ms",
            results["statement_ms"],
            "-",
            f"<= 1000 ms ({docs} invoices + payments)",
            results["statement_ms"] <= 1000,
        ),
        (
            "statement_queries",
            results["statement_queries"],
            results["statement_queries_small"],
            "= 10 invoices + payments",
            results["statement_queries"] == results["statement_queries_small"],
        ),
    ]


def main(database):
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    from server import ADDONS  # noqa: PLC0415

    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    with Registry(database).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        results = {}
        in_process(env, results)
        cr.rollback()
    for key, value in results.items():
        print(f"{key}: {value}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1]))
