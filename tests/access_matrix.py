"""The access matrix of the module, as data: which actor may do what.

Used by tests/test_access_matrix.py (every cell is asserted) and by
scripts/access_matrix.py (the table in the README). No Odoo import here.
"""

ACTORS = [
    "anonymous",
    "portal_plain",
    "b2b_user",
    "b2b_admin",
    "other_admin",
    "reseller",
    "other_reseller",
    "group_b2b_user",
    "group_b2b_manager",
]
PORTAL = [
    "portal_plain",
    "b2b_user",
    "b2b_admin",
    "other_admin",
    "reseller",
    "other_reseller",
]
STAFF = ["group_b2b_user", "group_b2b_manager"]

#: actor -> login of its fixture user in tests/common.py (password = login)
LOGINS = {
    "anonymous": None,
    "portal_plain": "portal_plain",
    "b2b_user": "portal_user_a",
    "b2b_admin": "portal_admin_a",
    "other_admin": "portal_admin_b",
    "reseller": "portal_reseller",
    "other_reseller": "portal_reseller_2",
    "group_b2b_user": "b2b_backuser",
    "group_b2b_manager": "b2b_manager",
}

#: model -> operation -> actors allowed (model-level access rights)
MODEL_ACCESS = {
    "b2b.customer.group": {
        "read": PORTAL + STAFF,
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": ["group_b2b_manager"],
    },
    "b2b.reachability": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": STAFF,
    },
    "b2b.reseller.tag": {
        "read": PORTAL + STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": STAFF,
    },
    "b2b.reseller.payment.method": {
        "read": PORTAL + STAFF,
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": ["group_b2b_manager"],
    },
    "b2b.request.report": {
        "read": ["group_b2b_manager"],
        "write": [],
        "create": [],
        "unlink": [],
    },
    "b2b.credit.report": {
        "read": ["group_b2b_manager"],
        "write": [],
        "create": [],
        "unlink": [],
    },
    "b2b.credit.hold.wizard": {
        "read": ["group_b2b_manager"],
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": [],
    },
    "b2b.throttle": {"read": [], "write": [], "create": [], "unlink": []},
    # and Odoo's invoicing users (not among the actors)
    "b2b.statement.wizard": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": [],
    },
    # buyer approvals: portal administrators keep rules and budgets and
    # approvers decide through the portal pages (sudo after their checks)
    "b2b.approval.rule": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": STAFF,
    },
    "b2b.budget": {"read": STAFF, "write": STAFF, "create": STAFF, "unlink": STAFF},
    "b2b.order.approval": {"read": STAFF, "write": [], "create": [], "unlink": []},
    "b2b.review.wizard": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": [],
    },
    "b2b.confirm.override.wizard": {
        "read": ["group_b2b_manager"],
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": [],
    },
    "b2b.set.password.wizard": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": [],
    },
    "b2b.quick.order": {"read": [], "write": [], "create": [], "unlink": []},
    "b2b.assortment": {
        "read": STAFF,
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": ["group_b2b_manager"],
    },
    "b2b.assortment.line": {
        "read": STAFF,
        "write": ["group_b2b_manager"],
        "create": ["group_b2b_manager"],
        "unlink": ["group_b2b_manager"],
    },
    "b2b.assortment.check.wizard": {
        "read": STAFF,
        "write": STAFF,
        "create": STAFF,
        "unlink": [],
    },
    # read-only for everyone: written by the module's own flows (sudo);
    # salespeople read their own sessions and those of their customers
    "b2b.assistance.session": {
        "read": STAFF,
        "write": [],
        "create": [],
        "unlink": [],
    },
    "b2b.assistance.log": {
        "read": STAFF,
        "write": [],
        "create": [],
        "unlink": [],
    },
    "b2b.requisition.list": {
        "read": PORTAL + STAFF,
        "write": PORTAL + ["group_b2b_manager"],
        "create": PORTAL + ["group_b2b_manager"],
        "unlink": PORTAL + ["group_b2b_manager"],
    },
    "b2b.requisition.list.line": {
        "read": PORTAL + STAFF,
        "write": PORTAL + ["group_b2b_manager"],
        "create": PORTAL + ["group_b2b_manager"],
        "unlink": PORTAL + ["group_b2b_manager"],
    },
    # negotiable quotes: revisions are written by the quote's actions only
    "b2b.quote.revision": {"read": STAFF, "write": [], "create": [], "unlink": []},
    "b2b.quote.revision.line": {
        "read": STAFF,
        "write": [],
        "create": [],
        "unlink": [],
    },
    "b2b.quote.report": {
        "read": ["group_b2b_manager"],
        "write": [],
        "create": [],
        "unlink": [],
    },
    "res.partner": {
        "read": ["anonymous", *PORTAL, *STAFF],
        "write": STAFF,
        "create": STAFF,
        "unlink": ["group_b2b_manager"],
    },
}

#: res.partner action -> actors allowed to call it (on a B2B company / contact)
PARTNER_ACTIONS = {
    "action_b2b_approve": ["group_b2b_manager"],
    "action_b2b_reject": ["group_b2b_manager"],
    "action_b2b_request_info": ["group_b2b_manager"],
    "action_b2b_suspend": ["group_b2b_manager"],
    "action_b2b_reactivate": ["group_b2b_manager"],
    "action_b2b_link_to_existing": ["group_b2b_manager"],
    "action_b2b_migrate_to_reseller": ["group_b2b_manager"],
    "action_b2b_send_credentials": STAFF,
    "action_b2b_revoke_access": STAFF,
    "action_b2b_send_email_verification": STAFF,
    "action_b2b_approve_contact": STAFF,
    "action_b2b_decline_contact": STAFF,
    "action_b2b_invite_reseller": STAFF,
    # and accountants (account.group_account_manager), not among the actors
    "action_b2b_credit_hold": ["group_b2b_manager"],
    "action_b2b_credit_release": ["group_b2b_manager"],
    # B2B staff who may also create pricelists (Sales administrators)
    "action_b2b_individual_prices": ["group_b2b_manager"],
    # assortments: "can this customer buy this product?"
    "action_b2b_assortment_check": STAFF,
    # and the company's salesperson; the company's consent decides
    # (tests/test_assistance_access.py)
    "action_b2b_assist": STAFF,
    "action_b2b_view_assistance_sessions": STAFF,
    # and Odoo's invoicing users (not among the actors)
    "action_b2b_statement_wizard": STAFF,
}

#: documents the portal exposes: actor -> which of the fixtures' orders it reads
ORDER_VISIBILITY = {
    "anonymous": [],
    "portal_plain": ["plain"],
    "b2b_user": ["user_a"],
    "b2b_admin": ["admin_a", "user_a", "company_a"],
    "other_admin": [],
    "reseller": [],
    "other_reseller": [],
    # back office with "Sales: own documents only": none of these are theirs
    "group_b2b_user": [],
    "group_b2b_manager": ["plain", "admin_a", "user_a", "company_a"],
}

#: res.partner fields only B2B staff may read (verification and decision
#: data): actors allowed to read them on their own company
STAFF_FIELDS = [
    "b2b_credit_check",
    "b2b_credit_check_date",
    "b2b_company_size",
    "b2b_annual_revenue",
    "b2b_internal_note",
    "b2b_duplicate_ids",
    "b2b_decided_by_id",
    "b2b_decision_date",
    "b2b_overdue_notified",
    # company credit (also for Odoo's invoicing users, not among the actors)
    "b2b_credit_limit",
    "b2b_credit_holder_id",
    "b2b_credit_exposure",
    "b2b_credit_available",
    "b2b_credit_over_limit",
    "b2b_credit_overdue_amount",
    "b2b_credit_oldest_due_date",
    "b2b_credit_hold",
    "b2b_credit_hold_reason",
    "b2b_effective_credit_limit",
    "b2b_credit_own_exposure",
    # groups of companies: why a subsidiary is suspended
    "b2b_group_suspended_by_id",
]
FIELD_READ = {field: STAFF for field in STAFF_FIELDS}

#: every public method of the module's models that RPC can reach, and who
#: may call it; everything else public is marked ``@api.private``. ORM
#: overrides (create, write, ...) are Odoo's own entry points.
RPC_METHODS = {
    "res.partner": {
        **PARTNER_ACTIONS,
        "action_view_b2b_end_customers": STAFF,
        "action_view_b2b_group": STAFF,
        "b2b_sync_addresses": STAFF,
    },
    "b2b.customer.group": {"action_view_members": STAFF},
    "b2b.review.wizard": {"action_confirm": ["group_b2b_manager"]},
    "b2b.confirm.override.wizard": {"action_confirm": ["group_b2b_manager"]},
    "b2b.credit.hold.wizard": {"action_confirm": ["group_b2b_manager"]},
    "b2b.set.password.wizard": {"action_apply": STAFF},
    "sale.order": {
        "action_b2b_confirm_anyway": ["group_b2b_manager"],
        # negotiable quotes: the seller's side (sales staff; refused to
        # portal users, tests/test_quote.py)
        "action_b2b_quote_send_offer": STAFF,
        "action_b2b_quote_accept_counter": STAFF,
        "action_b2b_quote_renew": STAFF,
        "action_b2b_quote_revisions": STAFF,
    },
    "b2b.statement.wizard": {"action_print": STAFF, "action_send": STAFF},
}
