from . import test_b2b_account
from . import test_b2b_tour
