"""Print or send the statement of account of one or more companies."""

from datetime import date

from odoo import api, fields, models
from odoo.exceptions import UserError


class B2bStatementWizard(models.TransientModel):
    _name = "b2b.statement.wizard"
    _description = "B2B Statement of Account"

    partner_ids = fields.Many2many(
        comodel_name="res.partner",
        string="Companies",
        required=True,
    )
    date_from = fields.Date(
        string="From", required=True, default=lambda self: self._default_dates()[0]
    )
    date_to = fields.Date(
        string="To", required=True, default=lambda self: self._default_dates()[1]
    )
    group = fields.Boolean(
        string="With the Subsidiaries",
        help="One statement of each company and its subsidiaries, with a "
        "company column.",
    )

    @api.model
    def _default_dates(self):
        return self.env["res.partner"]._b2b_last_month()

    def _check_dates(self):
        self.ensure_one()
        if self.date_from > self.date_to:
            raise UserError(self.env._("The start of the period is after its end."))

    def _report_data(self):
        return {
            "date_from": date.isoformat(self.date_from),
            "date_to": date.isoformat(self.date_to),
            "group": self.group,
        }

    def action_print(self):
        self._check_dates()
        return self.env.ref("b2b_customer.action_report_b2b_statement").report_action(
            self.partner_ids.commercial_partner_id, data=self._report_data()
        )

    def action_send(self):
        """Queue the statements to the companies' administrators."""
        self._check_dates()
        companies = self.partner_ids.commercial_partner_id
        count = companies._b2b_statement_send(self.date_from, self.date_to)
        if not count:
            raise UserError(
                self.env._(
                    "None of these companies has an administrator with an "
                    "e-mail address."
                )
            )
        return {
            "type": "ir.actions.client",
            "tag": "display_notification",
            "params": {
                "type": "success",
                "message": self.env._(
                    "%(count)s statements are queued for sending.", count=count
                ),
                "next": {"type": "ir.actions.act_window_close"},
            },
        }
