"""The statement of account sent from the back office and each month to the
administrators of subscribed companies: one queued mail per administrator in
their language with the PDF in that language."""

import base64
from datetime import timedelta

from odoo import Command, api, fields, models

from ..b2b_cron import run_in_committed_batches

#: companies whose statements one run of the scheduled action renders per batch
B2B_STATEMENT_BATCH = 20


class ResPartner(models.Model):
    _inherit = "res.partner"

    def _b2b_statement_recipients(self):
        """The administrators of the companies ``self`` with an e-mail."""
        return self.sudo().search(
            [
                ("commercial_partner_id", "in", self.ids),
                ("id", "not in", self.ids),
                ("b2b_role", "=", "admin"),
                ("email", "!=", False),
            ]
        )

    def _b2b_statement_pdf(self, date_from, date_to, lang=None):
        """(file name, PDF bytes) of this company's statement in ``lang``."""
        self.ensure_one()
        report = self.env.ref("b2b_customer.action_report_b2b_statement").sudo()
        lang = lang or self.lang
        content, _type = report.with_context(
            lang=lang, b2b_statement_lang=lang
        )._render_qweb_pdf(
            report.report_name,
            res_ids=self.ids,
            data={"date_from": date_from.isoformat(), "date_to": date_to.isoformat()},
        )
        name = f"{self.display_name} {date_from.isoformat()} {date_to.isoformat()}.pdf"
        return name, content

    def _b2b_statement_send(self, date_from, date_to):
        """Queue the statement of each company of ``self`` to its
        administrators (one mail each, in their language). Returns the
        number of mails queued."""
        template = self.env.ref("b2b_customer.mail_template_b2b_statement").sudo()
        companies = self.sudo().commercial_partner_id
        recipients = companies._b2b_statement_recipients()
        count = 0
        period = f"{date_from.isoformat()} – {date_to.isoformat()}"
        for company in companies:
            admins = recipients.filtered(
                lambda p, c=company: p.commercial_partner_id == c
            )
            pdfs = {}
            for admin in admins:
                lang = admin.lang or company.lang
                if lang not in pdfs:
                    name, content = company._b2b_statement_pdf(date_from, date_to, lang)
                    pdfs[lang] = (name, content)
                name, content = pdfs[lang]
                attachment = (
                    self.env["ir.attachment"]
                    .sudo()
                    .create(
                        {
                            "name": name,
                            "datas": base64.b64encode(content),
                            "mimetype": "application/pdf",
                            "res_model": "res.partner",
                            "res_id": company.id,
                        }
                    )
                )
                template.with_context(b2b_statement_period=period).send_mail(
                    admin.id,
                    force_send=False,
                    email_values={"attachment_ids": [Command.link(attachment.id)]},
                )
                count += 1
        return count

    def action_b2b_statement_wizard(self):
        """Print or send the statement of the selected companies."""
        self.env["b2b.statement.wizard"].check_access("create")
        return {
            "type": "ir.actions.act_window",
            "name": self.env._("Statement of Account"),
            "res_model": "b2b.statement.wizard",
            "view_mode": "form",
            "target": "new",
            "context": {
                "default_partner_ids": [Command.set(self.commercial_partner_id.ids)]
            },
        }

    @api.model
    def _b2b_last_month(self):
        """(first day, last day) of the month before today."""
        last = fields.Date.context_today(self).replace(day=1) - timedelta(days=1)
        return last.replace(day=1), last

    @api.model
    def _cron_b2b_monthly_statement(self):
        """Send last month's statement of the subscribed companies, in
        batches committed as they are done; a company is done once its month
        is recorded (``b2b_statement_sent_to``), so a run cut short resumes
        where it stopped."""
        date_from, date_to = self._b2b_last_month()
        domain = [
            ("b2b_statement_subscribed", "=", True),
            ("is_company", "=", True),
            "|",
            ("b2b_statement_sent_to", "=", False),
            ("b2b_statement_sent_to", "<", date_to),
        ]

        def send(batch):
            batch._b2b_statement_send(date_from, date_to)
            batch.b2b_statement_sent_to = date_to

        run_in_committed_batches(self, domain, send, B2B_STATEMENT_BATCH)
