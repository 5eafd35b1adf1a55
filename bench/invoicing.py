"""Bench rows of paying invoices and statements (issue 32): the statement of
account of a company with BENCH_STATEMENT_DOCS invoices and as many payments
(default 5,000 each), against the same statement of a company with 10 of
each: its time and its queries (the documents are made in a savepoint and
rolled back); ``/my/invoices`` of the administrator of a group of companies
(scope group) with BENCH_GROUP_INVOICES invoices (default 10,000) against
Odoo's own ``/my/invoices`` of one contact with as many, over HTTP in the same
run, and its queries against a group with 100 invoices.

Alone, at a small size, on a database with b2b_customer installed:
``BENCH_STATEMENT_DOCS=200 python3 bench/invoicing.py <database>``; with a
free port, the ``/my/invoices`` rows too (their data is committed):
``BENCH_GROUP_INVOICES=1000 python3 bench/invoicing.py <database> <port>``.
"""

import json
import os
import sys
import time
from datetime import timedelta

from server import OdooServer, measure

from data import clone_rows

DOCS = int(os.environ.get("BENCH_STATEMENT_DOCS", "5000"))
GROUP_INVOICES = int(os.environ.get("BENCH_GROUP_INVOICES", "10000"))
#: the invoices of the small group, whose page has as many queries
SMALL_GROUP_INVOICES = 100
HERE = os.path.dirname(os.path.abspath(__file__))


def today_of(env):
    from odoo import fields  # noqa: PLC0415

    return fields.Date.context_today(env["account.move"])


def posted_invoice(env, partner):
    """One invoice of ``partner`` posted by Odoo, with its access token."""
    invoice = env["account.move"].create(
        {
            "move_type": "out_invoice",
            "partner_id": partner.id,
            "invoice_line_ids": [
                (0, 0, {"name": "Goods", "quantity": 1, "price_unit": 100.0})
            ],
        }
    )
    invoice.action_post()
    invoice._portal_ensure_token()
    env.flush_all()
    return invoice


def company_with_documents(env, name, count):
    """A company with ``count`` posted invoices and ``count`` posted payments
    (not reconciled: the statement reads them all) over the last year: one
    of each made by Odoo, the others copied in SQL (the moves and their
    receivable lines, as bench/data.py copies journal items)."""
    company = env["res.partner"].create({"name": name, "is_company": True})
    invoice = posted_invoice(env, company)
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


# ----------------------------------------------------------------------
# /my/invoices of a group of companies, next to Odoo's of one contact
# ----------------------------------------------------------------------
def copy_invoice(cr, invoice, count, partner_ids):
    """``count`` copies of the posted ``invoice`` (the move and every line:
    balanced, open, with an access token as the page would write it),
    spread over ``partner_ids``, named ``<name>-<n>``, dated over the last
    year."""
    shift = "(g % 365) * interval '1 day'"
    ids = ",".join(str(int(pid)) for pid in partner_ids)
    partner = f"(ARRAY[{ids}])[1 + g % {len(partner_ids)}]"
    clone_rows(
        cr,
        "account_move",
        invoice.id,
        count,
        {
            "name": "name || '-' || g",
            "date": f"(date - {shift})::date",
            "invoice_date": f"(invoice_date - {shift})::date",
            "invoice_date_due": f"(invoice_date_due - {shift})::date",
            "partner_id": partner,
            "commercial_partner_id": partner,
            "partner_shipping_id": partner,
            "access_token": "gen_random_uuid()::text",
        },
    )
    move = (
        "(SELECT m.id FROM account_move m"
        f" WHERE m.name = {quote(invoice.name)} || '-' || g)"
    )
    for line in invoice.line_ids:
        clone_rows(
            cr,
            "account_move_line",
            line.id,
            count,
            {
                "move_id": move,
                "move_name": "move_name || '-' || g",
                "partner_id": partner,
                "date": f"(date - {shift})::date",
                "invoice_date": f"(invoice_date - {shift})::date",
                "date_maturity": f"(date_maturity - {shift})::date",
            },
        )


def prepare_http(env, count=GROUP_INVOICES):
    """Committed by the caller: a plain contact (``bench_invoice_buyer``)
    with ``count`` invoices, and two groups of B2B companies (a company and
    subsidiaries on two levels) whose administrators see the group
    (``bench_invoice_group``: ``count`` invoices spread over its 21
    companies; ``bench_invoice_group_small``: SMALL_GROUP_INVOICES).
    Returns the logins."""
    env = env(context=dict(env.context, tracking_disable=True))
    Partner = env["res.partner"].sudo()
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    portal = env.ref("base.group_portal")

    def user(login, partner):
        Users.create(
            {
                "login": login,
                "password": login,
                "partner_id": partner.id,
                "group_ids": [(6, 0, portal.ids)],
            }
        )

    buyer = Partner.create(
        {"name": "Invoice Bench Buyer", "email": "invoice_buyer@bench.example.com"}
    )
    user("bench_invoice_buyer", buyer)
    # Odoo posts the three invoices before the copies (posting reads the
    # journal items with the statistics of before the copies)
    copies = [(posted_invoice(env, buyer), count - 1, [buyer.id])]
    logins = {"native": "bench_invoice_buyer"}
    for key, invoices in (("group", count), ("group_small", SMALL_GROUP_INVOICES)):
        root = Partner.create({"name": f"Invoice Bench {key}", "is_company": True})
        companies = root
        for level_one in range(4):
            sub = Partner.create(
                {
                    "name": f"Invoice Bench {key} {level_one}",
                    "is_company": True,
                    "parent_id": root.id,
                }
            )
            companies |= sub | Partner.create(
                [
                    {
                        "name": f"Invoice Bench {key} {level_one}-{n}",
                        "is_company": True,
                        "parent_id": sub.id,
                    }
                    for n in range(4)
                ]
            )
        companies.write({"is_b2b": True, "b2b_state": "approved"})
        admin = Partner.create(
            {
                "name": f"Invoice Bench Admin {key}",
                "parent_id": root.id,
                "email": f"invoice_{key}@bench.example.com",
                "b2b_role": "admin",
                "b2b_scope": "group",
            }
        )
        user(f"bench_invoice_{key}", admin)
        copies.append((posted_invoice(env, root), invoices - 1, companies.ids))
        logins[key] = f"bench_invoice_{key}"
    for invoice, copy_count, partner_ids in copies:
        copy_invoice(env.cr, invoice, copy_count, partner_ids)
    env.cr.execute("ANALYZE account_move; ANALYZE account_move_line")
    return logins


def measure_http(server, logins, results):
    """The three pages over HTTP, each by its user."""
    sessions = {key: server.session(login) for key, login in logins.items()}
    for session in sessions.values():
        # the first page compiles the templates and assets
        session.get(f"{server.url}/my/invoices")
    for key, name in (
        ("native", "native_my_invoices"),
        ("group", "group_invoices"),
        ("group_small", "group_invoices_small"),
    ):
        ms, queries = server.page(sessions[key], "/my/invoices")
        results[f"{name}_ms"] = ms
        results[f"{name}_queries"] = queries
    results["group_invoices_count"] = GROUP_INVOICES


def http_rows(results):
    count = f"{results['group_invoices_count']:,}"
    return [
        (
            "group_invoices_ms",
            results["group_invoices_ms"],
            results["native_my_invoices_ms"],
            f"<= 1.2 x anchor ({count} invoices)",
            results["group_invoices_ms"] <= 1.2 * results["native_my_invoices_ms"],
        ),
        (
            "group_invoices_queries",
            results["group_invoices_queries"],
            results["group_invoices_small_queries"],
            f"= {SMALL_GROUP_INVOICES} invoices",
            results["group_invoices_queries"]
            == results["group_invoices_small_queries"],
        ),
    ]


def main(database, port=None):
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
        if port:
            logins = prepare_http(env)
            cr.commit()
    if port:
        server = OdooServer(
            database,
            int(port),
            os.path.join(HERE, "server_invoicing.log"),
            ["--workers=0", "--max-cron-threads=0"],
        )
        with server:
            measure_http(server, logins, results)
    print(json.dumps(results, indent=2))
    for row in rows(results) + (http_rows(results) if port else []):
        print(row)
    return 0


if __name__ == "__main__":
    sys.exit(main(*sys.argv[1:3]))
