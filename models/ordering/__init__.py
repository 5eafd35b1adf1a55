"""Ordering on the portal: quick order (typed lines or a CSV file),
requisition lists and ordering again."""

from . import b2b_quick_order
from . import sale_order
from . import b2b_requisition_list
from . import product_product
