"""The index behind the quick order's search box: a trigram index on the
products' codes, so that a part of a code is found without reading every
product (Odoo indexes the names of products so, not their codes)."""

from odoo import models
from odoo.modules.db import FunctionStatus
from odoo.tools import SQL, sql

#: the index ``init`` creates (the uninstall hook drops it)
B2B_CODE_TRIGRAM_INDEX = "b2b_product_product__default_code_trgm_index"


def drop_code_trigram_index(cr):
    """Drop the index ``init`` created (the module's uninstall hook)."""
    cr.execute(SQL("DROP INDEX IF EXISTS %s", SQL.identifier(B2B_CODE_TRIGRAM_INDEX)))


class ProductProduct(models.Model):
    _inherit = "product.product"

    def init(self):
        """Create the trigram index of codes when PostgreSQL has pg_trgm,
        on the expression Odoo's ``ilike`` compares (``unaccent`` when the
        database has it indexable), as Odoo creates its own."""
        res = super().init()
        registry = self.env.registry
        if registry.has_trigram:
            column = '"default_code"'
            if registry.has_unaccent == FunctionStatus.INDEXABLE:
                column = registry.unaccent(column)
            sql.create_index(
                self.env.cr,
                B2B_CODE_TRIGRAM_INDEX,
                self._table,
                [f"{column} gin_trgm_ops"],
                method="gin",
            )
        return res
