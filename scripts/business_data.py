"""Other customers' data in a database, as a shop that has been running has
it, for ``scripts/test_business_data.sh``: a second company with its own
requests and payment methods, B2B companies with contacts (e-mails like
eve@...), a group of companies named like the tests' fixtures, a reseller with
end customers and the orders it placed for them, confirmed orders and orders
waiting for a buyer approval. Run inside ``odoo-bin shell`` (``env``)."""

from odoo import Command

env = env  # noqa: F821, PLW0127 - given by odoo-bin shell
Partner = env["res.partner"]
shop_2 = env["res.company"].create(
    {"name": "Other Shop Ltd", "email": "o@shop2.example"}
)
product = env["product.product"].create({"name": "Other Pallet", "list_price": 40})


def b2b_company(name, company=None, parent=None, **vals):
    partner = Partner.create(
        {
            "name": name,
            "is_company": True,
            "is_b2b": True,
            "email": f"info@{name.split()[0].lower()}.other.example",
            "company_id": company.id if company else False,
            "parent_id": parent.id if parent else False,
            **vals,
        }
    )
    partner.write({"b2b_state": "approved"})
    return partner


def order(partner, **vals):
    return env["sale.order"].create(
        {
            "partner_id": partner.id,
            "company_id": (partner.company_id or env.company).id,
            "order_line": [Command.create({"product_id": product.id})],
            **vals,
        }
    )


companies = Partner
for index in range(3):
    company = b2b_company(f"Other Customer {index}", company=shop_2 if index else None)
    companies |= company
    for name in ("eve", "evelyn", "ulrich"):
        Partner.create(
            {
                "name": f"{name.title()} Other {index}",
                "email": f"{name}{index}@elsewhere.example.com",
                "parent_id": company.id,
                "b2b_role": "admin" if name == "eve" else "user",
            }
        )
    order(company).action_confirm()
    order(
        company,
        b2b_approval_state="waiting",
        b2b_requested_by_id=company.child_ids[:1].id,
    )
# a group of companies whose name the tests' fixtures also use
root = b2b_company("Alpha Trading Holding")
b2b_company("Alpha Trading North", parent=root)
# pending requests in both companies
for company in (env.company, shop_2):
    Partner.create(
        {
            "name": f"Pending Request {company.id}",
            "is_company": True,
            "is_b2b": True,
            "company_id": company.id,
        }
    )
env["b2b.reseller.payment.method"].create(
    [{"name": "Shop 2 invoice", "company_id": shop_2.id}, {"name": "Everyone prepays"}]
)
# a reseller and the orders it placed for its customers
reseller = b2b_company("Other Reseller", is_reseller=True)
for index in range(2):
    customer = Partner.create(
        {
            "name": f"Reseller Customer {index}",
            "is_company": True,
            "b2b_reseller_id": reseller.id,
            "email": f"eve.r{index}@elsewhere.example.com",
        }
    )
    order(customer, b2b_ordered_by_reseller_id=reseller.id)
env["b2b.reseller.tag"].create({"name": "VIP", "reseller_id": reseller.id})
env.cr.commit()
print(
    f"business data: {Partner.search_count([])} partners, "
    f"{env['sale.order'].search_count([])} orders"
)
