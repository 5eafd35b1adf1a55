"""A B2B company's assortments: its own, the effective ones (own or of its
own customer groups, else its nearest parent company's), and the answer to
"can this customer buy this product?" naming the line that decides."""

from odoo import api, fields, models


class ResPartner(models.Model):
    _inherit = "res.partner"

    b2b_assortment_ids = fields.Many2many(
        comodel_name="b2b.assortment",
        relation="b2b_assortment_res_partner_rel",
        column1="partner_id",
        column2="assortment_id",
        string="Assortments",
        help="What this company may see and buy (with quantity rules), added "
        "to its customer groups' assortments. Its subsidiaries inherit them "
        "unless they have their own. None anywhere: everything Odoo sells.",
    )
    b2b_effective_assortment_ids = fields.Many2many(
        comodel_name="b2b.assortment",
        string="Effective Assortments",
        compute="_compute_b2b_effective_assortment",
        help="The assortments of the company and of its customer groups, "
        "else those of its nearest parent company in the group of companies "
        "that has some. Empty: the customer sees everything Odoo sells.",
    )
    b2b_effective_assortment_from_id = fields.Many2one(
        comodel_name="res.partner",
        string="Assortments Of",
        compute="_compute_b2b_effective_assortment",
    )

    @api.depends_context("company")
    @api.depends(
        "commercial_partner_id.b2b_assortment_ids",
        "commercial_partner_id.b2b_group_ids.assortment_ids",
        "commercial_partner_id.b2b_group_path",
    )
    def _compute_b2b_effective_assortment(self):
        records = self.filtered(lambda partner: partner._origin.id)
        effective = self.env["b2b.assortment"]._b2b_effective_of(records._origin)
        for partner in self:
            assortments, origin = effective.get(partner._origin.id, (False, False))
            partner.b2b_effective_assortment_ids = assortments
            partner.b2b_effective_assortment_from_id = origin

    def _b2b_assortment_verdict(self, product):
        """Whether this customer may buy ``product`` and why: a dict with
        ``allowed``, ``reason`` (translated, naming the assortment line that
        decides), ``line`` (that line, or empty), ``rule`` (the line whose
        quantity rule applies, or empty) and ``rule_text``."""
        self.ensure_one()
        env = self.env
        Assortment = env["b2b.assortment"].sudo()
        company = self.sudo().commercial_partner_id
        product = product.sudo()
        assortments, origin = Assortment._b2b_effective_of(company)[company.id]
        Line = env["b2b.assortment.line"].sudo()
        verdict = {"allowed": True, "line": Line, "rule": Line, "rule_text": ""}
        if not product.sale_ok:
            verdict.update(
                allowed=False,
                reason=env._("%(product)s is not sold.", product=product.display_name),
            )
            return verdict
        if not assortments:
            verdict["reason"] = env._(
                "%(customer)s has no assortment: it may buy every product that is "
                "sold.",
                customer=company.display_name,
            )
            return verdict
        where = (
            env._("its own")
            if origin == company
            else env._("of %(company)s", company=origin.display_name)
        )
        matches = Assortment._b2b_product_matches(company, product)
        excluded = {line.assortment_id for line in matches if line.mode == "exclude"}
        including = matches.filtered(
            lambda line: line.mode == "include" and line.assortment_id not in excluded
        )
        if including:
            line = including[0]
            verdict.update(
                line=line,
                reason=env._(
                    "Allowed by the line %(line)s of the assortment %(assortment)s "
                    "(%(where)s).",
                    line=line.display_target,
                    assortment=line.assortment_id.name,
                    where=where,
                ),
            )
            rule = including.filtered(lambda line: line._b2b_has_quantity_rule())[:1]
            if rule:
                verdict.update(rule=rule, rule_text=rule._b2b_rule_text())
            return verdict
        exclusions = matches.filtered(lambda line: line.mode == "exclude")
        if exclusions:
            line = exclusions[0]
            verdict.update(
                allowed=False,
                line=line,
                reason=env._(
                    "Excluded by the line %(line)s of the assortment %(assortment)s "
                    "(%(where)s).",
                    line=line.display_target,
                    assortment=line.assortment_id.name,
                    where=where,
                ),
            )
            return verdict
        verdict.update(
            allowed=False,
            reason=env._(
                "Not in its assortments %(assortments)s (%(where)s): no line "
                "includes it.",
                assortments=", ".join(assortments.mapped("name")),
                where=where,
            ),
        )
        return verdict

    def action_b2b_assortment_check(self):
        """Open "Can this customer buy this product?" for the company."""
        self.ensure_one()
        self._b2b_check_staff()
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Can this customer buy…?"),
            "res_model": "b2b.assortment.check.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {"default_partner_id": self.commercial_partner_id.id},
        }
