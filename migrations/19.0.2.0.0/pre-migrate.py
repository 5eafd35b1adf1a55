"""From 19.0.1.x: rename what changed name, before the registry loads."""

from odoo.tools import SQL, sql

#: (model, table, old field, new field)
RENAMED_FIELDS = [
    ("res.company", "res_company", "b2b_notify_user_id", "b2b_approver_id"),
    ("res.company", "res_company", "b2b_notify_email", "b2b_approver_email"),
]


def rename_field(cr, model, table, old, new):
    if not sql.column_exists(cr, table, old) or sql.column_exists(cr, table, new):
        return
    sql.rename_column(cr, table, old, new)
    cr.execute(
        SQL(
            "UPDATE ir_model_fields SET name = %s WHERE model = %s AND name = %s",
            new,
            model,
            old,
        )
    )
    model_part = model.replace(".", "_")
    cr.execute(
        SQL(
            "UPDATE ir_model_data SET name = %s WHERE module = 'b2b_customer'"
            " AND model = 'ir.model.fields' AND name = %s",
            f"field_{model_part}__{new}",
            f"field_{model_part}__{old}",
        )
    )


#: fields of 19.0.1.x that this version renamed or removed
GONE_FIELDS = ("b2b_address_readonly", "b2b_notify_user_id", "b2b_notify_email")


def drop_old_views(cr, names):
    """Delete the module's views of contacts (they moved to one file per
    concern) and the ones that name a field that is gone: the update loads
    the new ones from the data files, but would first validate each view it
    loads against the old views that extend it, and fail."""
    cr.execute(
        SQL(
            """
            SELECT v.id, d.id FROM ir_ui_view v
              JOIN ir_model_data d ON d.model = 'ir.ui.view' AND d.res_id = v.id
             WHERE d.module = 'b2b_customer'
               AND (v.model = 'res.partner' OR v.arch_db::text ~ %s)
            """,
            "|".join(names),
        )
    )
    rows = cr.fetchall()
    if rows:
        view_ids = tuple(row[0] for row in rows)
        cr.execute(SQL("DELETE FROM ir_ui_view WHERE id IN %s", view_ids))
        cr.execute(
            SQL("DELETE FROM ir_model_data WHERE id IN %s", tuple(r[1] for r in rows))
        )


def migrate(cr, version):
    for model, table, old, new in RENAMED_FIELDS:
        rename_field(cr, model, table, old, new)
    drop_old_views(cr, GONE_FIELDS)
