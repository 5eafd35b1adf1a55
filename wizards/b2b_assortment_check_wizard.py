""" "Can this customer buy this product?": staff pick a product on the
company's B2B page and read the answer, naming the assortment line that
decides and the quantity rule that applies."""

from odoo import api, fields, models


class B2bAssortmentCheckWizard(models.TransientModel):
    _name = "b2b.assortment.check.wizard"
    _description = "Can This Customer Buy This Product?"

    partner_id = fields.Many2one(
        comodel_name="res.partner", string="Customer", required=True, readonly=True
    )
    product_id = fields.Many2one(comodel_name="product.product")
    allowed = fields.Boolean(compute="_compute_verdict")
    reason = fields.Char(compute="_compute_verdict")
    line_id = fields.Many2one(
        comodel_name="b2b.assortment.line",
        string="Deciding Line",
        compute="_compute_verdict",
    )
    rule_line_id = fields.Many2one(
        comodel_name="b2b.assortment.line",
        string="Quantity Rule Of",
        compute="_compute_verdict",
    )
    rule_text = fields.Char(string="Quantity Rule", compute="_compute_verdict")

    @api.depends("partner_id", "product_id")
    def _compute_verdict(self):
        for wizard in self:
            if not (wizard.partner_id and wizard.product_id):
                wizard.update(
                    {
                        "allowed": False,
                        "reason": False,
                        "line_id": False,
                        "rule_line_id": False,
                        "rule_text": False,
                    }
                )
                continue
            verdict = wizard.partner_id._b2b_assortment_verdict(wizard.product_id)
            wizard.update(
                {
                    "allowed": verdict["allowed"],
                    "reason": verdict["reason"],
                    "line_id": verdict["line"].id,
                    "rule_line_id": verdict["rule"].id,
                    "rule_text": verdict["rule_text"],
                }
            )
