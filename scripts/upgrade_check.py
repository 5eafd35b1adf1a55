# Run by scripts/upgrade_test.sh in `odoo shell` (``env`` is given), once on
# the previous release (UPGRADE_STEP=before: record the data) and once after
# the update (UPGRADE_STEP=after: compare, and check the migrated records).
# ruff: noqa: F821
import json
import os

STEP = os.environ["UPGRADE_STEP"]
STATE = os.environ["UPGRADE_STATE"]


def snapshot():
    Partner = env["res.partner"].sudo().with_context(active_test=False)
    partners = Partner.search([("is_b2b", "=", True)])
    persons = Partner.search([("b2b_role", "!=", False)])
    companies = env["res.company"].sudo().search([])
    notify = (
        "b2b_notify_user_id"
        if "b2b_notify_user_id" in env["res.company"]
        else "b2b_approver_id"
    )
    email = (
        "b2b_notify_email"
        if "b2b_notify_email" in env["res.company"]
        else "b2b_approver_email"
    )
    return {
        "accounts": {
            str(p.id): [p.b2b_state, p.ref or "", p.is_reseller, p.b2b_reseller_id.id]
            for p in partners
        },
        "roles": {str(p.id): p.b2b_role for p in persons},
        "groups": {str(p.id): sorted(p.b2b_group_ids.ids) for p in partners},
        "approver": {str(c.id): [c[notify].id, c[email] or ""] for c in companies},
        "reachability": env["b2b.reachability"].sudo().search_count([]),
        # since 19.0.3: the visibility scope of each contact and the groups
        "scopes": {str(p.id): p.b2b_scope for p in persons if "b2b_scope" in p._fields},
        "group_paths": {
            str(p.id): p.b2b_group_path
            for p in partners
            if "b2b_group_path" in p._fields
        },
        # the update may add demo data of new features (new orders), never
        # lose or change one
        "orders": {
            str(o.id): [o.partner_id.id, o.state, o.amount_total]
            for o in env["sale.order"].sudo().search([])
        },
    }


def check(before, after):
    failures = [
        key
        for key in before
        if (
            {item: after[key].get(item) for item in before[key]}
            if isinstance(before[key], dict)
            else after[key]
        )
        != before[key]
    ]
    for xmlid in (
        "b2b_customer.sale_order_rule_b2b_role",
        "b2b_customer.sale_order_line_rule_b2b_role",
        "b2b_customer.account_move_rule_b2b_role",
        "b2b_customer.account_move_line_rule_b2b_role",
    ):
        rule = env.ref(xmlid)
        if rule.domain_force != (
            "[('b2b_portal_visible', '=', True)] if user.share else []"
        ):
            failures.append(f"{xmlid}: {rule.domain_force}")
    templates = (
        env["ir.model.data"]
        .sudo()
        .search([("module", "=", "b2b_customer"), ("model", "=", "mail.template")])
    )
    if templates.filtered(lambda d: not d.noupdate):
        failures.append("mail templates left updatable")
    if not env.ref("sale.send_pending_emails_cron").active:
        failures.append("Odoo's pending order mails not switched on (19.0.3.0.0)")
    followup = env.ref("b2b_customer.ir_cron_b2b_request_followup", False)
    if not followup or not followup.active:
        failures.append("scheduled action 'B2B: request follow-up' missing or inactive")
    # records each release added
    for xmlid, version in (
        ("b2b_request_report_rule_company", "19.0.4.0.0"),
        ("b2b_reseller_payment_method_rule_company", "19.0.4.0.0"),
        ("ir_cron_b2b_quote_expire", "19.0.5.0.0"),
        ("ir_cron_b2b_quote_overdue", "19.0.5.0.0"),
        ("account_move_rule_portal_b2b_reseller", "19.0.5.0.0"),
        ("account_move_line_rule_portal_b2b_reseller", "19.0.5.0.0"),
    ):
        if not env.ref(f"b2b_customer.{xmlid}", False):
            failures.append(f"{xmlid} missing ({version})")
    migrated = (
        env["res.partner"]
        .with_context(active_test=False)
        .search_count(
            [
                ("b2b_former_reseller_id", "!=", False),
                ("b2b_migration_date", "=", False),
            ]
        )
    )
    if migrated:
        failures.append(f"{migrated} migrated customers without a migration date")
    order_mail = env.ref("b2b_customer.mail_template_b2b_order_approval", False)
    if order_mail and "approval.reason_display" not in (order_mail.body_html or ""):
        failures.append("approvers' mail still shows the stored reason (19.0.4.0.0)")
    provider = env.ref("b2b_customer.payment_provider_b2b_on_account", False)
    if not provider or provider.code != "b2b_on_account":
        failures.append("payment provider 'Pay on Account' missing (19.0.4.0.0)")
    # 19.0.5.0.0: the assortment functions, consent off
    env.cr.execute(
        "SELECT count(*) FROM pg_proc WHERE proname IN"
        " ('b2b_effective_assortments', 'b2b_assortment_products',"
        " 'b2b_assortment_check')"
    )
    if env.cr.fetchone()[0] < 3:
        failures.append("assortment SQL functions missing (19.0.5.1.0)")
    # 19.0.5.1.0: the trigram index of product codes
    env.cr.execute(
        "SELECT 1 FROM pg_indexes"
        " WHERE indexname = 'b2b_product_product__default_code_trgm_index'"
    )
    if env.registry.has_trigram and not env.cr.rowcount:
        failures.append("trigram index of product codes missing (19.0.5.1.0)")
    consenting = env["res.partner"].search_count(
        [("is_b2b", "=", True), ("b2b_assistance_policy", "not in", ("none", False))]
    )
    if consenting:
        failures.append(f"{consenting} companies consent to assistance (19.0.5.0.0)")
    approved = env["res.partner"].search([("b2b_state", "=", "approved")], limit=1)
    template = env.ref("b2b_customer.mail_template_b2b_approved")
    try:
        template._render_field("body_html", approved.ids)
        template._render_field("partner_to", approved.ids)
    except Exception as exc:  # noqa: BLE001 - reported as a failure
        failures.append(f"approval template does not render: {exc}")
    return failures


if STEP == "before":
    with open(STATE, "w", encoding="utf-8") as handle:
        json.dump(snapshot(), handle)
else:
    with open(STATE, encoding="utf-8") as handle:
        before = json.load(handle)
    failures = check(before, json.loads(json.dumps(snapshot())))
    for failure in failures:
        print("FAIL", failure)
    print("upgrade: ok" if not failures else f"upgrade: {len(failures)} failure(s)")
