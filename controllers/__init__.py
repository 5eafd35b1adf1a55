
from . import directory
from . import portal_account
from . import portal_address
