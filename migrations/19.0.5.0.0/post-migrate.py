"""19.0.5.0.0: the role rules of orders, invoices and their lines no longer
branch on ``user.share`` in their domain (Odoo caches a rule's domain per
user: a Python branch there is decided once); the searched field
``b2b_portal_visible`` decides it at each query. The rules are ``noupdate``
records: their domain is written here."""

RULES = (
    "sale_order_rule_b2b_role",
    "sale_order_line_rule_b2b_role",
    "account_move_rule_b2b_role",
    "account_move_line_rule_b2b_role",
)


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        """
        UPDATE ir_rule r
           SET domain_force = %s
          FROM ir_model_data d
         WHERE d.model = 'ir.rule' AND d.res_id = r.id
           AND d.module = 'b2b_customer' AND d.name IN %s
        """,
        ("[('b2b_portal_visible', '=', True)]", RULES),
    )
