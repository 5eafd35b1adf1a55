"""Buyer approvals: the customer's own approval rules, order limits and
budgets, orders waiting for the company's approvers and their decisions."""

from . import b2b_approval_rule
from . import b2b_budget
from . import b2b_order_approval
from . import res_partner
from . import sale_order
from . import sale_order_decision
from . import sale_order_payment
