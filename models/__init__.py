from . import b2b_customer_group
from . import b2b_reachability
from . import b2b_reseller_tag
from . import ir_sequence
from . import res_company
from . import res_config_settings
from . import res_partner
from . import sale_order
