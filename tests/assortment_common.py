"""Fixtures of the assortment tests.

- products ``screw`` (SCREW-100), ``nut`` (NUT-M8) from ``setup_products``,
  plus ``bolt`` (BOLT-1, category ``parts``), ``washer`` (WASHER-1, in
  ``parts/small``, tag ``pro``) and ``pallet`` (PALLET-12)
- ``contract``: an assortment that includes the category ``parts``, the
  screw and the pallet (multiples of 12, at most 120), and excludes the
  washer
- ``company_a`` gets ``contract`` in the tests that need it; ``company_b``
  never has an assortment
"""

from odoo import Command

from .ordering_common import setup_products


def setup_assortment(cls):
    env = cls.env
    setup_products(cls)
    Category = env["product.category"]
    cls.parts = Category.create({"name": "Parts"})
    cls.small_parts = Category.create({"name": "Small", "parent_id": cls.parts.id})
    cls.pro_tag = env["product.tag"].create({"name": "Professional"})
    Product = env["product.product"]
    cls.bolt = Product.create(
        {
            "name": "Bolt",
            "default_code": "BOLT-1",
            "list_price": 1.0,
            "categ_id": cls.parts.id,
        }
    )
    cls.washer = Product.create(
        {
            "name": "Washer",
            "default_code": "WASHER-1",
            "list_price": 0.5,
            "categ_id": cls.small_parts.id,
            "product_tag_ids": [Command.set(cls.pro_tag.ids)],
        }
    )
    cls.pallet = Product.create(
        {"name": "Pallet of glue", "default_code": "PALLET-12", "list_price": 3.0}
    )
    cls.contract = env["b2b.assortment"].create(
        {
            "name": "Contract range",
            "line_ids": [
                Command.create({"categ_id": cls.parts.id}),
                Command.create({"product_id": cls.screw.id}),
                Command.create(
                    {
                        "product_id": cls.pallet.id,
                        "multiple_qty": 12,
                        "max_qty": 120,
                    }
                ),
                Command.create({"mode": "exclude", "product_id": cls.washer.id}),
            ],
        }
    )
