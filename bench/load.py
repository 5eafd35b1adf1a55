"""Load test of b2b_customer next to plain Odoo, in one run (make load).

Serves a database built from the bench data (bench/run.py's builders) with
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
is updated in place); each run serves a copy, dropped afterwards.
"""

import datetime
import hashlib
import json
import os
import random
import re
import statistics
import subprocess
import sys
import threading
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)
sys.path[:0] = [HERE, os.path.join(ROOT, "scripts")]

import odoo_client  # noqa: E402  scripts/odoo_client.py
import requests  # noqa: E402
import run as bench  # noqa: E402  bench/run.py, the bench data builders

PARTNERS = int(os.environ.get("LOAD_PARTNERS", bench.PARTNERS))
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
PREFIX = os.environ.get("LOAD_DB_PREFIX", os.environ.get("BENCH_DB_PREFIX", "bench"))
BASE_DB = f"{PREFIX}_base"
TEMPLATE_DB = f"{PREFIX}_load_template"
DB = f"{PREFIX}_load"
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

bench.PARTNERS = PARTNERS  # add_b2b_data puts 1 % of them in the queue
bench.MOVE_LINES = int(os.environ.get("LOAD_MOVE_LINES", bench.MOVE_LINES))


# ----------------------------------------------------------------------
# Data
# ----------------------------------------------------------------------
def module_hash():
    """Hash of the module's code and data (not its tests, bench or docs):
    the template is updated when it changes."""
    digest = hashlib.sha256()
    skip = {"bench", "tests", "docs", "i18n", ".git", "static", "scripts"}
    for folder, dirs, files in os.walk(ROOT):
        dirs[:] = sorted(d for d in dirs if d not in skip and not d.startswith("."))
        for name in sorted(files):
            if name.endswith((".py", ".xml", ".csv")):
                path = os.path.join(folder, name)
                digest.update(path[len(ROOT) :].encode())
                with open(path, "rb") as handle:
                    digest.update(handle.read())
    return digest.hexdigest()[:16]


def db_exists(name):
    return bool(
        bench.psql("postgres", f"SELECT 1 FROM pg_database WHERE datname = '{name}'")
    )


def get_param(db, key):
    return bench.psql(db, f"SELECT value FROM ir_config_parameter WHERE key = '{key}'")


def set_param(db, key, value):
    bench.psql(
        db,
        "INSERT INTO ir_config_parameter (key, value, create_date, write_date)"
        f" VALUES ('{key}', '{value}', now(), now())"
        f" ON CONFLICT (key) DO UPDATE SET value = '{value}'",
    )


def prepare_load_data(env, logins):
    """What the load adds to the bench's portal data: plain B2B users with
    a password, 10,000 orders of the 500-user company (the anchor's buyer
    has as many), the company the back office suspends and reactivates and
    the contact whose role it changes."""
    Partner = env["res.partner"].sudo()
    Users = env["res.users"].sudo().with_context(no_reset_password=True)
    company = Partner.search([("name", "=", "Bench Company 500")], limit=1)
    colleagues = company.child_ids.filtered(lambda c: c.b2b_role == "user")
    for index, colleague in enumerate(colleagues[:5]):
        user = colleague.user_ids[:1]
        user.password = user.login
        logins[f"user_{index}"] = user.login
    admin = Partner.search([("name", "=", "Company Admin 500")], limit=1)
    order = env["sale.order"].sudo().create({"partner_id": admin.id})
    order.action_confirm()
    env.flush_all()
    bench.clone_rows(
        env.cr,
        "sale_order",
        order.id,
        9_999,
        {"name": "'SL' || lpad(g::text, 6, '0')", "access_token": "NULL"},
    )
    target = Partner.create({"name": "Load Suspended Company", "is_company": True})
    target.write({"is_b2b": True, "b2b_state": "approved"})
    portal = env.ref("base.group_portal")
    members = Partner.create(
        [
            {
                "name": f"Load Member {i}",
                "parent_id": target.id,
                "email": f"member{i}@load.example.com",
                "b2b_role": "admin" if i == 0 else "user",
            }
            for i in range(3)
        ]
    )
    Users.create(
        [
            {"login": m.email, "partner_id": m.id, "group_ids": [(6, 0, portal.ids)]}
            for m in members
        ]
    )
    env.cr.execute("ANALYZE sale_order")
    return {
        "suspend_company_id": target.id,
        "role_contact_id": colleagues[-1].id,
    }


def build_template():
    """The template database: bench data, portal data, load data."""
    if not db_exists(BASE_DB):
        print(f"building {BASE_DB} with {bench.DEPENDS} ...", flush=True)
        bench.run_odoo(BASE_DB, "-i", bench.DEPENDS)
    bench.sh("dropdb", "--if-exists", "--force", TEMPLATE_DB)
    bench.sh("createdb", "-T", BASE_DB, TEMPLATE_DB)
    print(f"inserting {PARTNERS} partners into {TEMPLATE_DB} ...", flush=True)
    bench.insert_partners(TEMPLATE_DB, PARTNERS)
    bench.run_odoo(TEMPLATE_DB, "-i", "b2b_customer")
    bench.add_b2b_data(TEMPLATE_DB)
    print("adding the portal data ...", flush=True)
    sys.path.insert(0, os.environ.get("ODOO_SRC", ""))
    import odoo  # noqa: PLC0415
    from odoo import api, sql_db  # noqa: PLC0415
    from odoo.modules.registry import Registry  # noqa: PLC0415
    from odoo.tools import config  # noqa: PLC0415

    config["addons_path"] = bench.ADDONS
    with Registry(TEMPLATE_DB).cursor() as cr:
        env = api.Environment(cr, odoo.SUPERUSER_ID, {})
        logins = bench.prepare_portal_data(env)
        targets = prepare_load_data(env, logins)
        cr.commit()
    # no connection of this process may stay open: the template is copied
    Registry.delete(TEMPLATE_DB)
    sql_db.close_db(TEMPLATE_DB)
    for table in ("res_partner", "b2b_reachability", "account_move_line", "sale_order"):
        bench.psql(TEMPLATE_DB, f"VACUUM ANALYZE {table}")
    set_param(TEMPLATE_DB, "b2b_load.logins", json.dumps(logins))
    set_param(TEMPLATE_DB, "b2b_load.targets", json.dumps(targets))
    set_param(TEMPLATE_DB, "b2b_load.size", data_size())
    set_param(TEMPLATE_DB, "b2b_load.module", module_hash())


def data_size():
    return f"{PARTNERS}/{bench.MOVE_LINES}/{bench.QUICK_PRODUCTS}"


def prepare_database():
    """Copy the template (built or updated first when needed) to DB."""
    rebuild = os.environ.get("LOAD_REBUILD") or not db_exists(TEMPLATE_DB)
    if not rebuild and get_param(TEMPLATE_DB, "b2b_load.size") != data_size():
        rebuild = True
    if rebuild:
        build_template()
    elif get_param(TEMPLATE_DB, "b2b_load.module") != module_hash():
        print(f"updating b2b_customer in {TEMPLATE_DB} ...", flush=True)
        bench.run_odoo(TEMPLATE_DB, "-u", "b2b_customer")
        set_param(TEMPLATE_DB, "b2b_load.module", module_hash())
    bench.sh("dropdb", "--if-exists", "--force", DB)
    bench.sh("createdb", "-T", TEMPLATE_DB, DB)
    return (
        json.loads(get_param(DB, "b2b_load.logins")),
        json.loads(get_param(DB, "b2b_load.targets")),
    )


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
            bench.ODOO_BIN[0],
            "-c",
            "import gevent.events as e\n"
            "for p in e.iter_entry_points('gevent.plugins.monkey.will_patch_all'):"
            " p.load()",
        ],
        capture_output=True,
        check=False,
    )
    if check.returncode == 0:
        return bench.ODOO_BIN
    print(
        "note: gevent cannot patch in this Python; Odoo's long-polling process"
        " is replaced by an idle one",
        flush=True,
    )
    odoo_bin = bench.ODOO_BIN[-1]
    return [bench.ODOO_BIN[0], "-c", IDLE_LONG_POLLING, os.path.dirname(odoo_bin)]


class LoadServer:
    """Odoo's prefork server on DB: 2 HTTP workers and a cron worker."""

    def __init__(self):
        self.log = os.path.join(HERE, "load-server.log")
        self.process = None

    def __enter__(self):
        if os.path.exists(self.log):
            os.remove(self.log)
        self.process = subprocess.Popen(
            [
                *odoo_command(),
                "-d",
                DB,
                f"--db-filter=^{DB}$",
                f"--addons-path={bench.ADDONS}",
                "--http-interface=127.0.0.1",
                f"--http-port={PORT}",
                f"--gevent-port={GEVENT_PORT}",
                f"--workers={WORKERS}",
                "--max-cron-threads=1",
                "--log-level=info",
                f"--logfile={self.log}",
            ]
        )
        try:
            for _attempt in range(180):
                try:
                    requests.get(f"{URL}/web/login", timeout=30)
                    return self
                except requests.RequestException:  # not listening, or loading
                    if self.process.poll() is not None:
                        break
                    time.sleep(1)
            raise RuntimeError(f"the Odoo server did not start (see {self.log})")
        except BaseException:
            self.stop()
            raise

    def __exit__(self, *exc):
        self.stop()

    def stop(self):
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=60)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait(timeout=30)


# ----------------------------------------------------------------------
# Client
# ----------------------------------------------------------------------
def portal_login(login):
    session = requests.Session()
    page = session.get(f"{URL}/web/login", timeout=TIMEOUT)
    response = session.post(
        f"{URL}/web/login",
        data={
            "login": login,
            "password": login,
            "csrf_token": bench.csrf(page.text),
            "redirect": "/my",
        },
        allow_redirects=False,
        timeout=TIMEOUT,
    )
    if response.status_code not in (302, 303) or "/web/login" in response.headers.get(
        "Location", ""
    ):
        raise RuntimeError(f"{login} cannot log in ({response.status_code})")
    return session


class PortalSession:
    """One browser: a login, the pages it cycles through, its samples."""

    def __init__(self, kind, login):
        self.kind, self.login = kind, login
        self.pages = PAGES[kind]
        self.session = portal_login(login)
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
                self.session = portal_login(self.login)
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


# ----------------------------------------------------------------------
# Report
# ----------------------------------------------------------------------
ACCESS_LINE = re.compile(
    r"^(\S+ \S+) \d+ INFO \S+ werkzeug: .*\"(?:GET|POST) (\S+) HTTP/[\d.]+\" "
    r"\d+ - (\d+) ([\d.]+) ([\d.]+)"
)


def server_side(log):
    """From the server's access log: per phase, how busy the HTTP workers
    were (server time of the requests / (workers x seconds): near 1, the
    requests queue and latency is mostly waiting), and the median query
    count of each page."""
    phases = {phase: [0.0, 0] for phase in PHASES}
    queries = {}
    with open(log, encoding="utf-8", errors="replace") as handle:
        for line in handle:
            match = ACCESS_LINE.match(line)
            if not match:
                continue
            stamp, path, count, sql_s, other_s = match.groups()
            # the log's local time, as time.time() of the phases
            moment = datetime.datetime.strptime(
                stamp, "%Y-%m-%d %H:%M:%S,%f"
            ).timestamp()
            for phase, (start, end) in PHASES.items():
                if start <= moment <= end:
                    phases[phase][0] += float(sql_s) + float(other_s)
                    phases[phase][1] += 1
            if path.startswith("/my"):
                queries.setdefault(path.split("?")[0], []).append(int(count))
    return {
        "utilization": {
            phase: round(busy / (WORKERS * SECONDS), 2)
            for phase, (busy, _count) in phases.items()
        },
        "queries": {
            path: int(statistics.median(counts))
            for path, counts in sorted(queries.items())
        },
    }


# ----------------------------------------------------------------------
def p95(values):
    ordered = sorted(values)
    return ordered[max(int(round(0.95 * len(ordered))) - 1, 0)] if ordered else 0.0


def page_stats(samples):
    """{page: {requests, errors, p50_ms, p95_ms}} of (page, ms, error)."""
    stats = {}
    for page in sorted({s[0] for s in samples}):
        rows = [s for s in samples if s[0] == page]
        times = [s[1] for s in rows]
        stats[page] = {
            "requests": len(rows),
            "errors": sum(1 for s in rows if s[2]),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(p95(times), 1),
        }
    return stats


def report(sessions, back_office, server_log):
    def samples(kinds, phase):
        return [
            (page, ms, error)
            for s in sessions
            if (s.kind == "anchor") == (kinds == "anchor")
            for sample_phase, page, ms, error in s.samples
            if sample_phase == phase
        ]

    anchor_quiet = samples("anchor", "quiet")
    anchor_busy = samples("anchor", "busy")
    result = {
        "pages": page_stats(samples("module", "busy")),
        "anchor": page_stats(anchor_busy),
        "anchor_quiet_p95_ms": round(p95([s[1] for s in anchor_quiet]), 1),
        "anchor_busy_p95_ms": round(p95([s[1] for s in anchor_busy]), 1),
        "workers": WORKERS,
        "sessions": SESSIONS,
        "seconds": SECONDS,
        "quiet": {
            "pages": page_stats(samples("module", "quiet")),
            "anchor": page_stats(anchor_quiet),
        },
        "back_office": page_stats(back_office.samples),
        "anchor_sessions": ANCHOR_SESSIONS,
        "partners": PARTNERS,
        "think_ms": THINK_MS,
        "server": server_side(server_log),
    }
    errors_of = {
        f"{where}{page}": stats["errors"]
        for where, block in (
            ("", result["pages"]),
            ("anchor ", result["anchor"]),
            ("quiet ", result["quiet"]["pages"]),
            ("quiet anchor ", result["quiet"]["anchor"]),
        )
        for page, stats in block.items()
        if stats["errors"]
    }
    limit = 1.5 * result["anchor_busy_p95_ms"]
    rows = [
        (
            "errors (5xx, lost sessions, others)",
            sum(errors_of.values()),
            "-",
            "0",
            not errors_of,
        )
    ]
    for page, stats in result["pages"].items():
        rows.append(
            (
                f"p95 {page}",
                stats["p95_ms"],
                result["anchor_busy_p95_ms"],
                "<= 1.5 x anchor p95",
                stats["p95_ms"] <= limit,
            )
        )
    rows.append(
        (
            "anchor_busy_p95_ms",
            result["anchor_busy_p95_ms"],
            result["anchor_quiet_p95_ms"],
            "<= 1.10 x quiet",
            result["anchor_busy_p95_ms"] <= 1.10 * result["anchor_quiet_p95_ms"],
        )
    )
    result["targets"] = {
        key: {"value": value, "anchor": anchor, "target": target, "pass": ok}
        for key, value, anchor, target, ok in rows
    }
    with open(os.path.join(HERE, "load.json"), "w") as handle:
        json.dump(result, handle, indent=2)

    print(
        f"\nb2b_customer under load: {SESSIONS} module + {ANCHOR_SESSIONS} anchor"
        f" sessions, {WORKERS} workers, {SECONDS} s quiet + {SECONDS} s busy,"
        f" {PARTNERS} partners\n"
    )
    print(
        f"{'page (busy phase)':28} {'requests':>8} {'errors':>6} {'p50':>8} {'p95':>8}"
    )
    for title, block in (
        ("module", result["pages"]),
        ("anchor", result["anchor"]),
        ("back office", result["back_office"]),
    ):
        for page, stats in block.items():
            print(
                f"{title[:6] + ' ' + page:28} {stats['requests']:>8} "
                f"{stats['errors']:>6} {stats['p50_ms']:>8} {stats['p95_ms']:>8}"
            )
    if errors_of:
        print("\nerrors: " + ", ".join(f"{k}: {v}" for k, v in errors_of.items()))
        seen = set()
        for s in sessions:
            for _phase, page, _ms, error in s.samples:
                if error and (page, error) not in seen:
                    seen.add((page, error))
                    print(f"  {s.kind} {s.login} {page}: {error}")
        for action, _ms, error in back_office.samples:
            if error and action not in seen:
                seen.add(action)
                print(f"  back office {action}: {error}")
    utilization = result["server"]["utilization"]
    print(
        "\nHTTP workers busy (server time / (workers x seconds)): "
        + ", ".join(f"{phase} {value:.0%}" for phase, value in utilization.items())
    )
    print(f"\n{'key':36} {'value':>10} {'anchor':>10}  target                 result")
    for key, value, anchor, target, ok in rows:
        verdict = "PASS" if ok else "FAIL"
        print(f"{key:36} {value!s:>10} {anchor!s:>10}  {target:22} {verdict}")
    failed = [row[0] for row in rows if not row[4]]
    if failed:
        print("\ntargets missed: " + ", ".join(failed))


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
        with LoadServer() as server:
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
        report(sessions, back_office, server.log)
    finally:
        if not os.environ.get("LOAD_KEEP_DB"):
            bench.sh("dropdb", "--if-exists", "--force", DB)
    return 0


if __name__ == "__main__":
    sys.exit(main())
