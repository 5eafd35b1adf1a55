"""The table of the benchmark and the load test: the bench's rows (key,
value, anchor, target, verdict) from bench/results.json's measurements, and
the printing of a table of rows with its PASS/FAIL verdicts."""

import approvals
import assortment
import batch
import invoicing
import quote
import shop


def bench_rows(results):
    """The rows of make bench, in the order of its table."""
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
            "<= 5 s",
            results["bulk_approve_s"] <= 5,
        ),
        (
            "bulk_approve_queries_per_account",
            results["bulk_approve_queries_per_account"],
            "-",
            "<= 12",
            results["bulk_approve_queries_per_account"] <= 12,
        ),
        (
            "portal_customers_queries_10000",
            results["portal_customers_queries_10000"],
            results["portal_customers_queries_10"],
            "= 10 customers +-2",
            abs(
                results["portal_customers_queries_10000"]
                - results["portal_customers_queries_10"]
            )
            <= 2,
        ),
        (
            "portal_customers_ms_10000",
            results["portal_customers_ms_10000"],
            results["native_my_orders_ms_10000"],
            "<= 1.2 x /my/orders",
            results["portal_customers_ms_10000"]
            <= 1.2 * results["native_my_orders_ms_10000"],
        ),
        (
            "portal_company_queries_500",
            results["portal_company_queries_500"],
            results["portal_company_queries_10"],
            "= 10 users +-2",
            abs(
                results["portal_company_queries_500"]
                - results["portal_company_queries_10"]
            )
            <= 2,
        ),
        (
            "portal_company_ms_500",
            results["portal_company_ms_500"],
            results["portal_company_ms_10"],
            "<= 1.2 x 10 users",
            results["portal_company_ms_500"] <= 1.2 * results["portal_company_ms_10"],
        ),
        *batch.rows(results),
        (
            "credit_portal_ms",
            results["credit_portal_ms"],
            results["credit_portal_base_ms"],
            "<= 1.2 x no limit",
            results["credit_portal_ms"] <= 1.2 * results["credit_portal_base_ms"],
        ),
        (
            "credit_portal_queries",
            results["credit_portal_queries"],
            results["credit_portal_base_queries"],
            "<= no limit + 3",
            results["credit_portal_queries"]
            <= results["credit_portal_base_queries"] + 3,
        ),
        (
            "credit_exposure_batch_ms",
            results["credit_exposure_batch_ms"],
            "-",
            "<= 1000 ms (1,000 cos)",
            results["credit_exposure_batch_ms"] <= 1000,
        ),
        (
            "credit_exposure_queries_1000",
            results["credit_exposure_queries_1000"],
            results["credit_exposure_queries_10"],
            "= 10 companies",
            results["credit_exposure_queries_1000"]
            == results["credit_exposure_queries_10"],
        ),
        (
            "credit_confirm_queries",
            results["credit_confirm_queries"],
            results["native_confirm_queries"],
            "<= Odoo's confirm + 4",
            results["credit_confirm_queries"] <= results["native_confirm_queries"] + 4,
        ),
        (
            "confirm_locked_ms",
            results["confirm_locked_ms"],
            results["confirm_unlimited_ms"],
            "<= 1.1 x without a limit",
            results["confirm_locked_ms"] <= 1.1 * results["confirm_unlimited_ms"],
        ),
        (
            "quick_order_200_ms",
            results["quick_order_200_ms"],
            results["native_order_create_200_ms"],
            "<= 1.5 x Odoo's create",
            results["quick_order_200_ms"]
            <= 1.5 * results["native_order_create_200_ms"],
        ),
        (
            "quick_order_200_queries",
            results["quick_order_200_queries"],
            results["native_order_create_200_queries"],
            "<= Odoo's create + 100",
            results["quick_order_200_queries"]
            <= results["native_order_create_200_queries"] + 100,
        ),
        (
            "quick_order_search_ms",
            results["quick_order_search_ms"],
            "-",
            "<= 100 ms (50,000 items)",
            results["quick_order_search_ms"] <= 100,
        ),
        (
            "group_orders_ms",
            results["group_orders_ms"],
            results["native_my_orders_ms_10000"],
            "<= 1.3 x /my/orders",
            results["group_orders_ms"] <= 1.3 * results["native_my_orders_ms_10000"],
        ),
        (
            "group_orders_queries_50",
            results["group_orders_queries_50"],
            results["group_orders_queries_1"],
            "= group of 1 +-2",
            abs(results["group_orders_queries_50"] - results["group_orders_queries_1"])
            <= 2,
        ),
        (
            "group_effective_1000_queries",
            results["group_effective_1000_queries"],
            results["group_effective_10_queries"],
            "<= 20",
            results["group_effective_1000_queries"] <= 20,
        ),
        (
            "signup_ms",
            results["signup_ms"],
            results["native_signup_ms"],
            "<= 1.2 x anchor",
            results["signup_ms"] <= 1.2 * results["native_signup_ms"],
        ),
        (
            "signup_queries",
            results["signup_queries"],
            results["native_signup_queries"],
            "<= Odoo's sign-up + 30",
            results["signup_queries"] <= results["native_signup_queries"] + 30,
        ),
    ]
    rows += approvals.rows(results)
    rows += shop.rows(results)
    rows += assortment.rows(results)
    rows += quote.rows(results)
    rows += invoicing.rows(results)
    rows += invoicing.http_rows(results)
    return rows


def print_table(rows):
    """Print ``rows`` with their verdicts, then the keys of missed targets."""
    print(f"{'key':36} {'value':>10} {'anchor':>10}  target                 result")
    for key, value, anchor, target, ok in rows:
        verdict = "PASS" if ok else "FAIL"
        print(f"{key:36} {value!s:>10} {anchor!s:>10}  {target:22} {verdict}")
    failed = [row[0] for row in rows if not row[4]]
    if failed:
        print("\ntargets missed: " + ", ".join(failed))
