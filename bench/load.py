"""Load test of b2b_customer next to plain Odoo, in one run (make load).

Serves a database built from the bench data (bench/data.py's builders) with
Odoo's prefork server (``--workers=2``, one cron worker) on 127.0.0.1 and
drives it with an own bounded client (threads and ``requests``):

- LOAD_SESSIONS (20) sessions of B2B company administrators, plain B2B users
  and resellers browse the module's portal pages (``/my``, ``/my/orders``,
  ``/my/invoices``, ``/my/company``, ``/my/customers`` with and without a
  search, ``/my/approvals``, ``/my/quick-order``);
- the anchor, in the same run and on the same server: plain (non-B2B)
  customers browse Odoo's own ``/my``, ``/my/orders`` and ``/my/invoices``;
- two phases of LOAD_SECONDS (60) each: quiet, then busy, in which a
  back-office client (JSON-RPC as the administrator) approves an account,
  changes a contact's role and suspends or reactivates a company every
  second.

Prints a table with the targets and writes bench/load.json. A missed target
prints a FAIL line (as bench/run.py does) and is written into the JSON; the
exit code stays 0 unless the run itself could not be made.

The data: LOAD_PARTNERS partners (default BENCH_PARTNERS, 100000), the
portal data of the bench, 10,000 orders of one B2B company (as many as the
anchor's plain customer has). It is built once into the template database
``<LOAD_DB_PREFIX>_load_template`` and reused while the partner count and
the module's code are the same (LOAD_REBUILD=1 rebuilds it; a changed module
is updated in place); each run serves a copy, dropped afterwards
(bench/load_data.py). The report is bench/load_report.py's.
"""

import os
import random
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, os.path.join(ROOT, "scripts")]

import odoo_client  # noqa: E402  scripts/odoo_client.py
import requests  # noqa: E402
from load_data import DB, PARTNERS, prepare_database  # noqa: E402
from load_report import report  # noqa: E402
from server import ODOO_BIN, OdooServer, portal_login, sh  # noqa: E402

SECONDS = max(int(os.environ.get("LOAD_SECONDS", "60")), 5)
SESSIONS = min(max(int(os.environ.get("LOAD_SESSIONS", "20")), 1), 100)
#: plain customers browsing Odoo's own pages next to the module's sessions
ANCHOR_SESSIONS = min(
    max(int(os.environ.get("LOAD_ANCHOR_SESSIONS", max(SESSIONS // 4, 2))), 1), 25
)
#: pause of a session between two pages: uniform in [0, 2 x LOAD_THINK_MS]
THINK_MS = max(int(os.environ.get("LOAD_THINK_MS", "1000")), 0)
WORKERS = 2
PORT = int(os.environ.get("LOAD_HTTP_PORT", "8095"))
GEVENT_PORT = int(os.environ.get("LOAD_GEVENT_PORT", PORT + 1))
URL = f"http://127.0.0.1:{PORT}"
TIMEOUT = 60
#: the back-office client's pace: one round of changes a second
TICK_S = 1.0

#: what each kind of portal session browses
PAGES = {
    "admin": [
        "/my",
        "/my/orders",
        "/my/invoices",
        "/my/company",
        "/my/approvals",
        "/my/quick-order",
    ],
    "user": ["/my", "/my/orders", "/my/invoices", "/my/quick-order"],
    "reseller": [
        "/my",
        "/my/orders",
        "/my/invoices",
        "/my/customers",
        "/my/customers?search=",
    ],
    "anchor": ["/my", "/my/orders", "/my/invoices"],
}


# ----------------------------------------------------------------------
# Server
# ----------------------------------------------------------------------
#: Odoo's own odoo-bin, with the long-polling process (Odoo's gevent server,
#: which portal pages do not use) replaced by an idle one: used only where
#: gevent cannot monkey-patch (then Odoo respawns that process every second,
#: which costs the CPU the measurement needs)
IDLE_LONG_POLLING = """
import subprocess, sys
sys.path.insert(0, sys.argv.pop(1))
import odoo.cli
from odoo.service import server

def idle_long_polling(self):
    idle = [sys.executable, "-c", "import time; time.sleep(86400)"]
    self.long_polling_pid = subprocess.Popen(idle).pid

server.PreforkServer.long_polling_spawn = idle_long_polling
odoo.cli.main()
"""


def odoo_command():
    """How to start Odoo: odoo-bin, or the launcher above when gevent's
    monkey-patching fails in this Python (a broken package metadata)."""
    check = subprocess.run(
        [
            ODOO_BIN[0],
            "-c",
            "import gevent.events as e\n"
            "for p in e.iter_entry_points('gevent.plugins.monkey.will_patch_all'):"
            " p.load()",
        ],
        capture_output=True,
        check=False,
    )
    if check.returncode == 0:
        return ODOO_BIN
    print(
        "note: gevent cannot patch in this Python; Odoo's long-polling process"
        " is replaced by an idle one",
        flush=True,
    )
    odoo_bin = ODOO_BIN[-1]
    return [ODOO_BIN[0], "-c", IDLE_LONG_POLLING, os.path.dirname(odoo_bin)]


def load_server():
    """Odoo's prefork server on DB: 2 HTTP workers and a cron worker."""
    return OdooServer(
        DB,
        PORT,
        os.path.join(HERE, "load-server.log"),
        [
            f"--gevent-port={GEVENT_PORT}",
            f"--workers={WORKERS}",
            "--max-cron-threads=1",
        ],
        command=odoo_command(),
        attempts=180,
    )


# ----------------------------------------------------------------------
# Client
# ----------------------------------------------------------------------
class PortalSession:
    """One browser: a login, the pages it cycles through, its samples."""

    def __init__(self, kind, login):
        self.kind, self.login = kind, login
        self.pages = PAGES[kind]
        self.session = portal_login(URL, login, TIMEOUT)
        self.turn = random.randrange(len(self.pages))
        self.samples = []  # (phase, page, milliseconds, error or None)

    def url(self, page):
        if page.endswith("search="):
            return f"{page}{random.randrange(1, 10_000)}"
        return page

    def get(self, page):
        """One request; returns (milliseconds, error or None)."""
        start = time.perf_counter()
        try:
            response = self.session.get(
                f"{URL}{self.url(page)}", allow_redirects=False, timeout=TIMEOUT
            )
        except requests.RequestException as error:
            return (time.perf_counter() - start) * 1000, type(error).__name__
        elapsed = (time.perf_counter() - start) * 1000
        if response.status_code == 200:
            return elapsed, None
        location = response.headers.get("Location", "")
        if response.is_redirect and "/web/login" in location:
            # the session was lost: log in again to go on, count the error
            try:
                self.session = portal_login(URL, self.login, TIMEOUT)
            except (RuntimeError, requests.RequestException):
                pass  # the next requests count as errors too
            return elapsed, "lost session"
        return elapsed, f"HTTP {response.status_code}"

    def check(self):
        """Every page answers before the measurement starts."""
        for page in self.pages:
            _ms, error = self.get(page)
            if error:
                raise RuntimeError(f"{self.login} ({self.kind}) {page}: {error}")

    def browse(self, phase, deadline):
        while time.monotonic() < deadline:
            page = self.pages[self.turn % len(self.pages)]
            self.turn += 1
            ms, error = self.get(page)
            self.samples.append((phase, page, ms, error))
            if THINK_MS:
                time.sleep(random.uniform(0, 2 * THINK_MS) / 1000)


class BackOffice:
    """The shop's staff over JSON-RPC: every second it approves an account,
    changes a contact's role and suspends or reactivates a company."""

    def __init__(self, targets):
        self.session = odoo_client.login(URL, DB, "admin", "admin")
        self.targets = targets
        self.pending = self.rpc(
            "res.partner",
            "search",
            [[("is_b2b", "=", True), ("b2b_state", "=", "pending")]],
            {"limit": 1000, "order": "id"},
        )
        self.samples = []  # (action, milliseconds, error or None)
        self.suspended = False
        self.role = "user"

    def rpc(self, model, method, args, kwargs=None):
        return odoo_client.rpc(URL, self.session, model, method, args, kwargs)

    def timed(self, action, call):
        start = time.perf_counter()
        error = None
        try:
            call()
        except (RuntimeError, requests.RequestException) as exc:
            error = str(exc)[:200]
        self.samples.append((action, (time.perf_counter() - start) * 1000, error))

    def tick(self):
        if self.pending:
            partner_id = self.pending.pop(0)
            self.timed(
                "approve",
                lambda: self.rpc("res.partner", "action_b2b_approve", [[partner_id]]),
            )
        self.role = "approver" if self.role == "user" else "user"
        self.timed(
            "change role",
            lambda: self.rpc(
                "res.partner",
                "write",
                [[self.targets["role_contact_id"]], {"b2b_role": self.role}],
            ),
        )
        method = "action_b2b_reactivate" if self.suspended else "action_b2b_suspend"
        self.suspended = not self.suspended
        self.timed(
            "suspend/reactivate",
            lambda: self.rpc(
                "res.partner", method, [[self.targets["suspend_company_id"]]]
            ),
        )

    def run(self, deadline):
        next_tick = time.monotonic()
        while time.monotonic() < deadline:
            self.tick()
            next_tick = max(next_tick + TICK_S, time.monotonic())
            time.sleep(max(next_tick - time.monotonic(), 0))


#: wall-clock (start, end) of each phase, to read the server's log
PHASES = {}


def run_phase(phase, sessions, back_office=None):
    deadline = time.monotonic() + SECONDS
    PHASES[phase] = (time.time(), time.time() + SECONDS)
    threads = [
        threading.Thread(target=s.browse, args=(phase, deadline)) for s in sessions
    ]
    if back_office:
        threads.append(threading.Thread(target=back_office.run, args=(deadline,)))
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(timeout=SECONDS + 2 * TIMEOUT)


def portal_sessions(logins):
    kinds = [
        ("admin", logins["company_500"]),
        ("reseller", logins["reseller_10000"]),
        ("user", logins["user_0"]),
        ("admin", logins["company_10"]),
        # (not the credit company: its one invoice holds every journal
        # item of the bench, which no portal list is made for)
        ("admin", logins["credit_base"]),
        ("user", logins["user_1"]),
        ("reseller", logins["reseller_10"]),
        ("admin", logins["quick"]),
        ("user", logins["user_2"]),
    ]
    sessions = [PortalSession(*kinds[index % len(kinds)]) for index in range(SESSIONS)]
    sessions += [
        PortalSession("anchor", logins["buyer"]) for _index in range(ANCHOR_SESSIONS)
    ]
    return sessions


def main():
    logins, targets = prepare_database()
    try:
        with load_server() as server:
            sessions = portal_sessions(logins)
            for session in sessions:
                session.check()
            back_office = BackOffice(targets)
            print(f"quiet phase, {SECONDS} s ...", flush=True)
            run_phase("quiet", sessions)
            print(f"busy phase, {SECONDS} s ...", flush=True)
            run_phase("busy", sessions, back_office)
            if back_office.suspended:
                back_office.timed(
                    "suspend/reactivate",
                    lambda: back_office.rpc(
                        "res.partner",
                        "action_b2b_reactivate",
                        [[targets["suspend_company_id"]]],
                    ),
                )
        settings = {
            "workers": WORKERS,
            "sessions": SESSIONS,
            "anchor_sessions": ANCHOR_SESSIONS,
            "seconds": SECONDS,
            "partners": PARTNERS,
            "think_ms": THINK_MS,
        }
        report(sessions, back_office, server.log, PHASES, settings)
    finally:
        if not os.environ.get("LOAD_KEEP_DB"):
            sh("dropdb", "--if-exists", "--force", DB)
    return 0


if __name__ == "__main__":
    sys.exit(main())
