from contextlib import ExitStack

from odoo import Command
from odoo.tests import HttpCase, TransactionCase, new_test_user


def discount_pricelist(env, name, percent):
    """A pricelist of ``percent`` % off every product."""
    return env["product.pricelist"].create(
        {
            "name": name,
            "item_ids": [
                Command.create(
                    {
                        "applied_on": "3_global",
                        "compute_price": "percentage",
                        "percent_price": percent,
                    }
                )
            ],
        }
    )


def setup_b2b_fixtures(cls):
    """Shared actors of the B2B tests (no demo data is used).

    - ``manager``: back office, ``group_b2b_manager`` (+ sales manager)
    - ``b2b_back_user``: back office, ``group_b2b_user`` (+ salesman)
    - ``company_a``: approved B2B company, contacts ``admin_a`` (role admin,
      portal user ``portal_admin_a``) and ``user_a`` (role user, portal user
      ``portal_user_a``)
    - ``company_b``: another approved B2B company with ``portal_admin_b``
    - ``plain_customer``: a non-B2B portal customer ``portal_plain``
    - ``reseller``, ``reseller_2``: approved reseller companies with portal
      users ``portal_reseller`` and ``portal_reseller_2``; ``end_customer``
      belongs to ``reseller``

    Every login doubles as the user's password.
    """
    env = cls.env(
        context=dict(cls.env.context, tracking_disable=True, mail_notrack=True)
    )
    cls.env = env
    Partner = env["res.partner"]
    cls.main_company = env.company
    cls.manager = new_test_user(
        env,
        login="b2b_manager",
        password="b2b_manager",
        groups="b2b_customer.group_b2b_manager,sales_team.group_sale_manager,base.group_partner_manager",
        name="Marta Manager",
        email="marta.manager@shop.example.com",
    )
    cls.b2b_back_user = new_test_user(
        env,
        login="b2b_backuser",
        password="b2b_backuser",
        groups="b2b_customer.group_b2b_user,sales_team.group_sale_salesman",
        name="Bert Backoffice",
        email="bert.backoffice@shop.example.com",
    )

    def approved_company(name, vat, **extra):
        vals = {
            "name": name,
            "is_company": True,
            "email": f"info@{name.split()[0].lower()}.example.com",
            "vat": vat,
            "country_id": env.ref("base.be").id,
        }
        vals.update(extra)
        company = Partner.create(vals)
        company.sudo().write(
            {"is_b2b": True, "b2b_state": "approved", "ref": extra.get("ref") or False}
        )
        return company

    def portal_user(login, partner):
        return new_test_user(
            env,
            login=login,
            password=login,
            groups="base.group_portal",
            partner_id=partner.id,
            name=partner.name,
            email=partner.email,
        )

    cls.company_a = approved_company("Alpha Trading", "BE0477472701", ref="CA0001")
    cls.admin_a = Partner.create(
        {
            "name": "Alice Admin",
            "parent_id": cls.company_a.id,
            "email": "alice@alpha.example.com",
            "b2b_role": "admin",
        }
    )
    cls.user_a = Partner.create(
        {
            "name": "Ulrich User",
            "parent_id": cls.company_a.id,
            "email": "ulrich@alpha.example.com",
            "b2b_role": "user",
        }
    )
    cls.portal_admin_a = portal_user("portal_admin_a", cls.admin_a)
    cls.portal_user_a = portal_user("portal_user_a", cls.user_a)

    cls.company_b = approved_company("Bravo Supplies", "BE0202239951", ref="CB0001")
    cls.admin_b = Partner.create(
        {
            "name": "Bob Bravo",
            "parent_id": cls.company_b.id,
            "email": "bob@bravo.example.com",
            "b2b_role": "admin",
        }
    )
    cls.portal_admin_b = portal_user("portal_admin_b", cls.admin_b)

    cls.plain_customer = Partner.create(
        {"name": "Paula Plain", "email": "paula@plain.example.com"}
    )
    cls.portal_plain = portal_user("portal_plain", cls.plain_customer)

    cls.reseller = approved_company("Resello Distribution", False, ref="CR0001")
    cls.reseller.is_reseller = True
    cls.reseller_contact = Partner.create(
        {
            "name": "Rita Reseller",
            "parent_id": cls.reseller.id,
            "email": "rita@resello.example.com",
            "b2b_role": "admin",
        }
    )
    cls.portal_reseller = portal_user("portal_reseller", cls.reseller_contact)
    cls.reseller_2 = approved_company("Second Reseller", False, ref="CR0002")
    cls.reseller_2.is_reseller = True
    cls.reseller_2_contact = Partner.create(
        {
            "name": "Sam Second",
            "parent_id": cls.reseller_2.id,
            "email": "sam@second.example.com",
            "b2b_role": "admin",
        }
    )
    cls.portal_reseller_2 = portal_user("portal_reseller_2", cls.reseller_2_contact)
    cls.end_customer = Partner.create(
        {
            "name": "End Customer One",
            "is_company": True,
            "email": "one@endcustomer.example.com",
            "b2b_reseller_id": cls.reseller.id,
        }
    )


class B2BFollowupMixin:
    """Runs the scheduled action "B2B: request follow-up" that a portal
    sign-up triggers (the approvers' activity and mail, the verification
    link), as Odoo's cron runner does: in its own transaction."""

    def run_b2b_followup(self):
        self.run_b2b_cron("b2b_customer.ir_cron_b2b_request_followup")

    def run_b2b_cron(self, xmlid):
        """Run the scheduled action ``xmlid`` as Odoo's cron runner does:
        in its own transaction, which commits its batches."""
        cron = self.env.ref(xmlid)
        with ExitStack() as stack:
            if not type(self)._registry_patched:
                # the job's cursor must see the test's data
                stack.enter_context(self.enter_registry_test_mode())
            cron.method_direct_trigger()
        self.env.invalidate_all()


class B2BCommon(B2BFollowupMixin, TransactionCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_b2b_fixtures(cls)

    def new_request(self, name="Request Co", **vals):
        """A new pending B2B request (manual approval)."""
        values = {"name": name, "is_company": True, "is_b2b": True}
        values.update(vals)
        return self.env["res.partner"].create(values)


class B2BHttpCommon(B2BFollowupMixin, HttpCase):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_b2b_fixtures(cls)

    def sent_quotation(self, partner, product_name="Pallet of screws", price=120):
        """A quotation with one line, sent to ``partner`` (portal-visible)."""
        product = self.env["product.product"].create(
            {"name": product_name, "list_price": price}
        )
        order = self.env["sale.order"].create(
            {
                "partner_id": partner.id,
                "order_line": [Command.create({"product_id": product.id})],
            }
        )
        order.action_quotation_sent()
        return order
