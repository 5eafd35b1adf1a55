"""Company accounts: the roles of a B2B company's contacts, the portal
functions its customer groups grant, the last-administrator guard, what a
suspension does to the users. Which documents each contact sees on the
portal: ``res_partner_portal_documents.py``."""

from odoo import SUPERUSER_ID, api, fields, models
from odoo.exceptions import UserError, ValidationError

from ...locks import lock_rows
from ..sale_order import b2b_blocker

#: functions a customer group can grant, and their default without group
B2B_PERMISSIONS = {
    "view_orders": True,
    "confirm_orders": True,
    "view_invoices": True,
    "manage_users": True,
    "pay_later": False,
    "order_online": True,
    "request_quotes": True,
    "pay_invoices": True,
}

#: roles of a company's contacts on the portal
B2B_ROLES = [
    ("admin", "Administrator"),
    ("approver", "Approver"),
    ("user", "User"),
    ("viewer", "Viewer"),
]

#: roles that see every order and invoice of their company on the portal
B2B_COMPANY_WIDE_ROLES = ("admin", "approver", "viewer")

PERMISSION_SELECTION = [("allow", "Allowed"), ("deny", "Denied")]


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_perm_view_orders = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="View Orders",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_confirm_orders = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Confirm Quotations Online",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_view_invoices = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="View Invoices",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_manage_users = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Manage Company Users",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_order_online = fields.Selection(
        selection=PERMISSION_SELECTION,
        string="Order Online",
        help="Empty: as the customer groups grant it.",
    )
    b2b_role = fields.Selection(
        selection=B2B_ROLES,
        tracking=True,
        help="Administrator: sees all orders of the company and manages its "
        "users. Approver: sees all orders of the company and approves them. "
        "User: sees only their own orders. Viewer: sees all orders of the "
        "company but cannot accept, sign or order.",
    )

    # ------------------------------------------------------------------
    # Roles and portal functions
    # ------------------------------------------------------------------
    @api.private
    def b2b_has_permission(self, code):
        """Whether the commercial partner grants this portal function:
        its own override (allow/deny) first, then the union of its customer
        groups (its own, else its parent company's in a group of companies),
        else the default (everything but pay-later)."""
        self.ensure_one()
        if code not in B2B_PERMISSIONS:
            return False
        commercial = self.sudo().commercial_partner_id
        if code == "pay_later":
            return commercial._b2b_pay_later()
        override = commercial[f"b2b_perm_{code}"]
        if override == "allow":
            return True
        if override == "deny":
            return False
        groups = commercial._b2b_effective_groups()
        if not groups:
            return B2B_PERMISSIONS[code]
        return any(groups.mapped(f"perm_{code}"))

    @api.model
    def _b2b_id_name_choices(self, domain):
        """[(id, name)] of the partners of ``domain`` by name, read in one
        query without filling the records' cache (the colleague lists of a
        company with 500 users). No access check."""
        query = self._search(domain, order="name, id")
        return self.env.execute_query(
            query.select(
                self._field_to_sql(query.table, "id", query),
                self._field_to_sql(query.table, "name", query),
            )
        )

    def _b2b_is_company_admin(self):
        """An administrator contact of an approved B2B company."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        return (
            commercial != self
            and self.b2b_role == "admin"
            and commercial.is_b2b
            and commercial.b2b_state == "approved"
        )

    def _b2b_portal_home_values(self):
        """What the portal's home page shows this contact of its B2B
        account: ``credit`` (``_b2b_portal_credit``) and ``orders_online``
        (the quick order and requisition list tiles)."""
        self.ensure_one()
        return {
            "credit": self._b2b_portal_credit(),
            "orders_online": not self._b2b_refusals("order_online"),
        }

    #: what each portal action takes besides an approved B2B company: an
    #: administrator, a contact who is not a viewer, one who sees the
    #: company's (or the group's) documents, the functions of the groups
    _b2b_portal_actions = {
        "order_online": {"functions": ("order_online",)},
        "manage_users": {"admin": True, "functions": ("manage_users",)},
        "request_quotes": {"not_viewer": True, "functions": ("request_quotes",)},
        "pay_invoices": {"admin": True, "functions": ("pay_invoices", "view_invoices")},
        "read_statement": {"company_scope": True, "functions": ("view_invoices",)},
    }

    def _b2b_refusals(self, action):
        """Why this contact may not do ``action`` on the portal: the reasons
        (as the order gate's blockers: ``code``, ``message`` in the reader's
        language), ``[]`` when it may. The one answer to "may this contact
        ...?":

        - ``order``: accept, sign, pay or order (``viewer``: a viewer of a
          B2B company does not);
        - ``confirm``: confirm quotations online (``function_missing``: its
          company's groups do not grant it);
        - the actions of ``_b2b_portal_actions``: ``order_online`` (quick
          order, order again, requisition lists), ``manage_users`` (invite
          and manage colleagues on ``/my/company``), ``request_quotes``
          (negotiable quotes), ``pay_invoices`` (several invoices at once),
          ``read_statement`` (the statement of account): a contact of an
          approved B2B company (``account_not_approved``), an administrator
          where it takes one (``not_admin``), not a viewer where it says so
          (``viewer``), one who sees its company's documents where it takes
          that (``own_scope``), and the functions granted by its groups
          (``function_missing``).
        """
        self.ensure_one()
        partner = self.sudo()
        commercial = partner.commercial_partner_id
        viewer = partner.b2b_role == "viewer" and commercial.is_b2b
        if action == "order":
            return [self._b2b_refusal("viewer")] if viewer else []
        if action == "confirm":
            if not partner.b2b_has_permission("confirm_orders"):
                return [self._b2b_refusal("function_missing", "confirm_orders")]
            return []
        needs = self._b2b_portal_actions[action]
        if needs.get("admin") and partner.b2b_role != "admin":
            return [self._b2b_refusal("not_admin")]
        if (
            commercial == partner
            or not commercial.is_b2b
            or commercial.b2b_state != "approved"
        ):
            return [self._b2b_refusal("account_not_approved")]
        if needs.get("not_viewer") and viewer:
            return [self._b2b_refusal("viewer")]
        if needs.get("company_scope") and partner._b2b_effective_scope() not in (
            "company",
            "group",
        ):
            return [self._b2b_refusal("own_scope")]
        for function in needs["functions"]:
            if not partner.b2b_has_permission(function):
                return [self._b2b_refusal("function_missing", function)]
        return []

    def _b2b_refusal(self, code, function=None):
        """A reason of ``_b2b_refusals``, its message in the reader's
        language."""
        if code == "function_missing":
            message = {
                "confirm_orders": self.env._(
                    "Your company account does not allow confirming quotations "
                    "online. Please contact us."
                ),
                "order_online": self.env._(
                    "Your company account does not allow ordering online."
                ),
                "manage_users": self.env._(
                    "Your company account does not allow managing its users online."
                ),
                "request_quotes": self.env._(
                    "Your company account does not allow requesting quotes online."
                ),
                "pay_invoices": self.env._(
                    "Your company account does not allow paying invoices online."
                ),
                "view_invoices": self.env._(
                    "Your company account does not show its invoices online."
                ),
            }[function]
        else:
            message = {
                "viewer": self.env._("Viewers cannot accept or order on the portal."),
                "not_admin": self.env._(
                    "Only your company's administrators may do this."
                ),
                "own_scope": self.env._(
                    "You see only your own documents: this is for those who see "
                    "your company's."
                ),
                "account_not_approved": self.env._(
                    "Your company's B2B account is not approved yet."
                ),
            }[code]
        return b2b_blocker(code, message)

    def _b2b_is_colleague_of(self, admin):
        """A contact person of the administrator's company that the company
        manages on the portal: one with a role or a portal user (not an
        address)."""
        self.ensure_one()
        return bool(
            self.parent_id == admin.commercial_partner_id
            and self.type == "contact"
            and not self.is_company
            and (self.b2b_role or self.with_context(active_test=False).user_ids)
        )

    # ------------------------------------------------------------------
    # Last administrator
    # ------------------------------------------------------------------
    def _b2b_before_write(self, vals):
        partners = super()._b2b_before_write(vals)
        if not {"b2b_role", "parent_id"} & set(vals) and vals.get("active", True):
            # nothing that could take a company's last administrator away
            # (Odoo writes ``active`` on the partner of each user it creates)
            return partners
        parents = partners.mapped("parent_id").filtered("is_b2b")
        # one grouped query, not every contact of a company with 500 users
        with_admin = (
            {
                company.id
                for [company] in self.sudo()._read_group(
                    [
                        ("parent_id", "in", parents.ids),
                        ("active", "=", True),
                        ("b2b_role", "=", "admin"),
                    ],
                    ["parent_id"],
                )
            }
            if parents
            else set()
        )
        return partners.with_context(
            b2b_admin_companies=with_admin, b2b_former_parent_ids=parents.ids
        )

    @api.constrains("b2b_role", "active", "parent_id")
    def _check_b2b_last_admin(self):
        """An approved B2B company always keeps one active administrator
        (requests that are linked to an existing customer may be emptied)."""
        had_admin = self.env.context.get("b2b_admin_companies", set())
        if not had_admin:
            return  # no company written had an administrator to lose
        former = self.browse(self.env.context.get("b2b_former_parent_ids", []))
        companies = (self.mapped("parent_id") | former).filtered(
            lambda c: c.is_b2b
            and c.is_company
            and c.active
            and c.b2b_state in ("approved", "suspended")
        )
        for company in companies:
            if company.id not in had_admin:
                continue
            # Touch the company row: two administrators demoting or removing
            # each other at the same moment then conflict, and the retried
            # one sees the other's change instead of leaving no administrator.
            lock_rows(company)
            company._b2b_check_keeps_admin()

    def _b2b_check_keeps_admin(self, leaving=None):
        """Raise when this company would have no active administrator left
        once the contacts ``leaving`` are gone."""
        self.ensure_one()
        domain = [
            ("parent_id", "=", self.id),
            ("b2b_role", "=", "admin"),
            ("type", "=", "contact"),
        ]
        if leaving:
            domain.append(("id", "not in", leaving.ids))
        if not self.search_count(domain, limit=1):
            raise ValidationError(
                self.env._(
                    "%(company)s must keep at least one active administrator: "
                    "make someone else administrator first.",
                    company=self.display_name,
                )
            )

    # ------------------------------------------------------------------
    # Colleagues, as a company administrator manages them on the portal
    # ------------------------------------------------------------------
    @api.model
    def _b2b_prepare_colleagues_domain(self, company, search=""):
        """The contact persons of ``company`` listed on ``/my/company``;
        with ``search``, those whose name or e-mail contains it."""
        domain = [
            ("parent_id", "=", company.id),
            ("type", "=", "contact"),
            ("is_company", "=", False),
        ]
        if search:
            domain += ["|", ("name", "ilike", search), ("email", "ilike", search)]
        return domain

    @api.model
    def _b2b_role_selection(self):
        """The roles, translated, as (value, label) pairs."""
        return self._fields["b2b_role"]._description_selection(self.env)

    def _b2b_invite_colleague(self, name, email, role, inviter):
        """This company (an administrator's, sudo) invites a colleague: a new
        contact with the role, and the invitation queued. Refusals come as a
        translated UserError. No access check: callers check the inviter."""
        self.ensure_one()
        env = self.env
        normalized = self._b2b_valid_email(email)
        if not name or len(name) > 256:
            raise UserError(env._("Please enter the colleague's name."))
        if not normalized:
            raise UserError(env._("Please enter a valid e-mail address."))
        if role not in dict(self._b2b_role_selection()):
            raise UserError(env._("Please choose a role."))
        taken = (
            env["res.users"]
            .sudo()
            .with_context(active_test=False)
            .search_count(
                ["|", ("login", "=", normalized), ("email", "=ilike", normalized)],
                limit=1,
            )
        )
        if taken:
            raise UserError(
                env._("Someone already has an account with this e-mail address.")
            )
        colleague = self.create(
            {
                "name": name,
                "email": normalized,
                "parent_id": self.id,
                "b2b_role": role,
                "lang": inviter.lang or self.lang,
            }
        )
        colleague._b2b_send_credentials(inviter=inviter)
        self.message_post(
            body=env._(
                "%(admin)s invited %(colleague)s on the portal.",
                admin=inviter.name,
                colleague=colleague.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return colleague

    def _b2b_set_role(self, role):
        """Give this colleague another role (the company keeps an
        administrator). No access check."""
        self.ensure_one()
        if role not in dict(self._b2b_role_selection()):
            raise UserError(self.env._("Please choose a role."))
        self.b2b_role = role
        return True

    def _b2b_remove_colleague(self, remover):
        """Remove this colleague from the company account: their portal user
        and the contact are archived, their orders stay with the company. The
        company keeps an administrator (whoever removes whom, themselves
        included). No access check."""
        self.ensure_one()
        colleague = self.sudo()
        company = colleague.parent_id
        if company.is_b2b and company.b2b_state in ("approved", "suspended"):
            company._b2b_check_keeps_admin(leaving=colleague)
        users = colleague.with_context(active_test=False).user_ids.filtered("share")
        # Odoo refuses a user archiving itself; leaving the company is allowed
        users.with_user(SUPERUSER_ID).write({"active": False})
        colleague.write({"active": False, "signup_type": False})
        company.message_post(
            body=self.env._(
                "%(admin)s removed %(colleague)s from the portal; the contact is "
                "archived and their orders stay with the company.",
                admin=remover.name,
                colleague=colleague.name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return True

    # ------------------------------------------------------------------
    # Suspension
    # ------------------------------------------------------------------
    def _b2b_portal_users(self):
        """Portal users of the companies' contacts (sudo, archived included)."""
        persons = (
            self.sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "in", self.ids)])
        )
        return persons.user_ids.filtered(lambda u: u.share)

    def _b2b_on_suspended(self, transition=None):
        """Hook called after the partners' accounts were suspended: their
        portal users can no longer log in (their sessions end)."""
        users = self._b2b_portal_users().filtered("active")
        users.write({"b2b_suspended": True})

    def _b2b_on_reactivated(self, transition=None):
        """Hook called after the partners' accounts were reactivated: the
        users blocked by the suspension log in again; users that were
        archived before stay archived."""
        users = self._b2b_portal_users().filtered("b2b_suspended")
        users.write({"b2b_suspended": False})
