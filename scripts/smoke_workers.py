"""Multi-worker smoke test: Odoo with 2 HTTP workers and a cron worker.

Signs up a B2B buyer over HTTP, approves the request over JSON-RPC as the
administrator, logs the buyer in and checks the account page, and checks that
the module's scheduled actions ran exactly once. Prints "N passed, M failed".
"""

import functools
import os
import re
import subprocess
import sys
import time

import odoo_client  # scripts/odoo_client.py, beside this script
import requests

DB = os.environ.get("SMOKE_DB", "b2b_smoke")
PORT = int(os.environ.get("SMOKE_PORT", "8074"))
BASE = f"http://127.0.0.1:{PORT}"
rpc = functools.partial(odoo_client.rpc, BASE)
ODOO_BIN = os.environ["ODOO_BIN"].split()
ADDONS = os.environ["ADDONS_PATH"]
LOG = os.environ.get("SMOKE_LOG", ".logs/smoke-workers.log")

results = []


def check(name, condition, detail=""):
    results.append(bool(condition))
    print(
        ("PASS " if condition else "FAIL ")
        + name
        + (f": {detail}" if detail and not condition else "")
    )


def csrf(session, url):
    page = session.get(url, timeout=30)
    match = re.search(r'name="csrf_token" value="([^"]+)"', page.text)
    return match.group(1) if match else ""


def main():
    subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)
    subprocess.run(
        [
            *ODOO_BIN,
            "-d",
            DB,
            f"--addons-path={ADDONS}",
            "-i",
            "b2b_customer",
            "--stop-after-init",
            "--log-level=warn",
        ],
        check=True,
    )
    subprocess.run(
        [
            "psql",
            "-d",
            DB,
            "-c",
            "INSERT INTO ir_config_parameter (key, value) VALUES "
            "('auth_signup.invitation_scope', 'b2c') "
            "ON CONFLICT (key) DO UPDATE SET value = 'b2c'",
        ],
        check=True,
        capture_output=True,
    )
    os.makedirs(os.path.dirname(LOG), exist_ok=True)
    with open(LOG, "w") as log:
        server = subprocess.Popen(
            [
                *ODOO_BIN,
                "-d",
                DB,
                f"--db-filter=^{DB}$",
                f"--addons-path={ADDONS}",
                "--workers=2",
                "--max-cron-threads=1",
                f"--http-port={PORT}",
                "--http-interface=127.0.0.1",
                "--log-level=info",
                "--limit-time-real=120",
            ],
            stdout=log,
            stderr=subprocess.STDOUT,
        )
    try:
        for _ in range(90):
            try:
                if requests.get(f"{BASE}/web/login", timeout=5).status_code == 200:
                    break
            except requests.ConnectionError:
                pass
            time.sleep(1)
        buyer = requests.Session()
        # as a browser: Odoo's pages set the time zone cookie, which the
        # first login writes on the new person while the cron worker runs
        # the sign-up's follow-up
        buyer.cookies.set("tz", "Europe/Amsterdam")
        token = csrf(buyer, f"{BASE}/web/signup")
        response = buyer.post(
            f"{BASE}/web/signup",
            data={
                "csrf_token": token,
                "name": "Sam Smoke",
                "login": "sam@smoke.example.org",
                "password": "Smoke-Password-1",
                "confirm_password": "Smoke-Password-1",
                "is_b2b": "1",
                "company_name": "Smoke Trading BV",
                "vat": "NL123456782B90",
            },
            timeout=60,
        )
        check("B2B sign-up answered", response.status_code == 200, response.status_code)
        check(
            "the new customer is logged in on the B2B page",
            response.url.endswith("/my/b2b")
            and "Another user is already registered" not in response.text,
            response.url,
        )
        page = buyer.get(f"{BASE}/my/b2b", timeout=30)
        check("buyer sees the pending request", "Waiting for approval" in page.text)

        admin = requests.Session()
        admin.post(
            f"{BASE}/web/session/authenticate",
            json={
                "jsonrpc": "2.0",
                "params": {"db": DB, "login": "admin", "password": "admin"},
            },
            timeout=30,
        )
        ids = rpc(admin, "res.partner", "search", [[("name", "=", "Smoke Trading BV")]])
        check("the request exists once", len(ids) == 1, ids)
        rpc(admin, "res.partner", "action_b2b_approve", [ids])
        state = rpc(admin, "res.partner", "read", [ids, ["b2b_state", "ref"]])[0]
        check(
            "approved with a customer number",
            state["b2b_state"] == "approved" and state["ref"],
            state,
        )

        again = requests.Session()
        token = csrf(again, f"{BASE}/web/login")
        again.post(
            f"{BASE}/web/login",
            data={
                "csrf_token": token,
                "login": "sam@smoke.example.org",
                "password": "Smoke-Password-1",
            },
            timeout=30,
        )
        page = again.get(f"{BASE}/my/b2b", timeout=30)
        check(
            "buyer logs in and sees the approval",
            "Active" in page.text and state["ref"] in page.text,
        )

        deadline = time.time() + 90
        done = []
        while time.time() < deadline:
            with open(LOG) as log:
                done = re.findall(
                    r"Job 'B2B: follow daylight-saving time in reachability hours' "
                    r"\(\d+\) starting",
                    log.read(),
                )
            if done:
                break
            time.sleep(3)
        lastcall = subprocess.run(
            [
                "psql",
                "-d",
                DB,
                "-tAc",
                "SELECT count(*) FROM ir_cron c JOIN ir_model_data d"
                " ON d.model = 'ir.cron' AND d.res_id = c.id"
                " AND d.module = 'b2b_customer'"
                " AND d.name = 'ir_cron_b2b_reachability_refresh'"
                " WHERE c.lastcall IS NOT NULL",
            ],
            capture_output=True,
            text=True,
        ).stdout.strip()
        check("the cron worker ran the B2B cron", lastcall == "1", lastcall)
        check("the cron ran once", len(done) == 1, len(done))
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
        subprocess.run(["dropdb", "--if-exists", DB], check=False, capture_output=True)
    passed = sum(results)
    failed = len(results) - passed
    print(f"{passed} passed, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
