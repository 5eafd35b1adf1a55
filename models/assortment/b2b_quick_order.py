"""The quick order (typed lines, CSV, order again, requisition lists) of a
customer with an assortment: only its products are found and ordered, and
the quantity rules are checked on the lines, proposing the nearest valid
quantity."""

from collections import defaultdict

from odoo import api, models
from odoo.fields import Domain

#: products of a search read at once for a customer with an assortment,
#: then checked against it (``_b2b_find_products``)
B2B_ASSORTMENT_CANDIDATES = 200


class B2bQuickOrder(models.AbstractModel):
    _inherit = "b2b.quick.order"

    @api.model
    def _b2b_find_products(self, domains, customer, limit):
        """The search box of a customer with an assortment: the first
        ``B2B_ASSORTMENT_CANDIDATES`` products of each search are read
        without the assortment, then checked against it in one query that
        reads only those products (``_b2b_check_products``), not the whole
        assortment; when a broad term has more candidates and too few of
        them are in the assortment, the rest is searched with the
        assortment's condition."""
        Assortment = self.env["b2b.assortment"]
        assortment_ids = Assortment._b2b_effective_ids(customer)
        if not assortment_ids:
            return super()._b2b_find_products(domains, customer, limit)
        Product = self.env["product.product"].sudo()
        found = Product.browse()
        for domain in domains:
            if len(found) >= limit:
                break
            domain &= Domain("id", "not in", found.ids)
            candidates = super()._b2b_find_products(
                [domain], customer, B2B_ASSORTMENT_CANDIDATES
            )
            _restricted, allowed, _rules = Assortment._b2b_check_products(
                customer, candidates.ids, assortment_ids
            )
            found |= candidates.filtered(lambda p, allowed=allowed: p.id in allowed)[
                : limit - len(found)
            ]
            if len(candidates) == B2B_ASSORTMENT_CANDIDATES and len(found) < limit:
                found |= super()._b2b_find_products(
                    [
                        domain
                        & Domain("id", "not in", found.ids)
                        & Product._b2b_assortment_domain(customer)
                    ],
                    customer,
                    limit - len(found),
                )
        return found

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
