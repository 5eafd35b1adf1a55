from . import test_b2b_access_matrix
from . import test_b2b_account
from . import test_b2b_approval
from . import test_b2b_company
from . import test_b2b_concurrency
from . import test_b2b_reseller
from . import test_b2b_signup
from . import test_b2b_tour
