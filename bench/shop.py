"""The webshop row of make bench: the shop's cart page (``/shop/cart``, 20
lines) of a B2B customer whose customer group gives a 20 % pricelist, next
to the same page of a customer without the module's rules, in the same run.

The row needs website_sale, which the module does not depend on: it has a
database of its own (``<prefix>_shop``), copied from a template with
website_sale installed (``<prefix>_shop_base``, built once like the other
rows' template), so the other rows' databases stay as they are."""

import os
import sys

from server import ADDONS, OdooServer, psql, run_odoo, sh

HERE = os.path.dirname(os.path.abspath(__file__))
LINES = 20


def prepare(db):
    """Products, a customer group with a 20 % pricelist, a B2B company and
    its buyer, a plain customer; returns the logins and the (template id,
    product id) of the products."""
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import Command, api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {"tracking_disable": True})
        website = env["website"].get_current_website()
        products = env["product.product"].create(
            [
                {
                    "name": f"Shop Bench {number:02d}",
                    "type": "service",
                    "list_price": 10.0 + number,
                    "taxes_id": [Command.clear()],
                    "is_published": True,
                    "website_id": website.id,
                }
                for number in range(LINES)
            ]
        )
        pricelist = env["product.pricelist"].create(
            {
                "name": "Shop Bench Dealers -20%",
                "item_ids": [
                    Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "percentage",
                            "percent_price": 20,
                        }
                    )
                ],
            }
        )
        group = env["b2b.customer.group"].create(
            {"name": "Shop Bench Dealers", "pricelist_id": pricelist.id}
        )
        Partner = env["res.partner"]
        address = {
            "street": "Rue du Commerce 1",
            "city": "Brussels",
            "zip": "1000",
            "country_id": env.ref("base.be").id,
        }
        company = Partner.create(
            {"name": "Shop Bench Trading", "is_company": True, **address}
        )
        company.write(
            {
                "is_b2b": True,
                "b2b_state": "approved",
                "b2b_group_ids": [Command.set(group.ids)],
            }
        )
        logins = {}
        for key, parent in (("b2b", company), ("plain", Partner)):
            login = f"shop_bench_{key}"
            partner = Partner.create(
                {
                    "name": f"Shop Bench {key}",
                    "email": f"{login}@bench.example.com",
                    "parent_id": parent.id,
                    "b2b_role": "admin" if parent else False,
                    **address,
                }
            )
            env["res.users"].create(
                {
                    "login": login,
                    "password": login,
                    "partner_id": partner.id,
                    "group_ids": [Command.set(env.ref("base.group_portal").ids)],
                }
            )
            logins[key] = login
        cr.commit()
        return logins, [(p.product_tmpl_id.id, p.id) for p in products]


def fill_cart(server, session, products):
    for template_id, product_id in products:
        response = session.post(
            f"{server.url}/shop/cart/add",
            json={
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "product_template_id": template_id,
                    "product_id": product_id,
                },
            },
        )
        response.raise_for_status()
        assert "error" not in response.json(), response.json()


def run(prefix, port, results):
    """Build the shop database and measure the cart page of both customers."""
    base, db = f"{prefix}_shop_base", f"{prefix}_shop"
    exists = psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{base}'")
    if not exists:
        print(f"building {base} with website_sale ...", flush=True)
        run_odoo(base, "-i", "website_sale")
    sh("dropdb", "--if-exists", "--force", db)
    sh("createdb", "-T", base, db)
    run_odoo(db, "-i", "b2b_customer")
    logins, products = prepare(db)
    server = OdooServer(
        db,
        port,
        os.path.join(HERE, "server_shop.log"),
        ["--workers=0", "--max-cron-threads=0"],
    )
    with server:
        sessions = {key: server.session(login) for key, login in logins.items()}
        for session in sessions.values():
            fill_cart(server, session, products)
            # the first page compiles the templates and assets for both
            session.get(f"{server.url}/shop/cart")
        for key, name in (("plain", "native_shop_cart"), ("b2b", "shop_cart")):
            ms, queries = server.page(sessions[key], "/shop/cart")
            results[f"{name}_ms"] = ms
            results[f"{name}_queries"] = queries


def rows(results):
    return [
        (
            "shop_cart_ms",
            results["shop_cart_ms"],
            results["native_shop_cart_ms"],
            "<= 1.2 x anchor",
            results["shop_cart_ms"] <= 1.2 * results["native_shop_cart_ms"],
        ),
    ]
