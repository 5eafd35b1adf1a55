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
echo "Odoo's suites ($TAGS) on plain Odoo with the module's dependencies installed first (log: .logs/test-core-plain.log)"
dropdb --if-exists b2b_core_plain >/dev/null 2>&1 || true
if ! odoo b2b_core_plain -i "$DEPENDS" --log-level=warn \
    >"$ROOT/.logs/test-core-plain-install.log" 2>&1; then
    echo "Installing $DEPENDS failed: see .logs/test-core-plain-install.log"
    exit 1
fi
odoo b2b_core_plain -u "$MODULES" --test-enable --test-tags "$TAGS" --log-level=test \
    >"$ROOT/.logs/test-core-plain.log" 2>&1

echo "The same suites with b2b_customer installed first (log: .logs/test-core-module.log)"
dropdb --if-exists b2b_core_module >/dev/null 2>&1 || true
if ! odoo b2b_core_module -i b2b_customer --log-level=warn \
    >"$ROOT/.logs/test-core-install.log" 2>&1; then
    echo "Installing b2b_customer failed: see .logs/test-core-install.log"
    exit 1
fi
odoo b2b_core_module -u "$MODULES" --test-enable --test-tags "$TAGS" --log-level=test \
    >"$ROOT/.logs/test-core-module.log" 2>&1

python3 - "$ROOT/.logs/test-core-plain.log" "$ROOT/.logs/test-core-module.log" <<'PY'
import re, sys

def failures(path):
    text = open(path, encoding="utf-8", errors="replace").read()
    failed = set(re.findall(r" (?:ERROR|CRITICAL) \S+ (\S+): (?:FAIL|ERROR): (\S+)", text))
    runs = re.findall(r"(\d+) failed, (\d+) error\(s\) of (\d+) tests", text)
    total = sum(int(t) for _, _, t in runs)
    broken = not runs or re.search(r"Failed to load registry|CRITICAL .* Failed to initialize", text)
    return {f"{module}: {test}" for module, test in failed}, total, broken

plain, plain_total, plain_broken = failures(sys.argv[1])
module, module_total, module_broken = failures(sys.argv[2])
print(f"plain Odoo: {plain_total} tests, {len(plain)} failing")
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
