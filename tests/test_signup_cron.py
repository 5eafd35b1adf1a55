"""A B2B sign-up as a browser sends it to a production server: Odoo's HTTP
server with real transactions, the browser's ``tz`` cookie, and Odoo's cron
runner picking up the follow-up job the moment the sign-up triggers it.

The test suite runs Odoo without a cron thread and tests requests inside one
test transaction, where nothing runs beside them; here the HTTP server
commits for real and a thread runs Odoo's own job runner
(``ir.cron._process_jobs_loop``) for the follow-up job in a loop, as the cron
thread does when the sign-up's trigger wakes it. Cleans up after itself."""

import re
import threading
from unittest.mock import patch

import requests

from odoo import SUPERUSER_ID, api, sql_db
from odoo.modules.registry import DummyRLock, Registry
from odoo.tests import BaseCase, tagged
from odoo.tests.common import HOST, get_db_name
from odoo.tools import config

LOGIN = "tina@cron-handel.example.de"
COMPANY = "Cron Handel GmbH"


class CronRunner(threading.Thread):
    """Odoo's cron runner for one job, polling the way a woken cron thread
    runs it, until stopped."""

    def __init__(self, db_name, cron_id):
        super().__init__(daemon=True)
        self.db_name = db_name
        self.cron_id = cron_id
        self.halt = threading.Event()
        self.ran = threading.Event()
        self.runs = 0

    def run(self):
        from odoo.addons.base.models.ir_cron import IrCron

        db = sql_db.db_connect(self.db_name)
        threading.current_thread().dbname = self.db_name
        while not self.halt.wait(0.005):
            with db.cursor() as cron_cr:
                cron_cr.execute(
                    "SELECT 1 FROM ir_cron_trigger WHERE cron_id = %s",
                    [self.cron_id],
                )
                if cron_cr.fetchone():
                    IrCron._process_jobs_loop(cron_cr, job_ids=[self.cron_id])
                    self.runs += 1
                    self.ran.set()


@tagged("post_install", "-at_install")
class TestSignupWithCronThread(BaseCase):
    def setUp(self):
        super().setUp()
        self.registry = Registry(get_db_name())
        # the test runner holds the registries' lock while it runs the tests;
        # requests and the job runner need the (loaded) registry, as in
        # HttpCase, but with real transactions
        self.startPatcher(patch.object(Registry, "_lock", DummyRLock()))
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            params = env["ir.config_parameter"]
            self.scope = params.get_param("auth_signup.invitation_scope")
            params.set_param("auth_signup.invitation_scope", "b2c")
            self.cron_id = env.ref("b2b_customer.ir_cron_b2b_request_followup").id
            cr.execute("SELECT COALESCE(MAX(id), 0) FROM b2b_throttle")
            self.last_throttle_id = cr.fetchone()[0]
        self.addCleanup(self._cleanup)
        self.base = f"http://{HOST}:{config['http_port']}"

    def _cleanup(self):
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {"active_test": False})
            env["ir.config_parameter"].set_param(
                "auth_signup.invitation_scope", self.scope or False
            )
            users = env["res.users"].search([("login", "=", LOGIN)])
            partners = users.partner_id | users.partner_id.parent_id
            partners |= env["res.partner"].search([("name", "=", COMPANY)])
            env["mail.mail"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            env["mail.mail"].search([("recipient_ids", "in", partners.ids)]).unlink()
            env["mail.message"].search(
                [("model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            env["mail.activity"].search(
                [("res_model", "=", "res.partner"), ("res_id", "in", partners.ids)]
            ).unlink()
            cr.execute(
                "DELETE FROM b2b_throttle WHERE id > %s", [self.last_throttle_id]
            )
            users.unlink()
            partners.unlink()

    def test_browser_signup_with_cron_thread_and_tz_cookie(self):
        runner = CronRunner(get_db_name(), self.cron_id)
        runner.start()
        try:
            browser = requests.Session()
            browser.cookies.set("tz", "Europe/Berlin")
            form = browser.get(f"{self.base}/web/signup", timeout=30)
            token = re.search(r'name="csrf_token" value="([^"]+)"', form.text)
            self.assertTrue(token, "the sign-up form is offered")
            response = browser.post(
                f"{self.base}/web/signup",
                data={
                    "csrf_token": token.group(1),
                    "name": "Tina Taktgeber",
                    "login": LOGIN,
                    "password": "Cron-Password-1",
                    "confirm_password": "Cron-Password-1",
                    "is_b2b": "1",
                    "company_name": COMPANY,
                    "vat": "DE100000008",
                },
                timeout=60,
            )
            # the job runs once the sign-up is committed (woken by its trigger)
            runner.ran.wait(30)
        finally:
            runner.halt.set()
            runner.join(30)
        self.assertNotIn("Another user is already registered", response.text[-4000:])
        self.assertEqual(response.status_code, 200)
        self.assertTrue(
            response.url.endswith("/my/b2b"),
            f"the customer lands on the B2B page, not on {response.url}",
        )
        self.assertGreaterEqual(runner.runs, 1, "the follow-up job ran beside it")
        with self.registry.cursor() as cr:
            env = api.Environment(cr, SUPERUSER_ID, {})
            user = env["res.users"].search([("login", "=", LOGIN)])
            self.assertEqual(len(user), 1)
            self.assertEqual(user.tz, "Europe/Berlin")
            company = user.partner_id.parent_id
            self.assertEqual(company.name, COMPANY)
            self.assertEqual(company.b2b_state, "pending")
            # the follow-up was done by the job, once
            self.assertFalse(company.b2b_followup_pending)
            self.assertFalse(user.partner_id.b2b_followup_pending)
            self.assertEqual(
                env["mail.mail"].search_count(
                    [("subject", "ilike", f"New B2B account request: {COMPANY}")]
                ),
                1,
            )
