"""Anki decks (.apkg, made with genanki): an article's vocabulary, and the whole glossary. One
card per entry: its name on the front, its summary and English name on the back.

Reproducible: the same sources give the same bytes. genanki stamps notes, cards and models with
the time and numbers notes and cards from it, and its zip takes the dates of a temporary file:
here the time is a fixed date, ids follow from the deck's, the collection is built in memory
(from an empty one made once per process: about 2 ms a deck, against 44 ms for genanki's own
write_to_file, which commits to a temporary file on disk; both measured on a busy machine) and
zipped with fixed dates. A deck's id comes from the site's name and the page's, a note's guid
from the site's name and the entry's slug: a student who imports several decks of a site gets
one note per entry, never a second copy.
"""

from __future__ import annotations

import hashlib
import html
import io
import itertools
import sqlite3
import zipfile
from collections.abc import Sequence
from functools import lru_cache

from ..model import Term

STAMP = 1_577_836_800
"""The time written into every deck (2020-01-01 00:00 UTC), in seconds: never the clock's."""
MODEL_ID = 1_600_716_001
"""The id of Glose's note type (genanki asks for a fixed one per type)."""
_ZIP_DATE = (1980, 1, 1, 0, 0, 0)
_CSS = ".card { font-family: sans-serif; font-size: 20px; text-align: center; }\n.anglais { font-style: italic; }"
_BACK = "{{FrontSide}}<hr id=answer>{{Définition}}{{#Anglais}}<p class=anglais>en anglais : {{Anglais}}</p>{{/Anglais}}"


def deck(site_name: str, name: str, key: str, entries: Sequence[Term]) -> bytes:
    """An .apkg file: a deck called `name` (under the site's name) of one card per entry; `key`
    names the deck within the site (a page's path) and makes its id."""
    import genanki  # imported by the render workers only, when a deck is made

    deck_id = _number(f"{site_name}\n{key}", 1 << 30) + (1 << 30)  # genanki's range: [2^30, 2^31)
    made = genanki.Deck(deck_id, f"{_level(site_name)}::{_level(name)}")
    for term in entries:
        made.add_note(genanki.Note(model=_model(), fields=_fields(term), guid=_guid(site_name, term.slug)))
    connection = sqlite3.connect(":memory:")
    try:
        connection.deserialize(_empty_collection())
        ids = itertools.count(STAMP * 1000 + _number(key, 1000) * 1000)
        made.write_to_db(connection.cursor(), STAMP, ids)
        connection.commit()
        collection = connection.serialize()
    finally:
        connection.close()
    return _zipped([("collection.anki2", collection), ("media", b"{}")])


def _fields(term: Term) -> list[str]:
    """Anki fields are HTML: every text is escaped, so it shows as typed."""
    return [html.escape(term.term), html.escape(term.english), html.escape(term.summary)]


def _level(name: str) -> str:
    """A deck name's part: "::" would start a sub-deck."""
    return " ".join(name.replace("::", ": ").split()) or "Glose"


def _number(text: str, below: int) -> int:
    return int.from_bytes(hashlib.sha256(text.encode("utf-8")).digest()[:8], "big") % below


@lru_cache(maxsize=None)
def _guid(site_name: str, slug: str) -> str:
    """An entry's note id for Anki, the same in every deck (computed once per process: an entry
    is in many decks)."""
    import genanki

    return genanki.guid_for(site_name, slug)


@lru_cache(maxsize=1)
def _model():
    import genanki

    return genanki.Model(
        MODEL_ID, "Glose : terme et définition",
        fields=[{"name": "Terme"}, {"name": "Anglais"}, {"name": "Définition"}],
        templates=[{"name": "Carte", "qfmt": "{{Terme}}", "afmt": _BACK}], css=_CSS)


@lru_cache(maxsize=1)
def _empty_collection() -> bytes:
    """An empty Anki collection (genanki's schema), serialised once per process."""
    from genanki.apkg_col import APKG_COL
    from genanki.apkg_schema import APKG_SCHEMA

    connection = sqlite3.connect(":memory:")
    try:
        connection.executescript(APKG_SCHEMA)
        connection.executescript(APKG_COL)
        connection.commit()
        return connection.serialize()
    finally:
        connection.close()


def _zipped(files: list[tuple[str, bytes]]) -> bytes:
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w") as archive:
        for name, data in files:
            info = zipfile.ZipInfo(name, _ZIP_DATE)
            info.compress_type = zipfile.ZIP_DEFLATED
            archive.writestr(info, data, compresslevel=1)  # mostly empty SQLite pages: as small, faster
    return out.getvalue()
