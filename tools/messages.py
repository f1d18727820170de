"""Keep the French catalog in step with the code: `python tools/messages.py` (Babel, the
`test` extra, installs it).

1. extract every message marked in glose/ and build.py (`_`, `ngettext`, `N_`), and those of
   Python's argparse that build.py's command line shows ("usage:", "error:", ...);
2. update glose/locale/fr/LC_MESSAGES/glose.po from them: new messages come in untranslated
   (or "fuzzy", guessed from a close old one), messages gone from the code leave;
3. compile glose.po into glose.mo beside it, which is what Glose reads at run time.

Then translate what is new or fuzzy in glose.po (a fuzzy entry is a guess: check it, then
delete its `#, fuzzy` line) and run this again. tests/test_i18n.py fails until every message
has its translation and glose.mo is the compiled glose.po. The same can be done with
`pybabel extract/update/compile`; this script adds argparse's messages and keeps one
command to remember.
"""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from babel.messages.catalog import Catalog
from babel.messages.extract import extract_from_dir, extract_from_file
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po, write_po

REPO = Path(__file__).resolve().parent.parent
PO = REPO / "glose" / "locale" / "fr" / "LC_MESSAGES" / "glose.po"
MO = PO.with_suffix(".mo")
KEYWORDS = {"_": None, "N_": None, "ngettext": (1, 2)}
"""The functions that mark a message (glose/i18n.py; argparse uses `_` and `ngettext` too)."""


def template() -> Catalog:
    """Every message of the code, as a catalog without translations."""
    catalog = Catalog(project="Glose", domain="glose")
    options = {"method_map": [("**.py", "python")], "keywords": KEYWORDS, "comment_tags": ("TRANSLATORS:",)}
    for filename, lineno, message, comments, _context in extract_from_dir(str(REPO / "glose"), **options):
        _add(catalog, message, ("glose/" + filename, lineno), comments)
    for source, path in (("build.py", REPO / "build.py"), ("argparse.py", Path(argparse.__file__))):
        for lineno, message, comments, _context in extract_from_file("python", str(path), KEYWORDS, ("TRANSLATORS:",)):
            _add(catalog, message, (source, lineno), comments)
    return catalog


def _add(catalog: Catalog, message, location, comments) -> None:
    """Add one extracted message (a plural comes as a tuple) at one place of the code."""
    if message in ("", ("", "")) or (isinstance(message, tuple) and not message[0]):
        return
    existing = catalog.get(message[0] if isinstance(message, tuple) else message)
    if existing is not None:
        existing.locations.append(location)
    else:
        catalog.add(message, locations=[location], auto_comments=comments)


def read_french() -> Catalog:
    """The French catalog as committed."""
    with PO.open("rb") as handle:
        return read_po(handle, locale="fr", domain="glose")


def main() -> int:
    """Update glose.po from the code, then compile glose.mo; say what is left to translate."""
    catalog = read_french() if PO.exists() else Catalog(locale="fr", domain="glose", project="Glose")
    code = template()
    code.creation_date = catalog.creation_date  # no new date in glose.po when nothing changed
    catalog.update(code, update_header_comment=False)
    with PO.open("wb") as handle:
        write_po(handle, catalog, width=100, ignore_obsolete=True, include_previous=True,
                 include_lineno=False)  # file names only: moving code does not touch glose.po
    with MO.open("wb") as handle:
        write_mo(handle, catalog, use_fuzzy=False)
    todo = [m for m in catalog if m.id and (m.fuzzy or not _translated(m))]
    for message in todo:
        print(f"{PO.relative_to(REPO)}: {'fuzzy' if message.fuzzy else 'to translate'}: {message.id!r}")
    print(f"{len(catalog) - 1} messages, {len(todo)} to translate or check", file=sys.stderr)
    return 0


def _translated(message) -> bool:
    return all(message.string) if isinstance(message.string, (tuple, list)) else bool(message.string)


if __name__ == "__main__":
    sys.exit(main())
