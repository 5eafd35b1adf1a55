from . import test_profile
from . import test_reachability
