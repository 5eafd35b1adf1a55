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
#   TEST_SHARDS number of databases the test classes are spread over, each
#               installed and tested by its own Odoo process at the same time
#               (default 2, 1 when TEST_TAGS is given): the machine's cores
#               work in parallel. Shard K > 1 uses database TEST_DB_K and
#               port HTTP_PORT + 100 * (K - 1). scripts/test_shards.py splits
#               the classes by the time they took in the last run's logs.
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
SHARDS="${TEST_SHARDS:-2}"
[ -n "${TEST_TAGS:-}" ] && SHARDS="${TEST_SHARDS:-1}"
DBS=("$DB")
for ((k = 2; k <= SHARDS; k++)); do DBS+=("${DB}_$k"); done
LOGS=()
for db in "${DBS[@]}"; do LOGS+=("$ROOT/.logs/test-$db.log"); done
if [ "$SHARDS" -gt 1 ]; then
    mapfile -t SPECS < <(python3 "$ROOT/scripts/test_shards.py" "$SHARDS" "$TAGS" "${LOGS[@]}")
else
    SPECS=("$TAGS")
fi

echo "Running Odoo tests ($TAGS) on $SHARDS fresh database(s) ${DBS[*]}${DEMO[*]:+ (${DEMO[*]})}; logs: ${LOGS[*]}"
PIDS=()
for i in "${!DBS[@]}"; do
    dropdb --if-exists "${DBS[$i]}" >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    $ODOO_BIN -d "${DBS[$i]}" --db-filter="^${DBS[$i]}\$" --addons-path="$ADDONS_PATH" \
        -i "$MODULES" "${DEMO[@]}" --test-enable --test-tags "${SPECS[$i]}" --stop-after-init \
        --http-interface=127.0.0.1 --http-port="$((PORT + 100 * i))" --log-level=test \
        --max-cron-threads=0 >"${LOGS[$i]}" 2>&1 &
    PIDS+=($!)
done
rc=0
for pid in "${PIDS[@]}"; do
    wait "$pid" || rc=$?
done

python3 - "$rc" "${SKIP_FAILS:-1}" "${LOGS[@]}" <<'PY'
import re, sys
rc, skip_fails, log_paths = int(sys.argv[1]), sys.argv[2] == "1", sys.argv[3:]
texts = [open(path, encoding="utf-8", errors="replace").read() for path in log_paths]
text = "\n".join(texts)
summary = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
# every shard must have run tests (an installation that failed runs none)
empty = [path for path, t in zip(log_paths, texts) if not re.search(r" of [1-9]\d* tests", t)]
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
if not summary or run == 0 or empty:
    print("No test ran (installation failed?). See", ", ".join(empty or log_paths))
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
