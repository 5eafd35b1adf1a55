#!/usr/bin/env bash
# Create (or update) the demo database and serve it.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
DB="${1:-b2b_demo}"
PORT="${2:-8069}"
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
# shellcheck source=scripts/demo_languages.sh
source "$ROOT/scripts/demo_languages.sh"
if psql -d postgres -tAc "SELECT 1 FROM pg_database WHERE datname = '$DB'" | grep -q 1; then
    action=(-u b2b_customer -i payment_demo)
else
    action=(-i b2b_customer,payment_demo --with-demo)
fi
# payment_demo: Odoo's demo payment provider (test mode, no real money), so
# that the demo's quotations can be paid online as a customer would
echo "Preparing database $DB (${action[*]})..."
# shellcheck disable=SC2086
$ODOO_BIN -d "$DB" --db-filter="^$DB\$" --addons-path="$ADDONS_PATH" "${action[@]}" \
    --load-language="$DEMO_LANGUAGES" --stop-after-init --log-level=warn
cat <<MSG

  b2b_customer demo: http://localhost:$PORT
  Back office:  admin / admin
  Portal (login / password):
    buyer-admin / buyer-admin   Erika Muster, administrator of Müller Großhandel GmbH
    buyer-user  / buyer-user    Jonas Becker, user at Müller Großhandel GmbH
    reseller    / reseller      Pieter van Dijk, reseller Van Dijk Distributie B.V.
  Other contacts get a login with "Send Credentials".
  Stop with Ctrl-C.

MSG
# shellcheck disable=SC2086
exec $ODOO_BIN -d "$DB" --db-filter="^$DB\$" --addons-path="$ADDONS_PATH" --http-port="$PORT"
