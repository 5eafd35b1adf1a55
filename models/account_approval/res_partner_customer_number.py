"""Customer numbers: ``ref`` of the commercial partner, drawn from the
company's sequence on approval and unique among the company's customers."""

from odoo import api, models
from odoo.exceptions import ValidationError

#: context value under ``b2b_defer_number_check`` while numbers are drawn in
#: bulk: an object, so that no RPC context (JSON) can ever pass it
DEFER_NUMBER_CHECK = object()


class ResPartner(models.Model):
    _inherit = "res.partner"

    @api.constrains("ref", "company_id", "is_b2b", "is_company", "parent_id")
    def _check_b2b_customer_number_unique(self):
        """A customer number identifies one commercial partner per company,
        whichever of the two is the B2B customer. Skipped while numbers are
        drawn in bulk (``b2b_defer_number_check``), which checks them once
        at the end."""
        if self.env.context.get("b2b_defer_number_check") is DEFER_NUMBER_CHECK:
            return
        partners = self.filtered(lambda p: p.ref and p.is_company)
        if not partners:
            return
        clashes = self.with_context(active_test=False).search_fetch(
            [
                ("ref", "in", partners.mapped("ref")),
                ("id", "not in", partners.ids),
                ("is_company", "=", True),
            ],
            ["ref", "company_id", "is_b2b"],
        )
        taken = {}
        for other in clashes:
            key = (other.ref, other.company_id.id)
            taken[key] = taken.get(key, False) or other.is_b2b
        seen = {}
        for partner in partners:
            key = (partner.ref, partner.company_id.id)
            other_is_b2b = taken.get(key, seen.get(key))
            if other_is_b2b is not None and (partner.is_b2b or other_is_b2b):
                raise ValidationError(
                    self.env._(
                        "The customer number %(number)s is already used by "
                        "another customer of this company.",
                        number=partner.ref,
                    )
                )
            seen[key] = partner.is_b2b or seen.get(key, False)

    def _b2b_assign_customer_number(self):
        """Give each partner without a customer number the next one of its
        company's sequence. The uniqueness of the numbers is checked once
        for all of them (one query), not after each."""
        without_number = self.filtered(lambda p: not p.ref)
        deferred = without_number.with_context(
            b2b_defer_number_check=DEFER_NUMBER_CHECK
        )
        for company, partners in deferred.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            sequence = company._b2b_get_customer_sequence()
            numbers = sequence._b2b_next_batch(len(partners))
            for partner, number in zip(partners, numbers, strict=True):
                partner.ref = number
        without_number._check_b2b_customer_number_unique()
