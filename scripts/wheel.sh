#!/usr/bin/env bash
# Build the addon's wheel into DIR (default dist) as pip builds it from the
# checkout: pyproject.toml's backend (whool, leaving out the tooling that
# .gitattributes marks export-ignore: .packaging/b2b_customer_build.py).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(cd "$ROOT" && mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)"
python3 -m pip wheel -q --no-deps -w "$OUT" "$ROOT"
