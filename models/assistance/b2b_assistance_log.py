from odoo import api, fields, models


class B2bAssistanceLog(models.Model):
    """A line of the trail of an acting session: started, ended, or a record
    (an order, a quote request, an address) created or changed."""

    _name = "b2b.assistance.log"
    _description = "Acting on Behalf Log"
    _order = "date, id"

    session_id = fields.Many2one(
        comodel_name="b2b.assistance.session",
        required=True,
        readonly=True,
        index=True,
        ondelete="cascade",
    )
    date = fields.Datetime(default=fields.Datetime.now, readonly=True)
    action = fields.Selection(
        selection=[
            ("started", "Started"),
            ("ended", "Ended"),
            ("created", "Created"),
            ("changed", "Changed"),
        ],
        required=True,
        readonly=True,
    )
    res_model = fields.Char(string="Document Model", readonly=True)
    res_id = fields.Many2oneReference(
        string="Document", model_field="res_model", readonly=True
    )
    record_name = fields.Char(string="Document Name", readonly=True)
    description = fields.Char(readonly=True)
    kind = fields.Char(compute="_compute_kind", string="What")

    @api.depends("res_model")
    def _compute_kind(self):
        names = {
            "sale.order": self.env._("Order"),
            "res.partner": self.env._("Address"),
        }
        for line in self:
            line.kind = names.get(line.res_model, line.res_model or "")
