"""19.0.4.0.0: a former reseller reads the orders its customer placed until
the customer's migration to a portal of its own (``b2b_migration_date``, a
new field). Customers migrated before this version get the date of the note
the migration posted on them (the first note naming the former reseller),
else their last change.

The multi-company rules of ``b2b.request.report`` and
``b2b.reseller.payment.method`` are new records of the ``noupdate`` rules
file: the update creates them (only existing ``noupdate`` records are left
alone), so nothing is needed here for them."""


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE res_partner p
           SET b2b_migration_date = COALESCE(
                   (SELECT min(m.date)
                      FROM mail_message m
                      JOIN res_partner former ON former.id = p.b2b_former_reseller_id
                     WHERE m.model = 'res.partner'
                       AND m.res_id = p.id
                       AND m.message_type = 'notification'
                       AND m.body ILIKE '%' || former.name || '%'),
                   p.write_date)
         WHERE p.b2b_former_reseller_id IS NOT NULL
           AND p.b2b_migration_date IS NULL
        """
    )
