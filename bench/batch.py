"""Batch work in the benchmark (make bench), hooked into run.py: bulk
decisions through the review wizard, the overdue cron over 1,000 and 10,000
requests, and the reseller's bulk tag and archive on the portal.

Each batch runs in a savepoint that is rolled back, so the next one starts
from the same data; the portal posts go to the running server and are
counted from its access log (as every HTTP row of run.py)."""

import time

#: overdue requests the cron reports, to compare its time per request
OVERDUE_SIZES = (1_000, 10_000)
#: customers ticked on the reseller's list
PORTAL_BULK_SIZES = (10, 100)
MESSAGE = "Please send us your trade register extract."


def timed(env, func):
    """Seconds and queries of ``func()``, with what it leaves to flush."""
    cr = env.cr
    env.flush_all()
    before = cr.sql_log_count
    start = time.perf_counter()
    result = func()
    env.flush_all()
    return time.perf_counter() - start, cr.sql_log_count - before, result


def bulk_decisions(env, results):
    """Reject and ask for information on the pending accounts (at most
    1,000) through the review wizard, each in a rolled-back savepoint."""
    Partner = env["res.partner"]
    pending = Partner.search(
        [("is_b2b", "=", True), ("b2b_state", "=", "pending")], limit=1000
    )
    for decision in ("reject", "request_info"):
        env.cr.execute("SAVEPOINT bench_batch")
        wizard = env["b2b.review.wizard"].create(
            {
                "partner_ids": [(6, 0, pending.ids)],
                "decision": decision,
                "message": MESSAGE,
            }
        )
        seconds, queries, _res = timed(env, wizard.action_confirm)
        results[f"bulk_{decision}_s"] = round(seconds, 2)
        results[f"bulk_{decision}_queries_per_account"] = round(
            queries / max(len(pending), 1), 2
        )
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_batch")
        env.invalidate_all()


def overdue_cron(env, results):
    """The overdue cron over 1,000 and 10,000 requests past their deadline
    (companies first; at small BENCH_PARTNERS contacts make up the rest)."""
    for size in OVERDUE_SIZES:
        env.cr.execute("SAVEPOINT bench_overdue")
        env.cr.execute(
            """UPDATE res_partner SET is_b2b = TRUE, b2b_state = 'pending',
                      b2b_request_date = now() - interval '30 hours',
                      b2b_deadline = now() - interval '6 hours',
                      b2b_overdue_notified = FALSE
                WHERE id IN (SELECT id FROM res_partner WHERE active
                              ORDER BY is_company DESC, id LIMIT %s)""",
            (size,),
        )
        env.invalidate_all()
        seconds, queries, reported = timed(
            env, env["res.partner"]._cron_b2b_overdue_requests
        )
        results[f"overdue_cron_{size}_s"] = round(seconds, 2)
        results[f"overdue_cron_{size}_requests"] = len(reported)
        results[f"overdue_cron_{size}_queries_per_request"] = round(
            queries / max(len(reported), 1), 2
        )
        env.cr.execute("ROLLBACK TO SAVEPOINT bench_overdue")
        env.invalidate_all()


def in_process(env, results):
    bulk_decisions(env, results)
    overdue_cron(env, results)


def portal_bulk(server, session, customer_ids, results, csrf):
    """The reseller (10,000 customers) tags, then archives, 10 and 100 of
    them through the list's bulk forms; queries of each post."""
    page = session.get(f"{server.url}/my/customers")
    token = csrf(page.text)
    # the tag exists before the measured posts (the first one creates it)
    session.post(
        f"{server.url}/my/customers/tag",
        data={
            "tag_name": "Bench",
            "customer_ids": customer_ids[:1],
            "csrf_token": token,
        },
        allow_redirects=False,
    )
    for size in PORTAL_BULK_SIZES:
        for key, path, data in (
            ("tag", "/my/customers/tag", {"tag_name": "Bench"}),
            ("archive", "/my/customers/archive", {}),
        ):
            response = session.post(
                f"{server.url}{path}",
                data={
                    **data,
                    "customer_ids": customer_ids[:size],
                    "csrf_token": token,
                },
                allow_redirects=False,
            )
            assert response.status_code in (302, 303), (path, response.status_code)
            results[f"portal_bulk_{key}_queries_{size}"] = server.last_query_count(path)
        # put them back for the next size
        session.post(
            f"{server.url}/my/customers/unarchive",
            data={"customer_ids": customer_ids[:size], "csrf_token": token},
            allow_redirects=False,
        )


def rows(results):
    """The benchmark rows of the batch work: (key, value, anchor, target,
    passed)."""
    r = results
    small, large = OVERDUE_SIZES
    per_request = [
        r[f"overdue_cron_{n}_s"] / max(r[f"overdue_cron_{n}_requests"], 1)
        for n in OVERDUE_SIZES
    ]
    return [
        (
            "bulk_reject_s",
            r["bulk_reject_s"],
            r["bulk_approve_s"],
            "<= 5 s",
            r["bulk_reject_s"] <= 5,
        ),
        (
            "bulk_request_info_s",
            r["bulk_request_info_s"],
            r["bulk_approve_s"],
            "<= 5 s",
            r["bulk_request_info_s"] <= 5,
        ),
        (
            "bulk_reject_queries_per_account",
            r["bulk_reject_queries_per_account"],
            "-",
            "<= 2",
            r["bulk_reject_queries_per_account"] <= 2,
        ),
        (
            "bulk_request_info_queries_per_account",
            r["bulk_request_info_queries_per_account"],
            "-",
            "<= 2",
            r["bulk_request_info_queries_per_account"] <= 2,
        ),
        (
            f"overdue_cron_{large}_s",
            r[f"overdue_cron_{large}_s"],
            r[f"overdue_cron_{small}_s"],
            "per request <= 1.2 x",
            per_request[1] <= 1.2 * per_request[0],
        ),
        (
            f"overdue_cron_{large}_queries_per_request",
            r[f"overdue_cron_{large}_queries_per_request"],
            r[f"overdue_cron_{small}_queries_per_request"],
            "<= 1",
            r[f"overdue_cron_{large}_queries_per_request"] <= 1,
        ),
        *(
            (
                f"portal_bulk_{key}_queries_100",
                r[f"portal_bulk_{key}_queries_100"],
                r[f"portal_bulk_{key}_queries_10"],
                "= 10 customers +-2",
                abs(
                    r[f"portal_bulk_{key}_queries_100"]
                    - r[f"portal_bulk_{key}_queries_10"]
                )
                <= 2,
            )
            for key in ("tag", "archive")
        ),
    ]
