from . import portal
from . import portal_company
from . import portal_reseller
from . import signup
