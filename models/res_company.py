from odoo import api, fields, models


class ResCompany(models.Model):
    _inherit = "res.company"

    b2b_approval_mode = fields.Selection(
        selection=[("auto", "Automatic"), ("manual", "Manual")],
        default="manual",
        help="Automatic: new B2B accounts are approved at once.\n"
        "Manual: new B2B accounts wait for a manager's approval.",
    )
    # no NOT NULL on res_company: companies created by code loaded before
    # this module (other modules' data, at-install tests) know nothing of it
    b2b_sla_hours = fields.Integer(
        string="B2B Review Target (hours)",
        default=24,
        help="A B2B request must be decided within this many hours.",
    )
    b2b_require_credit_check = fields.Boolean(
        string="Credit Check Required",
        help="A B2B account can only be approved once its credit check "
        "passed or it was pre-screened.",
    )
    b2b_customer_sequence_id = fields.Many2one(
        comodel_name="ir.sequence",
        string="Customer Number Sequence",
        help="Assigns customer numbers to approved B2B accounts that have none.",
    )

    b2b_approver_id = fields.Many2one(
        comodel_name="res.users",
        domain=[("share", "=", False)],
        help="Reviews the new B2B requests and gets their notifications. "
        "Empty: every B2B manager is notified.",
    )
    b2b_approver_email = fields.Char(
        string="B2B Approver E-mail",
        help="Also send new-request and overdue notifications to this address.",
    )

    b2b_subsidiary_approval = fields.Boolean(
        string="Approve Subsidiaries with the Parent's Verification",
        help="A B2B company placed under an approved B2B company (a "
        "subsidiary) is approved at once: the parent's verification and credit "
        "check count for it.",
    )

    b2b_migration_requires_approval = fields.Boolean(
        string="Approve Migrated Customers",
        help="An end customer that a reseller migrates to its own reseller "
        "portal waits for a manager's approval.",
    )

    b2b_credit_hold_overdue_days = fields.Integer(
        string="Credit Hold After (days overdue)",
        default=0,
        help="B2B accounts with an invoice overdue by more than this many days "
        "go on credit hold (checked daily) and are released once nothing is "
        "overdue. 0: never automatically.",
    )
    b2b_credit_user_id = fields.Many2one(
        comodel_name="res.users",
        string="Credit Reviewer",
        domain=[("share", "=", False)],
        help="Gets the credit review activities (holds, releases, orders over "
        "the limit). Empty: the B2B approver, else every B2B manager.",
    )

    b2b_quick_order_confirm = fields.Selection(
        selection=[
            ("on_accept", "Confirmed on acceptance"),
            ("review", "Reviewed by the salesperson"),
        ],
        string="Portal Orders",
        default="on_accept",
        help="Orders B2B buyers place on the portal (quick order, order again, "
        "requisition lists, resellers for their customers). Confirmed on "
        "acceptance: Odoo's own flow, the buyer's signature or payment "
        "confirms the order. Reviewed: the buyer's acceptance signs the "
        "quotation, the salesperson gets an activity and confirms it.",
    )

    _b2b_sla_hours_positive = models.Constraint(
        "CHECK (b2b_sla_hours IS NULL OR b2b_sla_hours > 0)",
        "The B2B review target must be at least one hour.",
    )
    _b2b_credit_hold_overdue_days_positive = models.Constraint(
        "CHECK (b2b_credit_hold_overdue_days IS NULL"
        " OR b2b_credit_hold_overdue_days >= 0)",
        "The days overdue before a credit hold cannot be negative.",
    )

    def _b2b_get_customer_sequence(self):
        """Return the customer-number sequence of this company, creating it if
        the company has none yet (new companies, or one deleted by mistake)."""
        self.ensure_one()
        if not self.b2b_customer_sequence_id:
            self.sudo().b2b_customer_sequence_id = (
                self.env["ir.sequence"].sudo()._b2b_create_customer_sequence(self)
            )
        return self.b2b_customer_sequence_id

    @api.model_create_multi
    def create(self, vals_list):
        companies = super().create(vals_list)
        for company in companies.filtered(lambda c: not c.b2b_customer_sequence_id):
            company._b2b_get_customer_sequence()
        return companies
