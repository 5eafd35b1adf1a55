from . import test_profile
from . import test_reachability
from . import test_profile_http
