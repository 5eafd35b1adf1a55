"""The database of the load test (make load): the bench's data (bench/data.py)
plus what the load adds, built once into the template database
``<LOAD_DB_PREFIX>_load_template`` and reused while the partner count and
the module's code are the same (LOAD_REBUILD=1 rebuilds it; a changed module
is updated in place); each run serves a copy, DB, dropped afterwards."""

import hashlib
import json
import os
import sys

from server import ADDONS, psql, run_odoo, sh

import data

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

PARTNERS = int(
    os.environ.get("LOAD_PARTNERS", os.environ.get("BENCH_PARTNERS", "100000"))
)
MOVE_LINES = int(os.environ.get("LOAD_MOVE_LINES", data.MOVE_LINES))
PREFIX = os.environ.get("LOAD_DB_PREFIX", os.environ.get("BENCH_DB_PREFIX", "bench"))
BASE_DB = f"{PREFIX}_base"
TEMPLATE_DB = f"{PREFIX}_load_template"
DB = f"{PREFIX}_load"


def module_hash():
    """Hash of the module's code and data (not its tests, bench or docs):
    the template is updated when it changes."""
    digest = hashlib.sha256()
    skip = {"bench", "tests", "docs", "i18n", ".git", "static", "scripts"}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".xml", ".csv")):
                path = os.path.join(folder, name)
                digest.update(path[len(ROOT) :].encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()[:16]


def db_exists(name):
    return bool(psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'"))


def get_param(db, key):
    return psql(db, f"SELECT value FROM ir_config_parameter WHERE key = '{key}'")


def set_param(db, key, value):
    psql(
        db,
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date)"
        f" VALUES ('{key}', '{value}', now(), now())"
        f" ON CONFLICT (key) DO UPDATE SET value = '{value}'",
    )


def prepare_load_data(env, logins):
    """What the load adds to the bench's portal data: plain B2B users with
    a password, 10,000 orders of the 500-user company (the anchor's buyer
    has as many), the company the back office suspends and reactivates and
    the contact whose role it changes."""
    Partner = env["res.partner"].sudo()
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    company = Partner.search([("name", "=", "Bench Company 500")], limit=1)
    colleagues = company.child_ids.filtered(lambda c: c.b2b_role == "user")
    for index, colleague in enumerate(colleagues[:5]):
        user = colleague.user_ids[:1]
        user.password = user.login
        logins[f"user_{index}"] = user.login
    admin = Partner.search([("name", "=", "Company Admin 500")], limit=1)
    order = env["sale.order"].sudo().create({"partner_id": admin.id})
    order.action_confirm()
    env.flush_all()
    data.clone_rows(
        env.cr,
        "sale_order",
        order.id,
        9_999,
        {"name": "'SL' || lpad(g::text, 6, '0')", "access_token": "NULL"},
    )
    target = Partner.create({"name": "Load Suspended Company", "is_company": True})
    target.write({"is_b2b": True, "b2b_state": "approved"})
    portal = env.ref("base.group_portal")
    members = Partner.create(
        [
            {
                "name": f"Load Member {i}",
                "parent_id": target.id,
                "email": f"member{i}@load.example.com",
                "b2b_role": "admin" if i == 0 else "user",
            }
            for i in range(3)
        ]
    )
    Users.create(
        [
            {"login": m.email, "partner_id": m.id, "group_ids": [(6, 0, portal.ids)]}
            for m in members
        ]
    )
    env.cr.execute("ANALYZE sale_order")
    return {
        "suspend_company_id": target.id,
        "role_contact_id": colleagues[-1].id,
    }


def build_template():
    """The template database: bench data, portal data, load data."""
    if not db_exists(BASE_DB):
        print(f"building {BASE_DB} with {data.DEPENDS} ...", flush=True)
        run_odoo(BASE_DB, "-i", data.DEPENDS)
    sh("dropdb", "--if-exists", "--force", TEMPLATE_DB)
    sh("createdb", "-T", BASE_DB, TEMPLATE_DB)
    print(f"inserting {PARTNERS} partners into {TEMPLATE_DB} ...", flush=True)
    data.insert_partners(TEMPLATE_DB, PARTNERS)
    run_odoo(TEMPLATE_DB, "-i", "b2b_customer")
    data.add_b2b_data(TEMPLATE_DB, PARTNERS)
    print("adding the portal data ...", flush=True)
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api, sql_db  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    with Registry(TEMPLATE_DB).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        logins = data.prepare_portal_data(env, MOVE_LINES)
        targets = prepare_load_data(env, logins)
        cr.commit()
    # no connection of this process may stay open: the template is copied
    Registry.delete(TEMPLATE_DB)
    sql_db.close_db(TEMPLATE_DB)
    for table in ("res_partner", "b2b_reachability", "account_move_line", "sale_order"):
        psql(TEMPLATE_DB, f"VACUUM ANALYZE {table}")
    set_param(TEMPLATE_DB, "b2b_load.logins", json.dumps(logins))
    set_param(TEMPLATE_DB, "b2b_load.targets", json.dumps(targets))
    set_param(TEMPLATE_DB, "b2b_load.size", data_size())
    set_param(TEMPLATE_DB, "b2b_load.module", module_hash())


def data_size():
    return f"{PARTNERS}/{MOVE_LINES}/{data.QUICK_PRODUCTS}"


def prepare_database():
    """Copy the template (built or updated first when needed) to DB."""
    rebuild = os.environ.get("LOAD_REBUILD") or not db_exists(TEMPLATE_DB)
    if not rebuild and get_param(TEMPLATE_DB, "b2b_load.size") != data_size():
        rebuild = True
    if rebuild:
        build_template()
    elif get_param(TEMPLATE_DB, "b2b_load.module") != module_hash():
        print(f"updating b2b_customer in {TEMPLATE_DB} ...", flush=True)
        run_odoo(TEMPLATE_DB, "-u", "b2b_customer")
        set_param(TEMPLATE_DB, "b2b_load.module", module_hash())
    sh("dropdb", "--if-exists", "--force", DB)
    sh("createdb", "-T", TEMPLATE_DB, DB)
    return (
        json.loads(get_param(DB, "b2b_load.logins")),
        json.loads(get_param(DB, "b2b_load.targets")),
    )
