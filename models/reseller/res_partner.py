"""Resellers: their end customers (created, edited, tagged, archived on
the reseller portal), the reseller invitation, and the migration of an end
customer to a reseller portal of its own."""

from odoo import fields, models
from odoo.exceptions import UserError

from odoo.addons.base_iban.models.res_partner_bank import normalize_iban

#: inputs of the end-customer form on ``/my/customers`` (res.partner names)
B2B_END_CUSTOMER_FIELDS = (
    "name",
    "email",
    "phone",
    "street",
    "city",
    "zip",
    "vat",
    "company_registry",
)
#: inputs of a delivery address of an end customer
B2B_END_CUSTOMER_ADDRESS_FIELDS = (
    "name",
    "street",
    "city",
    "zip",
    "phone",
    "country_id",
)
#: longest tag name
B2B_MAX_TAG_LENGTH = 64


def mask_iban(number):
    """An IBAN as banks show it: country, check digits, the last four
    (``NL91 **** **** 4300``)."""
    compact = normalize_iban(number).upper()
    if len(compact) < 8:
        return compact
    return f"{compact[:4]} **** **** {compact[-4:]}"


class ResPartner(models.Model):
    _inherit = "res.partner"

    is_reseller = fields.Boolean(
        string="Reseller",
        tracking=True,
        help="This company manages its own end customers in a reseller portal.",
    )

    b2b_reseller_prices_own = fields.Boolean(
        string="Reseller Orders at Its Own Prices",
        help="Orders this reseller places for its end customers on the portal "
        "are priced with the reseller's pricelist. Off: with the end "
        "customer's pricelist.",
    )

    b2b_reseller_end_customer_invoices = fields.Boolean(
        string="Reseller Sees End Customers' Invoices",
        tracking=True,
        help="The reseller's contacts who see the company's invoices also see "
        "its end customers' invoices on the portal, pay them (administrators "
        "who pay invoices) and find them in the statement of account. Off: "
        "the end customers' invoices are invisible to the reseller.",
    )

    b2b_reseller_id = fields.Many2one(
        comodel_name="res.partner",
        string="Managed by Reseller",
        tracking=True,
        domain=[("is_reseller", "=", True)],
        help="The reseller that manages this end customer.",
    )

    b2b_reseller_tag_ids = fields.Many2many(
        comodel_name="b2b.reseller.tag",
        relation="b2b_reseller_tag_res_partner_rel",
        column1="partner_id",
        column2="tag_id",
        string="Reseller Tags",
    )

    b2b_former_reseller_id = fields.Many2one(
        comodel_name="res.partner",
        string="Former Reseller",
        index="btree_not_null",
        readonly=True,
        copy=False,
        help="The reseller that managed this customer before it got its own "
        "reseller portal; it keeps read access to the past orders.",
    )
    b2b_migration_date = fields.Datetime(
        string="Migrated On",
        readonly=True,
        copy=False,
        help="When this customer got its own reseller portal: its former "
        "reseller reads the orders placed until then.",
    )

    b2b_payment_method_id = fields.Many2one(
        comodel_name="b2b.reseller.payment.method",
        string="Payment Method",
        help="How this end customer pays, as chosen by its reseller.",
    )

    b2b_end_customer_count = fields.Integer(
        string="End Customers", compute="_compute_b2b_end_customer_count"
    )

    _b2b_reseller_customers_idx = models.Index(
        "(b2b_reseller_id, name, id) WHERE b2b_reseller_id IS NOT NULL"
    )

    _b2b_reseller_idx = models.Index("(id) WHERE is_reseller IS TRUE")

    def _compute_b2b_end_customer_count(self):
        counts = dict(
            self.env["res.partner"]
            .with_context(active_test=False)
            ._read_group(
                [("b2b_reseller_id", "in", self.ids)],
                ["b2b_reseller_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_end_customer_count = counts.get(partner._origin, 0)

    def action_view_b2b_end_customers(self):
        self.ensure_one()
        self._b2b_check_staff()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "contacts.action_contacts"
        )
        action.update(
            {
                "name": self.env._("End Customers"),
                "domain": [("b2b_reseller_id", "=", self.id)],
                "context": {"default_b2b_reseller_id": self.id},
            }
        )
        return action

    def _b2b_is_active_reseller(self):
        self.ensure_one()
        return self.is_reseller and self.b2b_state == "approved"

    def action_b2b_invite_reseller(self):
        """Send the reseller's contacts their portal invitation."""
        self._b2b_check_staff()
        for reseller in self:
            if not reseller.is_reseller:
                raise UserError(
                    self.env._(
                        "%(name)s is not a reseller.", name=reseller.display_name
                    )
                )
            contacts = reseller.child_ids.filtered(
                lambda c: c.type == "contact" and c.email
            )
            if not contacts:
                raise UserError(
                    self.env._(
                        "Add a contact with an e-mail address to %(name)s first.",
                        name=reseller.display_name,
                    )
                )
            contacts.sudo()._b2b_send_credentials()
        return self._b2b_notification(
            self.env._("The invitations are queued."), close=True
        )

    def _b2b_migrate_to_reseller(self):
        """The end customer gets a reseller portal of its own: its contacts
        get portal access, its history stays, the former reseller keeps read
        access to the past orders. No access check: callers check."""
        for customer in self.sudo():
            former = customer.b2b_reseller_id
            company = customer.company_id or self.env.company
            customer.write(
                {
                    "is_company": True,
                    "is_reseller": True,
                    "b2b_reseller_id": False,
                    "b2b_former_reseller_id": former.id,
                    "b2b_migration_date": fields.Datetime.now(),
                }
            )
            if not customer.is_b2b:
                customer.is_b2b = True  # starts the request
            if customer.b2b_state != "approved":
                if company.b2b_migration_requires_approval:
                    if customer.b2b_state != "pending":
                        customer._b2b_start_request()
                else:
                    customer._b2b_approve()
            contacts = customer.child_ids.filtered(
                lambda c: c.type == "contact" and c.email
            )
            if not contacts and customer.email:
                contacts = customer.create(
                    {
                        "name": customer.name,
                        "email": customer.email,
                        "parent_id": customer.id,
                        "b2b_role": "admin",
                    }
                )
            if contacts and not contacts.filtered(lambda c: c.b2b_role == "admin"):
                contacts[:1].b2b_role = "admin"
            if contacts and customer.b2b_state == "approved":
                contacts._b2b_send_credentials()
            body = self.env._(
                "Migrated from %(reseller)s to its own reseller portal by %(user)s.",
                reseller=former.display_name or "-",
                user=self.env.user.name,
            )
            customer.message_post(body=body, subtype_xmlid="mail.mt_note")
            if former:
                former.message_post(
                    body=self.env._(
                        "%(customer)s was migrated to its own reseller portal by "
                        "%(user)s.",
                        customer=customer.display_name,
                        user=self.env.user.name,
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return True

    def action_b2b_migrate_to_reseller(self):
        self._b2b_check_manager()
        return self._b2b_migrate_to_reseller()
