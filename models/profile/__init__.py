"""Profile: greeting and salutation, reachability hours, the member
directory and the portal's delivery and invoice addresses."""

from . import b2b_reachability
from . import res_lang
from . import res_partner_greeting
from . import res_partner_reachability
from . import res_partner_address
from . import res_partner_directory
