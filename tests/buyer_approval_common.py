"""Fixtures of the buyer-approval tests: company_a (of tests/common.py) gets
an approver ``approver_a`` (portal user ``portal_approver_a``), a viewer
``viewer_a`` (``portal_viewer_a``) and a second administrator ``admin_a2``;
products without taxes (and one with 21 %) so that amounts read plainly."""

from odoo import Command, fields
from odoo.tests import new_test_user

#: a 1x1 PNG, as the portal's signature pad sends it
SIGNATURE = (
    "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk"
    "+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg=="
)


class ApprovalFixtures:
    @classmethod
    def setup_approval_fixtures(cls):
        env = cls.env
        Partner = env["res.partner"]
        cls.currency = env.company.currency_id

        def contact(name, role, login=None):
            partner = Partner.create(
                {
                    "name": name,
                    "parent_id": cls.company_a.id,
                    "email": f"{name.split()[0].lower()}@alpha.example.com",
                    "b2b_role": role,
                }
            )
            if login:
                new_test_user(
                    env,
                    login=login,
                    password=login,
                    groups="base.group_portal",
                    partner_id=partner.id,
                    name=name,
                    email=partner.email,
                )
            return partner

        cls.approver_a = contact("Anna Approver", "approver", "portal_approver_a")
        cls.viewer_a = contact("Vera Viewer", "viewer", "portal_viewer_a")
        cls.admin_a2 = contact("Adam Admin", "admin")
        cls.product = env["product.product"].create(
            {
                "name": "Pallet of nuts",
                "list_price": 100.0,
                "taxes_id": [Command.clear()],
            }
        )
        cls.tax = env["account.tax"].create(
            {"name": "VAT 21", "amount": 21.0, "amount_type": "percent"}
        )
        cls.taxed_product = env["product.product"].create(
            {
                "name": "Taxed crate",
                "list_price": 100.0,
                "taxes_id": [Command.set(cls.tax.ids)],
            }
        )

    @classmethod
    def quotation(cls, partner, amount=100.0, product=None, **vals):
        """A sent quotation of ``partner`` for ``amount`` (untaxed)."""
        product = product or cls.product
        order = cls.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [
                    Command.create(
                        {
                            "product_id": product.id,
                            "product_uom_qty": 1,
                            "price_unit": amount,
                        }
                    )
                ],
                "require_signature": True,
                "require_payment": False,
                **vals,
            }
        )
        order.action_quotation_sent()
        return order

    def accept(self, order, buyer):
        """What Odoo's portal accept does, as ``buyer``'s portal user: sign
        (the portal controllers name the buyer), then confirm unless the
        order is to be paid first."""
        order_sudo = order.sudo().with_context(b2b_portal_partner_id=buyer.id)
        self.assertTrue(order_sudo._has_to_be_signed())
        order_sudo.write(
            {
                "signed_by": buyer.name,
                "signed_on": fields.Datetime.now(),
                "signature": SIGNATURE,
            }
        )
        if not order_sudo._has_to_be_paid():
            order_sudo._validate_order()
        return order

    def waiting(self, count, buyer=None, approvers=None, **vals):
        """``count`` orders of ``buyer`` waiting for one approval that any of
        ``approvers`` may give."""
        buyer = buyer or self.user_a
        approvers = approvers or self.approver_a
        return self.env["sale.order"].create(
            [
                {
                    "partner_id": buyer.id,
                    "b2b_requested_by_id": buyer.id,
                    "b2b_approval_state": "waiting",
                    "require_payment": False,
                    "state": "sent",
                    "order_line": [
                        Command.create(
                            {"product_id": self.product.id, "price_unit": 10}
                        )
                    ],
                    "b2b_approval_ids": [
                        Command.create(
                            {
                                "reason": "over the order limit",
                                "candidate_ids": [Command.set(approvers.ids)],
                            }
                        )
                    ],
                    **vals,
                }
                for _i in range(count)
            ]
        )

    def rule(self, **vals):
        return self.env["b2b.approval.rule"].create(
            {"partner_id": self.company_a.id, "name": "Big orders", **vals}
        )


#: a part of each template's subject, to find its queued mails
SUBJECTS = {
    "b2b_customer.mail_template_b2b_order_approval": "waits for your approval",
    "b2b_customer.mail_template_b2b_order_rejected": "was not approved",
    "b2b_customer.mail_template_b2b_order_approved_pay": "was approved",
    "b2b_customer.mail_template_b2b_budget_notice": "of a budget used",
}


def queued(env, template_xmlid, record=None):
    """The queued mails of a template (about ``record``)."""
    domain = [
        ("model", "=", env.ref(template_xmlid).model),
        ("subject", "ilike", SUBJECTS[template_xmlid]),
    ]
    if record is not None:
        domain.append(("res_id", "=", record.id))
    return env["mail.mail"].sudo().search(domain)
