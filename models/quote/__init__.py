"""Negotiable quotes: a buyer asks for a quote on the portal (the lines,
the price they would pay, a message), the seller answers with an offer,
the buyer counters line by line, and each offer and counter is kept as a
frozen revision (``b2b.quote.revision``) that the portal and the back
office compare with the one before.

Plugs into the order gate through ``_b2b_quote_blockers`` (a quote is
accepted, signed or paid only while an offer stands) and
``_b2b_quote_on_signed`` (the buyer's acceptance through Odoo's own
``/my/orders/<id>/accept``, which then goes through the buyer's approvals
and the credit check as any order); declining is Odoo's own
``/my/orders/<id>/decline`` (``_action_cancel``). The seller's response
time is held to ``res.company.b2b_quote_sla_hours`` as account approvals
are to ``b2b_sla_hours``."""

from . import res_company
from . import res_partner
from . import b2b_customer_group
from . import b2b_quote_revision
from . import sale_order
from . import sale_order_line
from . import sale_order_negotiation
from . import sale_order_portal
from . import b2b_quick_order
from . import b2b_quote_report
