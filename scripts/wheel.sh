#!/usr/bin/env bash
# Build the addon's wheel (whool) from the last commit into DIR (default dist):
# `git archive` exports the addon without the tooling that .gitattributes marks
# export-ignore, and whool packs the export.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
OUT="$(cd "$ROOT" && mkdir -p "${1:-dist}" && cd "${1:-dist}" && pwd)"
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
git -C "$ROOT" archive HEAD --prefix=b2b_customer/ | tar -x -C "$tmp"
python3 -m pip wheel -q --no-deps -w "$OUT" "$tmp/b2b_customer"
