"""19.0.3.0.0: a batch of buyer approvals leaves the confirmation mails to
Odoo's "Sales: Send pending emails" scheduled action, which the module's
data switches on at install; a database from the previous version gets it
switched on here (the record is not updated by a module update)."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_cron SET active = TRUE
         WHERE id = (SELECT res_id FROM ir_model_data
                      WHERE module = 'sale' AND name = 'send_pending_emails_cron')
        """
    )
