"""Buyer approvals: the customer's own approval rules, order limits and
budgets, orders waiting for the company's approvers and their decisions.

``/my/company`` approval rules and budgets, ``/my/approvals``."""

from . import spending
from . import approvals
