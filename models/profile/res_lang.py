from odoo import fields, models


class ResLang(models.Model):
    _inherit = "res.lang"

    b2b_salutation_form = fields.Selection(
        selection=[("formal", "Formal"), ("informal", "Informal")],
        string="B2B Form of Address",
        default="formal",
        help="How B2B contacts writing in this language are addressed unless "
        "their own form of address says otherwise (Sie/Du, u/je, vous/tu).",
    )
