"""Groups of companies, continued: a subsidiary approved with its parent's
verification (a company setting), and the suspension of a group: suspending
a company suspends its approved subsidiaries, reactivating it restores
exactly those (see ``res_partner_group.py`` for the group itself)."""

from odoo import fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_group_suspended_by_id = fields.Many2one(
        comodel_name="res.partner",
        string="Suspended With",
        copy=False,
        readonly=True,
        groups="b2b_customer.group_b2b_user",
        help="The parent company whose suspension suspended this subsidiary: "
        "reactivating that company reactivates it.",
    )

    # ------------------------------------------------------------------
    # Suspension of a group
    # ------------------------------------------------------------------
    def _b2b_on_suspended(self, transition=None):
        """Suspending a company suspends its approved subsidiaries, each
        remembering that it was suspended with the company."""
        res = super()._b2b_on_suspended(transition)
        if self.env.context.get("b2b_group_cascade"):
            return res
        for company in self.filtered("b2b_group_path"):
            members = (company._b2b_group_companies() - company).filtered(
                lambda m: m.b2b_state == "approved"
            )
            if not members:
                continue
            members.with_context(b2b_group_cascade=True)._b2b_transition("suspend")
            members.sudo().write({"b2b_group_suspended_by_id": company.id})
            company.message_post(
                body=self.env._(
                    "Suspended with its subsidiaries: %(names)s.",
                    names=", ".join(members.mapped("display_name")),
                ),
                subtype_xmlid="mail.mt_note",
            )
        return res

    def _b2b_on_reactivated(self, transition=None):
        """Reactivating a company reactivates exactly the subsidiaries that
        its suspension suspended (not those suspended on their own)."""
        res = super()._b2b_on_reactivated(transition)
        self.sudo().write({"b2b_group_suspended_by_id": False})
        if self.env.context.get("b2b_group_cascade"):
            return res
        members = (
            self.sudo()
            .with_context(active_test=False)
            .search(
                [
                    ("b2b_group_suspended_by_id", "in", self.ids),
                    ("b2b_state", "=", "suspended"),
                ]
            )
        )
        if members:
            by_company = members.grouped("b2b_group_suspended_by_id")
            members.with_context(b2b_group_cascade=True)._b2b_transition("reactivate")
            for company, again in by_company.items():
                company.message_post(
                    body=self.env._(
                        "Reactivated with its subsidiaries: %(names)s.",
                        names=", ".join(again.mapped("display_name")),
                    ),
                    subtype_xmlid="mail.mt_note",
                )
        return res

    # ------------------------------------------------------------------
    # Approval with the parent's verification
    # ------------------------------------------------------------------
    def _b2b_verifying_parent(self):
        """The approved B2B parent company whose verification this
        subsidiary's approval may rely on (the company setting), else an
        empty recordset."""
        self.ensure_one()
        company = self.company_id or self.env.company
        parent = self.parent_id.sudo()
        if (
            company.b2b_subsidiary_approval
            and self.is_company
            and parent.is_company
            and parent.is_b2b
            and parent.b2b_state == "approved"
        ):
            return parent
        return self.browse()

    def _b2b_get_approval_policy(self):
        parent = self._b2b_verifying_parent()
        company = self.company_id or self.env.company
        if parent and (
            not company.b2b_require_credit_check
            or parent._b2b_verified_credit_check() in ("passed", "pre_screened")
        ):
            return "auto"
        return super()._b2b_get_approval_policy()

    def _b2b_verified_credit_check(self):
        parent = self._b2b_verifying_parent()
        if parent:
            return parent._b2b_verified_credit_check()
        return super()._b2b_verified_credit_check()

    def _b2b_on_decided(self, decision):
        if decision == "approve":
            for partner in self:
                parent = partner._b2b_verifying_parent()
                if parent:
                    partner.message_post(
                        body=self.env._(
                            "Approved with the verification of its parent "
                            "company %(parent)s.",
                            parent=parent.display_name,
                        ),
                        subtype_xmlid="mail.mt_note",
                    )
        return super()._b2b_on_decided(decision)
