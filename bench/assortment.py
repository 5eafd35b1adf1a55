"""The assortment rows of make bench (issue #31): BENCH_ASSORTMENT_PRODUCTS
products (200,000), an assortment of one product in ten (20,000 lines) for
one B2B company, and the same portal requests of a buyer of that company
and of a buyer of a company without an assortment, in the same run:

- the quick order's search box (``/my/quick-order?search=...``),
- the portal's lookup of a pasted list of 200 codes (the quick order's
  preview, every code in the assortment),
- assigning the assortment to 1,000 companies in one write.

Its database (``<prefix>_assortment``) is a copy of the module's template
(``<prefix>_base``) with the module installed and the products inserted in
bulk with SQL; run alone with ``python3 bench/assortment.py``."""

import os
import statistics
import sys
import time

from server import ADDONS, RUNS, OdooServer, csrf, measure, psql, run_odoo, sh

HERE = os.path.dirname(os.path.abspath(__file__))
PRODUCTS = int(os.environ.get("BENCH_ASSORTMENT_PRODUCTS", "200000"))
#: one product in ASSORTMENT_STEP is in the assortment
ASSORTMENT_STEP = 10
COMPANIES = 1000
PASTED = 200


def code(number):
    return f"AS{number:07d}"


def insert_products(db, count):
    """``count`` products coded AS0000001... copied in SQL from one product
    the ORM created (every column of the template and the variant)."""

    def columns(table):
        names = psql(
            db,
            "SELECT column_name FROM information_schema.columns WHERE table_name ="
            f" '{table}' AND column_name NOT IN ('id') ORDER BY ordinal_position",
        ).split()
        return names

    template_cols = columns("product_template")
    product_cols = [
        c
        for c in columns("product_product")
        if c not in ("product_tmpl_id", "default_code")
    ]
    seed_tmpl, seed_product = psql(
        db,
        "SELECT product_tmpl_id, id FROM product_product"
        " WHERE default_code = 'AS-SEED'",
    ).split("|")
    template_values = [
        "jsonb_build_object('en_US', 'Assortment Bench ' || g)" if c == "name" else c
        for c in template_cols
    ]
    psql(
        db,
        f"""
        WITH t AS (
            INSERT INTO product_template ({", ".join(template_cols)})
            SELECT {", ".join(template_values)}
              FROM product_template, generate_series(1, {count}) g
             WHERE id = {seed_tmpl}
            RETURNING id
        )
        INSERT INTO product_product
               (product_tmpl_id, default_code, {", ".join(product_cols)})
        SELECT t.id, 'AS' || lpad((row_number() OVER (ORDER BY t.id))::text, 7, '0'),
               {", ".join(f"p.{c}" for c in product_cols)}
          FROM t, product_product p
         WHERE p.id = {seed_product}
        """,
    )
    psql(db, "VACUUM ANALYZE product_template")
    psql(db, "VACUUM ANALYZE product_product")


def prepare(db):
    """The seed product, two B2B companies with a buyer each, the
    assortment (lines inserted in SQL) given to the first; returns the
    logins and the assortment's id."""
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import Command, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        env["product.product"].create(
            {
                "name": "Assortment Bench Seed",
                "default_code": "AS-SEED",
                "list_price": 5,
            }
        )
        Partner = env["res.partner"]
        logins = {}
        for key in ("assortment", "plain"):
            company = Partner.create(
                {"name": f"Assortment Bench {key}", "is_company": True}
            )
            company.write(
                {"is_b2b": True, "b2b_state": "approved", "b2b_allow_pay_later": True}
            )
            buyer = Partner.create(
                {"name": f"Buyer {key}", "parent_id": company.id, "b2b_role": "admin"}
            )
            login = f"assortment_bench_{key}"
            env["res.users"].create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": buyer.id,
                    "group_ids": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
            logins[key] = (login, company.id)
        assortment = env["b2b.assortment"].create({"name": "Assortment Bench"})
        env["res.partner"].browse(
            logins["assortment"][1]
        ).b2b_assortment_ids = assortment
        cr.commit()
    insert_products(db, PRODUCTS)
    psql(
        db,
        f"""
        INSERT INTO b2b_assortment_line
               (assortment_id, sequence, mode, product_id,
                create_uid, write_uid, create_date, write_date)
        SELECT {assortment.id}, 10, 'include', id, 1, 1, now(), now()
          FROM product_product
         WHERE default_code LIKE 'AS0%' AND id % {ASSORTMENT_STEP} = 0
        """,
    )
    psql(db, "VACUUM ANALYZE b2b_assortment_line")
    return logins, assortment.id


def pasted_codes(db):
    """200 codes of the assortment, pasted as quick-order lines."""
    codes = psql(
        db,
        "SELECT p.default_code FROM b2b_assortment_line l JOIN product_product p"
        f" ON p.id = l.product_id ORDER BY p.id LIMIT {PASTED}",
    ).split()
    return "\n".join(f"{c};1" for c in codes)


def assign_to_companies(db, assortment_id, results):
    """Assign the assortment to 1,000 companies in one write (in process)."""
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import Command, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415

    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        companies = env["res.partner"].create(
            [
                {"name": f"Assortment Bulk {i}", "is_company": True}
                for i in range(COMPANIES)
            ]
        )
        assortment = env["b2b.assortment"].browse(assortment_id)
        env.flush_all()
        timings, queries = [], []
        for _run in range(RUNS):
            before = cr.sql_log_count
            start = time.perf_counter()
            assortment.write({"partner_ids": [Command.set(companies.ids)]})
            env.flush_all()
            timings.append((time.perf_counter() - start) * 1000)
            queries.append(cr.sql_log_count - before)
            assortment.write({"partner_ids": [Command.clear()]})
            env.flush_all()
        results["assortment_assign_1000_ms"] = round(statistics.median(timings), 2)
        results["assortment_assign_1000_queries"] = max(queries)
        cr.rollback()


def run(prefix, port, results):
    """Build the assortment database and measure both buyers."""
    base, db = f"{prefix}_base", f"{prefix}_assortment"
    sh("dropdb", "--if-exists", "--force", db)
    sh("createdb", "-T", base, db)
    run_odoo(db, "-i", "b2b_customer")
    logins, assortment_id = prepare(db)
    lines = pasted_codes(db)
    server = OdooServer(
        db,
        port,
        os.path.join(HERE, "server_assortment.log"),
        ["--workers=0", "--max-cron-threads=0"],
    )
    with server:
        for key, name in (("plain", "native_assortment"), ("assortment", "assortment")):
            session = server.session(logins[key][0])
            # the first page compiles the templates
            page = session.get(f"{server.url}/my/quick-order")
            token = csrf(page.text)
            ms, queries = server.page(session, "/my/quick-order?search=AS00123")
            results[f"{name}_search_ms"] = ms
            results[f"{name}_search_queries"] = queries

            def paste(session=session, token=token):
                response = session.post(
                    f"{server.url}/my/quick-order",
                    data={"lines": lines, "step": "preview", "csrf_token": token},
                    allow_redirects=False,
                )
                assert response.status_code == 200, response.status_code
                assert "o_b2b_quick_order_total" in response.text

            results[f"{name}_paste_200_ms"] = round(measure(paste), 2)
            results[f"{name}_paste_200_queries"] = server.last_query_count(
                "/my/quick-order"
            )
    assign_to_companies(db, assortment_id, results)


def rows(results):
    rows = []
    for what in ("search", "paste_200"):
        value = results[f"assortment_{what}_ms"]
        anchor = results[f"native_assortment_{what}_ms"]
        rows.append(
            (
                f"assortment_{what}_ms",
                value,
                anchor,
                "<= 1.2 x anchor",
                value <= 1.2 * anchor,
            )
        )
        value = results[f"assortment_{what}_queries"]
        anchor = results[f"native_assortment_{what}_queries"]
        rows.append(
            (
                f"assortment_{what}_queries",
                value,
                anchor,
                "<= anchor + 2",
                value <= anchor + 2,
            )
        )
    rows.append(
        (
            "assortment_assign_1000_queries",
            results["assortment_assign_1000_queries"],
            "-",
            "<= 5",
            results["assortment_assign_1000_queries"] <= 5,
        )
    )
    return rows


def main():
    """Run the assortment rows alone (``BENCH_DB_PREFIX``,
    ``BENCH_HTTP_PORT``); the template database ``<prefix>_base`` is
    built first when it is missing, as make bench builds it."""
    from table import print_table  # noqa: PLC0415

    from data import DEPENDS  # noqa: PLC0415

    prefix = os.environ.get("BENCH_DB_PREFIX", "bench")
    base = f"{prefix}_base"
    if not psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{base}'"):
        print(f"building {base} with {DEPENDS} ...", flush=True)
        run_odoo(base, "-i", DEPENDS)
    results = {"assortment_products": PRODUCTS}
    start = time.monotonic()
    run(prefix, int(os.environ.get("BENCH_HTTP_PORT", "8089")), results)
    results["assortment_run_s"] = round(time.monotonic() - start, 1)
    print(results)
    print_table(rows(results))
    return 0


if __name__ == "__main__":
    sys.exit(main())
