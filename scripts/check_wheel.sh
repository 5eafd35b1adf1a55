#!/usr/bin/env bash
# Build the wheel as pip builds it from the checkout (`make wheel`) and fail
# when it ships anything but the addon: the Makefile, scripts/, bench/, .ci/,
# docs/, dot files, pyproject.toml.
# Prints the wheel's files with `-v`.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
out=$(mktemp -d)
trap 'rm -rf "$out"' EXIT
bash "$ROOT/scripts/wheel.sh" "$out"
wheel=$(ls "$out"/odoo_addon_b2b_customer-*.whl)
files=$(python3 - "$wheel" <<'PY'
import sys, zipfile
print("\n".join(zipfile.ZipFile(sys.argv[1]).namelist()))
PY
)
[ "${1:-}" = "-v" ] && echo "$files"
addon="odoo/addons/b2b_customer"
tooling=$(grep -E "^$addon/(Makefile|pyproject\.toml|PKG-INFO|scripts/|bench/|docs/|node_modules/|\.)" <<<"$files" || true)
if [ -n "$tooling" ]; then
    echo "check_wheel: $(basename "$wheel") ships tooling, not only the addon:" >&2
    echo "$tooling" >&2
    exit 1
fi
for required in __manifest__.py __init__.py security/ir.model.access.csv; do
    grep -qx "$addon/$required" <<<"$files" || {
        echo "check_wheel: $required missing from $(basename "$wheel")" >&2
        exit 1
    }
done
echo "check_wheel: $(basename "$wheel"): $(grep -c "^$addon/" <<<"$files") addon files, no tooling"
