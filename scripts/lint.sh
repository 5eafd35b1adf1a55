#!/usr/bin/env bash
# Run the pre-commit checks on the whole tree (as CI does).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
command -v pre-commit >/dev/null 2>&1 || python3 -m pip install -q pre-commit
if [ ! -x node_modules/.bin/prettier ]; then
    npm install --no-save --no-audit --no-fund --silent prettier@3.5.3 @prettier/plugin-xml@3.4.1
fi
status=0
pre-commit run --all-files --show-diff-on-failure || status=1
# every entry of de, nl and fr translated, none fuzzy
python3 scripts/check_po.py || status=1
# the wheel ships the addon only
bash scripts/check_wheel.sh || status=1
exit $status
