"""Resellers, continued: their end customers as the reseller portal edits
them (contact, payment method and IBAN, tags, archive, delivery
addresses) and the list of them."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError
from odoo.fields import Domain

from odoo.addons.base_iban.models.res_partner_bank import normalize_iban, validate_iban

from ..res_partner import B2B_MAX_INPUT_LENGTH
from .res_partner import (
    B2B_END_CUSTOMER_ADDRESS_FIELDS,
    B2B_END_CUSTOMER_FIELDS,
    B2B_MAX_TAG_LENGTH,
)


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # End customers, as the reseller portal edits them
    # ------------------------------------------------------------------
    def _b2b_owns_end_customer(self, customer, read_only=False):
        """Whether this reseller manages ``customer`` (or, to read, managed
        it before its migration)."""
        self.ensure_one()
        return customer.b2b_reseller_id == self or (
            read_only and customer.b2b_former_reseller_id == self
        )

    def _b2b_end_customer_orders_domain(self, customer):
        """The orders of ``customer`` this reseller reads: all of them while
        it manages the customer; after the customer's migration, those placed
        until the migration or placed by this reseller."""
        self.ensure_one()
        domain = Domain("partner_id", "child_of", customer.id)
        if customer.b2b_reseller_id == self:
            return domain
        placed_before = (
            Domain("date_order", "<=", customer.b2b_migration_date)
            if customer.b2b_migration_date
            else Domain.FALSE
        )
        return domain & (
            placed_before | Domain("b2b_ordered_by_reseller_id", "=", self.id)
        )

    def _b2b_payment_methods(self):
        """The payment methods this reseller may offer its customers."""
        self.ensure_one()
        company = self.company_id or self.env.company
        return (
            self.env["b2b.reseller.payment.method"]
            .sudo()
            .search([("company_id", "in", [False, company.id])])
        )

    def _b2b_end_customer_iban(self):
        """The customer's stored SEPA account (res.partner.bank), if any
        (replaced accounts are archived: never one of them)."""
        self.ensure_one()
        return self.sudo().bank_ids.filtered("active")[:1]

    def _b2b_prepare_end_customer_vals(self, form):
        """Check the end-customer form (a dict of stripped strings with the
        keys of ``B2B_END_CUSTOMER_FIELDS``, ``country_id``,
        ``payment_method_id``, ``iban``, ``is_company``) of this reseller and
        return the partner values; raises a translated UserError."""
        self.ensure_one()
        env = self.env
        if not form["name"]:
            raise UserError(env._("Please enter the customer's name."))
        if any(len(form[f]) > B2B_MAX_INPUT_LENGTH for f in B2B_END_CUSTOMER_FIELDS):
            raise UserError(env._("Some of the details are too long."))
        email = self._b2b_valid_email(form["email"]) if form["email"] else False
        if form["email"] and not email:
            raise UserError(env._("Please enter a valid e-mail address."))
        vals = {
            "name": form["name"],
            "email": email,
            "phone": form["phone"] or False,
            "street": form["street"] or False,
            "city": form["city"] or False,
            "zip": form["zip"] or False,
            "vat": form["vat"] or False,
            "company_registry": form["company_registry"] or False,
            "is_company": form["is_company"] or bool(form["vat"]),
        }
        if form["country_id"]:
            country = (
                env["res.country"]
                .sudo()
                .browse(int(form["country_id"]) if form["country_id"].isdigit() else 0)
                .exists()
            )
            if not country:
                raise UserError(env._("Please choose a country from the list."))
            vals["country_id"] = country.id
        elif form["vat"]:
            vals["country_id"] = self._b2b_country_from_vat(form["vat"]).id
        if form["vat"]:
            country = env["res.country"].browse(vals.get("country_id"))
            if not country:
                raise UserError(
                    env._(
                        "Please choose the customer's country, or enter the VAT "
                        "number with its country code (for example DE123456788)."
                    )
                )
            # base_vat's own message shows the number as it compacts it
            self._b2b_check_vat(form["vat"], country)
        if form["payment_method_id"]:
            methods = self._b2b_payment_methods()
            method = methods.filtered(lambda m: str(m.id) == form["payment_method_id"])
            if not method:
                raise UserError(env._("Please choose a payment method from the list."))
            vals["b2b_payment_method_id"] = method.id
            if method.payment_term_id:
                vals["property_payment_term_id"] = method.payment_term_id.id
        return vals

    def _b2b_requires_prepayment(self):
        """An end customer pays as its reseller chose: in advance with the
        prepayment method only (SEPA direct debit and invoices are paid
        later, not online first)."""
        method = self.sudo().commercial_partner_id.b2b_payment_method_id
        if method:
            return method.method_type == "prepayment"
        return super()._b2b_requires_prepayment()

    def _b2b_check_end_customer_iban(self, form, customer=None):
        """The IBAN to store, or False to keep the stored one; raises when a
        SEPA customer has none. An empty IBAN field keeps the stored number
        (the form shows it masked)."""
        method_id = form.get("payment_method_id")
        method = (
            self.env["b2b.reseller.payment.method"]
            .sudo()
            .browse(int(method_id) if method_id and method_id.isdigit() else 0)
        )
        typed = normalize_iban(form.get("iban")).upper()
        if not method.exists() or method.method_type != "sepa":
            if typed:
                raise UserError(
                    self.env._(
                        "An IBAN is only kept for SEPA direct debit: please "
                        "choose that payment method, or clear the IBAN."
                    )
                )
            return False
        if typed:
            try:
                validate_iban(typed)
            except ValidationError:
                raise UserError(
                    self.env._(
                        "%(iban)s is not a valid IBAN. Please check it (for example "
                        "NL91 ABNA 0417 1643 00).",
                        iban=form["iban"],
                    )
                ) from None
            return typed
        if customer and customer._b2b_end_customer_iban():
            return False
        raise UserError(
            self.env._("Please enter a valid IBAN for the SEPA direct debit.")
        )

    def _b2b_store_end_customer_iban(self, number):
        """Make ``number`` (a checked, compact IBAN; False: keep the stored
        one) this customer's SEPA account. The account it replaces is
        archived, never deleted; an archived account with the same number is
        used again."""
        self.ensure_one()
        if not number:
            return self.env["res.partner.bank"]
        Bank = self.env["res.partner.bank"].sudo().with_context(active_test=False)
        accounts = Bank.search([("partner_id", "=", self.id)])
        account = accounts.filtered(lambda a: a.sanitized_acc_number == number)[:1]
        (accounts.filtered("active") - account).write({"active": False})
        if account:
            account.active = True
        else:
            account = Bank.create({"partner_id": self.id, "acc_number": number})
        return account

    def _b2b_create_end_customer(self, form):
        """This reseller creates an end customer from the portal form.
        Returns the customer (sudo). No access check: callers check that the
        current user belongs to the reseller."""
        self.ensure_one()
        reseller = self.sudo()
        vals = reseller._b2b_prepare_end_customer_vals(form)
        number = reseller._b2b_check_end_customer_iban(form)
        customer = reseller.create(
            dict(vals, b2b_reseller_id=reseller.id, company_id=reseller.company_id.id)
        )
        customer._b2b_store_end_customer_iban(number)
        customer.message_post(
            body=self.env._(
                "Created by %(user)s of the reseller %(reseller)s.",
                user=self.env.user.name,
                reseller=reseller.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return customer

    def _b2b_update_end_customer(self, customer, form, tag_ids=(), new_tag=""):
        """This reseller saves the portal form of its end customer: details,
        IBAN, and its own tags (other resellers' tags stay)."""
        self.ensure_one()
        reseller, customer = self.sudo(), customer.sudo()
        vals = reseller._b2b_prepare_end_customer_vals(form)
        number = reseller._b2b_check_end_customer_iban(form, customer)
        customer.write(vals)
        customer._b2b_store_end_customer_iban(number)
        tags = reseller._b2b_reseller_tags().filtered(lambda t: t.id in tag_ids)
        if new_tag.strip():
            tags |= reseller._b2b_get_or_create_tag(new_tag)
        foreign = customer.b2b_reseller_tag_ids.filtered(
            lambda t: t.reseller_id != reseller
        )
        customer.b2b_reseller_tag_ids = [fields.Command.set((foreign | tags).ids)]
        return customer

    def _b2b_reseller_tags(self):
        self.ensure_one()
        return (
            self.env["b2b.reseller.tag"].sudo().search([("reseller_id", "=", self.id)])
        )

    def _b2b_get_or_create_tag(self, name):
        self.ensure_one()
        name = name.strip()[:B2B_MAX_TAG_LENGTH]
        tag = self._b2b_reseller_tags().filtered(lambda t: t.name == name)[:1]
        return tag or self.env["b2b.reseller.tag"].sudo().create(
            {"name": name, "reseller_id": self.id}
        )

    def _b2b_own_end_customers(self, customer_ids):
        """The end customers among ``customer_ids`` this reseller manages
        (archived ones included)."""
        self.ensure_one()
        return (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [("id", "in", list(customer_ids)), ("b2b_reseller_id", "=", self.id)]
            )
        )

    def _b2b_tag_end_customers(self, customers, tag=None, tag_name=""):
        """Tag ``customers`` with ``tag`` or, without one, a tag named
        ``tag_name`` (found or created). No access check: callers check that
        the customers and the tag are this reseller's. Returns the tag;
        raises a translated UserError, before anything is created, when no
        customer is given or no tag is named."""
        self.ensure_one()
        if not customers:
            raise UserError(self.env._("Please select the customers to tag."))
        if not tag and not tag_name.strip():
            raise UserError(self.env._("Please enter the name of the tag."))
        tag = tag or self._b2b_get_or_create_tag(tag_name)
        customers.sudo().write({"b2b_reseller_tag_ids": [fields.Command.link(tag.id)]})
        return tag

    def _b2b_archive_end_customers(self, customers, active=False):
        """Archive (or, with ``active``, restore) ``customers`` in one
        write; their data is kept. No access check: callers check that the
        customers are this reseller's. Raises a translated UserError when
        none is given."""
        self.ensure_one()
        if not customers:
            raise UserError(self.env._("Please select the customers first."))
        customers.sudo().write({"active": active})
        return customers

    def _b2b_add_end_customer_address(self, values, make_default=False):
        """A delivery address for this end customer; raises when street,
        city or country is missing."""
        self.ensure_one()
        customer = self.sudo()
        values = {
            key: (values.get(key) or "").strip()[:B2B_MAX_INPUT_LENGTH]
            for key in B2B_END_CUSTOMER_ADDRESS_FIELDS
        }
        if not values["street"] or not values["city"]:
            raise UserError(self.env._("A delivery address needs a street and a city."))
        country_id = values.pop("country_id")
        country = (
            self.env["res.country"]
            .sudo()
            .browse(int(country_id) if country_id.isdigit() else 0)
            .exists()
        )
        if not country:
            raise UserError(
                self.env._(
                    "A delivery address needs a country: please choose it from "
                    "the list."
                )
            )
        values["country_id"] = country.id
        address = customer.create(
            dict(
                values,
                name=values["name"] or customer.name,
                type="delivery",
                parent_id=customer.id,
            )
        )
        if make_default or not customer.b2b_default_delivery_id:
            customer.b2b_default_delivery_id = address
        return address

    def _b2b_end_customer_delivery_address(self, address_id):
        """One of this end customer's delivery addresses, or empty."""
        self.ensure_one()
        return self.sudo().child_ids.filtered(
            lambda a: a.id == address_id and a.type == "delivery"
        )

    def _b2b_archive_end_customer(self, archive=True):
        """The reseller archives (or restores) this end customer on its
        portal; the end customer's orders stay."""
        self.ensure_one()
        self.sudo().active = not archive

    def _b2b_archive_end_customer_address(self, address):
        self.ensure_one()
        if self.b2b_default_delivery_id == address:
            self.sudo().b2b_default_delivery_id = False
        address.sudo().active = False

    @api.model
    def _b2b_prepare_end_customers_domain(
        self, reseller, search=None, tag_id=None, archived=False
    ):
        """The reseller's end customers for the portal list (search on name,
        e-mail, number, city and tag; archived ones apart)."""
        domain = Domain("b2b_reseller_id", "=", reseller.id) & Domain(
            "active", "=", not archived
        )
        if search:
            domain &= (
                Domain("name", "ilike", search)
                | Domain("email", "ilike", search)
                | Domain("ref", "ilike", search)
                | Domain("city", "ilike", search)
                | Domain("b2b_reseller_tag_ids.name", "ilike", search)
            )
        if tag_id:
            domain &= Domain("b2b_reseller_tag_ids", "in", [tag_id])
        return domain
