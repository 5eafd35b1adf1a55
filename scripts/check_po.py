"""Fail when a translation of de, nl or fr has an empty or fuzzy entry.

Every entry is translated, the same word where it stays the same ("B2B"), so
that a forgotten entry cannot hide among them. Run by ``make lint``;
``--list`` prints each flagged entry.

    python3 scripts/check_po.py [--list] [i18n/de.po ...]
"""

import sys
from pathlib import Path

import polib

ROOT = Path(__file__).resolve().parent.parent
LANGUAGES = ("de", "nl", "fr")


def flagged(path):
    """The entries of the .po file at ``path`` that are empty or fuzzy."""
    entries = []
    for entry in polib.pofile(str(path)):
        if entry.obsolete:
            continue
        if entry.msgid_plural:
            empty = not all(entry.msgstr_plural.values())
        else:
            empty = not entry.msgstr
        if empty or entry.fuzzy:
            entries.append((entry, "fuzzy" if entry.fuzzy else "empty"))
    return entries


def main(args):
    show = "--list" in args
    paths = [Path(a) for a in args if a != "--list"] or [
        ROOT / "i18n" / f"{lang}.po" for lang in LANGUAGES
    ]
    total = 0
    for path in paths:
        entries = flagged(path)
        total += len(entries)
        print(f"{path.name}: {len(entries)} empty or fuzzy entries")
        if show:
            for entry, why in entries:
                where = entry.occurrences[0][0] if entry.occurrences else ""
                print(f"  {why}: {entry.msgid[:70]!r} ({where})")
    return 1 if total else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
