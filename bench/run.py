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
import subprocess
import sys
import time

HERE = os.path.dirname(os.path.abspath(__file__))
PARTNERS = int(os.environ.get("BENCH_PARTNERS", "100000"))
RUNS = max(int(os.environ.get("BENCH_RUNS", "5")), 5)
ODOO_BIN = os.environ["ODOO_BIN"].split()
ADDONS = os.environ["ADDONS_PATH"]
DEPENDS = "contacts,portal,auth_signup,sale,base_vat,mail"
BASE_DB, EMPTY_DB, BIG_DB = "bench_base", "bench_empty", "bench_big"


def sh(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def psql(db, sql):
    return sh(
        "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-tAc", sql
    ).stdout.strip()


def run_odoo(db, *args):
    start = time.monotonic()
    subprocess.run(
        [
            *ODOO_BIN,
            "-d",
            db,
            f"--addons-path={ADDONS}",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
            *args,
        ],
        check=True,
        capture_output=True,
    )
    return time.monotonic() - start


def insert_partners(db, count):
    """20 % companies, the rest their contacts, in two INSERT ... SELECT."""
    companies = max(count // 5, 1)
    psql(
        db,
        f"""
        INSERT INTO res_partner (
            name, complete_name, is_company, active, type, email, city,
            country_id, lang, tz, create_date, write_date, autopost_bills)
        SELECT 'Company ' || g, 'Company ' || g, TRUE, TRUE, 'contact',
               'info' || g || '@company' || g || '.example.com',
               'City ' || (g % 500),
               (SELECT id FROM res_country
                 WHERE code = (ARRAY['DE','NL','BE','FR','GB'])[1 + g % 5]),
               'en_US',
               (ARRAY['Europe/Berlin','Europe/London',
                      'America/New_York','Asia/Tokyo'])[1 + g % 4],
               now(), now(), 'ask'
          FROM generate_series(1, {companies}) g;
        UPDATE res_partner SET commercial_partner_id = id
         WHERE commercial_partner_id IS NULL;
        INSERT INTO res_partner (
            name, complete_name, is_company, active, type, email, parent_id,
            commercial_partner_id, lang, tz, create_date, write_date,
            autopost_bills)
        SELECT 'Contact ' || g, 'Company ' || p.id || ', Contact ' || g,
               FALSE, TRUE, 'contact', 'person' || g || '@example.com',
               p.id, p.id, 'en_US', p.tz, now(), now(), 'ask'
          FROM generate_series(1, {count - companies}) g
          JOIN LATERAL (SELECT id, tz FROM res_partner WHERE is_company
                         ORDER BY id OFFSET (g % {companies}) LIMIT 1) p
            ON TRUE;
        ANALYZE res_partner;
    """,
    )


def add_b2b_data(db):
    """1 % of the partners' companies pending, 30 % of partners with hours."""
    psql(
        db,
        f"""
        UPDATE res_partner SET is_b2b = TRUE, b2b_state = 'pending',
               b2b_request_date = now() - interval '2 hours',
               b2b_deadline = now() + interval '22 hours',
               b2b_credit_check = 'not_checked'
         WHERE id IN (SELECT id FROM res_partner WHERE is_company ORDER BY id
                      LIMIT GREATEST({PARTNERS} / 100, 1));
        INSERT INTO b2b_reachability (
            partner_id, dayofweek, hour_from, hour_to, tz, utc_offset,
            utc_start, utc_end, create_date, write_date)
        SELECT p.id, d::text, 8, 18, 'UTC', 0, d * 1440 + 480,
               d * 1440 + 1080, now(), now()
          FROM res_partner p CROSS JOIN generate_series(0, 4) d
         WHERE p.id % 10 < 3;
        ANALYZE res_partner; ANALYZE b2b_reachability;
    """,
    )


def measure(func, runs=RUNS):
    func()  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


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
        cr.rollback()


def main():
    results = {"partners": PARTNERS}
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{BASE_DB}'")
    if not exists:
        print(f"building {BASE_DB} with {DEPENDS} ...", flush=True)
        run_odoo(BASE_DB, "-i", DEPENDS)
    for db in (EMPTY_DB, BIG_DB):
        sh("dropdb", "--if-exists", db)
        sh("createdb", "-T", BASE_DB, db)
    print(f"inserting {PARTNERS} partners ...", flush=True)
    insert_partners(BIG_DB, PARTNERS)
    empty_s = run_odoo(EMPTY_DB, "-i", "b2b_customer")
    big_s = run_odoo(BIG_DB, "-i", "b2b_customer")
    results["install_empty_s"] = round(empty_s, 1)
    results["install_big_s"] = round(big_s, 1)
    results["install_extra_s"] = round(big_s - empty_s, 1)
    add_b2b_data(BIG_DB)
    in_process(results)
    results["machine"] = {
        "nproc": os.cpu_count(),
        "memory": sh("free", "-h").stdout.splitlines()[1].split()[1],
    }
    results["postgresql"] = psql("postgres", "SHOW server_version")
    import odoo.release  # noqa: PLC0415

    results["odoo"] = odoo.release.version
    results["not_measured"] = [
        "portal_customers_*",
        "portal_company_*",
        "signup_ms",
        "native_signup_ms",
        "native_my_orders_ms_10000",
    ]
    with open(os.path.join(HERE, "results.json"), "w") as handle:
        json.dump(results, handle, indent=2)
    anchor = results["native_contacts_list_ms"]
    rows = [
        (
            "install_extra_s",
            results["install_extra_s"],
            "-",
            "<= 30 s at 1,000,000",
            results["install_extra_s"] <= 30,
        ),
        (
            "approval_queue_ms",
            results["approval_queue_ms"],
            anchor,
            "<= 1.2 x anchor",
            results["approval_queue_ms"] <= 1.2 * anchor,
        ),
        (
            "approval_queue_queries",
            results["approval_queue_queries"],
            results["native_contacts_list_queries"],
            "<= anchor + 1",
            results["approval_queue_queries"]
            <= results["native_contacts_list_queries"] + 1,
        ),
        (
            "reachable_now_ms",
            results["reachable_now_ms"],
            anchor,
            "<= 2 x anchor",
            results["reachable_now_ms"] <= 2 * anchor,
        ),
        (
            "bulk_approve_s",
            results["bulk_approve_s"],
            "-",
            "<= 15 s",
            results["bulk_approve_s"] <= 15,
        ),
        (
            "bulk_approve_queries_per_account",
            results["bulk_approve_queries_per_account"],
            "-",
            "<= 12",
            results["bulk_approve_queries_per_account"] <= 12,
        ),
    ]
    print(f"\nb2b_customer benchmark, {PARTNERS} partners\n")
    print(f"{'key':36} {'value':>10} {'anchor':>10}  target                 result")
    for key, value, anchor_value, target, ok in rows:
        verdict = "PASS" if ok else "FAIL"
        print(f"{key:36} {value!s:>10} {anchor_value!s:>10}  {target:22} {verdict}")
    print("\nnot measured yet: " + ", ".join(results["not_measured"]))
    return 0


if __name__ == "__main__":
    sys.exit(main())
