"""The data of the benchmark and the load test (make bench, make load),
built on the real stack: partners inserted in bulk with SQL, rows cloned
with INSERT ... SELECT, and the portal users and documents the HTTP
measurements log in with (companies of 10 and 500 users, resellers,
credit, quick order, approvals, groups of companies)."""

import os

import approvals
from server import psql

#: the modules of the base database the bench databases are copied from
DEPENDS = "contacts,portal,auth_signup,sale,base_vat,mail"
#: journal items of the credit measurements (10,000 of them one company's)
MOVE_LINES = int(os.environ.get("BENCH_MOVE_LINES", "1000000"))
#: orders in the database when the portal lists are measured (10,000 of
#: them the plain buyer's, 10,000 the group of companies')
ORDERS = int(os.environ.get("BENCH_ORDERS", "100000"))
#: products of the quick-order measurements, and the pricelist's size
QUICK_PRODUCTS = int(os.environ.get("BENCH_QUICK_PRODUCTS", "50000"))
#: the measured groups of companies: subsidiaries per level below the top
GROUP_SHAPES = {1: (1,), 50: (5, 10, 15, 20)}


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
        SELECT 'Contact ' || g, 'Company ' || c.ids[1 + g % {companies}]
                   || ', Contact ' || g,
               FALSE, TRUE, 'contact', 'person' || g || '@example.com',
               c.ids[1 + g % {companies}], c.ids[1 + g % {companies}], 'en_US',
               (ARRAY['Europe/Berlin','Europe/London',
                      'America/New_York','Asia/Tokyo'])[1 + (1 + g % {companies}) % 4],
               now(), now(), 'ask'
          FROM generate_series(1, {count - companies}) g,
               (SELECT array_agg(id ORDER BY id) AS ids FROM res_partner
                 WHERE is_company AND name LIKE 'Company %') c;
        ANALYZE res_partner;
    """,
    )


def add_b2b_data(db, partners):
    """1 % of the ``partners`` companies pending, 30 % of partners with hours."""
    psql(
        db,
        f"""
        UPDATE res_partner SET is_b2b = TRUE, b2b_state = 'pending',
               b2b_request_date = now() - interval '2 hours',
               b2b_deadline = now() + interval '22 hours',
               b2b_credit_check = 'not_checked'
         WHERE id IN (SELECT id FROM res_partner WHERE is_company ORDER BY id
                      LIMIT GREATEST({int(partners)} / 100, 1));
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


def clone_rows(cr, table, source_id, count, overrides):
    """Insert ``count`` copies of one row in a single INSERT ... SELECT;
    ``overrides`` maps a column to an SQL expression over ``g`` (1..count)."""
    cr.execute(
        "SELECT column_name FROM information_schema.columns"
        " WHERE table_name = %s AND column_name <> 'id'",
        (table,),
    )
    columns = [row[0] for row in cr.fetchall()]
    values = [overrides.get(column, f'"{column}"') for column in columns]
    cr.execute(
        f'INSERT INTO "{table}" ({", ".join(chr(34) + c + chr(34) for c in columns)})'
        f' SELECT {", ".join(values)} FROM "{table}",'
        f" generate_series(1, {int(count)}) g WHERE id = {int(source_id)}"
    )


def prepare_portal_data(env, move_lines=MOVE_LINES):
    """Portal users for the HTTP measurements (committed to the database);
    ``move_lines`` journal items for the credit measurements."""
    Partner = env["res.partner"].sudo()
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    portal = env.ref("base.group_portal")
    icp = env["ir.config_parameter"].sudo()
    icp.set_param("auth_signup.invitation_scope", "b2c")
    for kind in ("signup", "upgrade", "verify"):
        for scope in ("email", "ip"):
            icp.set_param(f"b2b_customer.throttle_{kind}_per_{scope}", 1_000_000)

    def company(name, **vals):
        partner = Partner.create({"name": name, "is_company": True, **vals})
        partner.write({"is_b2b": True, "b2b_state": "approved"})
        return partner

    def user(login, partner, password=True):
        return Users.create(
            {
                "login": login,
                "password": login if password else False,
                "partner_id": partner.id,
                "group_ids": [(6, 0, portal.ids)],
            }
        )

    logins = {}
    for size in (10, 10_000):
        reseller = company(f"Bench Reseller {size}", is_reseller=True)
        contact = Partner.create(
            {
                "name": f"Reseller Admin {size}",
                "parent_id": reseller.id,
                "email": f"reseller{size}@bench.example.com",
                "b2b_role": "admin",
            }
        )
        user(f"bench_reseller_{size}", contact)
        first = Partner.create(
            {
                "name": f"End customer {size}",
                "is_company": True,
                "email": f"end{size}@bench.example.com",
                "b2b_reseller_id": reseller.id,
            }
        )
        env.flush_all()
        clone_rows(
            env.cr,
            "res_partner",
            first.id,
            size - 1,
            {
                "name": "name || ' ' || g",
                "complete_name": "complete_name || ' ' || g",
                "email": "'end' || g || '@bench' || g || '.example.com'",
            },
        )
        env.cr.execute(
            "UPDATE res_partner SET commercial_partner_id = id"
            " WHERE b2b_reseller_id = %s",
            (reseller.id,),
        )
        logins[f"reseller_{size}"] = f"bench_reseller_{size}"
    for size in (10, 500):
        account = company(f"Bench Company {size}")
        admin = Partner.create(
            {
                "name": f"Company Admin {size}",
                "parent_id": account.id,
                "email": f"admin{size}@bench.example.com",
                "b2b_role": "admin",
            }
        )
        user(f"bench_company_{size}", admin)
        colleagues = Partner.create(
            [
                {
                    "name": f"Colleague {size}-{i}",
                    "parent_id": account.id,
                    "email": f"colleague{i}@company{size}.example.com",
                    "b2b_role": "user",
                }
                for i in range(size - 1)
            ]
        )
        Users.create(
            [
                {
                    "login": c.email,
                    "partner_id": c.id,
                    "group_ids": [(6, 0, portal.ids)],
                }
                for c in colleagues
            ]
        )
        logins[f"company_{size}"] = f"bench_company_{size}"
    logins.update(prepare_credit_data(env, company, user, move_lines))
    logins.update(prepare_quick_order_data(env, company, user))
    buyer = Partner.create({"name": "Plain Buyer", "email": "buyer@bench.example.com"})
    user("bench_buyer", buyer)
    order = env["sale.order"].sudo().create({"partner_id": buyer.id})
    order.action_confirm()
    env.flush_all()
    clone_rows(
        env.cr,
        "sale_order",
        order.id,
        9_999,
        {
            "name": "'SB' || lpad(g::text, 6, '0')",
            "access_token": "NULL",
        },
    )
    approval_logins, logins["approval_data"] = approvals.prepare(
        env, company, user, clone_rows
    )
    logins.update(approval_logins)
    logins.update(prepare_group_data(env, company, user))
    # the other orders of the database, among the companies of the bench
    env.cr.execute(
        "SELECT min(id), count(*) FROM res_partner"
        " WHERE is_company AND name LIKE 'Company %%'"
    )
    first, count = env.cr.fetchone()
    env.cr.execute("SELECT count(*) FROM sale_order")
    (existing,) = env.cr.fetchone()
    clone_rows(
        env.cr,
        "sale_order",
        order.id,
        max(ORDERS - existing, 0),
        {
            "name": "'SO' || lpad(g::text, 7, '0')",
            "access_token": "NULL",
            "partner_id": f"{int(first)} + g % {int(count)}",
            "partner_invoice_id": f"{int(first)} + g % {int(count)}",
            "partner_shipping_id": f"{int(first)} + g % {int(count)}",
        },
    )
    env.cr.execute("ANALYZE res_partner; ANALYZE sale_order; ANALYZE res_users")
    logins["buyer"] = "bench_buyer"
    return logins


def build_group(env, company, name, shape):
    """A B2B company and subsidiaries on ``len(shape)`` levels below it
    (``shape[i]`` companies on level i + 1, spread over the level above);
    returns the top company and the subsidiaries."""
    Partner = env["res.partner"].sudo()
    root = company(name)
    parents, subsidiaries = [root], Partner.browse()
    for level, size in enumerate(shape, start=1):
        created = Partner.create(
            [
                {
                    "name": f"{name} L{level}-{index}",
                    "is_company": True,
                    "parent_id": parents[index % len(parents)].id,
                }
                for index in range(size)
            ]
        )
        created.write({"is_b2b": True, "b2b_state": "approved"})
        parents, subsidiaries = list(created), subsidiaries | created
    return root, subsidiaries


def prepare_group_data(env, company, user):
    """Groups of companies of 1 and of 50 subsidiaries (5 levels), each with
    an administrator who sees the group; the 50 share 10,000 orders (the
    group of 1, 200)."""
    Partner = env["res.partner"].sudo()
    logins = {}
    for size, shape in GROUP_SHAPES.items():
        root, subsidiaries = build_group(env, company, f"Bench Group {size}", shape)
        admin = Partner.create(
            {
                "name": f"Group Admin {size}",
                "parent_id": root.id,
                "email": f"group{size}@bench.example.com",
                "b2b_role": "admin",
                "b2b_scope": "group",
            }
        )
        user(f"bench_group_{size}", admin)
        buyers = admin | Partner.create(
            [
                {
                    "name": f"Buyer of {sub.name}",
                    "parent_id": sub.id,
                    "b2b_role": "user",
                }
                for sub in subsidiaries
            ]
        )
        order = env["sale.order"].sudo().create({"partner_id": admin.id})
        order.action_confirm()
        env.flush_all()
        ids = ",".join(str(pid) for pid in buyers.ids)
        partner = f"(ARRAY[{ids}])[1 + g % {len(buyers)}]"
        clone_rows(
            env.cr,
            "sale_order",
            order.id,
            (10_000 if size == 50 else 200) - 1,
            {
                "name": f"'SG{size}-' || lpad(g::text, 6, '0')",
                # tokens given: the page does not write them for its orders
                "access_token": "gen_random_uuid()::text",
                "partner_id": partner,
                "partner_invoice_id": partner,
                "partner_shipping_id": partner,
            },
        )
        logins[f"group_{size}"] = f"bench_group_{size}"
    return logins


def prepare_credit_data(env, company, user, move_lines):
    """Two B2B companies with an administrator each: one with a credit limit
    and 10,000 open invoice lines among ``move_lines`` journal items, one without
    a limit (the anchor of the credit block)."""
    Partner = env["res.partner"].sudo()
    logins = {}
    accounts = {}
    for key in ("credit", "credit_base"):
        account = company(f"Bench {key}", b2b_allow_pay_later=True)
        admin = Partner.create(
            {
                "name": f"Admin {key}",
                "parent_id": account.id,
                "email": f"{key}@bench.example.com",
                "b2b_role": "admin",
            }
        )
        user(f"bench_{key}", admin)
        logins[key] = f"bench_{key}"
        accounts[key] = account
    accounts["credit"].credit_limit = 1_000_000_000
    invoice = (
        env["account.move"]
        .sudo()
        .create(
            {
                "move_type": "out_invoice",
                "partner_id": accounts["credit"].id,
                "invoice_line_ids": [
                    (0, 0, {"name": "Goods", "quantity": 1, "price_unit": 10.0})
                ],
            }
        )
    )
    invoice.action_post()
    env.flush_all()
    receivable = invoice.line_ids.filtered(
        lambda line: line.account_id.account_type == "asset_receivable"
    )
    clone_rows(env.cr, "account_move_line", receivable.id, 9_999, {})
    env.cr.execute(
        "SELECT min(id), count(*) FROM res_partner"
        " WHERE is_company AND name LIKE 'Company %%'"
    )
    first, count = env.cr.fetchone()
    clone_rows(
        env.cr,
        "account_move_line",
        receivable.id,
        max(move_lines - 10_000, 0),
        {"partner_id": f"{int(first)} + g % {int(count)}"},
    )
    env.cr.execute("ANALYZE account_move_line")
    return logins


def prepare_quick_order_data(env, company, user):
    """A B2B company ordering online with a pricelist of QUICK_PRODUCTS
    items, one per product (products Q000001... with a product code)."""
    Partner = env["res.partner"].sudo()
    account = company("Bench Quick Order")
    admin = Partner.create(
        {
            "name": "Quick Buyer",
            "parent_id": account.id,
            "email": "quick@bench.example.com",
            "b2b_role": "admin",
        }
    )
    user("bench_quick", admin)
    product = env["product.product"].create(
        {"name": "Quick 0", "default_code": "Q000000", "list_price": 10.0}
    )
    pricelist = env["product.pricelist"].create({"name": "Bench 50k"})
    item = env["product.pricelist.item"].create(
        {
            "pricelist_id": pricelist.id,
            "applied_on": "1_product",
            "product_tmpl_id": product.product_tmpl_id.id,
            "compute_price": "percentage",
            "percent_price": 10,
        }
    )
    account.property_product_pricelist = pricelist
    env.flush_all()
    cr = env.cr
    cr.execute("SELECT COALESCE(max(id), 0) FROM product_template")
    (last_template,) = cr.fetchone()
    clone_rows(
        cr,
        "product_template",
        product.product_tmpl_id.id,
        QUICK_PRODUCTS,
        {"name": """jsonb_build_object('en_US', 'Quick ' || g)"""},
    )
    cr.execute(
        "SELECT id FROM product_template WHERE id > %s ORDER BY id", (last_template,)
    )
    templates = [row[0] for row in cr.fetchall()]
    clone_rows(
        cr,
        "product_product",
        product.id,
        len(templates),
        {
            "product_tmpl_id": f"{templates[0]} + g - 1",
            "default_code": "'Q' || lpad(g::text, 6, '0')",
        },
    )
    clone_rows(
        cr,
        "product_pricelist_item",
        item.id,
        len(templates),
        {"product_tmpl_id": f"{templates[0]} + g - 1"},
    )
    cr.execute(
        "ANALYZE product_template; ANALYZE product_product;"
        " ANALYZE product_pricelist_item"
    )
    return {"quick": "bench_quick"}


def quick_order_lines(count):
    return "\n".join(f"Q{index:06d};{1 + index % 5}" for index in range(1, count + 1))
