"""Actors of the acting-on-behalf tests: the salesperson of Alpha Trading
(``company_a``), which allows its salesperson to act on its behalf, and
helpers that start and end acting sessions over HTTP."""

from types import SimpleNamespace

from odoo import http
from odoo.http import root
from odoo.tests import new_test_user

from .common import B2BHttpCommon


def setup_assistance(cls):
    cls.salesperson = new_test_user(
        cls.env,
        login="sven_sales",
        password="sven_sales",
        groups="sales_team.group_sale_salesman",
        name="Sven Sales",
        email="sven.sales@shop.example.com",
    )
    cls.other_salesperson = new_test_user(
        cls.env,
        login="olga_sales",
        password="olga_sales",
        groups="sales_team.group_sale_salesman",
        name="Olga Other",
        email="olga.other@shop.example.com",
    )
    (cls.company_a | cls.company_b | cls.reseller).write(
        {"user_id": cls.salesperson.id}
    )
    # as the company's administrator sets it on the portal (sudo)
    cls.company_a.sudo().b2b_assistance_policy = "salesperson"


class AssistanceHttpCommon(B2BHttpCommon):
    @classmethod
    def setUpClass(cls):
        super().setUpClass()
        setup_assistance(cls)

    def assist_url(self, contact, user=None):
        """The link "Act on Behalf" gives ``user`` (the salesperson)."""
        action = contact.with_user(user or self.salesperson).action_b2b_assist()
        self.assertEqual(action["type"], "ir.actions.act_url")
        return action["url"]

    def sid(self):
        return self.opener.cookies.get("session_id")

    def start_acting(self, contact=None, login="sven_sales"):
        """Log in as ``login`` and act for ``contact`` (``user_a``): returns
        the staff member's session id and the acting session's."""
        contact = contact or self.user_a
        user = self.env["res.users"].search([("login", "=", login)])
        self.authenticate(login, login)
        staff_sid = self.session.sid
        response = self.url_open(self.assist_url(contact, user), allow_redirects=False)
        self.assertEqual(response.status_code, 303, response.text[:500])
        self.assertTrue(response.headers["Location"].endswith("/my"))
        acting_sid = self.sid()
        self.assertNotEqual(acting_sid, staff_sid)
        return staff_sid, acting_sid

    def csrf(self):
        """A CSRF token of the browser's current session."""
        fake = SimpleNamespace(session=SimpleNamespace(sid=self.sid()), env=self.env)
        return http.Request.csrf_token(fake)

    def post(self, url, data=None):
        return self.url_open(
            url, data={"csrf_token": self.csrf(), **(data or {})}, allow_redirects=False
        )

    def follow(self, response):
        """Follow the redirect ``response`` once; returns the next response."""
        self.assertEqual(response.status_code, 303, response.text[:300])
        return self.url_open(response.headers["Location"], allow_redirects=False)

    def end_acting(self):
        response = self.post("/my/assist/end")
        self.assertEqual(response.status_code, 303)
        return response

    def rpc(self, model, method, args, kwargs=None):
        """Call ``model.method`` over JSON-RPC in the browser's session:
        the error's message, or None when it was not refused."""
        response = self.opener.post(
            f"{self.base_url()}/web/dataset/call_kw/{model}/{method}",
            json={
                "id": 0,
                "jsonrpc": "2.0",
                "method": "call",
                "params": {
                    "model": model,
                    "method": method,
                    "args": args,
                    "kwargs": kwargs or {},
                },
            },
            timeout=30,
        )
        decoded = response.json()
        if "error" in decoded:
            return decoded["error"]["data"]["message"]
        return None

    def browser_uid(self):
        """The user of the session the browser holds (Odoo's session
        store)."""
        return root.session_store.get(self.sid()).get("uid")
