"""Products and an address shared by the quick order tests."""


def setup_products(cls):
    Product = cls.env["product.product"]
    cls.screw = Product.create(
        {"name": "Screw 100", "default_code": "SCREW-100", "list_price": 10.0}
    )
    cls.nut = Product.create(
        {"name": "Nut M8", "default_code": "NUT-M8", "list_price": 2.5}
    )
    cls.secret = Product.create(
        {
            "name": "Internal Part",
            "default_code": "SECRET-1",
            "list_price": 1.0,
            "sale_ok": False,
        }
    )
    other_company = cls.env["res.company"].create({"name": "Other Shop"})
    cls.foreign = Product.create(
        {
            "name": "Other Shop Part",
            "default_code": "OTHER-1",
            "list_price": 1.0,
            "company_id": other_company.id,
        }
    )
    cls.delivery_a = cls.env["res.partner"].create(
        {
            "name": "Alpha Warehouse",
            "type": "delivery",
            "parent_id": cls.company_a.id,
            "street": "Dock 1",
            "city": "Antwerp",
        }
    )
