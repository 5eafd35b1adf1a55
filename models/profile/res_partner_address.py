"""Addresses of a B2B company: the default delivery address, consignees,
addresses locked because an integration maintains them
(``b2b_sync_addresses``), and who edits them on the portal."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_address_locked = fields.Boolean(
        string="Addresses Locked",
        help="Addresses are maintained by an integration and are read-only.",
    )

    b2b_default_delivery_id = fields.Many2one(
        comodel_name="res.partner",
        string="Default Delivery Address",
        domain="[('parent_id', '=', id), ('type', 'in', ('delivery', 'other'))]",
        help="Delivery address proposed on every new order of this company.",
    )

    b2b_external_ref = fields.Char(
        string="External Reference",
        index="btree_not_null",
        copy=False,
        help="Key of the address in the integration that maintains it "
        "(see b2b_sync_addresses).",
    )

    b2b_consignee = fields.Boolean(
        string="Consignee",
        help="Delivery address of another company receiving goods on the "
        "customer's behalf.",
    )

    b2b_is_locked_address = fields.Boolean(
        compute="_compute_b2b_is_locked_address",
        string="Locked Address",
        help="This address belongs to a company whose addresses are locked: "
        "an integration maintains it.",
    )

    def _b2b_get_default_delivery(self):
        """The default delivery address of the partner's company, if usable."""
        self.ensure_one()
        delivery = self.commercial_partner_id.b2b_default_delivery_id
        if delivery.active and delivery.commercial_partner_id == (
            self.commercial_partner_id
        ):
            return delivery
        return self.env["res.partner"]

    @api.constrains("b2b_default_delivery_id")
    def _check_b2b_default_delivery_id(self):
        for partner in self.filtered("b2b_default_delivery_id"):
            delivery = partner.b2b_default_delivery_id
            if (
                delivery.type not in ("delivery", "other")
                or delivery == partner.commercial_partner_id
                or delivery.commercial_partner_id != partner.commercial_partner_id
            ):
                raise ValidationError(
                    self.env._(
                        "The default delivery address of %(name)s must be one of "
                        "its own delivery addresses.",
                        name=partner.display_name,
                    )
                )

    def _b2b_after_create(self):
        res = super()._b2b_after_create()
        self._b2b_check_address_lock()
        return res

    def _b2b_before_write(self, vals):
        partners = super()._b2b_before_write(vals)
        partners._b2b_check_address_lock(vals)
        return partners

    def _b2b_check_address_lock(self, vals=None):
        """Refuse changes to addresses maintained by an integration, except
        through b2b_sync_addresses."""
        if self.env.context.get("b2b_address_sync"):
            return
        if vals is not None and not (
            set(vals) & (set(self._address_fields()) | {"active", "type", "name"})
        ):
            return
        locked = self.filtered("b2b_is_locked_address")
        if locked:
            raise UserError(
                self.env._(
                    "The addresses of %(name)s are maintained by an integration "
                    "and cannot be changed here.",
                    name=locked[0].commercial_partner_id.display_name,
                )
            )

    @api.model
    def _b2b_sync_address_vals(self, address):
        allowed = set(self._address_fields()) | {
            "name",
            "type",
            "email",
            "phone",
            "b2b_consignee",
            "comment",
        }
        unknown = set(address) - allowed - {"b2b_external_ref"}
        if unknown:
            raise UserError(
                self.env._(
                    "Unknown address fields: %(fields)s",
                    fields=", ".join(sorted(unknown)),
                )
            )
        vals = {key: address[key] for key in allowed if key in address}
        if vals.get("type", "delivery") not in ("delivery", "invoice", "other"):
            raise UserError(
                self.env._(
                    "Address type must be delivery, invoice or other, not %(type)s.",
                    type=vals["type"],
                )
            )
        return vals

    def b2b_sync_addresses(self, addresses):
        """Upsert the addresses of a company from an integration.

        Call on the commercial partner (RPC: ``res.partner`` /
        ``b2b_sync_addresses``, ``[[partner_id], addresses]``), with
        ``addresses`` a list of dicts, each with ``b2b_external_ref`` (the
        integration's key, required and unique in the list), ``type``
        (``delivery`` (default), ``invoice`` or ``other``) and address fields
        (``name``, ``street``, ``street2``, ``zip``, ``city``, ``state_id``,
        ``country_id``, ``email``, ``phone``, ``b2b_consignee``). Existing
        addresses with the same reference are updated (and unarchived), new
        ones created, and the company's addresses with a reference that is no
        longer sent are archived. Works on locked addresses; B2B staff only.

        :return: dict with the ids ``created``, ``updated`` and ``archived``
        """
        self.ensure_one()
        self._b2b_check_staff()
        partner = self.commercial_partner_id
        if partner != self:
            raise UserError(self.env._("Synchronise addresses on the company."))
        refs = [address.get("b2b_external_ref") for address in addresses]
        if not all(refs) or len(set(refs)) != len(refs):
            raise UserError(
                self.env._(
                    "Every address needs a unique b2b_external_ref "
                    "(missing or duplicated)."
                )
            )
        vals_by_ref = {
            address["b2b_external_ref"]: self._b2b_sync_address_vals(address)
            for address in addresses
        }
        Partner = self.with_context(b2b_address_sync=True, active_test=False)
        existing = Partner.search(
            [("parent_id", "=", partner.id), ("b2b_external_ref", "!=", False)]
        )
        by_ref = {child.b2b_external_ref: child for child in existing}
        updated = Partner.browse()
        to_create = []
        for ref, vals in vals_by_ref.items():
            child = by_ref.get(ref)
            if child:
                child.write({**vals, "active": True})
                updated |= child
            else:
                to_create.append(
                    {
                        "type": "delivery",
                        **vals,
                        "parent_id": partner.id,
                        "b2b_external_ref": ref,
                    }
                )
        created = Partner.create(to_create)
        archived = existing.filtered(
            lambda c: c.active and c.b2b_external_ref not in vals_by_ref
        )
        archived.write({"active": False})
        if partner.b2b_default_delivery_id in archived:
            partner.with_context(b2b_address_sync=True).b2b_default_delivery_id = False
        return {
            "created": created.ids,
            "updated": updated.ids,
            "archived": archived.ids,
        }

    @api.depends("parent_id", "type", "commercial_partner_id.b2b_address_locked")
    def _compute_b2b_is_locked_address(self):
        """An address (delivery, invoice, other) of a company whose addresses
        are locked (``b2b_address_locked``)."""
        for partner in self:
            partner.b2b_is_locked_address = bool(
                partner.parent_id
                and partner.type in ("delivery", "invoice", "other")
                and partner.commercial_partner_id.b2b_address_locked
            )

    def _can_be_edited_by_current_customer(self, **kwargs):
        """B2B: only B2B administrators edit the company's addresses, and
        nobody edits addresses maintained by an integration."""
        if not super()._can_be_edited_by_current_customer(**kwargs):
            return False
        current = self._get_current_partner(**kwargs)
        if self == current:
            return True
        commercial = current.commercial_partner_id
        if self.commercial_partner_id != commercial or self.b2b_is_locked_address:
            return False
        return not commercial.is_b2b or current._b2b_manages_addresses()

    def _b2b_manages_addresses(self):
        """Whether this contact manages its B2B company's addresses on the
        portal (default delivery address, consignees): the company itself or
        one of its administrators. Unlike ``_b2b_is_company_admin`` the
        account need not be approved: a pending customer fills in its
        addresses too."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return bool(
            commercial.is_b2b and (self == commercial or self.b2b_role == "admin")
        )

    def _b2b_make_default_delivery(self):
        """This delivery (or other) address becomes its company's default
        delivery address (the portal's "Default" of an address book: the
        caller checked who may edit it)."""
        self.ensure_one()
        if self.type not in ("delivery", "other") or not self.parent_id:
            raise UserError(
                self.env._(
                    "Only a delivery address can be the default delivery address."
                )
            )
        self.commercial_partner_id.b2b_default_delivery_id = self

    def _b2b_set_consignee(self, consignee, by):
        """Mark this delivery address as a consignee (or not) for ``by``,
        the portal contact who edited it; left alone unless ``by`` manages
        its company's addresses and may edit this one."""
        self.ensure_one()
        if (
            self.type in ("delivery", "other")
            and self.b2b_consignee != consignee
            and by
            and by._b2b_manages_addresses()
            and self._can_be_edited_by_current_customer()
        ):
            self.b2b_consignee = consignee
