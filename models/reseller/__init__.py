"""Resellers: a reseller's end customers, managed on its own portal pages
(tags, payment methods, migration to a portal of their own)."""

from . import b2b_reseller_payment_method
from . import b2b_reseller_tag
from . import res_partner
from . import res_partner_end_customer
