#!/usr/bin/env bash
# Run tests on a database that already holds other customers' data (every test
# must scope its searches to its own records): install the module, add the data
# of scripts/business_data.py, then update the module with the tests.
#
#   TEST_DB    database to (re)create    (default b2b_test_data)
#   TEST_TAGS  Odoo --test-tags          (default /b2b_customer)
#   HTTP_PORT  port of the test server   (default 8079)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh || exit 1
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
DB="${TEST_DB:-b2b_test_data}"
LOG="$ROOT/.logs/test-$DB.log"
mkdir -p "$ROOT/.logs"
OPTS=(-d "$DB" --db-filter="^$DB\$" --addons-path="$ADDONS_PATH" --max-cron-threads=0)
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
echo "Installing b2b_customer on $DB with other customers' data; log: $LOG"
# shellcheck disable=SC2086
$ODOO_BIN "${OPTS[@]}" -i b2b_customer --stop-after-init >"$LOG" 2>&1 || {
    echo "install failed" >&2
    exit 1
}
# shellcheck disable=SC2086
$ODOO_BIN shell "${OPTS[@]}" <scripts/business_data.py >>"$LOG" 2>&1 || {
    echo "business data failed" >&2
    exit 1
}
grep "^business data:" "$LOG"
# shellcheck disable=SC2086
$ODOO_BIN "${OPTS[@]}" -u b2b_customer --test-enable --test-tags "${TEST_TAGS:-/b2b_customer}" \
    --stop-after-init --http-interface=127.0.0.1 --http-port="${HTTP_PORT:-8079}" \
    --log-level=test >>"$LOG" 2>&1
grep -E "(FAIL|ERROR): " "$LOG"
python3 - "$LOG" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
runs = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
failed = sum(int(f) + int(e) for f, e, _ in runs)
total = sum(int(t) for *_, t in runs)
print(f"{total - failed} passed, {failed} failed")
sys.exit(1 if failed or not total else 0)
PY
