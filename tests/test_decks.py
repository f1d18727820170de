"""Anki decks (glose/render/decks.py): one per article and one for the glossary, what their
cards hold, and the same bytes for the same sources whatever the clock says."""

from __future__ import annotations

import io
import json
import sqlite3
import zipfile

import pytest

from glose.model import Term
from glose.render import decks
from support import ARTICLE, TERM_OTAN, generate, write_project

HOSTILE = Term("x", "glossary/x.md", "<b>X</b> & Y", "Un <script>alert(1)</script> résumé.", "Déf.", 1,
               english="<i>X</i>")


def collection(apkg: bytes) -> sqlite3.Connection:
    """The deck's Anki collection (SQLite), opened in memory."""
    with zipfile.ZipFile(io.BytesIO(apkg)) as archive:
        assert archive.namelist() == ["collection.anki2", "media"]
        assert {info.date_time for info in archive.infolist()} == {(1980, 1, 1, 0, 0, 0)}
        data = archive.read("collection.anki2")
    connection = sqlite3.connect(":memory:")
    connection.deserialize(data)
    return connection


def notes(apkg: bytes) -> list[list[str]]:
    rows = collection(apkg).execute("SELECT flds FROM notes ORDER BY id").fetchall()
    return [row[0].split("\x1f") for row in rows]


def deck_names(apkg: bytes) -> list[str]:
    decks_json = json.loads(collection(apkg).execute("SELECT decks FROM col").fetchone()[0])
    return sorted(d["name"] for d in decks_json.values())


def test_cards_hold_the_term_then_its_english_and_summary_escaped():
    apkg = decks.deck("Glose", "Vocabulaire : Un :: titre", "articles/a-vocabulaire.apkg", [HOSTILE])
    assert notes(apkg) == [["&lt;b&gt;X&lt;/b&gt; &amp; Y", "&lt;i&gt;X&lt;/i&gt;",
                            "Un &lt;script&gt;alert(1)&lt;/script&gt; résumé."]]
    assert "Glose::Vocabulaire : Un : titre" in deck_names(apkg)  # "::" would make a sub-deck


def test_same_sources_same_bytes_whatever_the_clock(monkeypatch):
    import time

    first = decks.deck("Glose", "Glossaire", "glossary/glossaire.apkg", [HOSTILE])
    monkeypatch.setattr(time, "time", lambda: 2_000_000_000.0)
    decks._empty_collection.cache_clear()
    assert decks.deck("Glose", "Glossaire", "glossary/glossaire.apkg", [HOSTILE]) == first


def test_an_entry_is_one_note_in_every_deck_of_a_site():
    """The same guid in the article's deck and the glossary's: Anki updates the note it has."""
    def guids(apkg):
        return collection(apkg).execute("SELECT guid FROM notes").fetchall()

    one = decks.deck("Glose", "A", "articles/a-vocabulaire.apkg", [HOSTILE])
    other = decks.deck("Glose", "B", "glossary/glossaire.apkg", [HOSTILE])
    elsewhere = decks.deck("Autre site", "B", "glossary/glossaire.apkg", [HOSTILE])
    assert guids(one) == guids(other) != guids(elsewhere)


@pytest.fixture()
def pages(tmp_path):
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nRien.\n"},
                         glossary={"otan.md": TERM_OTAN})
    _, generated = generate(root)
    return {p.path: p.content for p in generated}


def test_a_deck_per_article_and_one_for_the_glossary(pages):
    assert notes(pages["articles/a-vocabulaire.apkg"])[0][0] == "Otan"
    assert deck_names(pages["articles/a-vocabulaire.apkg"]) == ["Default", "Glose::Vocabulaire : Un article"]
    assert notes(pages["articles/b-vocabulaire.apkg"]) == []
    assert [n[0] for n in notes(pages["glossary/glossaire.apkg"])] == ["Otan"]
    assert 'href="a-vocabulaire.apkg"' in pages["articles/a.md"].decode()
    assert 'href="glossaire.apkg"' in pages["glossary/index.md"].decode()
