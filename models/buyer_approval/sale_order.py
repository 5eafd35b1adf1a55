"""Buyer approvals on orders. When a buyer of a B2B company accepts (signs) a
quotation on the portal and the company's rules, the buyer's order limit or
a budget ask for it, the signature is kept but the order waits for its
approvals instead of being confirmed; the approvers decide on
``/my/approvals``. The last approval continues the order as Odoo's own
accept would have (confirmation, or the online payment where prepayment
applies, with the credit checks); a rejection returns it to the buyer."""

from odoo import Command, api, fields, models
from odoo.exceptions import UserError
from odoo.fields import Domain

from ..sale_order import b2b_blocker

B2B_APPROVAL_STATES = [
    ("not_required", "Not Required"),
    ("waiting", "Waiting for Approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
]
#: who reads the approvals of an order in the back office
APPROVAL_READERS = "sales_team.group_sale_salesman,b2b_customer.group_b2b_user"


class SaleOrder(models.Model):
    _inherit = "sale.order"

    b2b_approval_state = fields.Selection(
        selection=B2B_APPROVAL_STATES,
        string="Buyer Approval",
        default="not_required",
        copy=False,
        tracking=True,
        help="Whether the customer's own approval rules hold the order: it "
        "waits for the approvers of the customer's company, who approve or "
        "reject it on the portal.",
    )
    b2b_requested_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Accepted By",
        copy=False,
        readonly=True,
        help="The buyer who accepted the quotation on the portal.",
    )
    b2b_approval_ids = fields.One2many(
        comodel_name="b2b.order.approval",
        inverse_name="order_id",
        string="Buyer Approvals",
        copy=False,
        groups=APPROVAL_READERS,
    )

    _b2b_approval_waiting_idx = models.Index(
        "(id) WHERE b2b_approval_state = 'waiting'"
    )

    # ------------------------------------------------------------------
    # The order gate
    # ------------------------------------------------------------------
    def _b2b_buyer_approval_blockers(self, step):
        """The order gate's hook: the order waits for the approvers of the
        customer's company (every step; a B2B manager's "Confirm Anyway" may
        pass it), or the buyer paying it needs their approval first (paying:
        no money moves before the approval; signing submits the order for
        approval instead)."""
        if self.b2b_approval_state == "waiting":
            blocker = b2b_blocker(
                "buyer_approval_waiting",
                self.env._(
                    "%(order)s is waiting for the approval of the buyers of "
                    '%(customer)s. A B2B manager can use "Confirm Anyway" with a '
                    "reason.",
                    order=self.name,
                    customer=self.partner_id.commercial_partner_id.display_name,
                )
                if not self.env.user.share
                else self.env._(
                    "%(order)s is waiting for the approval of your company's "
                    "approvers.",
                    order=self.name,
                ),
                override=True,
            )
            blocker["why"] = self.env._(
                "the customer's approvers have not approved it yet"
            )
            return [blocker]
        if step == "pay" and self._b2b_needs_buyer_approval():
            return [
                b2b_blocker(
                    "buyer_approval_needed",
                    self.env._(
                        "%(order)s needs the approval of your company before it is "
                        "paid: request it first.",
                        order=self.name,
                    ),
                )
            ]
        return []

    def _b2b_needs_buyer_approval(self):
        """Whether the buyer acting on this quotation (``_b2b_buyer``) must
        have it approved by their company before it is paid or ordered.
        Memoised for the transaction (a page asks several times)."""
        self.ensure_one()
        buyer = self._b2b_buyer()
        if (
            not buyer
            or self.state not in ("draft", "sent")
            or self.b2b_approval_state in ("waiting", "approved")
        ):
            return False
        memo = self.env.cr.cache.setdefault("b2b_needs_buyer_approval", {})
        key = (self.id, buyer.id, self.write_date, self.amount_untaxed)
        if key not in memo:
            try:
                memo[key] = bool(self.sudo()._b2b_approval_requirements(buyer))
            except UserError:
                memo[key] = True  # no one may approve it: not paid either
        return memo[key]

    # ------------------------------------------------------------------
    # Submitting: Odoo's accept, held back when approvals are needed
    # ------------------------------------------------------------------
    def _b2b_submit_signed_for_approval(self):
        """The portal buyer signed these quotations (the gate's ``write``):
        each waits for its approvals when it needs them."""
        buyer = self._b2b_portal_partner()
        if buyer:
            for order in self:
                order._b2b_submit_for_approval(buyer)

    def _b2b_buyer_approval_confirmed(self):
        """After ``_action_confirm`` (the gate): a waiting order confirmed by a
        B2B manager's "Confirm Anyway" (logged) counts as approved; the
        budgets' notices are checked when the transaction commits."""
        waiting = self.filtered(lambda o: o.b2b_approval_state == "waiting")
        if waiting:
            waiting.sudo().b2b_approval_ids.filtered(
                lambda a: a.state == "waiting"
            ).unlink()
            waiting.b2b_approval_state = "approved"
        b2b_orders = self.filtered(lambda o: o.partner_id.commercial_partner_id.is_b2b)
        if b2b_orders:
            self.env["b2b.budget"]._b2b_check_notices_at_commit(
                b2b_orders.b2b_requested_by_id | b2b_orders.partner_id
            )

    def _b2b_submit_for_approval(self, buyer):
        """``buyer`` (a contact) accepted this quotation on the portal: when
        approvals are needed the order waits for them and the approvers are
        told. Returns whether it waits. Raises a UserError when no one may
        approve it. No access check: the portal's accept checked the
        buyer."""
        self.ensure_one()
        order = self.sudo()
        requirements = order._b2b_approval_requirements(buyer)
        if not requirements:
            vals = {"b2b_requested_by_id": buyer.id}
            if order.b2b_approval_state != "not_required":
                vals["b2b_approval_state"] = "not_required"
            order.write(vals)
            return False
        order.write(
            {
                "b2b_requested_by_id": buyer.id,
                "b2b_approval_state": "waiting",
                "b2b_approval_ids": [
                    Command.create(
                        {
                            "rule_id": req.get(
                                "rule", self.env["b2b.approval.rule"]
                            ).id,
                            "reason": req["reason"],
                            **req.get("reason_vals", {}),
                            "candidate_ids": [Command.set(req["candidates"].ids)],
                        }
                    )
                    for req in requirements
                ],
            }
        )
        order.message_post(
            body=self.env._(
                "Accepted by %(buyer)s, waiting for the approval of the "
                "customer's company: %(reasons)s.",
                buyer=buyer.name,
                reasons="; ".join(
                    self.env._(
                        "%(reason)s (%(approvers)s)",
                        reason=req["reason"],
                        approvers=", ".join(req["candidates"].mapped("name")),
                    )
                    for req in requirements
                ),
            ),
            author_id=buyer.id,
            subtype_xmlid="mail.mt_note",
        )
        candidates = self.env["res.partner"].union(
            *(req["candidates"] for req in requirements)
        )
        order._b2b_mail_approvers(candidates)
        self.env["b2b.budget"]._b2b_check_notices_at_commit(buyer)
        return True

    def _b2b_limit_holders(self):
        """The budgets: the partners of the budgets of the orders' companies
        and buyers, and of those their parent companies keep for the group
        of companies (found in the lock's statement)."""
        holders = super()._b2b_limit_holders()
        companies = self.partner_id.commercial_partner_id
        buyers = self.b2b_requested_by_id | self.partner_id
        buyers |= self._b2b_portal_partner() or buyers.browse()
        domain = Domain.OR(
            [Domain("partner_id", "in", (companies | buyers).ids)]
            + [company._b2b_parents_for_group_domain() for company in companies]
        )
        budgets = self.env["b2b.budget"].sudo()._search(domain)
        return [*holders, budgets.subselect("partner_id")]

    def _b2b_approval_amounts(self):
        """(untaxed, total) of the order in its company's currency."""
        rate = self.currency_rate or 1.0
        currency = self.company_id.currency_id
        return (
            currency.round(self.amount_untaxed / rate),
            currency.round(self.amount_total / rate),
        )

    def _b2b_approval_requirements(self, buyer):
        """The approvals an order of ``buyer`` needs: a list of dicts with
        ``reason``, ``candidates`` (res.partner: who may give it, never the
        buyer) and ``rule`` for the company's rules. Every rule that applies,
        the buyer's order limit and each budget the order would exceed ask
        for one. Two queries when nothing applies."""
        self.ensure_one()
        env = self.env
        company = self.partner_id.commercial_partner_id
        if (
            not company.is_b2b
            or company.b2b_state != "approved"
            or buyer.commercial_partner_id != company
        ):
            return []
        untaxed, total = self._b2b_approval_amounts()
        currency = self.company_id.currency_id
        # the company's own rules and budgets, and those its parent companies
        # keep for the whole group of companies
        group_domain = company._b2b_parents_for_group_domain()
        rules = (
            env["b2b.approval.rule"]
            .sudo()
            .search(Domain("partner_id", "=", company.id) | group_domain)
            .filtered(lambda r: r._b2b_applies(buyer, untaxed, total))
        )
        budgets = (
            env["b2b.budget"]
            .sudo()
            .search(Domain("partner_id", "in", (company | buyer).ids) | group_domain)
            ._b2b_refresh()
            .filtered(
                lambda b: currency.compare_amounts(b.amount_spent + untaxed, b.amount)
                > 0
            )
        )
        limit = buyer.b2b_order_limit
        over_limit = bool(limit) and currency.compare_amounts(untaxed, limit) > 0
        if not (rules or budgets or over_limit):
            return []
        people_of = {}

        def people_with_roles(holder):
            # the contacts who approve for ``holder`` (read once per company)
            if holder not in people_of:
                people_of[holder] = holder._b2b_contacts_with_roles(
                    ("admin", "approver")
                )
            return people_of[holder]

        people = people_with_roles(company)
        admins = people.filtered(lambda p: p.b2b_role == "admin") - buyer
        requirements = []
        if over_limit:
            approvers = people.filtered(lambda p: p.b2b_role == "approver") - buyer
            escalate = buyer.b2b_role in ("admin", "approver")
            requirements.append(
                {
                    "reason": env._(
                        "over the order limit of %(buyer)s (%(limit)s)",
                        buyer=buyer.name,
                        limit=currency.format(limit),
                    ),
                    # what renders the reason in each reader's language
                    "reason_vals": {
                        "reason_type": "limit",
                        "reason_buyer_id": buyer.id,
                        "reason_amount": limit,
                    },
                    "candidates": admins if escalate else (approvers or admins),
                }
            )
        requirements += [
            {
                "rule": rule,
                "reason": rule.name,
                "reason_vals": {"reason_type": "rule"},
                "candidates": rule._b2b_approvers(
                    buyer, people_with_roles(rule.partner_id)
                ),
            }
            for rule in rules
        ]
        requirements += [
            {
                "reason": env._(
                    "over the budget %(budget)s (%(left)s left)",
                    budget=budget.display_name,
                    left=currency.format(max(budget.amount_left, 0.0)),
                ),
                "reason_vals": {
                    "reason_type": "budget",
                    "budget_id": budget.id,
                    "reason_amount": max(budget.amount_left, 0.0),
                },
                "candidates": people_with_roles(budget.company_partner_id).filtered(
                    lambda p: p.b2b_role == "admin"
                )
                - buyer,
            }
            for budget in budgets
        ]
        for requirement in requirements:
            if not requirement["candidates"]:
                raise UserError(
                    env._(
                        "No one else in %(company)s may approve this order "
                        "(%(reason)s). Please ask your administrator.",
                        company=company.name,
                        reason=requirement["reason"],
                    )
                )
        return requirements

    # ------------------------------------------------------------------
    # Deciding
    # ------------------------------------------------------------------
    @api.model
    def _b2b_prepare_approvals_domain(self, approver):
        """The orders waiting for ``approver``'s decision (``/my/approvals``):
        of the approver's company, or of one of its subsidiaries (the rules
        and budgets a parent company keeps for its group)."""
        companies = approver.commercial_partner_id._b2b_group_domain(
            "partner_id.commercial_partner_id"
        )
        return (
            Domain(
                [
                    ("b2b_approval_state", "=", "waiting"),
                    (
                        "b2b_approval_ids",
                        "any",
                        [
                            ("state", "=", "waiting"),
                            ("candidate_ids", "in", approver.ids),
                        ],
                    ),
                ]
            )
            & companies
        )

    @api.model
    def _b2b_approvals_search_domain(self, search):
        """Orders whose number, reference or buyer matches ``search``."""
        return Domain(
            [
                "|",
                "|",
                ("name", "ilike", search),
                ("client_order_ref", "ilike", search),
                ("b2b_requested_by_id.name", "ilike", search),
            ]
        )

    def _b2b_waiting_reasons(self):
        """{order id: [why it waits]} of these orders, in the reader's
        language, in one query (and one per rule, budget or buyer named)."""
        approvals = (
            self.env["b2b.order.approval"]
            .sudo()
            .search_fetch(
                [("order_id", "in", self.ids), ("state", "=", "waiting")],
                ["order_id", "reason", "reason_type", "rule_id", "budget_id"],
            )
        )
        reasons = {order_id: [] for order_id in self.ids}
        for approval in approvals:
            reasons[approval.order_id.id].append(approval.reason_display)
        return reasons

    # ------------------------------------------------------------------
    # Mails
    # ------------------------------------------------------------------
    def _b2b_mail_approvers(self, approvers):
        """Queue the request to ``approvers``, one mail per language, in the
        order's chatter."""
        self.ensure_one()
        template = self.env.ref("b2b_customer.mail_template_b2b_order_approval")
        readers = approvers.filtered("email")
        for lang, partners in readers.grouped(lambda p: p.lang or "en_US").items():
            template.with_context(lang=lang)._b2b_queue(
                self, email_values={"recipient_ids": [(6, 0, partners.ids)]}
            )
