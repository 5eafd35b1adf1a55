"""Company credit: exposure against the credit limit, credit holds, what
orders may use of the credit, and the credit report."""

from . import res_partner
from . import res_partner_sql
from . import res_partner_hold
from . import account_move_line
from . import sale_order
from . import b2b_credit_report
