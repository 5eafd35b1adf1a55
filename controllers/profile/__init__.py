"""Profile: greeting and salutation, reachability hours, the member
directory and the portal's delivery and invoice addresses."""

from . import directory
from . import account
from . import address
