from odoo import api, fields, models


class B2bCustomerGroup(models.Model):
    _name = "b2b.customer.group"
    _description = "B2B Customer Group"
    _order = "sequence, name, id"

    name = fields.Char(required=True, translate=True)
    sequence = fields.Integer(default=10)
    active = fields.Boolean(default=True)
    description = fields.Text(translate=True)
    company_id = fields.Many2one(
        comodel_name="res.company",
        index=True,
        help="Leave empty to share the group between companies.",
    )
    pricelist_id = fields.Many2one(
        comodel_name="product.pricelist",
        help="Prices for the members that have no pricelist of their own.",
    )
    payment_term_id = fields.Many2one(
        comodel_name="account.payment.term",
        string="Payment Terms",
        help="Payment terms for the members that have none of their own.",
    )
    allow_pay_later = fields.Boolean(
        help="Members may confirm orders without paying online and pay by invoice.",
    )
    currency_id = fields.Many2one(
        comodel_name="res.currency", compute="_compute_currency_id"
    )
    credit_limit = fields.Monetary(
        help="Credit limit of the members that have none of their own "
        "(Invoicing > Customers > Credit Limit). Empty: no default.",
    )
    perm_view_orders = fields.Boolean(
        string="View Orders",
        default=True,
        help="Members see their orders and quotations on the portal.",
    )
    perm_confirm_orders = fields.Boolean(
        string="Confirm Quotations Online",
        default=True,
        help="Members accept, sign and pay quotations on the portal.",
    )
    perm_view_invoices = fields.Boolean(
        string="View Invoices",
        default=True,
        help="Members see their invoices on the portal.",
    )
    perm_manage_users = fields.Boolean(
        string="Manage Company Users",
        default=True,
        help="Company administrators invite and remove colleagues on the portal.",
    )
    perm_order_online = fields.Boolean(
        string="Order Online",
        default=True,
        help="Members order on the portal by product code (quick order, "
        "order again, requisition lists).",
    )
    approval_policy = fields.Selection(
        selection=[
            ("company", "Company setting"),
            ("auto", "Automatic"),
            ("manual", "Manual"),
        ],
        string="Approval",
        default="company",
        required=True,
        help="How new B2B accounts in this group are approved. "
        "Company setting: follow the approval mode in the Settings.",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_customer_group_res_partner_rel",
        column1="group_id",
        column2="partner_id",
        string="Members",
    )
    partner_count = fields.Integer(
        string="Member Count", compute="_compute_partner_count"
    )
    color = fields.Integer()

    _credit_limit_positive = models.Constraint(
        "CHECK (credit_limit IS NULL OR credit_limit >= 0)",
        "A credit limit cannot be negative.",
    )

    @api.depends("company_id")
    @api.depends_context("company")
    def _compute_currency_id(self):
        for group in self:
            group.currency_id = (
                group.company_id.currency_id or self.env.company.currency_id
            )

    def _compute_partner_count(self):
        counts = dict(
            self.env["res.partner"]._read_group(
                [("b2b_group_ids", "in", self.ids)], ["b2b_group_ids"], ["__count"]
            )
        )
        for group in self:
            group.partner_count = counts.get(group._origin, 0)

    # a group's pricelist only prices when Odoo's pricelist feature is on
    @api.model_create_multi
    def create(self, vals_list):
        groups = super().create(vals_list)
        if groups.filtered("pricelist_id"):
            self.env["product.pricelist"]._b2b_enable_pricelist_feature()
        return groups

    def write(self, vals):
        res = super().write(vals)
        if vals.get("pricelist_id"):
            self.env["product.pricelist"]._b2b_enable_pricelist_feature()
        if "pricelist_id" in vals:
            # the members' subsidiaries follow (no field dependency reaches them)
            self.env["res.partner"].invalidate_model(["property_product_pricelist"])
        return res

    def action_view_members(self):
        self.ensure_one()
        self.env["res.partner"]._b2b_check_staff()
        action = self.env["ir.actions.act_window"]._for_xml_id(
            "contacts.action_contacts"
        )
        action.update(
            {
                "name": self.display_name,
                "domain": [("b2b_group_ids", "in", self.ids)],
                "context": {"default_b2b_group_ids": [(6, 0, self.ids)]},
            }
        )
        return action
