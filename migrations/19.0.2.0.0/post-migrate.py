"""From 19.0.1.x: the portal record rules decide at query time (their
domains name one searchable field each instead of branching in Python on
the user's data, which Odoo cached per user), and the e-mail templates are
the new ones."""

from odoo import SUPERUSER_ID, api
from odoo.tools import SQL, convert_file

#: data files whose ``noupdate`` records this version rewrote: the e-mail
#: templates of 19.0.1.x read fields that no longer exist. Loaded as on
#: install, they replace the old templates (customised copies included).
RELOADED_FILES = (
    "data/account_approval_mail_template_data.xml",
    "data/company_mail_template_data.xml",
)

#: the new domain of each company-role rule (``noupdate``: only a migration
#: changes them on an existing database)
PORTAL_DOMAIN = "[('b2b_portal_visible', '=', True)] if user.share else []"
RULE_DOMAINS = {
    "sale_order_rule_b2b_role": PORTAL_DOMAIN,
    "sale_order_line_rule_b2b_role": PORTAL_DOMAIN,
    "account_move_rule_b2b_role": PORTAL_DOMAIN,
    "account_move_line_rule_b2b_role": PORTAL_DOMAIN,
}


def migrate(cr, version):
    for xmlid, domain in RULE_DOMAINS.items():
        cr.execute(
            SQL(
                """
                UPDATE ir_rule r SET domain_force = %s
                  FROM ir_model_data d
                 WHERE d.module = 'b2b_customer' AND d.name = %s
                   AND d.model = 'ir.rule' AND d.res_id = r.id
                """,
                domain,
                xmlid,
            )
        )
    env = api.Environment(cr, SUPERUSER_ID, {})
    for filename in RELOADED_FILES:
        convert_file(env, "b2b_customer", filename, {}, mode="init", noupdate=True)
