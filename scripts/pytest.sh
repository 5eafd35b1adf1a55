#!/usr/bin/env bash
# Quick local loop with pytest-odoo on an existing database (created with the
# module installed when missing). Usage: scripts/pytest.sh DB [pytest args]
#   make pytest ARGS="-k signup"            model tests
#   make pytest ARGS="--odoo-http -k portal" HttpCase tests too
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${1:-b2b_pytest}"
shift || true
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
if ! psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    # shellcheck disable=SC2086
    $ODOO_BIN -d "$DB" --addons-path="$ADDONS_PATH" -i b2b_customer --stop-after-init --log-level=warn
fi
mkdir -p "$ROOT/.logs"
cat > "$ROOT/.logs/pytest-odoo.conf" <<CONF
[options]
addons_path = $ADDONS_PATH
db_name = $DB
CONF
if [ "$(basename "$ROOT")" != "b2b_customer" ]; then
    echo "pytest-odoo names the module after its folder: clone this repository into a folder named b2b_customer (make test works from any folder)." >&2
    exit 1
fi
exec python3 -m pytest --odoo-config="$ROOT/.logs/pytest-odoo.conf" --odoo-database="$DB" tests "$@"
