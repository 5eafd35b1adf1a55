from . import b2b_review_wizard
from . import b2b_confirm_override_wizard
from . import b2b_set_password_wizard
from . import b2b_credit_hold_wizard
from . import payment_link_wizard
from . import b2b_assortment_check_wizard
from . import b2b_statement_wizard
