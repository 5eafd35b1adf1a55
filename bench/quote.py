"""The negotiable-quote row of make bench: the portal page of a quote of
200 lines with 10 revisions (its comparison with the request and its
history), next to Odoo's own quotation page of 200 lines of the same buyer,
in the same run.

Run alone (a database with b2b_customer installed, a free port):
``python3 bench/quote.py <db> <port>``; it prints the two rows."""

import json
import os
import sys

from server import ADDONS, OdooServer

HERE = os.path.dirname(os.path.abspath(__file__))
LINES = 200
REVISIONS = 10


def prepare(env):
    """A B2B buyer (portal user ``quote_bench_buyer``), an ordinary
    quotation of LINES lines and a quote of LINES lines negotiated over
    REVISIONS revisions (the request, then offers and counter-offers);
    returns the login and the two orders' portal URLs. The caller
    commits."""
    from odoo import Command  # noqa: PLC0415

    env = env(context=dict(env.context, tracking_disable=True))
    Partner = env["res.partner"].sudo()
    products = env["product.product"].create(
        [
            {
                "name": f"Quote Bench {number:03d}",
                "default_code": f"QB{number:03d}",
                "list_price": 10.0 + number,
                "taxes_id": [Command.clear()],
            }
            for number in range(LINES)
        ]
    )
    company = Partner.create({"name": "Quote Bench Trading", "is_company": True})
    company.write({"is_b2b": True, "b2b_state": "approved"})
    buyer = Partner.create(
        {
            "name": "Quote Bench Buyer",
            "email": "quote_bench_buyer@bench.example.com",
            "parent_id": company.id,
            "b2b_role": "admin",
        }
    )
    login = "quote_bench_buyer"
    env["res.users"].sudo().with_context(no_reset_password=True).create(
        {
            "login": login,
            "password": login,
            "partner_id": buyer.id,
            "group_ids": [Command.set(env.ref("base.group_portal").ids)],
        }
    )
    native = env["sale.order"].create(
        {
            "partner_id": buyer.id,
            "order_line": [
                Command.create({"product_id": p.id, "product_uom_qty": 10})
                for p in products
            ],
        }
    )
    native.action_quotation_sent()
    Quick = env["b2b.quick.order"].sudo()
    quote = env["sale.order"]._b2b_quote_create_request(
        buyer,
        [{"product": p, "quantity": 10, "requested_price_unit": 9.0} for p in products],
        buyer,
        Quick._b2b_default_delivery(buyer),
        {"message": "Bench request"},
    )
    step = 1
    while len(quote.b2b_quote_revision_ids) < REVISIONS:
        for line in quote.order_line:
            line.price_unit = line.price_unit * 0.99
        quote.action_b2b_quote_send_offer()
        if len(quote.b2b_quote_revision_ids) == REVISIONS:
            break
        step += 1
        quote._b2b_quote_counter(
            buyer,
            {
                line: {"quantity": 10 + step, "requested_price_unit": 8.0}
                for line in quote.order_line
            },
            "Bench counter",
        )
    return {
        "login": login,
        "native_url": native.get_portal_url(),
        "quote_url": quote.get_portal_url(),
    }


def measure_http(server, data, results):
    """Both pages over HTTP, by the same buyer."""
    session = server.session(data["login"])
    for key in ("native_url", "quote_url"):
        # the first page compiles the templates and assets
        session.get(f"{server.url}{data[key]}")
    for key, name in (
        ("native_url", "native_quotation_page"),
        ("quote_url", "quote_page"),
    ):
        ms, queries = server.page(session, data[key])
        results[f"{name}_ms"] = ms
        results[f"{name}_queries"] = queries


def rows(results):
    return [
        (
            "quote_page_ms",
            results["quote_page_ms"],
            results["native_quotation_page_ms"],
            "<= 1.3 x anchor",
            results["quote_page_ms"] <= 1.3 * results["native_quotation_page_ms"],
        ),
        (
            "quote_page_queries",
            results["quote_page_queries"],
            results["native_quotation_page_queries"],
            "<= anchor + 15",
            results["quote_page_queries"]
            <= results["native_quotation_page_queries"] + 15,
        ),
    ]


def main(db, port):
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    with Registry(db).cursor() as cr:
        data = prepare(api.Environment(cr, odoo.SUPERUSER_ID, {}))
        cr.commit()
    results = {}
    server = OdooServer(
        db,
        port,
        os.path.join(HERE, "server_quote.log"),
        ["--workers=0", "--max-cron-threads=0"],
    )
    with server:
        measure_http(server, data, results)
    print(json.dumps(results, indent=2))
    for row in rows(results):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]))
