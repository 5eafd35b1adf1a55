"""Approval rules of a B2B company: orders over a threshold, placed by some
of its buyers, need the approval of some of its contacts (see
``sale.order._b2b_approval_requirements``)."""

from odoo import api, fields, models
from odoo.exceptions import ValidationError


class B2bApprovalRule(models.Model):
    _name = "b2b.approval.rule"
    _description = "B2B Buyer Approval Rule"
    _order = "partner_id, amount_threshold, id"

    partner_id = fields.Many2one(
        comodel_name="res.partner",
        string="Company",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_company", "=", True), ("is_b2b", "=", True)],
        help="The B2B company whose buyers the rule governs.",
    )
    name = fields.Char(required=True)
    active = fields.Boolean(default=True)
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_currency_id"
    )
    amount_threshold = fields.Monetary(
        string="Above",
        help="Orders whose amount is above this need the approval (0: every order).",
    )
    amount_basis = fields.Selection(
        selection=[("untaxed", "Untaxed amount"), ("total", "Total incl. taxes")],
        string="Amount",
        required=True,
        default="untaxed",
    )
    applies_to = fields.Selection(
        selection=[
            ("all", "All buyers"),
            ("role", "Buyers with a role"),
            ("contacts", "Some buyers"),
        ],
        required=True,
        default="all",
    )
    role = fields.Selection(selection="_selection_role", string="Buyer Role")
    contact_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_approval_rule_contact_rel",
        column1="rule_id",
        column2="partner_id",
        string="Buyers",
    )
    approver_type = fields.Selection(
        selection=[
            ("admins", "The administrators"),
            ("approvers", "The approvers"),
            ("contacts", "Named contacts"),
        ],
        string="Approved By",
        required=True,
        default="admins",
    )
    approver_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_approval_rule_approver_rel",
        column1="rule_id",
        column2="partner_id",
        string="Approvers",
    )
    for_group = fields.Boolean(
        string="For the Group of Companies",
        help="The rule applies to the company's subsidiaries too.",
    )

    _amount_threshold_positive = models.Constraint(
        "CHECK (amount_threshold >= 0)",
        "The threshold of an approval rule cannot be negative.",
    )

    @api.model
    def _selection_role(self):
        """The roles of a company's contacts (``res.partner.b2b_role``)."""
        return self.env["res.partner"]._fields["b2b_role"].selection

    @api.depends_context("company")
    def _compute_currency_id(self):
        self.currency_id = self.env.company.currency_id

    @api.constrains(
        "applies_to", "role", "contact_ids", "approver_type", "approver_ids"
    )
    def _check_people(self):
        for rule in self:
            company = rule.partner_id
            if rule.applies_to == "role" and not rule.role:
                raise ValidationError(self.env._("Please choose the buyers' role."))
            if rule.applies_to == "contacts" and not rule.contact_ids:
                raise ValidationError(self.env._("Please choose the buyers."))
            if rule.approver_type == "contacts" and not rule.approver_ids:
                raise ValidationError(self.env._("Please choose the approvers."))
            people = rule.contact_ids | rule.approver_ids
            if any(p.parent_id != company or p.is_company for p in people):
                raise ValidationError(
                    self.env._(
                        "The buyers and approvers of a rule must be contact "
                        "persons of %(company)s.",
                        company=company.display_name,
                    )
                )

    @api.constrains("approver_type", "partner_id")
    def _check_approvers_exist(self):
        """A rule approved by "the approvers" of a company that has none
        would hold every order over its amount with no one to decide."""
        rules = self.filtered(lambda r: r.approver_type == "approvers")
        if not rules:
            return
        with_approvers = {
            partner.id
            for [partner] in self.env["res.partner"]
            .sudo()
            ._read_group(
                [
                    ("parent_id", "in", rules.partner_id.ids),
                    ("type", "=", "contact"),
                    ("is_company", "=", False),
                    ("b2b_role", "=", "approver"),
                ],
                ["parent_id"],
            )
        }
        for rule in rules:
            if rule.partner_id.id not in with_approvers:
                raise ValidationError(
                    self.env._(
                        "%(company)s has no approvers yet: give a colleague the "
                        "role Approver first, or have the rule approved by the "
                        "administrators or by named contacts.",
                        company=rule.partner_id.display_name,
                    )
                )

    # ------------------------------------------------------------------
    # What the rule asks of an order
    # ------------------------------------------------------------------
    def _b2b_applies(self, buyer, untaxed, total):
        """Whether the rule applies to an order of ``buyer`` with these
        amounts (in the company's currency)."""
        self.ensure_one()
        if self.applies_to == "role" and buyer.b2b_role != self.role:
            return False
        if self.applies_to == "contacts" and buyer not in self.contact_ids:
            return False
        amount = untaxed if self.amount_basis == "untaxed" else total
        return self.currency_id.compare_amounts(amount, self.amount_threshold) > 0

    def _b2b_approvers(self, buyer, people):
        """Who may approve an order of ``buyer`` under this rule, never the
        buyer. A buyer among the rule's approvers goes to the next level:
        the administrators. ``people``: the company's contacts with a role
        (read once by the caller)."""
        self.ensure_one()
        admins = people.filtered(lambda p: p.b2b_role == "admin")
        if self.approver_type == "admins":
            candidates = admins
        elif self.approver_type == "approvers":
            candidates = people.filtered(lambda p: p.b2b_role == "approver")
        else:
            candidates = self.approver_ids.filtered("active")
        if buyer in candidates and self.approver_type != "admins":
            candidates = admins
        return candidates - buyer
