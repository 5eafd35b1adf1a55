"""Benchmark of b2b_customer against Odoo's own equivalents (make bench).

Builds its own data on the real stack: a template database with the
module's dependencies, BENCH_PARTNERS partners inserted in bulk with SQL,
then measures in the same run the module's costs next to Odoo's anchors.
Prints a table and writes bench/results.json. Each timing is the median of
BENCH_RUNS (default 5) runs after a warm-up.
"""

import json
import os
import statistics
import sys
import time

import approvals
import assortment
import batch
import invoicing
import quote
import shop
from server import ADDONS, RUNS, OdooServer, csrf, measure, psql, run_odoo, sh
from table import bench_rows, print_table

from data import (
    DEPENDS,
    GROUP_SHAPES,
    add_b2b_data,
    build_group,
    insert_partners,
    prepare_portal_data,
    quick_order_lines,
)

HERE = os.path.dirname(os.path.abspath(__file__))

PARTNERS = int(os.environ.get("BENCH_PARTNERS", "100000"))
#: several checkouts can bench side by side with their own databases
PREFIX = os.environ.get("BENCH_DB_PREFIX", "bench")
BASE_DB, EMPTY_DB, BIG_DB = f"{PREFIX}_base", f"{PREFIX}_empty", f"{PREFIX}_big"
#: the port of the server the HTTP rows are measured on (one worker thread)
HTTP_PORT = int(os.environ.get("BENCH_HTTP_PORT", "8089"))


def in_process(results):
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    registry = Registry(BIG_DB)
    with registry.cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        admin = env.ref("base.user_admin")
        env = env(user=admin.id)
        Partner = env["res.partner"]

        def spec(view_xmlid):
            view = env.ref(view_xmlid)
            arch = Partner.get_views([(view.id, "list")])["views"]["list"]["arch"]
            import re  # noqa: PLC0415

            names = set(re.findall(r'<field name="([a-z0-9_]+)"', arch))
            return {name: {} for name in names if name in Partner._fields}

        def counted(func):
            before = cr.sql_log_count
            func()
            return cr.sql_log_count - before

        native_spec = spec("base.view_partner_tree")
        queue_spec = spec("b2b_customer.b2b_account_view_list")
        queue_domain = [("is_b2b", "=", True), ("b2b_state", "=", "pending")]

        def native():
            env.invalidate_all()
            Partner.web_search_read([], native_spec, limit=80)

        def queue():
            env.invalidate_all()
            Partner.web_search_read(queue_domain, queue_spec, limit=80)

        def reachable():
            env.invalidate_all()
            Partner.search_count([("b2b_reachable_now", "=", True)])

        results["native_contacts_list_ms"] = round(measure(native), 2)
        results["native_contacts_list_queries"] = counted(native)
        results["approval_queue_ms"] = round(measure(queue), 2)
        results["approval_queue_queries"] = counted(queue)
        results["reachable_now_ms"] = round(measure(reachable), 2)
        results["reachable_now_queries"] = counted(reachable)

        pending = Partner.search(queue_domain, limit=1000)
        cr.execute("SAVEPOINT bench_bulk")
        wizard = env["b2b.review.wizard"].create(
            {"partner_ids": [(6, 0, pending.ids)], "decision": "approve"}
        )
        env.flush_all()
        before_queries = cr.sql_log_count
        start = time.perf_counter()
        wizard.action_confirm()
        env.flush_all()
        results["bulk_approve_s"] = round(time.perf_counter() - start, 2)
        results["bulk_approve_accounts"] = len(pending)
        results["bulk_approve_queries_per_account"] = round(
            (cr.sql_log_count - before_queries) / max(len(pending), 1), 1
        )
        results["bulk_approve_mails_queued"] = env["mail.mail"].search_count(
            [("state", "=", "outgoing")]
        )
        cr.execute("ROLLBACK TO SAVEPOINT bench_bulk")
        env.invalidate_all()
        batch.in_process(env, results)
        invoicing.in_process(env, results)
        quote.requests_list(env, results)
        cr.rollback()


def belgian_vat(number):
    """A valid Belgian VAT number (mod 97) for sign-up ``number``."""
    base = int(f"0{number % 10_000_000:07d}")
    return f"BE0{base:07d}{97 - base % 97:02d}"


def group_in_process(env, results):
    """The settings 1,000 subsidiaries (5 levels) inherit, read at once."""
    Partner = env["res.partner"].sudo()

    def company(name):
        partner = Partner.create({"name": name, "is_company": True})
        partner.write({"is_b2b": True, "b2b_state": "approved"})
        return partner

    root, subsidiaries = build_group(
        env, company, "Bench Group 1000", (10, 40, 150, 800)
    )
    root.user_id = env.user
    env.flush_all()
    fields = [
        "b2b_effective_pricelist_id",
        "b2b_effective_payment_term_id",
        "b2b_effective_pay_later",
        "b2b_effective_user_id",
        "b2b_effective_group_ids",
    ]

    def effective(partners):
        def read():
            env.invalidate_all()
            partners.read(fields)

        return read

    effective(subsidiaries[:10])()  # warm the caches
    before = env.cr.sql_log_count
    effective(subsidiaries[-10:])()
    results["group_effective_10_queries"] = env.cr.sql_log_count - before
    before = env.cr.sql_log_count
    effective(subsidiaries)()
    results["group_effective_1000_queries"] = env.cr.sql_log_count - before
    results["group_effective_1000_ms"] = round(measure(effective(subsidiaries)), 2)


def native_order_create(env, results):
    """Odoo's own sale.order.create with the 200 lines of the quick order."""
    Partner = env["res.partner"]
    buyer = Partner.search([("name", "=", "Quick Buyer")], limit=1)
    products = env["product.product"].search(
        [("default_code", "=like", "Q%")], order="default_code", limit=201
    )[1:]
    lines = [
        (0, 0, {"product_id": product.id, "product_uom_qty": 1 + index % 5})
        for index, product in enumerate(products, start=1)
    ]

    def create():
        env.cr.execute("SAVEPOINT bench_native_order")
        env["sale.order"].create({"partner_id": buyer.id, "order_line": lines})
        env.flush_all()
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_native_order")
        env.invalidate_all()

    results["native_order_create_200_ms"] = round(measure(create), 2)
    before = env.cr.sql_log_count
    create()
    results["native_order_create_200_queries"] = env.cr.sql_log_count - before


def credit_in_process(env, results):
    """Exposure of 1,000 companies at once, and what the credit check adds
    to Odoo's own confirmation."""
    Partner = env["res.partner"]
    companies = Partner.search(
        [("is_company", "=", True), ("name", "=like", "Company %")], limit=1000
    )
    few = companies[:10]

    def exposure(partners):
        def read():
            env.invalidate_all()
            partners.mapped("b2b_credit_exposure")

        return read

    exposure(companies[10:20])()  # warm the caches
    before = env.cr.sql_log_count
    exposure(few)()
    results["credit_exposure_queries_10"] = env.cr.sql_log_count - before
    before = env.cr.sql_log_count
    exposure(companies)()
    results["credit_exposure_queries_1000"] = env.cr.sql_log_count - before
    results["credit_exposure_batch_ms"] = round(measure(exposure(companies)), 2)

    product = env["product.product"].create({"name": "Bench", "list_price": 10})
    buyer = Partner.search([("name", "=", "Plain Buyer")], limit=1)
    credit_admin = Partner.search([("name", "=", "Admin credit")], limit=1)

    def confirm(partner):
        """(queries, ms) of Odoo's confirmation of a new order of
        ``partner``, rolled back afterwards."""
        env.cr.execute("SAVEPOINT bench_confirm")
        order = env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [(0, 0, {"product_id": product.id})],
            }
        )
        env.flush_all()
        env.invalidate_all()
        before = env.cr.sql_log_count
        start = time.perf_counter()
        order.action_confirm()
        env.flush_all()
        elapsed = (time.perf_counter() - start) * 1000
        used = env.cr.sql_log_count - before
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_confirm")
        env.invalidate_all()
        return used, elapsed

    base_admin = Partner.search([("name", "=", "Admin credit_base")], limit=1)
    for partner in (buyer, credit_admin, base_admin):
        confirm(partner)  # warm-up
    results["native_confirm_queries"] = confirm(buyer)[0]
    results["credit_confirm_queries"] = confirm(credit_admin)[0]
    locked, unlimited = [], []
    for _ in range(RUNS):  # alternately: the same load on both
        locked.append(confirm(credit_admin)[1])
        unlimited.append(confirm(base_admin)[1])
    # confirming an order of a customer with a credit limit (its row
    # locked, its exposure read) against the same confirmation for a B2B
    # customer without a limit
    results["confirm_locked_ms"] = round(statistics.median(locked), 2)
    results["confirm_unlimited_ms"] = round(statistics.median(unlimited), 2)


def bench_server():
    """Odoo serving the big database over HTTP (one worker thread); the
    query count of each request is read from its access log line."""
    return OdooServer(
        BIG_DB,
        HTTP_PORT,
        os.path.join(HERE, "server.log"),
        ["--workers=0", "--max-cron-threads=0"],
    )


def reseller_customer_ids():
    """100 customers of the reseller with 10,000."""
    return psql(
        BIG_DB,
        "SELECT id FROM res_partner WHERE b2b_reseller_id = (SELECT id FROM"
        " res_partner WHERE name = 'Bench Reseller 10000') ORDER BY id LIMIT 100",
    ).split()


def over_http(results):
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(BIG_DB).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        logins = prepare_portal_data(env)
        quote_data = quote.prepare(env)
        invoice_logins = invoicing.prepare_http(env)
        cr.commit()
        # what autovacuum does after a bulk load
        psql(BIG_DB, "VACUUM ANALYZE account_move_line")
        credit_in_process(env, results)
        native_order_create(env, results)
        cr.rollback()
        group_in_process(env, results)
        cr.rollback()
    with bench_server() as server:
        for size in (10, 10_000):
            session = server.session(logins[f"reseller_{size}"])
            ms, queries = server.page(session, "/my/customers")
            results[f"portal_customers_queries_{size}"] = queries
            if size == 10_000:
                results["portal_customers_ms_10000"] = ms
                batch.portal_bulk(
                    server, session, reseller_customer_ids(), results, csrf
                )
        session = server.session(logins["buyer"])
        ms, queries = server.page(session, "/my/orders")
        results["native_my_orders_ms_10000"] = ms
        results["native_my_orders_queries_10000"] = queries
        for size in GROUP_SHAPES:
            session = server.session(logins[f"group_{size}"])
            ms, queries = server.page(session, "/my/orders")
            results[f"group_orders_queries_{size}"] = queries
            if size == 50:
                results["group_orders_ms"] = ms
        for key in ("credit_base", "credit"):
            session = server.session(logins[key])
            ms, queries = server.page(session, "/my/b2b")
            results[f"{key.replace('credit', 'credit_portal')}_ms"] = ms
            results[f"{key.replace('credit', 'credit_portal')}_queries"] = queries
        session = server.session(logins["quick"])
        ms, queries = server.page(session, "/my/quick-order?search=Q0123")
        results["quick_order_search_ms"] = ms
        results["quick_order_search_queries"] = queries
        page = session.get(f"{server.url}/my/quick-order")
        token = csrf(page.text)

        def quick_order():
            response = session.post(
                f"{server.url}/my/quick-order",
                data={
                    "lines": quick_order_lines(200),
                    "step": "order",
                    "csrf_token": token,
                },
                allow_redirects=False,
            )
            assert response.status_code in (302, 303), response.status_code

        results["quick_order_200_ms"] = round(measure(quick_order), 2)
        results["quick_order_200_queries"] = server.last_query_count("/my/quick-order")
        approvals.measure_http(
            server, logins, logins["approval_data"], results, measure, csrf
        )
        quote.measure_http(server, quote_data, results)
        invoicing.measure_http(server, invoice_logins, results)
        for size in (10, 500):
            session = server.session(logins[f"company_{size}"])
            ms, queries = server.page(session, "/my/company")
            results[f"portal_company_queries_{size}"] = queries
            results[f"portal_company_ms_{size}"] = ms
        counter = iter(range(1, 1_000_000))

        def signup(b2b):
            session = server.session()
            number = next(counter)
            page = session.get(f"{server.url}/web/signup")
            login = f"signup{number}{'b2b' if b2b else ''}@bench{number}.example.com"
            data = {
                "name": f"Sign Up {number}",
                "login": login,
                "password": "Bench-Password-1",
                "confirm_password": "Bench-Password-1",
                "csrf_token": csrf(page.text),
            }
            if b2b:
                data.update(
                    {
                        "is_b2b": "1",
                        "company_name": f"Sign Up Company {number}",
                        "vat": belgian_vat(number),
                        "b2b_department": "Purchasing",
                    }
                )
            start = time.perf_counter()
            response = session.post(
                f"{server.url}/web/signup", data=data, allow_redirects=False
            )
            elapsed = (time.perf_counter() - start) * 1000
            assert response.status_code in (302, 303), (b2b, response.status_code)
            return elapsed

        for key, b2b in (("native_signup", False), ("signup", True)):
            signup(b2b)  # warm-up
            timings, queries = [], []
            for _run in range(RUNS):
                timings.append(signup(b2b))
                queries.append(server.last_query_count("/web/signup"))
            results[f"{key}_ms"] = round(statistics.median(timings), 2)
            # the POST's count: each sign-up's GET of the form is logged before it
            results[f"{key}_queries"] = int(statistics.median(queries))


def main():
    results = {"partners": PARTNERS}
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{BASE_DB}'")
    if not exists:
        print(f"building {BASE_DB} with {DEPENDS} ...", flush=True)
        run_odoo(BASE_DB, "-i", DEPENDS)
    for db in (EMPTY_DB, BIG_DB):
        sh("dropdb", "--if-exists", "--force", db)
        sh("createdb", "-T", BASE_DB, db)
    print(f"inserting {PARTNERS} partners ...", flush=True)
    insert_partners(BIG_DB, PARTNERS)
    empty_s = run_odoo(EMPTY_DB, "-i", "b2b_customer")
    big_s = run_odoo(BIG_DB, "-i", "b2b_customer")
    results["install_empty_s"] = round(empty_s, 1)
    results["install_big_s"] = round(big_s, 1)
    results["install_extra_s"] = round(big_s - empty_s, 1)
    add_b2b_data(BIG_DB, PARTNERS)
    # what autovacuum does on a live database after a bulk load
    psql(BIG_DB, "VACUUM ANALYZE res_partner")
    psql(BIG_DB, "VACUUM ANALYZE b2b_reachability")
    in_process(results)
    print("measuring the portal over HTTP ...", flush=True)
    over_http(results)
    print("measuring the shop's cart page ...", flush=True)
    shop.run(PREFIX, HTTP_PORT, results)
    print("measuring assortments ...", flush=True)
    assortment.run(PREFIX, HTTP_PORT, results)
    results["machine"] = {
        "nproc": os.cpu_count(),
        "memory": sh("free", "-h").stdout.splitlines()[1].split()[1],
    }
    results["postgresql"] = psql("postgres", "SHOW server_version")
    import odoo.release  # noqa: PLC0415

    results["odoo"] = odoo.release.version
    with open(os.path.join(HERE, "results.json"), "w") as handle:
        json.dump(results, handle, indent=2)
    rows = bench_rows(results)
    print(f"\nb2b_customer benchmark, {PARTNERS} partners\n")
    print_table(rows)
    return 0


if __name__ == "__main__":
    sys.exit(main())
