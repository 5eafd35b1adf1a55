"""Account approval: the seller's decision on a B2B account (request,
verification, duplicates, customer number, approve / reject / ask for
information / suspend / reactivate, the approvers' notifications and the
requests report)."""

from . import res_partner
from . import res_partner_notify
from . import res_partner_customer_number
from . import res_partner_verification
from . import res_partner_duplicate
from . import b2b_request_report
from . import sale_order
