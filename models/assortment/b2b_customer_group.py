from odoo import fields, models


class B2bCustomerGroup(models.Model):
    _inherit = "b2b.customer.group"

    assortment_ids = fields.Many2many(
        comodel_name="b2b.assortment",
        relation="b2b_assortment_b2b_customer_group_rel",
        column1="group_id",
        column2="assortment_id",
        string="Assortments",
        help="What the members may see and buy (with their quantity rules). "
        "Several assortments add up; none: everything Odoo sells.",
    )
