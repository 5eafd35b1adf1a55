"""The public member directory (``/b2b/directory``): who opted in, and
when."""

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_directory_listed = fields.Boolean(
        string="Listed in Member Directory",
        help="The member agreed to be listed in the public member directory.",
    )
    b2b_directory_consent_date = fields.Datetime(
        string="Directory Consent Date", readonly=True, copy=False
    )

    # the directory lists by name: an index in that order, so a page is read
    # from the index instead of walking all names
    _b2b_directory_idx = models.Index("(name, id) WHERE b2b_directory_listed IS TRUE")

    def _b2b_before_write(self, vals):
        partners = super()._b2b_before_write(vals)
        if (
            vals.get("b2b_directory_listed")
            and "b2b_directory_consent_date" not in vals
        ):
            vals["b2b_directory_consent_date"] = fields.Datetime.now()
        return partners

    def _b2b_directory_company(self):
        """The company whose directory listing this contact may change: an
        approved B2B member, changed by itself or by one of its
        administrators. Empty otherwise."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if not (commercial.is_b2b and commercial.b2b_state == "approved"):
            return self.browse()
        if self != commercial and self.b2b_role != "admin":
            return self.browse()
        return commercial

    def _b2b_set_directory_listing(self, listed):
        """List or unlist the company (self) in the member directory."""
        self.ensure_one()
        if self.b2b_directory_listed != listed:
            self.sudo().b2b_directory_listed = listed
