"""Bench rows of the buyer approvals (make bench): ``/my/approvals`` for an
approver with 10 and with 1,000 waiting orders among 100,000 orders,
approving 100 waiting orders at once, and what the approval rules add to
Odoo's own accept of a quotation. Hooked into bench/run.py."""

import json
import time

#: orders in the database around the waiting ones
TOTAL_ORDERS = 100_000
#: batches of 100 waiting orders for the bulk approval (a warm-up and 5 runs)
BULK_RUNS = 6
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


def prepare(env, company, user, clone_rows):
    """Committed data: B2B companies with an approver each (10, 1,000 and
    BULK_RUNS x 100 waiting orders), a buyer under approval rules that do
    not trigger and a plain customer for the accepts, and enough other
    orders for TOTAL_ORDERS. Returns the logins and the ids to decide."""
    Partner = env["res.partner"].sudo()
    Order = env["sale.order"].sudo()
    product = (
        env["product.product"]
        .sudo()
        .create({"name": "Bench approval part", "list_price": 10.0, "taxes_id": [(5,)]})
    )
    logins, data = {}, {}

    def people(key):
        account = company(f"Bench Approvals {key}")
        approver, buyer = Partner.create(
            [
                {
                    "name": f"Approver {key}",
                    "parent_id": account.id,
                    "email": f"approver{key}@bench.example.com",
                    "b2b_role": "approver",
                },
                {
                    "name": f"Buyer {key}",
                    "parent_id": account.id,
                    "email": f"buyer{key}@bench.example.com",
                    "b2b_role": "user",
                },
            ]
        )
        user(f"bench_approver_{key}", approver)
        user(f"bench_approval_buyer_{key}", buyer)
        logins[f"approver_{key}"] = f"bench_approver_{key}"
        logins[f"approval_buyer_{key}"] = f"bench_approval_buyer_{key}"
        return account, approver, buyer

    def waiting(buyer, approver, count):
        return Order.create(
            [
                {
                    "partner_id": buyer.id,
                    "b2b_requested_by_id": buyer.id,
                    "b2b_approval_state": "waiting",
                    "state": "sent",
                    "require_payment": False,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "price_unit": 10.0})
                    ],
                    "b2b_approval_ids": [
                        (
                            0,
                            0,
                            {
                                "reason": "over the order limit",
                                "candidate_ids": [(6, 0, approver.ids)],
                            },
                        )
                    ],
                }
                for _i in range(count)
            ]
        )

    for size in (10, 1000):
        _account, approver, buyer = people(size)
        first = waiting(buyer, approver, 1)
        env.flush_all()
        clone_rows(
            env.cr,
            "sale_order",
            first.id,
            size - 1,
            {"name": f"'AP{size}-' || lpad(g::text, 5, '0')", "access_token": "NULL"},
        )
        # one waiting approval of the approver per cloned order
        env.cr.execute(
            """
            WITH orders AS (
                SELECT id FROM sale_order
                 WHERE partner_id = %(buyer)s AND id <> %(first)s
            ), approvals AS (
                INSERT INTO b2b_order_approval
                       (order_id, reason, state, create_uid, create_date,
                        write_uid, write_date)
                SELECT id, 'over the order limit', 'waiting', 1, now(), 1, now()
                  FROM orders
                RETURNING id
            )
            INSERT INTO b2b_order_approval_candidate_rel (approval_id, partner_id)
            SELECT id, %(approver)s FROM approvals
            """,
            {"buyer": buyer.id, "first": first.id, "approver": approver.id},
        )
    _account, approver, buyer = people("bulk")
    data["bulk"] = [waiting(buyer, approver, 100).ids for _run in range(BULK_RUNS)]
    # accepts: a B2B buyer under two rules that do not trigger, next to a
    # plain customer's accept (Odoo's own)
    account, _approver, buyer = people("accept")
    env["b2b.approval.rule"].sudo().create(
        [
            {"partner_id": account.id, "name": "Big orders", "amount_threshold": 1e9},
            {
                "partner_id": account.id,
                "name": "Users",
                "applies_to": "role",
                "role": "user",
                "amount_threshold": 1e9,
            },
        ]
    )
    plain = Partner.create(
        {"name": "Plain Acceptor", "email": "plain@bench.example.com"}
    )
    user("bench_plain_acceptor", plain)
    logins["plain_acceptor"] = "bench_plain_acceptor"
    for key, partner in (("accept", buyer), ("plain", plain)):
        quotations = Order.create(
            [
                {
                    "partner_id": partner.id,
                    "require_signature": True,
                    "require_payment": False,
                    "order_line": [
                        (0, 0, {"product_id": product.id, "price_unit": 10.0})
                    ],
                }
                for _i in range(BULK_RUNS)
            ]
        )
        quotations.action_quotation_sent()
        data[f"quotes_{key}"] = quotations.ids
    # the rest of the 100,000 orders: another customer's
    other = Partner.create({"name": "Bench Other Customer"})
    order = Order.create(
        {
            "partner_id": other.id,
            "order_line": [(0, 0, {"product_id": product.id, "price_unit": 10.0})],
        }
    )
    order.action_confirm()
    env.flush_all()
    env.cr.execute("SELECT count(*) FROM sale_order")
    count = env.cr.fetchone()[0]
    if count < TOTAL_ORDERS:
        clone_rows(
            env.cr,
            "sale_order",
            order.id,
            TOTAL_ORDERS - count,
            {"name": "'SX' || lpad(g::text, 6, '0')", "access_token": "NULL"},
        )
    env.cr.execute("ANALYZE sale_order; ANALYZE b2b_order_approval")
    return logins, data


def measure_http(server, logins, data, results, measure, csrf):
    """The approvals page, the bulk approval and the accepts over HTTP."""
    for size in (10, 1000):
        session = server.session(logins[f"approver_{size}"])
        ms, queries = server.page(session, "/my/approvals")
        results[f"approvals_queries_{size}"] = queries
        results[f"approvals_ms_{size}"] = ms
    session = server.session(logins["approver_bulk"])
    token = csrf(session.get(f"{server.url}/my/approvals").text)
    batches = iter(data["bulk"])

    def bulk():
        ids = next(batches)
        response = session.post(
            f"{server.url}/my/approvals/bulk/approve",
            data={"csrf_token": token, "order_ids": [str(i) for i in ids]},
            allow_redirects=False,
        )
        assert response.status_code in (302, 303), response.status_code

    results["approvals_bulk_100_s"] = round(measure(bulk, runs=BULK_RUNS - 1) / 1000, 2)
    results["approvals_bulk_100_queries"] = server.last_query_count(
        "/my/approvals/bulk/approve"
    )
    for key, login in (
        ("native_accept", logins["plain_acceptor"]),
        ("approval_accept", logins["approval_buyer_accept"]),
    ):
        session = server.session(login)
        quotes = iter(
            data["quotes_plain" if key == "native_accept" else "quotes_accept"]
        )
        timings, counts = [], []
        for order_id in quotes:
            path = f"/my/orders/{order_id}/accept"
            start = time.perf_counter()
            response = session.post(
                f"{server.url}{path}",
                data=json.dumps(
                    {
                        "jsonrpc": "2.0",
                        "method": "call",
                        "params": {"name": "Bench", "signature": SIGNATURE},
                    }
                ),
                headers={"Content-Type": "application/json"},
            )
            timings.append((time.perf_counter() - start) * 1000)
            body = response.json()
            assert "error" not in body and "error" not in body.get("result", {}), body
            counts.append(server.last_query_count(path))
        # the first accept warms the caches
        results[f"{key}_queries"] = min(counts[1:])
        results[f"{key}_ms"] = round(sorted(timings[1:])[len(timings[1:]) // 2], 2)


def rows(results):
    """The table rows: (key, value, anchor, target, passed)."""
    anchor_ms = results["native_my_orders_ms_10000"]
    return [
        (
            "approvals_queries_1000",
            results["approvals_queries_1000"],
            results["approvals_queries_10"],
            "= 10 waiting +-2",
            abs(results["approvals_queries_1000"] - results["approvals_queries_10"])
            <= 2,
        ),
        (
            "approvals_ms_1000",
            results["approvals_ms_1000"],
            anchor_ms,
            "<= 1.2 x /my/orders",
            results["approvals_ms_1000"] <= 1.2 * anchor_ms,
        ),
        (
            "approvals_bulk_100_s",
            results["approvals_bulk_100_s"],
            "-",
            "<= 2 s",
            results["approvals_bulk_100_s"] <= 2,
        ),
        (
            "approval_accept_queries",
            results["approval_accept_queries"],
            results["native_accept_queries"],
            "<= Odoo's accept + 5",
            results["approval_accept_queries"] <= results["native_accept_queries"] + 5,
        ),
    ]
