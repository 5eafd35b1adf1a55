#!/usr/bin/env bash
# The webshop channel (make test-shop): a database with website_sale, Odoo's
# demo payment provider (payment_demo) and b2b_customer, with demo data; the
# module's shop tests (tag b2b_shop) and Odoo's own website_sale suite run on
# it. The suite's failures are compared with the same suite on plain Odoo
# (website_sale, payment_demo and the module's dependencies, without the
# module): a test of the suite that fails only with the module fails the run,
# as does any failing or skipped shop test of the module.
#
# The plain run takes as long as the suite (about 15 minutes on two cores), so
# its list of failing tests is cached in ~/.cache/b2b_customer/, keyed by a
# checksum of Odoo's addons/website_sale and addons/payment_demo and of the
# module list; it is computed when absent (SHOP_BASELINE=refresh recomputes it).
#
#   SHOP_DB        database of the module's run        (default b2b_shop)
#   SHOP_PLAIN_DB  database of the plain run            (default b2b_shop_plain)
#   HTTP_PORT      port of the test HTTP server         (default 8077)
# The last line printed is "N passed, M failed" (as scripts/run_tests.sh).
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh || exit 1
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
DB="${SHOP_DB:-b2b_shop}"
PLAIN_DB="${SHOP_PLAIN_DB:-b2b_shop_plain}"
PORT="${HTTP_PORT:-8077}"
mkdir -p "$ROOT/.logs"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/b2b_customer"
mkdir -p "$CACHE_DIR"

DEPENDS="$(python3 -c "import ast; print(','.join(ast.literal_eval(open('__manifest__.py').read())['depends']))")"
PLAIN_MODULES="website_sale,payment_demo,$DEPENDS"
SUM="$(
    {
        # v2: a class whose set-up fails is named (odoo.tests.suite: setUpClass (...))
        echo "v2 $PLAIN_MODULES"
        cd "$ODOO_SRC/addons" && find website_sale payment_demo -type f ! -name '*.pyc' -print0 \
            | sort -z | xargs -0 sha256sum
    } | sha256sum | cut -c1-16
)"
BASELINE="$CACHE_DIR/shop-baseline-$SUM.txt"

odoo() {
    local db="$1" log="$2"
    shift 2
    dropdb --if-exists "$db" >/dev/null 2>&1 || true
    # shellcheck disable=SC2086
    $ODOO_BIN -d "$db" --db-filter="^$db\$" --addons-path="$ADDONS_PATH" \
        --http-interface=127.0.0.1 --http-port="$PORT" --max-cron-threads=0 \
        --with-demo --test-enable --log-level=test --stop-after-init "$@" >"$log" 2>&1
}

# the failing tests of a run's log, one "logger: Class.test" a line, then the
# number of tests run ("tests N"); exits 1 when the run did not complete
failures() {
    python3 - "$1" "$2" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
module = sys.argv[2]
failed = sorted(set(
    f"{logger}: {test}"
    for logger, test in re.findall(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (?:Subtest )?(\S+)", text)
    if logger.startswith(f"odoo.addons.{module}.")
) | set(
    # a class whose set-up fails runs none of its tests: name the class
    f"odoo.tests.suite: {kind} ({path})"
    for kind, path in re.findall(r" (?:ERROR|CRITICAL) \S+ odoo\.tests\.suite: (?:FAIL|ERROR): (setUpClass|tearDownClass) \((\S+)\)", text)
    if path.startswith(f"odoo.addons.{module}.")
))
runs = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
started = set(re.findall(rf" odoo\.addons\.{module}\.(\S+): Starting (\S+) \.\.\.", text))
for name in failed:
    print(name)
print("tests", len(started))
broken = not runs or re.search(r"Failed to load registry|CRITICAL .* Failed to initialize", text)
sys.exit(1 if broken else 0)
PY
}

if [ ! -s "$BASELINE" ] || [ "${SHOP_BASELINE:-}" = refresh ]; then
    echo "Odoo's website_sale suite on plain Odoo ($PLAIN_MODULES), cached as $BASELINE" \
        "(log: .logs/test-shop-plain.log)"
    odoo "$PLAIN_DB" "$ROOT/.logs/test-shop-plain.log" -i "$PLAIN_MODULES" --test-tags /website_sale
    if ! failures "$ROOT/.logs/test-shop-plain.log" website_sale >"$BASELINE.tmp"; then
        rm -f "$BASELINE.tmp"
        echo "The plain run did not complete: see .logs/test-shop-plain.log"
        echo "0 passed, 1 failed"
        exit 1
    fi
    mv "$BASELINE.tmp" "$BASELINE"
    dropdb --if-exists "$PLAIN_DB" >/dev/null 2>&1 || true
else
    echo "Plain Odoo's website_sale failures: cached in $BASELINE"
fi

LOG="$ROOT/.logs/test-shop-module.log"
echo "website_sale suite and the module's shop tests with b2b_customer installed (log: $LOG)"
odoo "$DB" "$LOG" -i "website_sale,payment_demo,b2b_customer" \
    --test-tags "/website_sale,b2b_shop/b2b_customer"

failures "$LOG" website_sale >"$ROOT/.logs/test-shop-module-suite.txt"
broken=$?

# A suite test that failed only with the module is run once more on the same
# database before it counts (website_sale's tours time out now and then on
# a busy machine, with or without the module): it must fail again.
SUITE="$ROOT/.logs/test-shop-module-suite.txt"
if [ "$broken" = 0 ]; then
    again_tags="$(python3 - "$BASELINE" "$SUITE" <<'PY'
import sys
baseline = set(open(sys.argv[1], encoding="utf-8").read().splitlines()[:-1])
suite = set(open(sys.argv[2], encoding="utf-8").read().splitlines()[:-1])
tags = []
for name in sorted(suite - baseline):
    logger, test = name.split(": ", 1)
    if logger == "odoo.tests.suite":
        # "setUpClass (odoo.addons.website_sale.tests.test_x.TestClass)"
        tags.append(f"/website_sale:{test.rstrip(')').rsplit('.', 1)[1]}")
    else:
        tags.append(f"/website_sale:{test.split('.')[0]}.{test.split('.')[1]}")
print(",".join(tags))
PY
)"
    if [ -n "$again_tags" ]; then
        echo "Run once more (failed only with the module): $again_tags"
        AGAIN_LOG="$ROOT/.logs/test-shop-module-again.log"
        # shellcheck disable=SC2086
        $ODOO_BIN -d "$DB" --db-filter="^$DB\$" --addons-path="$ADDONS_PATH" \
            --http-interface=127.0.0.1 --http-port="$PORT" --max-cron-threads=0 \
            --test-enable --log-level=test --stop-after-init \
            --test-tags "$again_tags" >"$AGAIN_LOG" 2>&1
        python3 - "$SUITE" "$AGAIN_LOG" <<'PY'
import re, sys
suite_path, again_path = sys.argv[1:3]
lines = open(suite_path, encoding="utf-8").read().splitlines()
text = open(again_path, encoding="utf-8", errors="replace").read()
failed_again = {
    f"{logger}: {test}"
    for logger, test in re.findall(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (?:Subtest )?(\S+)", text)
} | {
    f"odoo.tests.suite: {kind} ({path})"
    for kind, path in re.findall(r" (?:ERROR|CRITICAL) \S+ odoo\.tests\.suite: (?:FAIL|ERROR): (setUpClass|tearDownClass) \((\S+)\)", text)
}
ran = set(re.findall(r" (odoo\.addons\.website_sale\.\S+): Starting (\S+) \.\.\.", text))
ran = {f"{logger}: {test}" for logger, test in ran}
# a class whose set-up failed again is kept; one whose tests ran now is not
again_classes = {test.split(".")[0] for _, test in (name.split(": ", 1) for name in ran)}
def passed_again(line):
    logger, test = line.split(": ", 1)
    if logger == "odoo.tests.suite":
        return line not in failed_again and test.rstrip(")").rsplit(".", 1)[1] in again_classes
    return line in ran and line not in failed_again
kept = [l for l in lines[:-1] if not passed_again(l)]
for name in sorted(set(lines[:-1]) - set(kept)):
    print("  passed when run again:", name)
open(suite_path, "w", encoding="utf-8").write("\n".join(kept + lines[-1:]) + "\n")
PY
    fi
fi

python3 - "$BASELINE" "$ROOT/.logs/test-shop-module-suite.txt" "$LOG" "$broken" <<'PY'
import re, sys
baseline_path, module_path, log_path, broken = sys.argv[1:5]

def read(path):
    lines = open(path, encoding="utf-8").read().splitlines()
    return set(lines[:-1]), int(lines[-1].split()[1])

plain, plain_total = read(baseline_path)
suite, suite_total = read(module_path)
text = open(log_path, encoding="utf-8", errors="replace").read()
print(f"website_sale on plain Odoo: {plain_total} tests, {len(plain)} failing (cached)")
print(f"website_sale with b2b_customer: {suite_total} tests, {len(suite)} failing")
for name in sorted(plain & suite):
    print("  fails on plain Odoo too:", name)
new = sorted(suite - plain)
for name in new:
    print("  FAILS ONLY WITH b2b_customer:", name)
# the module's shop tests: every one must run and pass
own = sorted(set(re.findall(
    r" (?:ERROR|CRITICAL) \S+ (odoo\.addons\.b2b_customer\.\S+): (?:FAIL|ERROR): (?:Subtest )?(\S+)", text)) | {
    ("odoo.tests.suite", f"{kind} ({path})")
    for kind, path in re.findall(r" (?:ERROR|CRITICAL) \S+ odoo\.tests\.suite: (?:FAIL|ERROR): (setUpClass|tearDownClass) \((\S+)\)", text)
    if path.startswith("odoo.addons.b2b_customer.")
})
for logger, test in own:
    print(f"  shop test fails: {logger}: {test}")
skipped = re.findall(r"^.* INFO \S+ odoo\.addons\.b2b_customer\.\S+: skipped (.*)$", text, re.M)
for line in skipped:
    print("  shop test skipped:", line)
own_total = len(set(re.findall(r" odoo\.addons\.b2b_customer\.(\S+): Starting (\S+) \.\.\.", text)))
print(f"module's shop tests: {own_total} run, {len(own)} failing, {len(skipped)} skipped")
extra = 0
if broken != "0":
    print("The run did not complete (see the log).")
    extra = 1
elif suite_total < plain_total * 0.9:
    print("Fewer website_sale tests ran with the module than without it (see the log).")
    extra = 1
elif own_total == 0:
    print("No shop test of the module ran (see the log).")
    extra = 1
failed = len(new) + len(own) + len(skipped) + extra
passed = max(suite_total - len(suite) + own_total - len(own) - len(skipped), 0)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
PY
