"""Selling: customer groups with portal functions, prices, payment terms and
pay-later, and the selling defaults they give orders."""

from . import b2b_customer_group
from . import product_pricelist
from . import res_partner
from . import sale_order
from . import payment_provider
from . import payment_method
from . import payment_transaction
