from . import account_approval
from . import company
from . import group
from . import buyer_approval
from . import reseller
from . import signup
from . import profile
from . import ordering
