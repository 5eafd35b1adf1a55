"""Sign-up: the B2B account requested on Odoo's ``/web/signup`` (and the
upgrade of an existing portal account), and the request's follow-up done by
the scheduled action "B2B: request follow-up"."""

from . import res_partner
from . import res_partner_followup
