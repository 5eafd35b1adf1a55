#!/usr/bin/env bash
# Start Odoo with 2 workers and a cron worker; sign up, approve, log in over HTTP.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
export ODOO_BIN ADDONS_PATH
python3 scripts/smoke_workers.py
