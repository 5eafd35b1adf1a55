"""Print a checksum of the Odoo code a plain run depends on (make test-core).

Usage: python3 scripts/odoo_fingerprint.py MODULE[,MODULE...]

The checksum covers Odoo's core package (odoo/, without its addons) and every
addon in the dependency closure of the given modules (their manifests'
`depends`, recursively), file by file, and the module list itself: a plain
run's result only changes when one of them does. ODOO_SRC is Odoo's source.
"""

import ast
import hashlib
import os
import sys
from pathlib import Path

SRC = Path(os.environ["ODOO_SRC"])
ADDONS = [SRC / "addons", SRC / "odoo" / "addons"]


def addon_dir(name):
    for root in ADDONS:
        if (root / name / "__manifest__.py").exists():
            return root / name
    raise SystemExit(f"addon {name} not found under {SRC}")


def closure(names):
    seen, todo = {}, list(names)
    while todo:
        name = todo.pop()
        if name in seen:
            continue
        path = addon_dir(name)
        seen[name] = path
        manifest = ast.literal_eval(
            (path / "__manifest__.py").read_text(encoding="utf-8")
        )
        todo.extend(manifest.get("depends", []) or ["base"] * (name != "base"))
    return seen


def files(root, skip=()):
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames[:] = sorted(
            d for d in dirnames if d != "__pycache__" and Path(dirpath, d) not in skip
        )
        for filename in sorted(filenames):
            if not filename.endswith(".pyc"):
                yield Path(dirpath, filename)


def main():
    modules = sorted({m for m in sys.argv[1].split(",") if m})
    digest = hashlib.sha256(",".join(modules).encode())
    paths = list(files(SRC / "odoo", skip={SRC / "odoo" / "addons"}))
    for _name, path in sorted(closure(modules).items()):
        paths.extend(files(path))
    for path in paths:
        digest.update(str(path.relative_to(SRC)).encode() + b"\0" + path.read_bytes())
    print(digest.hexdigest()[:16])


if __name__ == "__main__":
    main()
