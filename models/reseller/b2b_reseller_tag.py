from odoo import fields, models


class B2bResellerTag(models.Model):
    _name = "b2b.reseller.tag"
    _description = "Reseller Customer Tag"
    _order = "name, id"

    name = fields.Char(required=True)
    color = fields.Integer()
    reseller_id = fields.Many2one(
        comodel_name="res.partner",
        required=True,
        index=True,
        ondelete="cascade",
        domain=[("is_reseller", "=", True)],
        help="Only this reseller sees and uses the tag.",
    )
    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        relation="b2b_reseller_tag_res_partner_rel",
        column1="tag_id",
        column2="partner_id",
        string="Customers",
    )

    _name_reseller_unique = models.Constraint(
        "UNIQUE (reseller_id, name)",
        "This reseller already has a tag with this name.",
    )
