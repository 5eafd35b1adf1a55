#!/usr/bin/env bash
# Upgrade test: install the previous release of the module (with its demo
# data) on a fresh database, record what it holds, update it to this
# checkout with `-u b2b_customer`, and check that nothing was lost and that
# the migrated records (rules, settings, templates) are the new ones.
#
#   UPGRADE_FROM   git revision of the previous release (default: the last
#                  19.0.1.x commit)
#   UPGRADE_DB     database to (re)create (default b2b_upgrade)
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
REF="${UPGRADE_FROM:-3d1a154}"
DB="${UPGRADE_DB:-b2b_upgrade}"
mkdir -p .logs
LOG="$ROOT/.logs/upgrade-$DB.log"
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
mkdir -p "$tmp/addons/b2b_customer"
git archive "$REF" | tar -x -C "$tmp/addons/b2b_customer"
old_addons="$ODOO_SRC/addons,$ODOO_SRC/odoo/addons,$tmp/addons"

dropdb --if-exists "$DB" >/dev/null 2>&1 || true
echo "Installing b2b_customer at $REF with demo data on $DB (log: $LOG)"
# shellcheck disable=SC2086
$ODOO_BIN -d "$DB" --addons-path="$old_addons" -i b2b_customer --with-demo \
    --stop-after-init --log-level=warn >"$LOG" 2>&1
# shellcheck disable=SC2086
UPGRADE_STEP=before UPGRADE_STATE="$tmp/state.json" $ODOO_BIN shell -d "$DB" \
    --addons-path="$old_addons" --log-level=warn <scripts/upgrade_check.py >>"$LOG" 2>&1

echo "Updating $DB to this checkout (-u b2b_customer)"
# shellcheck disable=SC2086
$ODOO_BIN -d "$DB" --addons-path="$ADDONS_PATH" -u b2b_customer \
    --stop-after-init --log-level=warn >>"$LOG" 2>&1
if grep -E " (ERROR|CRITICAL) " "$LOG"; then
    echo "The update logged errors (see $LOG)." >&2
    exit 1
fi
# shellcheck disable=SC2086
UPGRADE_STEP=after UPGRADE_STATE="$tmp/state.json" $ODOO_BIN shell -d "$DB" \
    --addons-path="$ADDONS_PATH" --log-level=warn <scripts/upgrade_check.py 2>&1 \
    | tee -a "$LOG" | grep -E "^(upgrade|FAIL)" || true
grep -q "^upgrade: ok" "$LOG" || { echo "Upgrade check failed (see $LOG)." >&2; exit 1; }
