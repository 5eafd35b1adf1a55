"""Odoo for the benchmark and the load test (make bench, make load): the
shell and psql helpers, Odoo run once on a database, Odoo served on a port
(waited for, stopped), the query count of a request read from the server's
access log, and portal sessions logged in over HTTP."""

import os
import re
import statistics
import subprocess
import time

import requests

ODOO_BIN = os.environ["ODOO_BIN"].split()
ADDONS = os.environ["ADDONS_PATH"]
RUNS = max(int(os.environ.get("BENCH_RUNS", "5")), 5)


def sh(*args, **kwargs):
    return subprocess.run(args, check=True, capture_output=True, text=True, **kwargs)


def psql(db, sql):
    return sh(
        "psql", "-q", "-v", "ON_ERROR_STOP=1", "-d", db, "-tAc", sql
    ).stdout.strip()


def run_odoo(db, *args):
    """Seconds of ``odoo-bin -d db ... --stop-after-init`` (an install)."""
    start = time.monotonic()
    subprocess.run(
        [
            *ODOO_BIN,
            "-d",
            db,
            f"--addons-path={ADDONS}",
            "--stop-after-init",
            "--log-level=warn",
            "--max-cron-threads=0",
            *args,
        ],
        check=True,
        capture_output=True,
    )
    return time.monotonic() - start


def measure(func, runs=RUNS):
    """Median milliseconds of ``runs`` calls of ``func`` after a warm-up."""
    func()  # warm-up
    timings = []
    for _ in range(runs):
        start = time.perf_counter()
        func()
        timings.append((time.perf_counter() - start) * 1000)
    return statistics.median(timings)


def csrf(html):
    return re.search(r'name="csrf_token" value="([^"]+)"', html).group(1)


def portal_login(url, login, timeout=None):
    """A ``requests`` session of ``login`` (password = login)."""
    session = requests.Session()
    page = session.get(f"{url}/web/login", timeout=timeout)
    response = session.post(
        f"{url}/web/login",
        data={
            "login": login,
            "password": login,
            "csrf_token": csrf(page.text),
            "redirect": "/my",
        },
        allow_redirects=False,
        timeout=timeout,
    )
    if response.status_code not in (302, 303) or "/web/login" in response.headers.get(
        "Location", ""
    ):
        raise RuntimeError(f"{login} cannot log in ({response.status_code})")
    return session


class OdooServer:
    """Odoo serving ``db`` on 127.0.0.1:``port``, logging to ``log``;
    ``options`` are the server's (workers, cron threads, ...). Started by
    ``with``, stopped at its end (or when it does not start)."""

    def __init__(self, db, port, log, options=(), command=None, attempts=120):
        self.db, self.port, self.log = db, port, log
        self.url = f"http://127.0.0.1:{port}"
        self.options = list(options)
        self.command = command or ODOO_BIN
        self.attempts = attempts
        self.process = None

    def __enter__(self):
        if os.path.exists(self.log):
            os.remove(self.log)
        self.process = subprocess.Popen(
            [
                *self.command,
                "-d",
                self.db,
                f"--db-filter=^{self.db}$",
                f"--addons-path={ADDONS}",
                "--http-interface=127.0.0.1",
                f"--http-port={self.port}",
                *self.options,
                "--log-level=info",
                f"--logfile={self.log}",
            ]
        )
        try:
            for _attempt in range(self.attempts):
                try:
                    requests.get(f"{self.url}/web/login", timeout=60)
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

    def last_query_count(self, path):
        """The query count of the last request of ``path`` in the log."""
        time.sleep(0.05)  # let the access line reach the log
        pattern = re.compile(
            r'"(?:GET|POST) ' + re.escape(path) + r' HTTP/[\d.]+" \d+ - (\d+) '
        )
        with open(self.log, encoding="utf-8", errors="replace") as handle:
            counts = [int(m.group(1)) for m in pattern.finditer(handle.read())]
        return counts[-1]

    def session(self, login=None):
        """A session of ``login``, or an anonymous one."""
        if login:
            return portal_login(self.url, login)
        return requests.Session()

    def page(self, session, path):
        """Median milliseconds of GET ``path`` and its query count."""

        def get():
            response = session.get(f"{self.url}{path}", allow_redirects=False)
            assert response.status_code == 200, (path, response.status_code)

        return round(measure(get), 2), self.last_query_count(path)
