"""Possible duplicates of a B2B request, and linking a request to the
existing customer it duplicates."""

from odoo import api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

#: e-mail domains shared by unrelated people: no duplicate hint from them
B2B_FREE_MAIL_DOMAINS = frozenset(
    {
        "gmail.com",
        "googlemail.com",
        "outlook.com",
        "hotmail.com",
        "live.com",
        "yahoo.com",
        "icloud.com",
        "gmx.de",
        "gmx.net",
        "web.de",
        "t-online.de",
        "hotmail.nl",
        "ziggo.nl",
        "kpnmail.nl",
        "orange.fr",
        "free.fr",
        "example.com",
    }
)
#: legal forms ignored when comparing company names
B2B_LEGAL_FORMS = frozenset(
    "gmbh ag kg ohg ug bv b.v. nv n.v. vof ltd ltd. llc inc inc. sa sarl sas "
    "co. &".split()
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_duplicate_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Possible Duplicates",
        compute="_compute_b2b_duplicate_ids",
        groups="b2b_customer.group_b2b_user",
        help="Companies with the same VAT, Chamber of Commerce number or "
        "e-mail domain, or a similar name.",
    )

    def _b2b_name_core(self):
        """The company name without legal form, for similar-name hints."""
        words = [
            w
            for w in (self.name or "").lower().replace(",", " ").split()
            if w not in B2B_LEGAL_FORMS
        ]
        return " ".join(words)

    def _b2b_duplicates_domain(self):
        """Domain of the companies that may be the same customer."""
        self.ensure_one()
        # base's own matches know the VAT prefixes (EL for Greece, numbers
        # typed with or without the country code)
        same = (
            self.sudo().same_vat_partner_id
            | self.sudo().same_company_registry_partner_id
        )
        conditions = [Domain("id", "in", same.ids)] if same else []
        if self.vat:
            conditions.append(Domain("vat", "=", self.vat))
        if self.company_registry:
            conditions.append(Domain("company_registry", "=", self.company_registry))
        domain = (self.email or "").rpartition("@")[2].lower().strip()
        if domain and domain not in B2B_FREE_MAIL_DOMAINS:
            conditions.append(Domain("email", "=ilike", f"%@{domain}"))
        core = self._b2b_name_core()
        if len(core) >= 3:
            conditions.append(Domain("name", "=ilike", f"{core}%"))
        if not conditions:
            return Domain.FALSE
        own_id = self._origin.id or self.id
        return (
            Domain.OR(conditions)
            & Domain("is_company", "=", True)
            & Domain("id", "!=", own_id)
            & Domain("id", "not in", self.child_ids.ids)
        )

    @api.depends("vat", "company_registry", "email", "name")
    def _compute_b2b_duplicate_ids(self):
        for partner in self:
            if (
                not partner.is_b2b
                or not partner.is_company
                or partner.b2b_state != "pending"
            ):
                partner.b2b_duplicate_ids = False
                continue
            partner.b2b_duplicate_ids = self.search(
                partner._b2b_duplicates_domain(), limit=10
            )

    def action_b2b_link_to_existing(self):
        """Called on the existing customer (a possible duplicate) with the
        request in the context: move the request's contacts to this customer,
        keep the request's history and archive it (nothing is deleted)."""
        self.ensure_one()
        self._b2b_check_manager()
        request = self.browse(self.env.context.get("b2b_request_partner_id")).exists()
        if not request or request == self:
            raise UserError(self.env._("Open the request to link it to a customer."))
        request._b2b_link_to(self)
        return {
            "type": "ir.actions.act_window",
            "res_model": "res.partner",
            "res_id": self.id,
            "view_mode": "form",
            "target": "current",
        }

    def _b2b_link_to(self, customer):
        """Merge this request into an existing customer without deleting it."""
        self.ensure_one()
        request_sudo, customer_sudo = self.sudo(), customer.sudo()
        contacts = request_sudo.child_ids
        contacts.write({"parent_id": customer_sudo.id})
        request_sudo.activity_unlink(["b2b_customer.mail_activity_type_b2b_review"])
        request_sudo.message_post(
            body=self.env._(
                "Linked to the existing customer %(customer)s by %(user)s; "
                "its contacts moved there and this request was archived.",
                customer=customer_sudo.display_name,
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        customer_sudo.message_post(
            body=self.env._(
                "The B2B request of %(request)s (%(contacts)s) was linked to this "
                "customer by %(user)s.",
                request=request_sudo.display_name,
                contacts=", ".join(contacts.mapped("name")) or "-",
                user=self.env.user.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        request_sudo.write({"active": False})
        return True
