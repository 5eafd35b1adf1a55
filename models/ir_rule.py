from odoo import models


class IrRule(models.Model):
    _inherit = "ir.rule"

    def _compute_domain_context_values(self):
        """Odoo's own portal rules embed ``user.commercial_partner_id.id`` in
        their domains, and Odoo caches evaluated domains per user. Keying that
        cache on the user's current commercial partner too makes those rules
        follow a contact moved to another company on the very next request,
        without clearing every worker's caches (the module's own rules read
        everything else at query time)."""
        yield from super()._compute_domain_context_values()
        yield self.env.user.partner_id.commercial_partner_id.id
