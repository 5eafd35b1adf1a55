#!/usr/bin/env bash
# Install b2b_customer on a fresh database and run its tests with Odoo's own
# runner (at-install and post-install tests, HttpCase and tours in headless
# Chromium). The last line printed is "N passed, M failed[, K skipped]".
#
#   TEST_DB     database to (re)create             (default b2b_test)
#   TEST_TAGS   Odoo --test-tags                   (default /b2b_customer,-b2b_shop:
#               the shop tests need website_sale, make test-shop runs them)
#   TEST_MODULES modules to install                (default b2b_customer)
#   HTTP_PORT   port of the test HTTP server       (default 8079)
#   SKIP_FAILS  1: a skipped test fails the run     (default 1: our tours must run;
#               Odoo's own suites skip tests that need demo data, so test-core sets 0)
#   TEST_DEMO   1: install with the demo data, languages and payment_demo of
#               `make demo`, and run the tests of the demo data too (tag
#               b2b_demo) (default 0)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh || exit 1
# shellcheck disable=SC1091
source "$ROOT/.env.sh"

DB="${TEST_DB:-b2b_test}"
DEMO=()
TAGS="${TEST_TAGS:-/b2b_customer,-b2b_shop}"
if [ "${TEST_DEMO:-0}" = 1 ]; then
    # shellcheck source=scripts/demo_languages.sh
    source "$ROOT/scripts/demo_languages.sh"
    DEMO=(--with-demo --load-language="$DEMO_LANGUAGES")
    TAGS="${TEST_TAGS:-/b2b_customer,b2b_demo/b2b_customer,-b2b_shop}"
fi
MODULES="${TEST_MODULES:-b2b_customer}"
if [ "${TEST_DEMO:-0}" = 1 ]; then
    # as `make demo`: Odoo's demo payment provider next to the module
    MODULES="${TEST_MODULES:-b2b_customer,payment_demo}"
fi
PORT="${HTTP_PORT:-8079}"
mkdir -p "$ROOT/.logs"
LOG="$ROOT/.logs/test-$DB.log"

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
echo "Running Odoo tests ($TAGS) on a fresh database $DB${DEMO[*]:+ (${DEMO[*]})}; log: $LOG"
# shellcheck disable=SC2086
$ODOO_BIN -d "$DB" --db-filter="^$DB\$" --addons-path="$ADDONS_PATH" \
    -i "$MODULES" "${DEMO[@]}" --test-enable --test-tags "$TAGS" --stop-after-init \
    --http-interface=127.0.0.1 --http-port="$PORT" --log-level=test \
    --max-cron-threads=0 >"$LOG" 2>&1
rc=$?

python3 - "$LOG" "$rc" "${SKIP_FAILS:-1}" <<'PY'
import re, sys
log_path, rc, skip_fails = sys.argv[1], int(sys.argv[2]), sys.argv[3] == "1"
text = open(log_path, encoding="utf-8", errors="replace").read()
summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
failed = sum(int(f) + int(e) for f, e, _ in summary)
run = sum(int(t) for _, _, t in summary)
skipped_lines = re.findall(r"^.* INFO .*: skipped (.*)$", text, re.M)
skipped = len(skipped_lines)
problems = [
    line for line in text.splitlines()
    if re.search(r" (ERROR|CRITICAL) ", line)
]
fail_lines = [l for l in problems if re.search(r"(FAIL|ERROR): ", l)]
for line in fail_lines:
    print(line)
if skipped and skip_fails:
    print("Skipped tests are a set-up failure (a tour needs Chromium and websocket-client):")
    for line in skipped_lines:
        print("  skipped", line)
other = [l for l in problems if l not in fail_lines and "odoo.tests.result" not in l]
if other:
    print("Errors outside tests:")
    for line in other[:30]:
        print(" ", line)
extra = 0
if not summary or run == 0:
    print("No test ran (installation failed?). See the log.")
    extra = 1
elif (other or rc) and not failed:
    extra = 1
passed = max(run - failed - skipped, 0)
failed_total = failed + extra + (skipped if skip_fails else 0)
line = f"{passed} passed, {failed_total} failed"
if skipped:
    line += f", {skipped} skipped"
print(line)
sys.exit(1 if failed_total else 0)
PY
