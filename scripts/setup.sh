#!/usr/bin/env bash
# Prepare this machine to run b2b_customer: PostgreSQL, Chromium, Odoo 19 and
# the project's Python tools. Idempotent: a second run only checks.
# Writes .env.mk (for make) and .env.sh (for scripts) with the resolved paths.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$ROOT"
PYTHON="${PYTHON:-python3}"
log() { printf '[setup] %s\n' "$*" >&2; }

as_root() {
    if [ "$(id -u)" = 0 ]; then "$@"; elif command -v sudo >/dev/null; then sudo "$@"; else
        log "need root for: $*"; return 1; fi
}

# --- system packages --------------------------------------------------------
missing=()
command -v pg_ctlcluster >/dev/null 2>&1 || command -v pg_ctl >/dev/null 2>&1 || missing+=(postgresql)
command -v psql >/dev/null 2>&1 || missing+=(postgresql-client)
command -v chromium >/dev/null 2>&1 || command -v google-chrome >/dev/null 2>&1 || missing+=(chromium)
[ -e /usr/include/postgresql/libpq-fe.h ] || missing+=(libpq-dev)
[ -e /usr/include/ldap.h ] || missing+=(libldap2-dev libsasl2-dev)
# Odoo prints the signed quotation (and invoices) to PDF with it
command -v wkhtmltopdf >/dev/null 2>&1 || missing+=(wkhtmltopdf)
if [ ${#missing[@]} -gt 0 ]; then
    log "installing ${missing[*]}"
    as_root env DEBIAN_FRONTEND=noninteractive apt-get update -qq
    as_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "${missing[@]}" >/dev/null
fi

# --- PostgreSQL -------------------------------------------------------------
if ! pg_isready -q 2>/dev/null; then
    log "starting PostgreSQL"
    if command -v pg_lsclusters >/dev/null 2>&1; then
        read -r ver name _ < <(pg_lsclusters -h | head -n1)
        as_root pg_ctlcluster "$ver" "$name" start || true
    else
        as_root service postgresql start || true
    fi
    for _ in $(seq 1 30); do pg_isready -q && break; sleep 1; done
fi
me="$(id -un)"
if ! psql -d postgres -tAc "select 1" >/dev/null 2>&1; then
    log "creating PostgreSQL role $me"
    if [ "$(id -u)" = 0 ]; then
        runuser -u postgres -- createuser -s "$me" 2>/dev/null || true
    else
        sudo -u postgres createuser -s "$me" 2>/dev/null || true
    fi
fi

# --- Odoo 19 ----------------------------------------------------------------
odoo_src=""
if [ -n "${ODOO_SRC:-}" ]; then
    [ -e "$ODOO_SRC/odoo-bin" ] || { echo "ODOO_SRC=$ODOO_SRC has no odoo-bin" >&2; exit 1; }
    odoo_src="$(cd "$ODOO_SRC" && pwd)"
elif src=$("$PYTHON" - 2>/dev/null <<'PY'
import os, odoo.release as r
assert r.version_info[0] == 19, r.version
import odoo
path = list(odoo.__path__)[0]
print(os.path.dirname(os.path.abspath(path)))
PY
); then
    odoo_src="$src"
elif [ -e "$ROOT/.odoo/odoo-bin" ]; then
    odoo_src="$ROOT/.odoo"
else
    log "downloading the official Odoo 19.0 source"
    url="https://nightly.odoo.com/19.0/nightly/src/odoo_19.0.latest.tar.gz"
    tmp="$(mktemp -d)"
    if curl -fsSL --max-time 600 "$url" -o "$tmp/odoo.tar.gz" 2>/dev/null; then
        mkdir -p "$ROOT/.odoo"
        tar -xzf "$tmp/odoo.tar.gz" -C "$ROOT/.odoo" --strip-components=1
        odoo_src="$ROOT/.odoo"
    else
        echo "Odoo 19.0 not found: set ODOO_SRC=/path/to/odoo-19-source or make 'import odoo' work in $PYTHON." >&2
        exit 1
    fi
    rm -rf "$tmp"
fi

if [ -e "$odoo_src/odoo-bin" ]; then
    odoo_bin="$PYTHON $odoo_src/odoo-bin"
else
    odoo_bin="$PYTHON -m odoo"
fi

# Odoo's own Python requirements, only when something is missing
if ! PYTHONPATH="$odoo_src${PYTHONPATH:+:$PYTHONPATH}" "$PYTHON" - >/dev/null 2>&1 <<'PY'
import babel, lxml, psycopg2, werkzeug, PyPDF2, reportlab, passlib, stdnum, zeep, cbor2, docutils, rjsmin, geoip2
PY
then
    log "installing Odoo's Python requirements"
    req="$(mktemp)"
    sed -e 's/^cbor2==5\.4\.2.*/cbor2==5.6.5/' "$odoo_src/requirements.txt" > "$req"
    "$PYTHON" -m pip install -q -r "$req"
    rm -f "$req"
fi
# make the source importable (for pytest-odoo, bench, shell) when it is not yet
if ! "$PYTHON" -c "import odoo.release" >/dev/null 2>&1; then
    site="$("$PYTHON" -c 'import site; print(site.getsitepackages()[0])')"
    echo "$odoo_src" > "$site/odoo19-src.pth"
fi

# The project's own test and lint tools
tools=()
"$PYTHON" -c "import websocket" 2>/dev/null || tools+=(websocket-client)
"$PYTHON" -c "import freezegun" 2>/dev/null || tools+=(freezegun)
# the module's own external dependency (phone_validation's formatting)
"$PYTHON" -c "import phonenumbers" 2>/dev/null || tools+=(phonenumbers)
"$PYTHON" -c "import pytest_odoo" 2>/dev/null || tools+=(pytest-odoo)
command -v pre-commit >/dev/null 2>&1 || tools+=(pre-commit)
if [ ${#tools[@]} -gt 0 ]; then
    log "installing ${tools[*]}"
    "$PYTHON" -m pip install -q "${tools[@]}"
fi

# --- expose the module under its technical name ------------------------------
# A folder outside the checkout holds a "b2b_customer" link to it, whatever the
# checkout is called (a link inside the checkout would make Odoo's file walkers
# loop through it).
addons_dir="${B2B_ADDONS_DIR:-${XDG_CACHE_HOME:-$HOME/.cache}/b2b_customer/$(printf '%s' "$ROOT" | md5sum | cut -c1-10)}"
mkdir -p "$addons_dir"
# (left alone when it is right: CI runs jobs side by side, and a link being
# replaced is briefly missing for the Odoo processes reading through it)
[ "$(readlink "$addons_dir/b2b_customer" 2>/dev/null)" = "$ROOT" ] || ln -sfn "$ROOT" "$addons_dir/b2b_customer"
rm -rf "$ROOT/.addons"
addons="$odoo_src/addons,$odoo_src/odoo/addons,$addons_dir"

# written aside and moved into place: a job running beside this one reads
# either the old file or the new one, never half of one
cat > "$ROOT/.env.sh.$$" <<ENV
ODOO_SRC="$odoo_src"
ODOO_BIN="$odoo_bin"
ADDONS_PATH="$addons"
B2B_MODULE_LINK="$addons_dir/b2b_customer"
ENV
mv -f "$ROOT/.env.sh.$$" "$ROOT/.env.sh"
cat > "$ROOT/.env.mk.$$" <<ENV
ODOO_SRC := $odoo_src
ODOO_BIN := $odoo_bin
ADDONS_PATH := $addons
B2B_MODULE_LINK := $addons_dir/b2b_customer
ENV
mv -f "$ROOT/.env.mk.$$" "$ROOT/.env.mk"
log "Odoo: $odoo_src"
