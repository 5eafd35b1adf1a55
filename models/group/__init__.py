"""Groups of companies: a B2B company's subsidiaries, what they inherit from
the parent, and account approval and suspension across the group."""

from . import res_partner
from . import res_partner_account_approval
