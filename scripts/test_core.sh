#!/usr/bin/env bash
# Odoo's own suites with b2b_customer, compared with the same suites on plain
# Odoo (make test-core).
#
# 1. plain: a fresh database where the module's dependencies (its manifest's
#    `depends`, account included) are installed first, without tests, then
#    the core modules are updated with their tests. What fails here fails
#    without the module (missing demo data, this machine, and what updating
#    a core module under modules that depend on it does to its at-install
#    tests, e.g. account's NOT NULL columns on res_company) and is the
#    baseline.
# 2. module first: the same, with b2b_customer installed first: the core
#    modules' at-install tests run against tables that already carry the
#    module's columns (a NOT NULL column would break them) and under its
#    data (record rules), their post-install tests with its code loaded.
# The run fails when a test fails with the module that passes without it.
#
#   CORE_MODULES  core modules whose suites run (default auth_signup,portal,sale,base_vat)
#   HTTP_PORT     port of the test HTTP server   (default 8078)
set -uo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh || exit 1
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
MODULES="${CORE_MODULES:-auth_signup,portal,sale,base_vat}"
TAGS="$(printf '/%s,' ${MODULES//,/ })"
TAGS="${TAGS%,}"
PORT="${HTTP_PORT:-8078}"
mkdir -p "$ROOT/.logs"

odoo() {
    local db="$1"
    shift
    # shellcheck disable=SC2086
    $ODOO_BIN -d "$db" --db-filter="^$db\$" --addons-path="$ADDONS_PATH" \
        --http-interface=127.0.0.1 --http-port="$PORT" --max-cron-threads=0 \
        --stop-after-init "$@"
}

DEPENDS="$(python3 -c "import ast; print(','.join(ast.literal_eval(open('__manifest__.py').read())['depends']))")"
CACHE_DIR="${XDG_CACHE_HOME:-$HOME/.cache}/b2b_customer"
mkdir -p "$CACHE_DIR"
# (v2: a class whose set-up fails is named in the list)
SUM="v2-$(ODOO_SRC="$ODOO_SRC" python3 scripts/odoo_fingerprint.py "$MODULES,$DEPENDS")"
BASELINE="$CACHE_DIR/core-baseline-$SUM.txt"
PLAIN_LOG="$ROOT/.logs/test-core-plain.log"
if [ ! -s "$BASELINE" ] || [ "${CORE_BASELINE:-}" = refresh ]; then
    echo "Odoo's suites ($TAGS) on plain Odoo with the module's dependencies installed first" \
        "(log: $PLAIN_LOG), cached as $BASELINE"
    dropdb --if-exists b2b_core_plain >/dev/null 2>&1 || true
    if ! odoo b2b_core_plain -i "$DEPENDS" --log-level=warn \
        >"$ROOT/.logs/test-core-plain-install.log" 2>&1; then
        echo "Installing $DEPENDS failed: see .logs/test-core-plain-install.log"
        exit 1
    fi
    odoo b2b_core_plain -u "$MODULES" --test-enable --test-tags "$TAGS" --log-level=test \
        >"$PLAIN_LOG" 2>&1
    # the failing tests and the number of tests: what the comparison reads
    if ! python3 - "$PLAIN_LOG" >"$BASELINE.tmp" <<'PY'
import re, sys
text = open(sys.argv[1], encoding="utf-8", errors="replace").read()
runs = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
if not runs or re.search(r"Failed to load registry|CRITICAL .* Failed to initialize", text):
    sys.exit(1)
for module, test in sorted(set(re.findall(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (\S+(?: \([\w.]+\))?)", text))):
    print(f"{module}: {test}")
print("tests", sum(int(t) for _, _, t in runs))
PY
    then
        rm -f "$BASELINE.tmp"
        echo "The plain run did not complete: see $PLAIN_LOG"
        exit 1
    fi
    mv "$BASELINE.tmp" "$BASELINE"
    dropdb --if-exists b2b_core_plain >/dev/null 2>&1 || true
else
    echo "Plain Odoo's failures of $TAGS: cached in $BASELINE (CORE_BASELINE=refresh recomputes)"
fi

echo "The same suites with b2b_customer installed first (log: .logs/test-core-module.log)"
dropdb --if-exists b2b_core_module >/dev/null 2>&1 || true
if ! odoo b2b_core_module -i b2b_customer --log-level=warn \
    >"$ROOT/.logs/test-core-install.log" 2>&1; then
    echo "Installing b2b_customer failed: see .logs/test-core-install.log"
    exit 1
fi
odoo b2b_core_module -u "$MODULES" --test-enable --test-tags "$TAGS" --log-level=test \
    >"$ROOT/.logs/test-core-module.log" 2>&1

python3 - "$BASELINE" "$ROOT/.logs/test-core-module.log" <<'PY'
import re, sys

def failures(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    failed = set(re.findall(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (\S+(?: \([\w.]+\))?)", text))
    runs = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
    total = sum(int(t) for _, _, t in runs)
    broken = not runs or re.search(r"Failed to load registry|CRITICAL .* Failed to initialize", text)
    return {f"{module}: {test}" for module, test in failed}, total, broken

lines = open(sys.argv[1], encoding="utf-8").read().splitlines()
plain, plain_total, plain_broken = set(lines[:-1]), int(lines[-1].split()[1]), False
module, module_total, module_broken = failures(sys.argv[2])
print(f"plain Odoo: {plain_total} tests, {len(plain)} failing (cached)")
print(f"with b2b_customer installed first: {module_total} tests, {len(module)} failing")
for name in sorted(plain):
    print("  fails on plain Odoo too:", name)
new = sorted(module - plain)
for name in new:
    print("  FAILS ONLY WITH b2b_customer:", name)
if plain_broken or module_broken:
    print("A run did not complete (see the logs).")
    sys.exit(1)
if module_total < plain_total * 0.9:
    print("Fewer tests ran with the module than without it (see the logs).")
    sys.exit(1)
print(f"{module_total - len(module)} passed, {len(new)} failed only with the module")
sys.exit(1 if new else 0)
PY
