from . import portal
from . import portal_company
from . import portal_reseller
from . import signup
from . import directory
from . import portal_account
from . import portal_address
from . import portal_quick_order
