"""19.0.4.0.0: the approvers' mail names each reason in the approver's
language (``reason_display``, rendered when the mail is), not the text stored
in the buyer's language. The template is ``noupdate``: only its reason
expression is replaced, in every language, so that a template the shop
customised keeps the rest of its changes."""

from odoo.tools import SQL


def migrate(cr, version):
    if not version:
        return
    cr.execute(
        SQL(
            """
            UPDATE mail_template t
               SET body_html = replace(
                       t.body_html::text,
                       't-out=\\"approval.reason\\"',
                       't-out=\\"approval.reason_display\\"'
                   )::jsonb
              FROM ir_model_data d
             WHERE d.module = 'b2b_customer'
               AND d.name = 'mail_template_b2b_order_approval'
               AND d.model = 'mail.template'
               AND d.res_id = t.id
            """
        )
    )
