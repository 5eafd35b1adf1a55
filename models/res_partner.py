import hashlib
import hmac
import math
import re
import secrets
from datetime import UTC, timedelta

import pytz

from odoo import api, fields, models
from odoo.exceptions import AccessError, UserError, ValidationError
from odoo.fields import Domain
from odoo.tools import SQL, email_normalize

B2B_PHONE_RE = re.compile(r"^\+?[0-9 ()./-]+$")

B2B_STATES = [
    ("pending", "Waiting for approval"),
    ("approved", "Approved"),
    ("rejected", "Rejected"),
    ("suspended", "Suspended"),
]

#: fields only a B2B manager (or the system) may write directly
B2B_DECISION_FIELDS = {
    "b2b_state",
    "b2b_decision_date",
    "b2b_decided_by_id",
}

#: one plain address: local part, @, a domain with a dot
B2B_EMAIL_RE = re.compile(
    r"^[^@\s<>()\[\],;:\"]{1,64}@[^@\s<>()\[\],;:\"]+\.[^@\s<>()\[\],;:\"]+$"
)

#: greeting lines by language, form and salutation; {first}, {last} and
#: {name} are filled from the partner's name, {title} with an academic title
B2B_GREETINGS = {
    "en": {
        "formal": {
            "mr": "Dear Mr {title}{last},",
            "ms": "Dear Ms {title}{last},",
            "mx": "Dear Mx {title}{last},",
            "dr": "Dear Dr {last},",
            "prof": "Dear Professor {last},",
            False: "Dear {name},",
            "company": "Dear Sir or Madam,",
        },
        "informal": {False: "Hi {first},", "company": "Hello,"},
    },
    "de": {
        "formal": {
            "mr": "Sehr geehrter Herr {title}{last},",
            "ms": "Sehr geehrte Frau {title}{last},",
            "mx": "Guten Tag {title}{name},",
            "dr": "Guten Tag Dr. {last},",
            "prof": "Guten Tag Prof. {last},",
            False: "Guten Tag {name},",
            "company": "Sehr geehrte Damen und Herren,",
        },
        "informal": {False: "Hallo {first},", "company": "Hallo zusammen,"},
    },
    "nl": {
        "formal": {
            "mr": "Geachte heer {title}{last},",
            "ms": "Geachte mevrouw {title}{last},",
            "mx": "Geachte {title}{name},",
            "dr": "Geachte dr. {last},",
            "prof": "Geachte prof. {last},",
            False: "Geachte {name},",
            "company": "Geachte heer, mevrouw,",
        },
        "informal": {False: "Beste {first},", "company": "Beste allemaal,"},
    },
    "fr": {
        "formal": {
            "mr": "Cher Monsieur {last},",
            "ms": "Chère Madame {last},",
            "mx": "Bonjour {name},",
            "dr": "Bonjour Docteur {last},",
            "prof": "Bonjour Professeur {last},",
            False: "Bonjour {name},",
            "company": "Madame, Monsieur,",
        },
        "informal": {False: "Bonjour {first},", "company": "Bonjour à tous,"},
    },
}

#: name particles that belong to the last name ("Jan de Vries",
#: "Johann von Goethe", "Charles de Gaulle")
B2B_NAME_PARTICLES = frozenset(
    "van de der den ten ter te het 't in op von zu vom zum zur "
    "du des la le d' di da dos del af".split()
)

#: academic titles as written before the last name, by language
B2B_ACADEMIC_TITLES = {
    "en": {"dr": "Dr ", "prof": "Professor ", "prof_dr": "Professor "},
    "de": {"dr": "Dr. ", "prof": "Prof. ", "prof_dr": "Prof. Dr. "},
    "nl": {"dr": "dr. ", "prof": "prof. ", "prof_dr": "prof. dr. "},
    "fr": {"dr": "", "prof": "", "prof_dr": ""},
}


class ResPartner(models.Model):
    _inherit = "res.partner"

    # ------------------------------------------------------------------
    # Account and approval
    # ------------------------------------------------------------------
    is_b2b = fields.Boolean(
        string="B2B Account",
        copy=False,
        tracking=True,
        help="This company has (or requested) a B2B account.",
    )
    b2b_state = fields.Selection(
        selection=B2B_STATES,
        string="B2B Status",
        copy=False,
        tracking=True,
        index="btree_not_null",
        readonly=True,
        help="Approval state of the B2B account. Only an approved account may buy.",
    )
    b2b_request_date = fields.Datetime(string="Requested On", copy=False, readonly=True)
    b2b_deadline = fields.Datetime(
        string="Review Deadline",
        copy=False,
        readonly=True,
        index="btree_not_null",
        help="The request should be decided before this moment "
        "(request date plus the company's review target).",
    )
    b2b_decision_date = fields.Datetime(string="Decided On", copy=False, readonly=True)
    b2b_decided_by_id = fields.Many2one(
        comodel_name="res.users", string="Decided By", copy=False, readonly=True
    )
    b2b_customer_message = fields.Text(
        string="Message to the Customer",
        copy=False,
        tracking=True,
        help="What is missing or why the request was rejected. "
        "It is sent to the customer by e-mail and shown on the portal.",
    )
    b2b_overdue_notified = fields.Boolean(
        string="Overdue Reported",
        copy=False,
        readonly=True,
        help="The approvers were told that this request is overdue.",
    )
    b2b_overdue = fields.Boolean(
        string="Review Overdue",
        compute="_compute_b2b_overdue",
        search="_search_b2b_overdue",
    )
    b2b_due_today = fields.Boolean(
        string="Review Due Today",
        compute="_compute_b2b_overdue",
        search="_search_b2b_due_today",
    )
    b2b_time_left = fields.Char(
        string="Time Left",
        compute="_compute_b2b_overdue",
        help="Time until the review deadline (negative: overdue).",
    )
    b2b_notify_partner_ids = fields.Many2many(
        comodel_name="res.partner",
        compute="_compute_b2b_notify_partner_ids",
        string="Decision Recipients",
        help="Who receives the shop's decisions about this B2B account: the "
        "company's administrators with an e-mail, else its contacts.",
    )
    b2b_mail_greeting = fields.Char(
        string="Greeting",
        compute="_compute_b2b_mail_greeting",
        help="Greeting line of the e-mails to this customer: the one of its "
        "administrator contact, in their language and form of address.",
    )
    b2b_duplicate_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Possible Duplicates",
        compute="_compute_b2b_duplicate_ids",
        help="Companies with the same VAT, Chamber of Commerce number or "
        "e-mail domain, or a similar name.",
    )
    # ------------------------------------------------------------------
    # Verification data
    # ------------------------------------------------------------------
    b2b_department = fields.Char(string="Department")
    b2b_company_size = fields.Selection(
        selection=[
            ("1_9", "1-9 employees"),
            ("10_49", "10-49 employees"),
            ("50_249", "50-249 employees"),
            ("250_999", "250-999 employees"),
            ("1000", "1000 or more employees"),
        ],
        string="Company Size",
    )
    b2b_currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_b2b_currency_id"
    )
    b2b_annual_revenue = fields.Monetary(
        string="Annual Revenue", currency_field="b2b_currency_id"
    )
    b2b_credit_check = fields.Selection(
        selection=[
            ("not_checked", "Not checked"),
            ("passed", "Passed"),
            ("failed", "Failed"),
            ("pre_screened", "Pre-screened"),
        ],
        string="Credit Check",
        tracking=True,
        help="Creditworthiness of the company. Pre-screened: checked by a "
        "payment provider (for example a single-creditor service).",
    )
    b2b_credit_check_date = fields.Date(string="Credit Checked On")
    # ------------------------------------------------------------------
    # Selling
    # ------------------------------------------------------------------
    b2b_allow_pay_later = fields.Boolean(
        string="Allow Pay Later",
        tracking=True,
        help="The customer may confirm orders without paying online "
        "and pays by invoice.",
    )
    b2b_group_ids = fields.Many2many(
        comodel_name="b2b.customer.group",
        relation="b2b_customer_group_res_partner_rel",
        column1="partner_id",
        column2="group_id",
        string="Customer Groups",
    )
    b2b_perm_view_orders = fields.Selection(
        selection=[("allow", "Allowed"), ("deny", "Denied")],
        string="View Orders",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_confirm_orders = fields.Selection(
        selection=[("allow", "Allowed"), ("deny", "Denied")],
        string="Confirm Quotations Online",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_view_invoices = fields.Selection(
        selection=[("allow", "Allowed"), ("deny", "Denied")],
        string="View Invoices",
        help="Empty: as the customer groups grant it.",
    )
    b2b_perm_manage_users = fields.Selection(
        selection=[("allow", "Allowed"), ("deny", "Denied")],
        string="Manage Company Users",
        help="Empty: as the customer groups grant it.",
    )
    b2b_role = fields.Selection(
        selection=[("admin", "Administrator"), ("user", "User")],
        tracking=True,
        help="Administrator: sees all orders of the company and manages its "
        "users. User: sees only their own orders.",
    )
    # ------------------------------------------------------------------
    # Resellers
    # ------------------------------------------------------------------
    is_reseller = fields.Boolean(
        string="Reseller",
        tracking=True,
        help="This company manages its own end customers in a reseller portal.",
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
    b2b_payment_method_id = fields.Many2one(
        comodel_name="b2b.reseller.payment.method",
        string="Payment Method",
        help="How this end customer pays, as chosen by its reseller.",
    )
    b2b_end_customer_count = fields.Integer(
        string="End Customers", compute="_compute_b2b_end_customer_count"
    )
    # ------------------------------------------------------------------
    # Communication
    # ------------------------------------------------------------------
    b2b_salutation_form = fields.Selection(
        selection=[("formal", "Formal"), ("informal", "Informal")],
        string="Form of Address",
        help="Formal or informal (Sie/Du, u/je, vous/tu). "
        "Empty: the form of address set on the partner's language "
        "(Settings > Languages).",
    )
    b2b_salutation = fields.Selection(
        selection=[
            ("mr", "Mr"),
            ("ms", "Ms"),
            ("mx", "Mx"),
            ("dr", "Dr"),
            ("prof", "Prof"),
        ],
        string="Salutation",
    )
    b2b_academic_title = fields.Selection(
        selection=[("dr", "Dr."), ("prof", "Prof."), ("prof_dr", "Prof. Dr.")],
        string="Academic Title",
        help="Combined with Mr/Ms in greetings: Sehr geehrte Frau Dr. Muster.",
    )
    b2b_letter_salutation = fields.Char(
        string="Letter Greeting",
        compute="_compute_b2b_letter_salutation",
        help="Greeting line used in e-mails, in the partner's language.",
    )
    b2b_mobile = fields.Char(string="Mobile")
    b2b_fax = fields.Char(string="Fax")
    b2b_reachability_ids = fields.One2many(
        comodel_name="b2b.reachability",
        inverse_name="partner_id",
        string="Reachability",
    )
    b2b_reachable_now = fields.Boolean(
        string="Reachable Now",
        compute="_compute_b2b_reachable_now",
        search="_search_b2b_reachable_now",
    )
    b2b_directory_listed = fields.Boolean(
        string="Listed in Member Directory",
        help="The member agreed to be listed in the public member directory.",
    )
    b2b_directory_consent_date = fields.Datetime(
        string="Directory Consent Date", readonly=True, copy=False
    )
    b2b_email_verified = fields.Boolean(
        string="E-mail Verified", copy=False, readonly=True
    )
    b2b_email_verified_date = fields.Datetime(
        string="E-mail Verified On", copy=False, readonly=True
    )
    b2b_portal_access = fields.Selection(
        selection=[
            ("none", "No access"),
            ("invited", "Invited"),
            ("active", "Active"),
            ("revoked", "Revoked"),
        ],
        string="Portal Access",
        compute="_compute_b2b_portal_access",
    )
    b2b_last_login = fields.Datetime(
        string="Last Login", compute="_compute_b2b_portal_access"
    )
    b2b_join_company_id = fields.Many2one(
        comodel_name="res.partner",
        string="Asks to Join",
        copy=False,
        index="btree_not_null",
        help="This person signed up with the VAT number of this existing "
        "customer and waits for its administrator or the shop to accept them.",
    )
    b2b_join_request_ids = fields.One2many(
        comodel_name="res.partner",
        inverse_name="b2b_join_company_id",
        string="Join Requests",
    )
    b2b_verify_token_hash = fields.Char(
        copy=False, groups="base.group_system", index="btree_not_null"
    )
    b2b_verify_token_expiry = fields.Datetime(copy=False, groups="base.group_system")
    b2b_verify_sent_date = fields.Datetime(
        string="Verification Sent On", copy=False, readonly=True
    )
    b2b_address_locked = fields.Boolean(
        string="Addresses Locked",
        help="Addresses are maintained by an integration and are read-only.",
    )

    # the directory and the reseller portal list by name: an index in that
    # order, so a page is read from the index instead of walking all names
    _b2b_directory_idx = models.Index("(name, id) WHERE b2b_directory_listed IS TRUE")
    _b2b_reseller_customers_idx = models.Index(
        "(b2b_reseller_id, name, id) WHERE b2b_reseller_id IS NOT NULL"
    )
    _b2b_reseller_idx = models.Index("(id) WHERE is_reseller IS TRUE")

    # ------------------------------------------------------------------
    # Computes and searches
    # ------------------------------------------------------------------
    @api.depends("company_id")
    def _compute_b2b_currency_id(self):
        for partner in self:
            partner.b2b_currency_id = (
                partner.company_id.currency_id or self.env.company.currency_id
            )

    @api.depends("b2b_state", "b2b_deadline")
    @api.depends_context("uid")
    def _compute_b2b_overdue(self):
        now = fields.Datetime.now()
        end_of_day = self._b2b_end_of_today()
        for partner in self:
            pending = partner.b2b_state == "pending" and partner.b2b_deadline
            partner.b2b_overdue = bool(pending and partner.b2b_deadline < now)
            partner.b2b_due_today = bool(
                pending and now <= partner.b2b_deadline <= end_of_day
            )
        self._compute_b2b_time_left(now)

    def _compute_b2b_time_left(self, now):
        for partner in self:
            if partner.b2b_state != "pending" or not partner.b2b_deadline:
                partner.b2b_time_left = False
                continue
            minutes = int((partner.b2b_deadline - now).total_seconds() // 60)
            hours, rest = divmod(abs(minutes), 60)
            text = f"{hours} h {rest:02d} min"
            partner.b2b_time_left = (
                self.env._("%(time)s left", time=text)
                if minutes >= 0
                else self.env._("%(time)s overdue", time=text)
            )

    def _b2b_end_of_today(self):
        """End of the current user's day (in their time zone), as naive UTC."""
        tz_now = fields.Datetime.context_timestamp(self, fields.Datetime.now())
        end = tz_now.replace(hour=23, minute=59, second=59, microsecond=0)
        return end.astimezone(UTC).replace(tzinfo=None)

    def _search_b2b_overdue(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = Domain("b2b_state", "=", "pending") & Domain(
            "b2b_deadline", "<", fields.Datetime.now()
        )
        positive = (True in value) == (operator == "in")
        return domain if positive else ~domain

    def _search_b2b_due_today(self, operator, value):
        if operator not in ("in", "not in"):
            return NotImplemented
        domain = (
            Domain("b2b_state", "=", "pending")
            & Domain("b2b_deadline", ">=", fields.Datetime.now())
            & Domain("b2b_deadline", "<=", self._b2b_end_of_today())
        )
        positive = (True in value) == (operator == "in")
        return domain if positive else ~domain

    def _compute_b2b_portal_access(self):
        users = self.sudo().with_context(active_test=False).user_ids
        users.fetch(["active", "login_date", "partner_id", "share"])
        by_partner = {user.partner_id.id: user for user in users}
        for partner in self:
            user = by_partner.get(partner._origin.id)
            if not user:
                partner.b2b_portal_access = "none"
            elif not user.active:
                partner.b2b_portal_access = "revoked"
            elif user.login_date:
                partner.b2b_portal_access = "active"
            else:
                partner.b2b_portal_access = "invited"
            partner.b2b_last_login = user.login_date if user else False

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

    def _compute_b2b_reachable_now(self):
        partners = self.filtered("id")
        reachable = set()
        if partners:
            reachable = set(
                self.search(
                    [("id", "in", partners.ids), ("b2b_reachable_now", "=", True)]
                ).ids
            )
        for partner in self:
            partner.b2b_reachable_now = partner.id in reachable

    def _search_b2b_reachable_now(self, operator, value):
        """One containment test on ``b2b_reachable_utc``, a multirange of UTC
        minutes of the week kept in step with the slots by a trigger (see
        ``b2b.reachability.init``): no join, GiST-indexed."""
        if operator not in ("in", "not in"):
            return NotImplemented
        slots = self.env["b2b.reachability"]
        # the trigger sees the slots once they are written
        slots.flush_model()
        minute = slots._utc_minute_of_week()
        positive = (True in value) == (operator == "in")

        def to_sql(model, alias, query):
            column = SQL.identifier(alias, "b2b_reachable_utc")
            if positive:
                return SQL("%s @> %s::integer", column, minute)
            return SQL("(%s IS NULL OR NOT %s @> %s::integer)", column, column, minute)

        return Domain.custom(to_sql=to_sql)

    def _b2b_reachability_tz(self):
        """Time zone of the partner's reachability hours."""
        self.ensure_one()
        return (
            self.tz
            or self.commercial_partner_id.tz
            or self.env.company.partner_id.tz
            or "UTC"
        )

    @api.depends(
        "name",
        "lang",
        "is_company",
        "b2b_salutation",
        "b2b_salutation_form",
        "b2b_academic_title",
    )
    @api.depends_context("lang")
    def _compute_b2b_letter_salutation(self):
        for partner in self:
            partner.b2b_letter_salutation = partner._b2b_get_letter_salutation()

    def _b2b_get_salutation_form(self):
        """The form of address to use: the partner's own choice, else the
        form set on its language (formal unless an administrator changed it)."""
        self.ensure_one()
        if self.b2b_salutation_form:
            return self.b2b_salutation_form
        lang = self.env["res.lang"]._lang_get(self.lang or self.env.lang or "en_US")
        return lang.sudo().b2b_salutation_form or "formal"

    def _b2b_get_letter_salutation(self):
        """Greeting line for letters and e-mails in the partner's language,
        for example "Sehr geehrte Frau Dr. Muster," or "Beste Erika,"."""
        self.ensure_one()
        lang = (self.lang or self.env.lang or "en_US").split("_")[0]
        greetings = B2B_GREETINGS.get(lang, B2B_GREETINGS["en"])
        form = greetings[self._b2b_get_salutation_form()]
        name = (self.name or "").strip()
        if self.is_company or not name:
            return form.get("company") or greetings["formal"]["company"]
        parts = name.split()
        start = len(parts) - 1
        while start > 1 and parts[start - 1].lower() in B2B_NAME_PARTICLES:
            start -= 1
        last = " ".join(parts[start:])
        if lang == "nl":
            # "de Vries" is written "De Vries" without the first name
            last = last[:1].upper() + last[1:]
        titles = B2B_ACADEMIC_TITLES.get(lang, B2B_ACADEMIC_TITLES["en"])
        line = form.get(self.b2b_salutation) or form[False]
        return line.format(
            first=parts[0],
            last=last,
            name=name,
            title=titles.get(self.b2b_academic_title, ""),
        )

    # ------------------------------------------------------------------
    # Constraints
    # ------------------------------------------------------------------
    @api.constrains("ref", "company_id", "is_b2b")
    def _check_b2b_customer_number_unique(self):
        """A customer number identifies one commercial partner per company."""
        partners = self.filtered(lambda p: p.is_b2b and p.ref and p.is_company)
        if not partners:
            return
        clashes = self.with_context(active_test=False).search_fetch(
            [
                ("ref", "in", partners.mapped("ref")),
                ("id", "not in", partners.ids),
                ("is_company", "=", True),
            ],
            ["ref", "company_id"],
        )
        taken = {(p.ref, p.company_id.id) for p in clashes}
        seen = set()
        for partner in partners:
            key = (partner.ref, partner.company_id.id)
            if key in taken or key in seen:
                raise ValidationError(
                    self.env._(
                        "The customer number %(number)s is already used by "
                        "another customer of this company.",
                        number=partner.ref,
                    )
                )
            seen.add(key)

    # ------------------------------------------------------------------
    # ORM
    # ------------------------------------------------------------------
    @api.model_create_multi
    def create(self, vals_list):
        for vals in vals_list:
            self._b2b_check_decision_fields(vals)
        partners = super().create(vals_list)
        partners._b2b_check_address_lock()
        requests = partners.filtered(lambda p: p.is_b2b and not p.b2b_state)
        if requests:
            requests._b2b_start_request()
        return partners

    def write(self, vals):
        self._b2b_check_decision_fields(vals)
        self._b2b_check_address_lock(vals)
        if {"b2b_role", "active", "parent_id"} & set(vals):
            parents = self.mapped("parent_id").filtered("is_b2b")
            with_admin = {
                company.id
                for company in parents
                if company.child_ids.filtered(
                    lambda c: c.active and c.b2b_role == "admin"
                )
            }
            self = self.with_context(
                b2b_admin_companies=with_admin, b2b_former_parent_ids=parents.ids
            )
        rules_change = {"b2b_role", "b2b_group_ids", "b2b_allow_pay_later"} & set(
            vals
        ) or any(key.startswith("b2b_perm_") for key in vals)
        if (
            vals.get("b2b_directory_listed")
            and "b2b_directory_consent_date" not in vals
        ):
            vals["b2b_directory_consent_date"] = fields.Datetime.now()
        res = super().write(vals)
        if rules_change:
            self.env["res.users"]._b2b_clear_rule_cache()
        if vals.get("is_b2b"):
            requests = self.filtered(lambda p: not p.b2b_state)
            if requests:
                requests._b2b_start_request()
        return res

    def _b2b_check_decision_fields(self, vals):
        """Approval decisions go through the action methods; only managers
        (or the system) may set their fields directly."""
        if (
            B2B_DECISION_FIELDS.intersection(vals)
            and not self.env.su
            and not self.env.user.has_group("b2b_customer.group_b2b_manager")
        ):
            raise AccessError(
                self.env._("Only B2B managers may approve, reject or suspend accounts.")
            )

    # ------------------------------------------------------------------
    # Approval workflow
    # ------------------------------------------------------------------
    def _b2b_check_manager(self):
        if not self.env.su and not self.env.user.has_group(
            "b2b_customer.group_b2b_manager"
        ):
            raise AccessError(
                self.env._("Only B2B managers may approve, reject or suspend accounts.")
            )

    def _b2b_lock(self):
        """Lock the rows being decided so that two managers deciding the same
        request at once end in one decision; re-read the state afterwards."""
        if self.ids:
            self.env.cr.execute(
                SQL(
                    "SELECT id FROM res_partner WHERE id IN %s FOR UPDATE",
                    tuple(self.ids),
                )
            )
            self.invalidate_recordset(["b2b_state", "ref"])

    def _b2b_get_sla_hours(self):
        self.ensure_one()
        return (self.company_id or self.env.company).b2b_sla_hours or 24

    def _b2b_get_approval_policy(self):
        """'auto' or 'manual': the first customer group (by sequence) with an
        own policy wins, else the company's approval mode."""
        self.ensure_one()
        for group in self.b2b_group_ids.sorted("sequence"):
            if group.approval_policy in ("auto", "manual"):
                return group.approval_policy
        return (self.company_id or self.env.company).b2b_approval_mode

    def _b2b_prepare_request_vals(self):
        """Values written when a B2B request starts (extension point)."""
        self.ensure_one()
        now = fields.Datetime.now()
        vals = {
            "b2b_state": "pending",
            "b2b_request_date": now,
            "b2b_deadline": now + timedelta(hours=self._b2b_get_sla_hours()),
            "b2b_decision_date": False,
            "b2b_decided_by_id": False,
            "b2b_overdue_notified": False,
        }
        if not self.b2b_credit_check:
            vals["b2b_credit_check"] = "not_checked"
        return vals

    def _b2b_start_request(self):
        """Put the partners' B2B accounts in the approval queue, then apply the
        approval policy (automatic approval approves them at once)."""
        for partner in self:
            partner.sudo().write(partner._b2b_prepare_request_vals())
            partner.message_post(
                body=self.env._("B2B account requested."),
                subtype_xmlid="mail.mt_note",
            )
        auto = self.filtered(lambda p: p._b2b_get_approval_policy() == "auto")
        if auto:
            auto.sudo()._b2b_approve()
        pending = self - auto
        if pending:
            pending._b2b_on_request_started()

    def _b2b_on_request_started(self):
        """Hook called once for the partners whose request just started and
        waits for a decision: schedule the review and tell the approvers."""
        self._b2b_schedule_review()
        self._b2b_notify_approvers("b2b_customer.mail_template_b2b_new_request")

    def _b2b_check_can_approve(self):
        for partner in self:
            if partner.b2b_state == "approved":
                raise UserError(
                    self.env._(
                        "The B2B account of %(name)s is already approved.",
                        name=partner.display_name,
                    )
                )
            if partner.b2b_state == "suspended":
                raise UserError(
                    self.env._(
                        "The B2B account of %(name)s is suspended: "
                        "reactivate it instead.",
                        name=partner.display_name,
                    )
                )
            company = partner.company_id or self.env.company
            if company.b2b_require_credit_check and partner.b2b_credit_check not in (
                "passed",
                "pre_screened",
            ):
                raise UserError(
                    self.env._(
                        "The credit check of %(name)s must pass (or the company be "
                        "pre-screened) before its B2B account can be approved.",
                        name=partner.display_name,
                    )
                )

    def _b2b_assign_customer_number(self):
        """Give each partner without a customer number the next one of its
        company's sequence."""
        without_number = self.filtered(lambda p: not p.ref)
        for company, partners in without_number.grouped(
            lambda p: p.company_id or self.env.company
        ).items():
            sequence = company._b2b_get_customer_sequence()
            numbers = sequence._b2b_next_batch(len(partners))
            for partner, number in zip(partners, numbers, strict=True):
                partner.ref = number

    def _b2b_approve(self, message=None):
        """Approve the partners' B2B accounts (no access check: callers do)."""
        self._b2b_lock()
        self._b2b_check_can_approve()
        now = fields.Datetime.now()
        self.write(
            {
                "is_b2b": True,
                "b2b_state": "approved",
                "b2b_decision_date": now,
                "b2b_decided_by_id": self.env.uid,
                "b2b_customer_message": message or False,
            }
        )
        # the state change is tracked; the welcome mail in the chatter
        # carries the customer number
        self._b2b_assign_customer_number()
        self._b2b_on_decided("approve")
        return True

    def _b2b_reject(self, message=None):
        self._b2b_lock()
        for partner in self:
            if partner.b2b_state not in ("pending", "suspended", "approved"):
                raise UserError(
                    self.env._(
                        "The B2B account of %(name)s cannot be rejected in its "
                        "current state.",
                        name=partner.display_name,
                    )
                )
        self.write(
            {
                "b2b_state": "rejected",
                "b2b_decision_date": fields.Datetime.now(),
                "b2b_decided_by_id": self.env.uid,
                "b2b_customer_message": message or False,
            }
        )
        self._b2b_on_decided("reject")
        return True

    def _b2b_request_info(self, message):
        self._b2b_lock()
        for partner in self:
            if partner.b2b_state != "pending":
                raise UserError(
                    self.env._(
                        "More information can only be asked for a B2B request "
                        "that is waiting for approval (%(name)s is not).",
                        name=partner.display_name,
                    )
                )
        self.write({"b2b_customer_message": message})
        self._b2b_on_decided("request_info")
        return True

    def _b2b_on_decided(self, decision):
        """Hook called after a decision (approve, reject, request_info) with
        the decided partners: close the review and tell the customer."""
        if decision == "approve":
            feedback = self.env._("Approved")
        elif decision == "reject":
            feedback = self.env._("Rejected")
        else:
            feedback = False
        if feedback:
            self.activity_feedback(
                ["b2b_customer.mail_activity_type_b2b_review"], feedback=feedback
            )
        templates = {
            "approve": "b2b_customer.mail_template_b2b_approved",
            "reject": "b2b_customer.mail_template_b2b_rejected",
            "request_info": "b2b_customer.mail_template_b2b_request_info",
        }
        self._b2b_notify_customer(templates[decision])

    def action_b2b_approve(self):
        self._b2b_check_manager()
        return self.sudo()._b2b_approve()

    def _b2b_open_review_wizard(self, decision):
        self._b2b_check_manager()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Review B2B Request"),
            "res_model": "b2b.review.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": self.ids,
                "default_decision": decision,
            },
        }

    def action_b2b_reject(self):
        return self._b2b_open_review_wizard("reject")

    def action_b2b_request_info(self):
        return self._b2b_open_review_wizard("request_info")

    def action_b2b_suspend(self):
        self._b2b_check_manager()
        self = self.sudo()
        self._b2b_lock()
        for partner in self:
            if partner.b2b_state != "approved":
                raise UserError(
                    self.env._(
                        "Only an approved B2B account can be suspended "
                        "(%(name)s is not approved).",
                        name=partner.display_name,
                    )
                )
        self.write(
            {
                "b2b_state": "suspended",
                "b2b_decision_date": fields.Datetime.now(),
                "b2b_decided_by_id": self.env.uid,
            }
        )
        for partner in self:
            partner.message_post(
                body=self.env._("B2B account suspended."),
                subtype_xmlid="mail.mt_note",
            )
        self._b2b_on_suspended()
        return True

    def _b2b_on_suspended(self):
        """Hook called after the partners' accounts were suspended: their
        portal users can no longer log in (their sessions end)."""
        users = self._b2b_portal_users().filtered("active")
        users.write({"b2b_suspended": True})

    def action_b2b_reactivate(self):
        self._b2b_check_manager()
        self = self.sudo()
        self._b2b_lock()
        for partner in self:
            if partner.b2b_state != "suspended":
                raise UserError(
                    self.env._(
                        "Only a suspended B2B account can be reactivated "
                        "(%(name)s is not suspended).",
                        name=partner.display_name,
                    )
                )
        self.write(
            {
                "b2b_state": "approved",
                "b2b_decision_date": fields.Datetime.now(),
                "b2b_decided_by_id": self.env.uid,
            }
        )
        for partner in self:
            partner.message_post(
                body=self.env._("B2B account reactivated."),
                subtype_xmlid="mail.mt_note",
            )
        self._b2b_on_reactivated()
        return True

    def _b2b_on_reactivated(self):
        """Hook called after the partners' accounts were reactivated: the
        users blocked by the suspension log in again; users that were
        archived before stay archived."""
        users = self._b2b_portal_users().filtered("b2b_suspended")
        users.write({"b2b_suspended": False})

    def action_view_b2b_end_customers(self):
        self.ensure_one()
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

    # ------------------------------------------------------------------
    # Portal access (credentials)
    # ------------------------------------------------------------------
    def _b2b_check_staff(self):
        if not self.env.su and not self.env.user.has_group(
            "b2b_customer.group_b2b_user"
        ):
            raise AccessError(
                self.env._("Only B2B staff may manage the portal access of contacts.")
            )

    def _b2b_grant_portal_access(self):
        """Give each contact a portal user (created, or reactivated and put in
        the portal group), without sending anything. Returns the users (sudo).

        No access check: callers check who may grant access.
        """
        group_portal = self.env.ref("base.group_portal")
        group_public = self.env.ref("base.group_public")
        users = self.env["res.users"].sudo()
        for partner in self:
            email = email_normalize(partner.email)
            if not email:
                raise UserError(
                    self.env._(
                        "%(name)s needs a valid e-mail address to log in to the "
                        "portal.",
                        name=partner.display_name,
                    )
                )
            user = partner.sudo().with_context(active_test=False).user_ids[:1]
            if not user:
                clash = users.with_context(active_test=False).search(
                    [("login", "=", email)], limit=1
                )
                if clash:
                    raise UserError(
                        self.env._(
                            "The e-mail address %(email)s is already the login of "
                            "another user.",
                            email=email,
                        )
                    )
                company = partner.company_id or self.env.company
                user = (
                    users.with_company(company)
                    .with_context(no_reset_password=True)
                    ._create_user_from_template(
                        {
                            "email": email,
                            "login": email,
                            "partner_id": partner.id,
                            "company_id": company.id,
                            "company_ids": [(6, 0, company.ids)],
                        }
                    )
                )
            elif not user.active or (not user._is_internal() and not user._is_portal()):
                user.write(
                    {
                        "active": True,
                        "group_ids": [(4, group_portal.id), (3, group_public.id)],
                    }
                )
            users |= user
        return users

    def _b2b_send_credentials(self):
        """Grant portal access if needed, reset the password (the old one stops
        working at once) and send the invitation or reset e-mail."""
        users = self._b2b_grant_portal_access()
        for user in users:
            if not user._is_internal():
                user.write({"password": secrets.token_urlsafe(32)})
        new_users = users.filtered(lambda u: not u.login_date)
        if new_users:
            new_users.with_context(create_user=1).action_reset_password()
        if users - new_users:
            (users - new_users).action_reset_password()
        for partner in self:
            partner.message_post(
                body=self.env._(
                    "Portal credentials sent to %(email)s.", email=partner.email
                ),
                subtype_xmlid="mail.mt_note",
            )
        return users

    def action_b2b_send_credentials(self):
        """On a contact person: grant portal access if needed, reset the
        password and send the invitation (nothing is sent when a contact is
        merely added)."""
        self._b2b_check_staff()
        self.sudo()._b2b_send_credentials()
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Credentials sent."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

    def _b2b_revoke_portal_access(self):
        """Archive the contacts' portal users (the contacts stay)."""
        users = (
            self.sudo()
            .with_context(active_test=False)
            .user_ids.filtered(lambda u: not u._is_internal())
        )
        self.sudo().write({"signup_type": False})
        users.write({"active": False})
        return users

    def action_b2b_revoke_access(self):
        self._b2b_check_staff()
        self._b2b_revoke_portal_access()
        for partner in self:
            partner.message_post(
                body=self.env._("Portal access revoked."), subtype_xmlid="mail.mt_note"
            )
        return True

    # ------------------------------------------------------------------
    # Approval: review activity, notifications, overdue, duplicates
    # ------------------------------------------------------------------
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
        {
            "gmbh",
            "ag",
            "kg",
            "ohg",
            "ug",
            "bv",
            "b.v.",
            "nv",
            "n.v.",
            "vof",
            "ltd",
            "ltd.",
            "llc",
            "inc",
            "inc.",
            "sa",
            "sarl",
            "sas",
            "co.",
            "&",
        }
    )

    def _compute_b2b_mail_greeting(self):
        for partner in self:
            contact = partner.child_ids.filtered(
                lambda c: c.type == "contact" and c.b2b_role == "admin"
            )[:1]
            partner.b2b_mail_greeting = (contact or partner).b2b_letter_salutation

    def _b2b_get_approvers(self):
        """Users who review the requests of the partners' company: the
        notification user of the settings, else the B2B managers."""
        company = self.company_id[:1] or self.env.company
        if company.b2b_notify_user_id:
            return company.b2b_notify_user_id
        group = self.env.ref("b2b_customer.group_b2b_manager")
        return group.sudo().all_user_ids.filtered(
            lambda u: u.active
            and not u.share
            and u.id != self.env.ref("base.user_root").id
        )

    def _b2b_schedule_review(self):
        """One "Review B2B Request" activity per request, due at its deadline."""
        activity_type = self.env.ref("b2b_customer.mail_activity_type_b2b_review")
        for partner in self:
            approvers = partner._b2b_get_approvers()
            assignee = (
                partner.user_id if partner.user_id in approvers else approvers[:1]
            )
            if not assignee:
                continue
            partner.sudo().activity_schedule(
                activity_type_id=activity_type.id,
                date_deadline=fields.Datetime.context_timestamp(
                    partner.with_user(assignee), partner.b2b_deadline
                ).date(),
                summary=self.env._(
                    "Review the B2B request of %(name)s", name=partner.name
                ),
                user_id=assignee.id,
            )

    def _b2b_notify_approvers(self, template_xmlid):
        """Queue an e-mail to the approvers (and the notification address of
        the settings) about each partner."""
        template = self.env.ref(template_xmlid).sudo()
        for partner in self:
            approvers = partner._b2b_get_approvers()
            company = partner.company_id or self.env.company
            email_values = {
                "recipient_ids": [(6, 0, approvers.partner_id.ids)],
                "email_to": company.b2b_notify_email or False,
            }
            if not approvers and not company.b2b_notify_email:
                continue
            template.send_mail(partner.id, force_send=False, email_values=email_values)

    @api.depends("email", "child_ids.email", "child_ids.type", "child_ids.b2b_role")
    def _compute_b2b_notify_partner_ids(self):
        """Who hears the shop's decision: the company's administrator
        contacts with an e-mail, else all its contacts, else the company."""
        for partner in self:
            contacts = partner.child_ids.filtered(
                lambda c: c.email and c.type == "contact"
            )
            admins = contacts.filtered(lambda c: c.b2b_role == "admin")
            partner.b2b_notify_partner_ids = (
                admins or contacts or partner.filtered("email")
            )

    def _b2b_notify_customer(self, template_xmlid):
        """Queue the decision e-mail to the customers in one batch. The mail
        is linked to the partner, so it shows in the chatter and the
        customer's reply lands there."""
        partners = self.filtered("b2b_notify_partner_ids")
        if partners:
            self.env.ref(template_xmlid).sudo().send_mail_batch(
                partners.ids,
                force_send=False,
                email_layout_xmlid="mail.mail_notification_light",
            )

    @api.model
    def _cron_b2b_overdue_requests(self):
        """Report each overdue request to the approvers, once."""
        overdue = self.search(
            [
                ("b2b_state", "=", "pending"),
                ("b2b_deadline", "<", fields.Datetime.now()),
                ("b2b_overdue_notified", "=", False),
            ]
        )
        if overdue:
            overdue._b2b_notify_approvers("b2b_customer.mail_template_b2b_overdue")
            overdue.sudo().write({"b2b_overdue_notified": True})
            for partner in overdue:
                partner.message_post(
                    body=self.env._("The B2B request is overdue."),
                    subtype_xmlid="mail.mt_note",
                )
        return overdue

    def _b2b_name_core(self):
        """The company name without legal form, for similar-name hints."""
        words = [
            w
            for w in (self.name or "").lower().replace(",", " ").split()
            if w not in self.B2B_LEGAL_FORMS
        ]
        return " ".join(words)

    def _b2b_duplicates_domain(self):
        """Domain of the companies that may be the same customer."""
        self.ensure_one()
        conditions = []
        if self.vat:
            conditions.append(Domain("vat", "=", self.vat))
        if self.company_registry:
            conditions.append(Domain("company_registry", "=", self.company_registry))
        domain = (self.email or "").rpartition("@")[2].lower().strip()
        if domain and domain not in self.B2B_FREE_MAIL_DOMAINS:
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

    # ------------------------------------------------------------------
    # Portal requests: sign-up, upgrade, join an existing company
    # ------------------------------------------------------------------
    @api.model
    def _b2b_valid_email(self, value):
        """The normalized address, or False when it is not one address a
        mail server would accept (at most 254 characters)."""
        email = email_normalize(value or "", strict=True)
        if not email or len(email) > 254 or not B2B_EMAIL_RE.match(email):
            return False
        return email

    @api.model
    def _b2b_normalize_vat(self, vat):
        return re.sub(r"[^A-Za-z0-9]", "", vat or "").upper()

    @api.model
    def _b2b_find_approved_by_vat(self, vat):
        """The approved B2B customer that already has this VAT number."""
        normalized = self._b2b_normalize_vat(vat)
        if not normalized:
            return self.browse()
        self.env.cr.execute(
            SQL(
                """
                SELECT id FROM res_partner
                 WHERE is_b2b IS TRUE AND b2b_state = 'approved' AND active
                   AND regexp_replace(upper(vat), '[^A-Z0-9]', '', 'g') = %s
                 ORDER BY id LIMIT 1
                """,
                normalized,
            )
        )
        row = self.env.cr.fetchone()
        return self.browse(row[0]) if row else self.browse()

    @api.model
    def _b2b_country_from_vat(self, vat):
        """The country a VAT number's prefix names (EL is Greece)."""
        prefix = self._b2b_normalize_vat(vat)[:2]
        prefix = {"EL": "GR", "XI": "GB"}.get(prefix, prefix)
        if len(prefix) != 2 or not prefix.isalpha():
            return self.env["res.country"]
        return self.env["res.country"].search([("code", "=", prefix)], limit=1)

    @api.model
    def _b2b_prepare_company_vals(self, values, person):
        """Values of the company created by a portal B2B request
        (extension point). The country comes from the person, else from the
        VAT number's prefix, so that base_vat validates the number."""
        country = person.country_id or self._b2b_country_from_vat(values["vat"])
        if not country:
            raise UserError(
                self.env._(
                    "Please enter the VAT number with its country code, "
                    "for example DE123456788."
                )
            )
        return {
            "name": values["company_name"],
            "is_company": True,
            "vat": values["vat"],
            "company_registry": values.get("company_registry") or False,
            "b2b_department": values.get("b2b_department") or False,
            "email": person.email,
            "phone": person.phone,
            "lang": person.lang,
            "country_id": country.id,
            "street": person.street,
            "city": person.city,
            "zip": person.zip,
        }

    def _b2b_request_from_portal(self, values):
        """A person (self, a portal user's partner) asks for a B2B account for
        its company. Returns ``("request", company)`` when a request was made,
        ``("join", company)`` when the VAT belongs to an approved customer:
        the person then waits for that company's administrator or the shop
        to accept it as a colleague. No access check: callers check."""
        self.ensure_one()
        person = self.sudo()
        existing = self._b2b_find_approved_by_vat(values["vat"])
        if existing and existing != person.commercial_partner_id:
            person.write({"b2b_join_company_id": existing.id, "b2b_role": "user"})
            existing._b2b_notify_join_request(person)
            return "join", existing
        commercial = person.commercial_partner_id
        if commercial == person:
            company = person.create(self._b2b_prepare_company_vals(values, person))
            person.write({"parent_id": company.id, "b2b_role": "admin"})
            company.is_b2b = True
        else:
            company = commercial
            vals = self._b2b_prepare_company_vals(values, person)
            company.write(
                {
                    key: vals[key]
                    for key in ("name", "vat", "company_registry", "b2b_department")
                }
                | ({} if company.country_id else {"country_id": vals["country_id"]})
            )
            if not company.child_ids.filtered(lambda c: c.b2b_role == "admin"):
                person.b2b_role = "admin"
            if not company.is_b2b or not company.b2b_state:
                company.is_b2b = True
                if company.b2b_state != "pending":
                    company._b2b_start_request()
            elif company.b2b_state == "rejected":
                company._b2b_start_request()
        return "request", company

    def _b2b_notify_join_request(self, person):
        """Tell the company's administrators and the shop that ``person``
        asks to join this company."""
        self.ensure_one()
        admins = self.child_ids.filtered(lambda c: c.b2b_role == "admin" and c.email)
        template = self.env.ref("b2b_customer.mail_template_b2b_join_request")
        self.sudo().with_context(mail_notify_force_send=False).message_post_with_source(
            template,
            message_type="comment",
            subtype_xmlid="mail.mt_comment",
            partner_ids=admins.ids,
        )

    def _b2b_approve_contact(self):
        """Accept persons who asked to join a company: they become its
        contacts (users, not administrators). No access check."""
        for person in self.sudo().filtered("b2b_join_company_id"):
            company = person.b2b_join_company_id
            person.write(
                {
                    "parent_id": company.id,
                    "b2b_join_company_id": False,
                    "b2b_role": "user",
                }
            )
            company.message_post(
                body=self.env._(
                    "%(person)s joined the company account.", person=person.name
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def _b2b_decline_contact(self):
        """Refuse a join request: the person keeps its own account, detached."""
        for person in self.sudo().filtered("b2b_join_company_id"):
            company = person.b2b_join_company_id
            person.write({"b2b_join_company_id": False})
            company.message_post(
                body=self.env._(
                    "The request of %(person)s to join was declined.",
                    person=person.name,
                ),
                subtype_xmlid="mail.mt_note",
            )
        return True

    def action_b2b_approve_contact(self):
        self._b2b_check_staff()
        return self._b2b_approve_contact()

    def action_b2b_decline_contact(self):
        self._b2b_check_staff()
        return self._b2b_decline_contact()

    # ------------------------------------------------------------------
    # E-mail verification (double opt-in)
    # ------------------------------------------------------------------
    @api.model
    def _b2b_token_hash(self, token):
        return hashlib.sha256((token or "").encode()).hexdigest()

    def _b2b_verify_token_days(self):
        days = (
            self.env["ir.config_parameter"]
            .sudo()
            .get_param("b2b_customer.verify_token_days", "7")
        )
        try:
            return max(int(days), 1)
        except ValueError:
            return 7

    def _b2b_send_email_verification(self):
        """Send each partner a verification link, at most once a minute.
        Returns the partners a mail was sent to. No access check."""
        now = fields.Datetime.now()
        sent = self.browse()
        template = self.env.ref("b2b_customer.mail_template_b2b_verify_email")
        for partner in self.sudo():
            if not partner.email:
                raise UserError(
                    self.env._(
                        "%(name)s has no e-mail address to verify.", name=partner.name
                    )
                )
            if (
                partner.b2b_verify_sent_date
                and (now - partner.b2b_verify_sent_date).total_seconds() < 60
            ):
                continue
            token = secrets.token_urlsafe(32)
            partner.write(
                {
                    "b2b_verify_token_hash": self._b2b_token_hash(token),
                    "b2b_verify_token_expiry": now
                    + timedelta(days=partner._b2b_verify_token_days()),
                    "b2b_verify_sent_date": now,
                }
            )
            template.with_context(b2b_verify_token=token).send_mail(
                partner.id,
                force_send=False,
                email_values={"recipient_ids": [(6, 0, partner.ids)]},
            )
            sent |= partner
        return sent

    def action_b2b_send_email_verification(self):
        self._b2b_check_staff()
        sent = self._b2b_send_email_verification()
        message = (
            self.env._("Verification e-mail sent.")
            if sent
            else self.env._("A verification e-mail was sent less than a minute ago.")
        )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {"type": "success" if sent else "warning", "message": message},
        }

    @api.model
    def _b2b_verify_email(self, token):
        """Check a verification token. Returns ``(status, partner)`` with
        status ``verified``, ``expired`` or ``invalid``; a token works once."""
        if not token or len(token) > 200:
            return "invalid", self.browse()
        token_hash = self._b2b_token_hash(token)
        partner = (
            self.sudo()
            .with_context(active_test=False)
            .search([("b2b_verify_token_hash", "=", token_hash)], limit=1)
        )
        if not partner or not hmac.compare_digest(
            partner.b2b_verify_token_hash or "", token_hash
        ):
            return "invalid", self.browse()
        if partner.b2b_verify_token_expiry < fields.Datetime.now():
            partner.write({"b2b_verify_token_hash": False})
            return "expired", partner
        partner.write(
            {
                "b2b_verify_token_hash": False,
                "b2b_email_verified": True,
                "b2b_email_verified_date": fields.Datetime.now(),
            }
        )
        partner.message_post(
            body=self.env._("E-mail address %(email)s verified.", email=partner.email),
            subtype_xmlid="mail.mt_note",
        )
        return "verified", partner

    def _b2b_verification_url(self):
        token = self.env.context.get("b2b_verify_token")
        return f"{self.get_base_url()}/b2b/verify/{token}" if token else False

    # ------------------------------------------------------------------
    # Company accounts: roles, colleagues, permissions
    # ------------------------------------------------------------------
    #: functions a customer group can grant, and their default without group
    B2B_PERMISSIONS = {
        "view_orders": True,
        "confirm_orders": True,
        "view_invoices": True,
        "manage_users": True,
        "pay_later": False,
    }

    def _b2b_portal_users(self):
        """Portal users of the companies' contacts (sudo, archived included)."""
        persons = (
            self.sudo()
            .with_context(active_test=False)
            .search([("commercial_partner_id", "in", self.ids)])
        )
        return persons.user_ids.filtered(lambda u: u.share)

    def b2b_has_permission(self, code):
        """Whether the commercial partner grants this portal function:
        its own override (allow/deny) first, then the union of its groups,
        else the default (everything but pay-later)."""
        self.ensure_one()
        if code not in self.B2B_PERMISSIONS:
            return False
        commercial = self.sudo().commercial_partner_id
        if code == "pay_later" and commercial.b2b_allow_pay_later:
            return True
        override = commercial[f"b2b_perm_{code}"] if code != "pay_later" else False
        if override == "allow":
            return True
        if override == "deny":
            return False
        groups = commercial.b2b_group_ids
        if not groups:
            return self.B2B_PERMISSIONS[code]
        field = "allow_pay_later" if code == "pay_later" else f"perm_{code}"
        return any(groups.mapped(field))

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

    @api.constrains("b2b_role", "active", "parent_id")
    def _check_b2b_last_admin(self):
        """An approved B2B company always keeps one active administrator
        (requests that are linked to an existing customer may be emptied)."""
        companies = (self.mapped("parent_id") | self._b2b_former_parents()).filtered(
            lambda c: c.is_b2b
            and c.is_company
            and c.active
            and c.b2b_state in ("approved", "suspended")
        )
        for company in companies:
            had_admin = self.env.context.get("b2b_admin_companies", set())
            if company.id not in had_admin:
                continue
            # Touch the company row: two administrators demoting or removing
            # each other at the same moment then conflict, and the retried
            # one sees the other's change instead of leaving no administrator.
            self.env.cr.execute(
                SQL(
                    "UPDATE res_partner SET write_date = write_date WHERE id = %s",
                    company.id,
                )
            )
            admins = self.search_count(
                [
                    ("parent_id", "=", company.id),
                    ("b2b_role", "=", "admin"),
                    ("type", "=", "contact"),
                ],
                limit=1,
            )
            if not admins:
                raise ValidationError(
                    self.env._(
                        "%(company)s must keep at least one active administrator: "
                        "make someone else administrator first.",
                        company=company.display_name,
                    )
                )

    def _b2b_former_parents(self):
        return self.browse(self.env.context.get("b2b_former_parent_ids", []))

    # ------------------------------------------------------------------
    # Resellers
    # ------------------------------------------------------------------
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
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._("Invitations sent."),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }

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

    # ------------------------------------------------------------------
    # ---- Customer profile and selling defaults ----
    # ------------------------------------------------------------------
    b2b_default_delivery_id = fields.Many2one(
        comodel_name="res.partner",
        string="Default Delivery Address",
        domain="[('parent_id', '=', id), ('type', 'in', ('delivery', 'other'))]",
        help="Delivery address proposed on every new order of this company.",
    )
    b2b_effective_pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        string="Effective Pricelist",
        compute="_compute_b2b_effective_selling",
        help="The partner's own pricelist, else that of its first customer group, "
        "else Odoo's default.",
    )
    b2b_effective_payment_term_id = fields.Many2one(
        comodel_name="account.payment.term",
        string="Effective Payment Terms",
        compute="_compute_b2b_effective_selling",
    )
    b2b_effective_pay_later = fields.Boolean(
        string="Pays Later",
        compute="_compute_b2b_effective_selling",
        help="Own setting or granted by a customer group.",
    )
    b2b_next_reachable = fields.Char(
        string="Next Reachable", compute="_compute_b2b_next_reachable"
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

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id.b2b_group_ids",
        "commercial_partner_id.b2b_allow_pay_later",
        "commercial_partner_id.specific_property_product_pricelist",
        "commercial_partner_id.property_payment_term_id",
    )
    def _compute_b2b_effective_selling(self):
        for partner in self:
            commercial = partner.commercial_partner_id
            partner.b2b_effective_pricelist_id = (
                commercial._b2b_group_pricelist()
                or commercial.property_product_pricelist
            )
            partner.b2b_effective_payment_term_id = (
                commercial._b2b_group_payment_term()
                or commercial.property_payment_term_id
            )
            partner.b2b_effective_pay_later = commercial._b2b_pay_later()

    def _b2b_groups_for_company(self):
        """Customer groups of the commercial partner valid in the current
        company, by sequence."""
        self.ensure_one()
        company = self.env.company
        return self.commercial_partner_id.b2b_group_ids.filtered(
            lambda g: not g.company_id or g.company_id == company
        ).sorted(lambda g: (g.sequence, g.id))

    def _b2b_group_pricelist(self):
        """The pricelist of the first group, when the partner has none of its
        own (``specific_property_product_pricelist``, the company-dependent
        value Odoo stores when a pricelist is set on the partner; the computed
        ``property_product_pricelist`` also reflects country groups and the
        global default, which must not hide the customer group)."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial.specific_property_product_pricelist.filtered("active"):
            return self.env["product.pricelist"]
        groups = commercial._b2b_groups_for_company().filtered("pricelist_id")
        return groups[:1].pricelist_id

    def _b2b_own_payment_term_ids(self):
        """{partner id: payment term id} of the payment terms set on the
        partners themselves (not the ``ir.default`` fallback)."""
        partners = self.filtered("id")
        if not partners:
            return {}
        self.flush_model(["property_payment_term_id"])
        self.env.cr.execute(
            SQL(
                "SELECT id, (property_payment_term_id->>%s)::int FROM res_partner"
                " WHERE id = ANY(%s)",
                str(self.env.company.id),
                partners.ids,
            )
        )
        return {pid: term for pid, term in self.env.cr.fetchall() if term}

    def _b2b_group_payment_term(self):
        """The payment term of the first group, when the partner has none of
        its own."""
        self.ensure_one()
        commercial = self.commercial_partner_id
        if commercial._b2b_own_payment_term_ids().get(commercial.id):
            return self.env["account.payment.term"]
        groups = commercial._b2b_groups_for_company().filtered("payment_term_id")
        return groups[:1].payment_term_id

    def _b2b_pay_later(self):
        self.ensure_one()
        commercial = self.commercial_partner_id
        return bool(
            commercial.b2b_allow_pay_later
            or any(commercial._b2b_groups_for_company().mapped("allow_pay_later"))
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

    @api.constrains("b2b_mobile", "b2b_fax")
    def _check_b2b_phone_numbers(self):
        for partner in self:
            for fname in ("b2b_mobile", "b2b_fax"):
                number = partner[fname]
                if number and not partner._b2b_is_valid_phone(number):
                    raise ValidationError(
                        self.env._(
                            "%(field)s of %(name)s is not a valid phone number: "
                            "%(number)s. Use digits, spaces and ( ) . / -, "
                            "optionally starting with +.",
                            field=self._fields[fname]._description_string(self.env),
                            name=partner.display_name,
                            number=number,
                        )
                    )

    @api.model
    def _b2b_is_valid_phone(self, number):
        number = number.strip()
        digits = re.sub(r"\D", "", number)
        return bool(B2B_PHONE_RE.match(number)) and 5 <= len(digits) <= 15

    def action_b2b_individual_prices(self):
        """Give the company a pricelist of its own, based on the pricelist it
        gets now (its group's), and open it."""
        self.ensure_one()
        self._b2b_check_staff()
        self.check_access("write")
        self.env["product.pricelist"].check_access("create")
        partner = self.commercial_partner_id
        base = partner.b2b_effective_pricelist_id
        if not base:
            raise UserError(
                self.env._(
                    "%(name)s has no pricelist to base individual prices on.",
                    name=partner.display_name,
                )
            )
        pricelist = self.env["product.pricelist"].create(
            {
                "name": self.env._("Prices of %(name)s", name=partner.name),
                "currency_id": base.currency_id.id,
                "company_id": base.company_id.id,
                "item_ids": [
                    fields.Command.create(
                        {
                            "applied_on": "3_global",
                            "compute_price": "formula",
                            "base": "pricelist",
                            "base_pricelist_id": base.id,
                        }
                    )
                ],
            }
        )
        partner.property_product_pricelist = pricelist
        partner.message_post(
            body=self.env._(
                "Individual pricelist %(pricelist)s created, based on %(base)s.",
                pricelist=pricelist.display_name,
                base=base.display_name,
            ),
            subtype_xmlid="mail.mt_note",
        )
        return {
            "type": "ir.actions.act_window",
            "res_model": "product.pricelist",
            "res_id": pricelist.id,
            "view_mode": "form",
            "target": "current",
        }

    @api.depends(
        "tz",
        "commercial_partner_id.tz",
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.hour_to",
    )
    def _compute_b2b_next_reachable(self):
        now = fields.Datetime.now()
        for partner in self:
            partner.b2b_next_reachable = partner._b2b_get_next_reachable(now)

    def _b2b_get_next_reachable(self, now):
        """ "Reachable now", "Next reachable: Tuesday 08:00 (their time)" or
        False, from the slots in the partner's time zone at ``now`` (naive UTC).
        """
        self.ensure_one()
        slots = self.b2b_reachability_ids
        if not slots:
            return False
        tz = pytz.timezone(self._b2b_reachability_tz())
        local = pytz.utc.localize(now).astimezone(tz)
        minute = local.weekday() * 1440 + local.hour * 60 + local.minute
        week = 7 * 1440
        best = None
        for slot in slots:
            start = int(slot.dayofweek) * 1440 + round(slot.hour_from * 60)
            end = int(slot.dayofweek) * 1440 + round(slot.hour_to * 60)
            if start <= minute < end or start <= minute + week < end:
                return self.env._("Reachable now")
            wait = (start - minute) % week
            if best is None or wait < best[0]:
                best = (wait, slot, start)
        __, slot, start = best
        days = dict(
            self.env["b2b.reachability"]
            ._fields["dayofweek"]
            ._description_selection(self.env)
        )
        return self.env._(
            "Next reachable: %(day)s %(hour)02d:%(minute)02d (their time)",
            day=days[slot.dayofweek],
            hour=start % 1440 // 60,
            minute=start % 60,
        )

    def _b2b_is_locked_address(self):
        self.ensure_one()
        return (
            self.parent_id
            and self.type in ("delivery", "invoice", "other")
            and self.commercial_partner_id.b2b_address_locked
        )

    def _b2b_check_address_lock(self, vals=None):
        """Refuse changes to addresses maintained by an integration, except
        through b2b_sync_addresses."""
        if self.env.context.get("b2b_address_sync"):
            return
        if vals is not None and not (
            set(vals) & (set(self._address_fields()) | {"active", "type", "name"})
        ):
            return
        locked = self.filtered(lambda p: p._b2b_is_locked_address())
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

    b2b_address_readonly = fields.Boolean(
        compute="_compute_b2b_address_readonly",
        help="Technical: the address is maintained by an integration.",
    )

    @api.depends("parent_id", "type", "commercial_partner_id.b2b_address_locked")
    def _compute_b2b_address_readonly(self):
        for partner in self:
            partner.b2b_address_readonly = bool(partner._b2b_is_locked_address())

    def _can_be_edited_by_current_customer(self, **kwargs):
        """B2B: only B2B administrators edit the company's addresses, and
        nobody edits addresses maintained by an integration."""
        if not super()._can_be_edited_by_current_customer(**kwargs):
            return False
        current = self._get_current_partner(**kwargs)
        if self == current:
            return True
        commercial = current.commercial_partner_id
        if self.commercial_partner_id != commercial or self._b2b_is_locked_address():
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

    b2b_reachability_grid = fields.Char(
        string="Reachability Hours",
        compute="_compute_b2b_reachability_grid",
        inverse="_inverse_b2b_reachability_grid",
        help="Technical: the reachability slots as 168 hour cells "
        "(Monday 00:00 first, 1 = reachable), edited by the hours grid.",
    )

    @api.depends(
        "b2b_reachability_ids.dayofweek",
        "b2b_reachability_ids.hour_from",
        "b2b_reachability_ids.hour_to",
    )
    def _compute_b2b_reachability_grid(self):
        for partner in self:
            cells = ["0"] * (7 * 24)
            for slot in partner.b2b_reachability_ids:
                day = int(slot.dayofweek) * 24
                last = min(24, math.ceil(slot.hour_to))
                for hour in range(int(slot.hour_from), last):
                    cells[day + hour] = "1"
            partner.b2b_reachability_grid = "".join(cells)

    def _inverse_b2b_reachability_grid(self):
        for partner in self:
            grid = partner.b2b_reachability_grid or ""
            if grid and (len(grid) != 7 * 24 or set(grid) - {"0", "1"}):
                raise ValidationError(self.env._("Invalid reachability hours."))
            commands = [fields.Command.clear()]
            for day in range(7):
                hours = grid[day * 24 : day * 24 + 24] if grid else "0" * 24
                for match in re.finditer("1+", hours):
                    commands.append(
                        fields.Command.create(
                            {
                                "dayofweek": str(day),
                                "hour_from": float(match.start()),
                                "hour_to": float(match.end()),
                            }
                        )
                    )
            partner.b2b_reachability_ids = commands
