"""The quick order (typed lines, CSV, order again, requisition lists) of a
customer with an assortment: only its products are found and ordered, and
the quantity rules are checked on the lines, proposing the nearest valid
quantity."""

from collections import defaultdict

from odoo import api, models


class B2bQuickOrder(models.AbstractModel):
    _inherit = "b2b.quick.order"

    @api.model
    def _b2b_sellable_domain(self, company, customer=None):
        """The search box lists only the customer's assortment."""
        domain = super()._b2b_sellable_domain(company, customer)
        if customer:
            domain &= self.env["product.product"]._b2b_assortment_domain(customer)
        return domain

    @api.model
    def _b2b_check_lines(self, rows, company, customer=None):
        """The lines' products are checked against the customer's assortment
        and quantity rules in one query (``_b2b_check_products``), not
        through ``_b2b_sellable_domain``."""
        lines, errors = super()._b2b_check_lines(rows, company)
        if not customer or not lines:
            return lines, errors
        products = self.env["product.product"].union(
            *(line["product"] for line in lines)
        )
        restricted, allowed, rules = self.env["b2b.assortment"]._b2b_check_products(
            customer, products.ids
        )
        if not restricted:
            return lines, errors
        totals = defaultdict(float)
        for line in lines:
            totals[line["product"]] += line["quantity"]
        messages = {}
        for product, quantity in totals.items():
            if product.id not in allowed:
                messages[product] = self.env._("This product is not sold to you.")
                continue
            rule = rules.get(product.id)
            message = rule and rule._b2b_quantity_problem(quantity, product.uom_id.name)
            if message:
                messages[product] = message
        if not messages:
            return lines, errors
        kept = []
        for line in lines:
            message = messages.get(line["product"])
            if message:
                errors.append(
                    {"line": line["line"], "code": line["code"], "message": message}
                )
            else:
                kept.append(line)
        return kept, sorted(errors, key=lambda error: error["line"])
