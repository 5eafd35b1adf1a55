# Shared: the B2B account on the partner (create/write hooks), the order
# hooks, users, settings, record rules, mail queue and batch mails.
from . import b2b_throttle
from . import ir_rule
from . import ir_sequence
from . import mail_mail
from . import mail_template
from . import res_company
from . import res_config_settings
from . import res_lang
from . import res_partner
from . import res_users
from . import sale_order
from . import sale_order_payment
from . import payment_transaction
from . import sale_order_limits

# The capabilities, in the order their extensions of one model stack up
from . import account_approval
from . import signup
from . import company
from . import reseller
from . import selling
from . import profile
from . import credit
from . import ordering
from . import buyer_approval
from . import group
from . import assortment
from . import quote
from . import assistance
from . import invoicing
