from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError
from odoo.tools import SQL, sql

#: fields of a contact that grant access: not given while acting
B2B_ACCESS_FIELDS = {"b2b_role", "b2b_scope", "b2b_order_limit"}


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_assistance_policy = fields.Selection(
        selection=[
            ("none", "Nobody"),
            ("salesperson", "Our salesperson"),
            ("staff", "Our salesperson and the B2B team"),
        ],
        string="Acting on Behalf",
        default="none",
        copy=False,
        tracking=True,
        help="Who of the shop may act on behalf of the company's users on the "
        "portal. Set by the company's administrators on the portal (My "
        "Company); off by default.",
    )
    b2b_assistance_session_count = fields.Integer(
        string="Acting Sessions",
        compute="_compute_b2b_assistance_session_count",
        groups="b2b_customer.group_b2b_user",
    )

    def _b2b_init_columns(self):
        """Add the policy's column before the ORM does, which would write
        the default into every partner: only B2B companies get it (empty
        reads as "nobody")."""
        cr = self.env.cr
        if not sql.column_exists(cr, "res_partner", "b2b_assistance_policy"):
            sql.create_column(cr, "res_partner", "b2b_assistance_policy", "varchar")
            if sql.column_exists(cr, "res_partner", "is_b2b"):
                cr.execute(
                    SQL(
                        "UPDATE res_partner SET b2b_assistance_policy = 'none'"
                        " WHERE is_b2b"
                    )
                )
        return super()._b2b_init_columns()

    def _compute_b2b_assistance_session_count(self):
        counts = dict(
            self.env["b2b.assistance.session"]._read_group(
                [("company_id", "in", self.commercial_partner_id.ids)],
                ["company_id"],
                ["__count"],
            )
        )
        for partner in self:
            partner.b2b_assistance_session_count = counts.get(
                partner.commercial_partner_id, 0
            )

    # ------------------------------------------------------------------
    # Who may act for whom
    # ------------------------------------------------------------------
    def _b2b_assistance_refusal(self, staff_user):
        """Why ``staff_user`` may not act on behalf of this contact person
        now (a translated message), or None: the company's policy covers
        them (its salesperson; or also the B2B team), the company's account
        is approved and the contact has a portal user that is not
        suspended."""
        self.ensure_one()
        contact = self.sudo()
        company = contact.commercial_partner_id
        users = contact.with_context(active_test=False).user_ids
        staff_user = staff_user.sudo()
        if staff_user.share or not staff_user.active:
            return self.env._("Only the shop's staff may act on behalf of customers.")
        if contact.is_company or not contact.parent_id or not company.is_b2b:
            return self.env._(
                "Acting on behalf is possible for a contact person of a B2B company."
            )
        if company.b2b_state != "approved":
            return self.env._(
                "The B2B account of %(company)s is not active.", company=company.name
            )
        if len(users) != 1 or not users.active or not users.share:
            return self.env._("%(contact)s has no portal access.", contact=contact.name)
        if users._b2b_is_suspended():
            return self.env._(
                "The portal access of %(contact)s is suspended.", contact=contact.name
            )
        policy = company.b2b_assistance_policy or "none"
        if policy == "none":
            return self.env._(
                "%(company)s has not allowed the shop to act on its behalf (its "
                "administrators allow it on the portal, under My Company).",
                company=company.name,
            )
        if staff_user == company.user_id:
            return None
        if policy == "staff" and staff_user.has_group("b2b_customer.group_b2b_user"):
            return None
        if policy == "salesperson":
            return self.env._(
                "%(company)s allows only its salesperson to act on its behalf.",
                company=company.name,
            )
        return self.env._(
            "%(company)s allows only its salesperson and the B2B team to act on "
            "its behalf.",
            company=company.name,
        )

    def action_b2b_assist(self):
        """Act on behalf of this contact person on the portal: a single-use
        link, valid for a short time and for the current user only, that
        starts the portal session."""
        self.ensure_one()
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("assist")
        if self.env.user.share:
            raise AccessError(
                self.env._("Only the shop's staff may act on behalf of customers.")
            )
        refusal = self._b2b_assistance_refusal(self.env.user)
        if refusal:
            # the staff member may, the customer's rules say no
            raise UserError(refusal)
        _session, token = self.env["b2b.assistance.session"]._b2b_create_for(
            self.sudo()
        )
        return {
            "type": "ir.actions.act_url",
            "url": f"/b2b/assist/{token}",
            "target": "self",
        }

    def action_b2b_view_assistance_sessions(self):
        """Staff: the acting sessions of this company, with their trail."""
        self._b2b_check_staff()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "b2b_customer.b2b_assistance_session_action"
        )
        action["domain"] = [("company_id", "=", self.commercial_partner_id.id)]
        action["context"] = {}
        return action

    # ------------------------------------------------------------------
    # The portal setting
    # ------------------------------------------------------------------
    def _b2b_set_assistance_policy(self, policy):
        """The company's administrator (checked by the caller) sets who may
        act on the company's behalf; the chatter says who changed it."""
        self.ensure_one()
        if policy not in dict(self._fields["b2b_assistance_policy"].selection):
            raise UserError(self.env._("Please choose who may act on your behalf."))
        self.sudo().b2b_assistance_policy = policy
        return True

    # ------------------------------------------------------------------
    # What acting may not do, and what it logs (the partner hooks)
    # ------------------------------------------------------------------
    @api.model
    def _b2b_check_vals(self, vals):
        # refused while acting before any other check says why not
        Assistance = self.env["b2b.assistance.session"]
        # consent is given by the company's administrators only; "none" (the
        # default, which Odoo also writes when it creates a user's contact)
        # gives nothing
        if vals.get("b2b_assistance_policy") not in (None, False, "none"):
            Assistance._b2b_refuse_while_acting("policy")
            if not self.env.su:
                raise AccessError(
                    self.env._(
                        "Only the company's administrators decide, on the portal, "
                        "who may act on their behalf."
                    )
                )
        if B2B_ACCESS_FIELDS.intersection(vals):
            Assistance._b2b_refuse_while_acting("access")
        if "b2b_payment_method_id" in vals or "bank_ids" in vals:
            Assistance._b2b_refuse_while_acting("payment_methods")
        return super()._b2b_check_vals(vals)

    def _b2b_before_write(self, vals):
        partners = super()._b2b_before_write(vals)
        Assistance = self.env["b2b.assistance.session"]
        if "email" in vals and Assistance._b2b_current():
            users_partners = partners.filtered(
                lambda p: p.with_context(active_test=False).user_ids
            )
            if any((p.email or "") != (vals["email"] or "") for p in users_partners):
                Assistance._b2b_refuse_while_acting("email")
        return partners

    def _b2b_after_create(self):
        res = super()._b2b_after_create()
        self.env["b2b.assistance.session"]._b2b_log_current("created", self)
        return res

    def _b2b_after_write(self, vals):
        res = super()._b2b_after_write(vals)
        if set(vals) & (set(self._address_fields()) | {"name", "type", "active"}):
            self.env["b2b.assistance.session"]._b2b_log_current("changed", self)
        return res

    def _b2b_invite_colleague(self, name, email, role, inviter):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("invite")
        return super()._b2b_invite_colleague(name, email, role, inviter)

    def _b2b_remove_colleague(self, remover):
        self.env["b2b.assistance.session"]._b2b_refuse_while_acting("remove")
        return super()._b2b_remove_colleague(remover)
