from . import portal
from . import portal_company
from . import signup
