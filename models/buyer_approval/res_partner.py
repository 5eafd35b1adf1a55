"""Buyer approvals on the company's contacts: each contact's order limit,
the approval rules and budgets of a B2B company, and who of its contacts
approves (see ``sale.order._b2b_approval_requirements``)."""

from odoo import api, fields, models
from odoo.exceptions import UserError, ValidationError


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_order_limit = fields.Monetary(
        string="Order Limit",
        currency_field="currency_id",
        tracking=True,
        help="Orders of this buyer above this untaxed amount need the approval "
        "of the company's approvers (of its administrators for an approver's "
        "own orders). Empty: no limit.",
    )
    b2b_approval_rule_ids = fields.One2many(
        comodel_name="b2b.approval.rule",
        inverse_name="partner_id",
        string="Approval Rules",
    )
    b2b_budget_ids = fields.One2many(
        comodel_name="b2b.budget",
        inverse_name="partner_id",
        string="Budgets",
    )

    @api.constrains("b2b_order_limit")
    def _check_b2b_order_limit(self):
        if any(partner.b2b_order_limit < 0 for partner in self):
            raise ValidationError(self.env._("An order limit cannot be negative."))

    def _b2b_contacts_with_roles(self, roles):
        """The active contact persons of this company with one of ``roles``
        (sudo, one query)."""
        self.ensure_one()
        return (
            self.env["res.partner"]
            .sudo()
            .search(
                [
                    ("parent_id", "=", self.id),
                    ("type", "=", "contact"),
                    ("is_company", "=", False),
                    ("b2b_role", "in", list(roles)),
                ]
            )
        )

    def _b2b_is_approver(self):
        """A contact who decides on the orders of an approved B2B company:
        its administrators and approvers."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return bool(
            commercial != self
            and self.b2b_role in ("admin", "approver")
            and commercial.is_b2b
            and commercial.b2b_state == "approved"
        )

    def _b2b_set_order_limit(self, limit):
        """Set this colleague's order limit from a portal input (a text; empty:
        no limit). No access check."""
        self.ensure_one()
        self.b2b_order_limit = self._b2b_parse_amount(
            limit, self.env._("Please enter the order limit as a positive amount.")
        )
        return True

    # ------------------------------------------------------------------
    # Rules and budgets, as a company administrator keeps them on the portal
    # ------------------------------------------------------------------
    def _b2b_parse_amount(self, text, message):
        """A positive amount typed on the portal, read in the reader's
        language (``res.lang._b2b_parse_number``; empty: 0); ``message`` when
        it is not one, with how the reader's language writes amounts."""
        text = (text or "").strip()
        amount = self.env["res.lang"]._b2b_parse_number(text) if text else 0.0
        if amount is None or not 0 <= amount < 1e12:
            raise UserError(
                self.env._(
                    "%(message)s For example: %(example)s",
                    message=message,
                    example=self.env["res.lang"]._b2b_number_example(),
                )
            )
        return amount

    def _b2b_portal_colleagues(self, ids):
        """The contact persons of this company among ``ids`` (sudo); a
        UserError when some are not."""
        self.ensure_one()
        people = self.env["res.partner"].sudo().browse(ids).exists()
        if len(people) != len(set(ids)) or any(
            p.parent_id != self or p.is_company or p.type != "contact" for p in people
        ):
            raise UserError(self.env._("Please choose colleagues of your company."))
        return people

    def _b2b_portal_create_rule(self, form, contact_ids=(), approver_ids=()):
        """This company (sudo) creates an approval rule from the portal form
        (strings, as typed). Refusals come as a translated UserError. No
        access check: callers check the administrator."""
        self.ensure_one()
        env = self.env
        Rule = env["b2b.approval.rule"]
        name = form.get("name") or ""
        if not name or len(name) > 256:
            raise UserError(env._("Please name the rule."))
        threshold = self._b2b_parse_amount(
            form.get("amount_threshold"),
            env._("Please enter the amount as a positive number."),
        )
        if not threshold:
            raise UserError(
                env._(
                    "Please enter the amount above which orders need approval "
                    "(greater than 0)."
                )
            )
        choices = {
            field: dict(Rule._fields[field]._description_selection(env))
            for field in ("amount_basis", "applies_to", "approver_type", "role")
        }
        for field in ("amount_basis", "applies_to", "approver_type"):
            if form.get(field) not in choices[field]:
                raise UserError(env._("Please choose whom the rule applies to."))
        vals = {
            "partner_id": self.id,
            "name": name,
            "amount_threshold": threshold,
            "amount_basis": form["amount_basis"],
            "applies_to": form["applies_to"],
            "approver_type": form["approver_type"],
            "for_group": bool(form.get("for_group")),
        }
        if form["applies_to"] == "role":
            if form.get("role") not in choices["role"]:
                raise UserError(env._("Please choose the buyers' role."))
            vals["role"] = form["role"]
        if form["applies_to"] == "contacts":
            vals["contact_ids"] = self._b2b_portal_colleagues(contact_ids).ids
        if form["approver_type"] == "contacts":
            vals["approver_ids"] = self._b2b_portal_colleagues(approver_ids).ids
        rule = Rule.sudo().create(vals)
        self.message_post(
            body=env._("Approval rule %(rule)s created on the portal.", rule=name),
            subtype_xmlid="mail.mt_note",
        )
        return rule

    def _b2b_portal_create_budget(self, form):
        """This company (sudo) sets a budget for itself or a colleague from
        the portal form. No access check."""
        self.ensure_one()
        env = self.env
        Budget = env["b2b.budget"]
        target = form.get("partner_id") or ""
        if target in ("", "company", str(self.id)):
            partner = self
        elif target.isdigit():
            partner = self._b2b_portal_colleagues([int(target)])
        else:
            raise UserError(env._("Please choose colleagues of your company."))
        periods = dict(Budget._fields["period"]._description_selection(env))
        if form.get("period") not in periods:
            raise UserError(env._("Please choose the period of the budget."))
        amount = self._b2b_parse_amount(
            form.get("amount"), env._("Please enter the budget as a positive amount.")
        )
        if not amount:
            raise UserError(env._("Please enter the budget as a positive amount."))
        return Budget.sudo().create(
            {
                "partner_id": partner.id,
                "period": form["period"],
                "amount": amount,
                "for_group": bool(form.get("for_group")) and partner == self,
            }
        )
