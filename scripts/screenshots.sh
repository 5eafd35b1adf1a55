#!/usr/bin/env bash
# Retake the README screenshots (docs/*.png) in headless Chromium.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
export ODOO_BIN ADDONS_PATH
python3 scripts/screenshots.py
