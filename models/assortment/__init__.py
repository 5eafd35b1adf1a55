"""Assortments: what each B2B customer may see and buy, and in which
quantities. An assortment (``b2b.assortment``) includes or excludes
products, product categories (with their children) or product tags, and may
carry quantity rules (minimum, maximum per order, multiple). Assortments are
given to customer groups and to B2B companies; a subsidiary inherits its
parent company's unless it has its own, several add up, and a customer with
none anywhere sees what Odoo shows today.

Decided by PostgreSQL: the functions ``b2b_effective_assortments`` and
``b2b_assortment_products`` (b2b_assortment_sql.py) are behind the record
rules of products (the non-stored field ``b2b_assortment_allowed``, searched
at every query from the current user's commercial partner), the quick
order's search box, paste and CSV, requisition lists, order again, the
order gate and the explanation on the company's B2B page.
Plugs into the order gate with ``_b2b_assortment_blockers`` (codes
``assortment`` and ``quantity_rule``)."""

from . import b2b_assortment
from . import b2b_assortment_sql
from . import b2b_customer_group
from . import res_partner
from . import product
from . import sale_order
from . import b2b_quick_order
from . import b2b_requisition_list
