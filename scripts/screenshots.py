"""Take the README screenshots of the real screens in headless Chromium.

Creates a demo database, starts Odoo, logs in as the back office and as
demo portal users, and saves PNGs under docs/. Run with `make screenshots`.
"""

import base64
import functools
import json
import os
import re
import shutil
import subprocess
import sys
import tempfile
import time

import odoo_client  # scripts/odoo_client.py, beside this script
import requests
import websocket

DB = os.environ.get("SHOTS_DB", "b2b_screenshots")
PORT = int(os.environ.get("SHOTS_PORT", "8076"))
BASE = f"http://127.0.0.1:{PORT}"
rpc = functools.partial(odoo_client.rpc, BASE)
login = functools.partial(odoo_client.login, BASE, DB)
ODOO_BIN = os.environ["ODOO_BIN"].split()
ADDONS = os.environ["ADDONS_PATH"]
DOCS = os.path.join(os.path.dirname(os.path.dirname(os.path.abspath(__file__))), "docs")
CHROME = shutil.which("chromium") or shutil.which("google-chrome") or "chromium"
DEVTOOLS = int(os.environ.get("SHOTS_DEVTOOLS_PORT", "9333"))
#: retake only these screenshots (comma-separated file names; empty: all)
ONLY = {name for name in os.environ.get("SHOTS_ONLY", "").split(",") if name}


class Browser:
    def __init__(self):
        self.profile = tempfile.mkdtemp()
        self.proc = subprocess.Popen(
            [
                CHROME,
                "--headless",
                "--no-sandbox",
                "--disable-gpu",
                "--disable-quic",
                "--no-first-run",
                "--disable-background-networking",
                "--disable-component-update",
                "--disable-sync",
                "--hide-scrollbars",
                f"--user-data-dir={self.profile}",
                f"--remote-debugging-port={DEVTOOLS}",
                "--window-size=1366,900",
                "about:blank",
            ],
            stdout=subprocess.DEVNULL,
            stderr=subprocess.DEVNULL,
        )
        for _ in range(50):
            try:
                tabs = requests.get(
                    f"http://127.0.0.1:{DEVTOOLS}/json", timeout=2
                ).json()
                page = next(t for t in tabs if t["type"] == "page")
                break
            except Exception:  # noqa: BLE001 - Chromium is still starting
                time.sleep(0.2)
        self.ws = websocket.create_connection(page["webSocketDebuggerUrl"], timeout=60)
        self.msg_id = 0
        self.call("Page.enable")
        self.call("Network.enable")
        self.call(
            "Emulation.setDeviceMetricsOverride",
            width=1366,
            height=900,
            deviceScaleFactor=1,
            mobile=False,
        )

    def call(self, method, **params):
        self.msg_id += 1
        self.ws.send(
            json.dumps({"id": self.msg_id, "method": method, "params": params})
        )
        while True:
            message = json.loads(self.ws.recv())
            if message.get("id") == self.msg_id:
                return message.get("result", {})

    def use_session(self, session):
        self.call("Network.clearBrowserCookies")
        for cookie in session.cookies:
            self.call(
                "Network.setCookie", name=cookie.name, value=cookie.value, url=BASE
            )

    def shot(self, url, name, script=None, wait=3.0):
        if ONLY and name not in ONLY:
            return
        self.call("Page.navigate", url=BASE + url)
        time.sleep(wait)
        if script:
            self.call("Runtime.evaluate", expression=script)
            time.sleep(1.5)
        self.shot_current(name)

    def shot_current(self, name):
        """Save the page as it is now (after clicks that loaded it)."""
        if ONLY and name not in ONLY:
            return
        data = self.call("Page.captureScreenshot", format="png")["data"]
        with open(os.path.join(DOCS, name), "wb") as handle:
            handle.write(base64.b64decode(data))
        print("saved docs/" + name)

    def close(self):
        self.ws.close()
        self.proc.terminate()
        shutil.rmtree(self.profile, ignore_errors=True)


def csrf_token(session, url):
    """The CSRF token of the form at ``url`` (a portal session)."""
    html = session.get(BASE + url, timeout=60).text
    return re.search(r'name="csrf_token"\s+value="([^"]+)"', html).group(1)


def negotiated_quote(admin, buyer):
    """A quote the demo buyer requested, the shop offered, the buyer
    countered and the shop accepted (its id), for the quote's page."""
    response = buyer.post(
        BASE + "/my/quotes/request",
        data={
            "lines": "M8-PAL;20",
            "message": "Our volume for the spring season",
            "client_order_ref": "PO-2026-031",
            "csrf_token": csrf_token(buyer, "/my/quotes/request"),
        },
        allow_redirects=False,
        timeout=60,
    )
    order_id = int(re.search(r"/my/orders/(\d+)", response.headers["Location"])[1])
    [line_id] = rpc(admin, "sale.order", "read", [[order_id], ["order_line"]])[0][
        "order_line"
    ]
    price = rpc(admin, "sale.order.line", "read", [[line_id], ["price_unit"]])[0][
        "price_unit"
    ]
    rpc(admin, "sale.order.line", "write", [[line_id], {"price_unit": price * 0.95}])
    rpc(admin, "sale.order", "action_b2b_quote_send_offer", [[order_id]])
    buyer.post(
        f"{BASE}/my/quotes/{order_id}/counter",
        data={
            f"qty_{line_id}": "40",
            f"price_{line_id}": f"{price * 0.9:.2f}",
            "message": "Twice the volume at this price?",
            "csrf_token": csrf_token(buyer, f"/my/quotes/{order_id}/counter"),
        },
        allow_redirects=False,
        timeout=60,
    )
    rpc(admin, "sale.order", "action_b2b_quote_accept_counter", [[order_id]])
    return order_id


def assistance_shots(browser, admin, buyer_admin, ref):
    """Acting on behalf: the buyer's administrator allows it on /my/company,
    the back office acts for Jonas Becker (the banner), orders and ends; then
    the administrator's trail."""
    shots = {"portal_assistance.png", "portal_assistance_trail.png"}
    if ONLY and not ONLY & shots:
        return
    page = buyer_admin.get(f"{BASE}/my/company", timeout=60).text
    csrf = re.search(r'name="csrf_token" value="([^"]+)"', page).group(1)
    buyer_admin.post(
        f"{BASE}/my/company/assistance",
        data={"csrf_token": csrf, "b2b_assistance_policy": "staff"},
        timeout=60,
    )
    jonas = ref("b2b_customer.user_mueller_jonas_demo")
    rpc(admin, "res.users", "write", [[jonas], {"lang": "en_US"}])
    partner = rpc(admin, "res.users", "read", [[jonas], ["partner_id"]])[0]
    action = rpc(
        admin, "res.partner", "action_b2b_assist", [[partner["partner_id"][0]]]
    )
    browser.use_session(admin)
    browser.call("Page.navigate", url=BASE + action["url"])
    time.sleep(3)
    browser.call("Page.navigate", url=BASE + "/my/quick-order")
    time.sleep(4)
    browser.call(
        "Runtime.evaluate",
        expression="document.querySelector('textarea[name=lines]').value = 'M8-PAL;2';"
        "document.querySelector('button[name=step][value=preview]').click()",
    )
    time.sleep(8)
    # the preview with the buyer's prices, under the banner
    browser.shot_current("portal_assistance.png")
    for selector in ("button[name=step][value=order]", ".o_b2b_assist_end"):
        browser.call(
            "Runtime.evaluate",
            expression=f"document.querySelector('{selector}').click()",
        )
        time.sleep(8)
    browser.use_session(buyer_admin)
    browser.shot(
        "/my/company",
        "portal_assistance_trail.png",
        "document.querySelector('#b2b_assistance').scrollIntoView()",
    )


def main():
    os.makedirs(DOCS, exist_ok=True)
    subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)
    subprocess.run(
        [
            *ODOO_BIN,
            "-d",
            DB,
            f"--addons-path={ADDONS}",
            "-i",
            "b2b_customer",
            "--with-demo",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    server = subprocess.Popen(
        [
            *ODOO_BIN,
            "-d",
            DB,
            f"--db-filter=^{DB}$",
            f"--addons-path={ADDONS}",
            f"--http-port={PORT}",
            "--http-interface=127.0.0.1",
            "--log-level=warn",
            "--max-cron-threads=0",
        ],
    )
    browser = None
    try:
        for _ in range(90):
            try:
                if requests.get(f"{BASE}/web/login", timeout=30).status_code == 200:
                    break
            except (requests.ConnectionError, requests.Timeout):
                # not listening yet, or still loading on a busy machine
                time.sleep(1)
        admin = login("admin", "admin")

        def ref(xmlid):
            module, name = xmlid.split(".")
            rows = rpc(
                admin,
                "ir.model.data",
                "search_read",
                [[("module", "=", module), ("name", "=", name)], ["res_id"]],
            )
            return rows[0]["res_id"]

        rpc(
            admin,
            "ir.config_parameter",
            "set_param",
            ["auth_signup.invitation_scope", "b2c"],
        )

        portal = {}
        # the demo's own portal logins, in English for the README (the demo
        # contacts write German and Dutch, and the module speaks both)
        for key, xmlid, demo_login in (
            ("admin", "b2b_customer.user_mueller_erika_demo", "buyer-admin"),
            ("reseller", "b2b_customer.user_reseller_pieter_demo", "reseller"),
        ):
            rpc(admin, "res.users", "write", [[ref(xmlid)], {"lang": "en_US"}])
            portal[key] = login(demo_login, demo_login)
        for key, xmlid in (("pending", "b2b_customer.partner_boekhandel_anna_demo"),):
            partner_id = ref(xmlid)
            email = rpc(admin, "res.partner", "read", [[partner_id], ["email"]])[0][
                "email"
            ]
            rpc(
                admin,
                "res.users",
                "create",
                [
                    {
                        "name": email.split("@")[0],
                        "login": email,
                        "password": "demo-portal",
                        "partner_id": partner_id,
                        "group_ids": [(6, 0, [ref("base.group_portal")])],
                        # the README is in English (the demo contacts write
                        # German and Dutch, and the module speaks both)
                        "lang": "en_US",
                    }
                ],
            )
            portal[key] = login(email, "demo-portal")
        browser = Browser()
        browser.use_session(admin)
        # the first visit builds the web client's assets
        browser.call("Page.navigate", url=BASE + "/odoo")
        time.sleep(15)
        action = ref("b2b_customer.res_partner_action_b2b")
        browser.shot(f"/odoo/action-{action}", "backoffice_queue.png", wait=4)
        mueller = ref("b2b_customer.partner_mueller_demo")
        open_b2b_tab = (
            "[...document.querySelectorAll('.o_notebook .nav-link')]"
            ".find(e => e.textContent.trim() === 'B2B')?.click()"
        )
        browser.shot(
            f"/odoo/res.partner/{mueller}", "backoffice_account.png", open_b2b_tab
        )
        browser.shot(
            f"/odoo/res.partner/{mueller}",
            "backoffice_credit.png",
            open_b2b_tab + "; setTimeout(() => document.querySelector("
            "'div[name=b2b_credit_exposure]')"
            "?.scrollIntoView({block: 'center'}), 500)",
        )
        browser.shot(
            f"/odoo/res.partner/{mueller}",
            "backoffice_group.png",
            open_b2b_tab + "; setTimeout(() => document.querySelector("
            "'.o_b2b_group_tree')?.scrollIntoView({block: 'center'}), 500)",
        )
        pending = ref("b2b_customer.partner_boekhandel_demo")
        browser.shot(
            f"/odoo/res.partner/{pending}", "backoffice_request.png", open_b2b_tab
        )
        settings = ref("b2b_customer.res_config_settings_action")
        browser.shot(f"/odoo/action-{settings}", "settings.png", wait=4)
        report = ref("b2b_customer.b2b_request_report_action")
        browser.shot(f"/odoo/action-{report}", "reporting.png")
        report = ref("b2b_customer.b2b_credit_report_action")
        browser.shot(f"/odoo/action-{report}", "credit_report.png")
        browser.call("Network.clearBrowserCookies")
        browser.shot(
            "/web/signup",
            "portal_signup.png",
            "document.querySelector('#is_b2b').click()",
        )
        browser.use_session(portal["pending"])
        browser.shot("/my/b2b", "portal_b2b_pending.png")
        browser.use_session(portal["admin"])
        browser.shot("/my/b2b", "portal_credit.png")
        quotation = ref("b2b_customer.order_mueller_quotation_demo")
        browser.shot(f"/my/orders/{quotation}", "portal_order_credit.png")
        browser.shot(
            "/my/quick-order",
            "portal_quick_order.png",
            "document.querySelector('textarea[name=lines]').value ="
            " 'M8-PAL;2\\nM8-PAL;1,5\\nNO-SUCH-CODE;4';"
            "document.querySelector('button[name=step][value=preview]').click()",
            wait=3,
        )
        if not ONLY or "portal_quote.png" in ONLY:
            quote = negotiated_quote(admin, portal["admin"])
            browser.shot(
                f"/my/orders/{quote}",
                "portal_quote.png",
                "document.querySelector('#b2b_quote').scrollIntoView()",
                wait=8,
            )
        browser.shot("/my/company", "portal_company.png")
        browser.shot(
            "/my/company",
            "portal_approval_rules.png",
            "document.querySelector('#b2b_rules').scrollIntoView()",
        )
        browser.shot(
            "/my/approvals",
            "portal_approvals.png",
            "document.querySelector('.o_b2b_select_order').click()",
        )
        browser.shot(
            "/my/orders",
            "portal_group_orders.png",
            "document.querySelector('#b2b_company_filter').click()",
        )
        browser.shot("/my/addresses", "portal_addresses.png")
        browser.shot(
            "/my/invoices",
            "portal_invoices_pay.png",
            "document.querySelectorAll('.o_b2b_pay_check').forEach(b => b.click())",
            wait=20.0,  # the assets built on a first visit: the live total shown
        )
        browser.shot("/my/statement", "portal_statement.png")
        browser.use_session(portal["reseller"])
        browser.shot("/my/customers", "portal_customers.png")
        # assortments: the buyer's company sells in multiples of 12 and not
        # another product (an assortment given to it at the end, so that the
        # shots above show the company without one)
        other = rpc(
            admin,
            "product.product",
            "search_read",
            [[("default_code", "not in", [False, "M8-PAL"]), ("sale_ok", "=", True)]],
            {"fields": ["default_code"], "limit": 1},
        )[0]["default_code"]
        pallet = rpc(
            admin, "product.product", "search", [[("default_code", "=", "M8-PAL")]]
        )[0]
        assortment = rpc(
            admin,
            "b2b.assortment",
            "create",
            [
                {
                    "name": "Contract range",
                    "line_ids": [(0, 0, {"product_id": pallet, "multiple_qty": 12})],
                }
            ],
        )
        rpc(
            admin,
            "res.partner",
            "write",
            [[mueller], {"b2b_assortment_ids": [(6, 0, [assortment])]}],
        )
        browser.use_session(portal["admin"])
        browser.shot(
            "/my/quick-order",
            "portal_assortment.png",
            "document.querySelector('textarea[name=lines]').value ="
            f" 'M8-PAL;30\\n{other};1';"
            "document.querySelector('button[name=step][value=preview]').click()",
            wait=3,
        )

        assistance_shots(browser, admin, portal["admin"], ref)
    finally:
        if browser:
            browser.close()
        server.terminate()
        server.wait(30)
        subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)
    return 0


if __name__ == "__main__":
    sys.exit(main())
