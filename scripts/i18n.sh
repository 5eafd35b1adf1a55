#!/usr/bin/env bash
# Regenerate i18n/b2b_customer.pot from an up-to-date installation and merge it
# into the translations (de, nl, fr).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
bash scripts/setup.sh
# shellcheck disable=SC1091
source "$ROOT/.env.sh"
DB="${I18N_DB:-b2b_i18n}"
command -v msgmerge >/dev/null 2>&1 || {
    echo "[i18n] installing gettext" >&2
    apt-get install -y -qq gettext >/dev/null 2>&1 || sudo apt-get install -y -qq gettext >/dev/null
}
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
# shellcheck disable=SC2086
$ODOO_BIN -d "$DB" --addons-path="$ADDONS_PATH" -i b2b_customer --stop-after-init --log-level=warn
# shellcheck disable=SC2086
$ODOO_BIN --addons-path="$ADDONS_PATH" i18n export -d "$DB" -l pot -o "$ROOT/i18n/b2b_customer.pot" b2b_customer
for po in "$ROOT"/i18n/*.po; do
    [ -e "$po" ] || continue
    msgmerge --quiet --update --no-fuzzy-matching --backup=none "$po" "$ROOT/i18n/b2b_customer.pot"
done
# (OCA's po-pretty-format is not applied: it would empty the translations
# that are the same word as the source, which scripts/check_po.py requires)
dropdb --if-exists "$DB" >/dev/null 2>&1 || true
echo "i18n/b2b_customer.pot regenerated; merged into: $(ls "$ROOT"/i18n/*.po 2>/dev/null | xargs -n1 basename | tr '\n' ' ')"
