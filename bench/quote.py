"""The negotiable-quote rows of make bench: the portal page of a quote of
200 lines with 10 revisions (its comparison with the request and its
history), next to Odoo's own quotation page of 200 lines of the same buyer;
and the seller's *Quote Requests* list with BENCH_QUOTE_REQUESTS (default
10,000) requests next to Odoo's own quotations list over as many
quotations, in the same run.

Run alone (a database with b2b_customer installed):
``python3 bench/quote.py <db>`` measures the list (in a savepoint rolled
back); ``python3 bench/quote.py <db> <port>`` also the pages over HTTP (on
a free port; their data is committed)."""

import json
import os
import re
import sys

from server import ADDONS, OdooServer, measure

from data import clone_rows

HERE = os.path.dirname(os.path.abspath(__file__))
LINES = 200
REVISIONS = 10
#: quote requests (and plain quotations) of the list rows
REQUESTS = int(os.environ.get("BENCH_QUOTE_REQUESTS", "10000"))
#: lines of each request and quotation of the list rows
LIST_LINES = 3
#: the negotiation states the copied requests go through, in turn
LIST_STATES = ("requested", "offered", "countered", "accepted", "declined", "expired")


def sent_quotation(env, partner, products):
    """An ordinary quotation of Odoo, sent: 10 of each of ``products``."""
    from odoo import Command  # noqa: PLC0415

    quotation = env["sale.order"].create(
        {
            "partner_id": partner.id,
            "order_line": [
                Command.create({"product_id": p.id, "product_uom_qty": 10})
                for p in products
            ],
        }
    )
    quotation.action_quotation_sent()
    return quotation


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
    native = sent_quotation(env, buyer, products)
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


def list_spec(env, model, view_xmlid):
    """The ``web_search_read`` specification of a list view: the fields its
    arch names (as bench/run.py reads the partner lists), a many-to-one
    with its ``display_name`` as the web client asks for it."""
    Model = env[model]
    view = env.ref(view_xmlid)
    arch = Model.get_views([(view.id, "list")])["views"]["list"]["arch"]
    spec = {}
    for name in set(re.findall(r'<field name="([a-z0-9_]+)"', arch)):
        field = Model._fields.get(name)
        if field is None:
            continue
        many2one = field.type == "many2one"
        spec[name] = {"fields": {"display_name": {}}} if many2one else {}
    return spec


def action_domain(env, action_xmlid):
    from odoo.tools.safe_eval import safe_eval  # noqa: PLC0415

    return safe_eval(env.ref(action_xmlid).domain or "[]")


def copy_orders(env, order, count, overrides):
    """``count`` copies of ``order`` in SQL, with its lines and its open
    activities: the order named ``<name>-<n>``, ``overrides`` an SQL
    expression over ``g`` (1..count) per column of ``sale_order``."""
    cr = env.cr
    env.flush_all()
    cr.execute("SELECT COALESCE(MAX(id), 0) FROM sale_order")
    last_id = cr.fetchone()[0]
    clone_rows(
        cr,
        "sale_order",
        order.id,
        count,
        {"name": "name || '-' || g", **overrides},
    )
    for table, link, where in (
        ("sale_order_line", "order_id", "s.order_id = %(source)s"),
        (
            "mail_activity",
            "res_id",
            "s.res_model = 'sale.order' AND s.res_id = %(source)s",
        ),
    ):
        cr.execute(
            "SELECT column_name FROM information_schema.columns"
            " WHERE table_name = %s AND column_name <> 'id'",
            (table,),
        )
        columns = [row[0] for row in cr.fetchall()]
        values = ["o.id" if c == link else f's."{c}"' for c in columns]
        names = ", ".join(f'"{c}"' for c in columns)
        cr.execute(
            f'INSERT INTO "{table}" ({names}) SELECT {", ".join(values)}'
            f' FROM "{table}" s, sale_order o WHERE {where} AND o.id > %(last)s',
            {"source": order.id, "last": last_id},
        )


def list_data(env, count=REQUESTS):
    """``count`` quote requests of a B2B company (one made by the module,
    the others copied in SQL, in turn in each negotiation state, requested
    over the last weeks) and ``count`` plain quotations of another customer
    (one made by Odoo, the others copied), each of LIST_LINES lines.
    Returns the plain quotations' customer."""

    env = env(context=dict(env.context, tracking_disable=True))
    Partner = env["res.partner"].sudo()
    products = env["product.product"].create(
        [
            {"name": f"Quote List {number}", "list_price": 10.0 + number}
            for number in range(LIST_LINES)
        ]
    )
    company = Partner.create({"name": "Quote List Trading", "is_company": True})
    company.write({"is_b2b": True, "b2b_state": "approved"})
    buyer = Partner.create(
        {"name": "Quote List Buyer", "parent_id": company.id, "b2b_role": "admin"}
    )
    customer = Partner.create({"name": "Quotation List Customer", "is_company": True})
    request = env["sale.order"]._b2b_quote_create_request(
        buyer,
        [{"product": p, "quantity": 10, "requested_price_unit": 9.0} for p in products],
        buyer,
        buyer,
        {"message": "Bench request"},
    )
    quotation = sent_quotation(env, customer, products)
    states = ", ".join(f"'{state}'" for state in LIST_STATES)
    state = f"(ARRAY[{states}])[1 + g % {len(LIST_STATES)}]"
    shift = "(g * interval '3 minutes')"
    copy_orders(
        env,
        request,
        count - 1,
        {
            "date_order": f"date_order - {shift}",
            "create_date": f"create_date - {shift}",
            "b2b_quote_state": state,
            "b2b_quote_request_date": f"b2b_quote_request_date - {shift}",
            "b2b_quote_deadline": f"CASE WHEN {state} IN ('requested', 'countered')"
            f" THEN b2b_quote_deadline - {shift} END",
        },
    )
    copy_orders(
        env,
        quotation,
        count - 1,
        {
            "date_order": f"date_order - {shift}",
            "create_date": f"create_date - {shift}",
        },
    )
    env.cr.execute("ANALYZE sale_order")
    env.cr.execute("ANALYZE sale_order_line")
    env.cr.execute("ANALYZE mail_activity")
    env.invalidate_all()
    return customer


def requests_list(env, results, count=REQUESTS):
    """The *Quote Requests* list (its action's domain, the fields of its
    list view) against Odoo's quotations list (``sale.view_quotation_tree``)
    over as many quotations (those of the customer that has ``count`` of
    them): the same ``web_search_read`` of 80 rows as the web client's,
    its time and queries, by the admin user. In a savepoint rolled back."""
    cr = env.cr
    cr.execute("SAVEPOINT bench_quote_list")
    admin = env.ref("base.user_admin")
    env = env(user=admin.id)
    customer = list_data(env, count)
    Order = env["sale.order"]
    native_spec = list_spec(env, "sale.order", "sale.view_quotation_tree")
    native_domain = [("partner_id", "=", customer.id)]
    quote_spec = list_spec(
        env, "sale.order", "b2b_customer.sale_order_view_list_b2b_quote"
    )
    quote_domain = action_domain(env, "b2b_customer.sale_order_action_b2b_quote")

    def native():
        env.invalidate_all()
        result = Order.web_search_read(native_domain, native_spec, limit=80)
        assert result["length"] == count, result["length"]

    def requests():
        env.invalidate_all()
        result = Order.web_search_read(quote_domain, quote_spec, limit=80)
        assert result["length"] >= count, result["length"]

    def counted(func):
        func()
        before = cr.sql_log_count
        func()
        return cr.sql_log_count - before

    results["quote_requests"] = count
    results["native_quotations_list_ms"] = round(measure(native), 2)
    results["native_quotations_list_queries"] = counted(native)
    results["quote_requests_list_ms"] = round(measure(requests), 2)
    results["quote_requests_list_queries"] = counted(requests)
    cr.execute("ROLLBACK TO SAVEPOINT bench_quote_list")
    env.invalidate_all()


def list_rows(results):
    requests = f"{results['quote_requests']:,}"
    return [
        (
            "quote_requests_list_ms",
            results["quote_requests_list_ms"],
            results["native_quotations_list_ms"],
            f"<= 1.2 x quotations ({requests})",
            results["quote_requests_list_ms"]
            <= 1.2 * results["native_quotations_list_ms"],
        ),
        (
            "quote_requests_list_queries",
            results["quote_requests_list_queries"],
            results["native_quotations_list_queries"],
            "<= anchor + 1",
            results["quote_requests_list_queries"]
            <= results["native_quotations_list_queries"] + 1,
        ),
    ]


def page_rows(results):
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


def rows(results):
    return list_rows(results) + page_rows(results)


def main(db, port=None):
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = ADDONS
    results = {}
    with Registry(db).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        requests_list(env, results)
        cr.rollback()
        if port:
            data = prepare(env)
            cr.commit()
    if port:
        server = OdooServer(
            db,
            port,
            os.path.join(HERE, "server_quote.log"),
            ["--workers=0", "--max-cron-threads=0"],
        )
        with server:
            measure_http(server, data, results)
    print(json.dumps(results, indent=2))
    for row in rows(results) if port else list_rows(results):
        print(row)


if __name__ == "__main__":
    main(sys.argv[1], int(sys.argv[2]) if len(sys.argv) > 2 else None)
