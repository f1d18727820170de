"""Tests of glose/site/search_index.py: the prebuilt search index that the site's search worker
reads (words, folding, shard files, section table and texts, page titles, what is left of
search_index.json, and text that must not break the script files)."""

from __future__ import annotations

import json
import pickle
import re
from pathlib import Path

import pytest

from glose.folding import fold_word
from glose.site.search_index import (OPENING, TABLE_ROWS, TEXT_ROWS, SearchIndexError, Section, page_rows, read_sections, script,
                                 shard_key, write_search_shards, words)
from support import REPO, read_search_script

# The separator of the repository's mkdocs.yml, as the search plugin writes it into the index.
SEPARATOR = re.compile(r"""[\s\-'’"«»()\[\]{},;:!?…/]+|\.(?!\d)""")
CONFIG = {"lang": ["fr"], "separator": SEPARATOR.pattern, "pipeline": ["stopWordFilter"],
          "fields": {"title": {"boost": 1000.0}, "text": {"boost": 1.0}, "tags": {"boost": 1000000.0}}}


def test_the_separator_is_the_one_of_mkdocs_yml():
    assert f"separator: '{SEPARATOR.pattern.replace(chr(39), chr(39) * 2)}'" in (REPO / "mkdocs.yml").read_text(encoding="utf-8")


@pytest.mark.parametrize(("word", "folded"), [
    ("Défense", "defense"), ("DÉFENSE", "defense"), ("defense", "defense"),
    ("Œuvre", "oeuvre"), ("cœur", "coeur"), ("Ærø", "aero"), ("Straße", "strasse"),
    ("Łódź", "lodz"), ("İstanbul", "istanbul"), ("ΟΔΟΣ", "οδοσ"), ("Столтенберг", "столтенберг"),
    ("e\u0301le\u0300ve", "eleve"),  # decomposed accents
    ("ﬁn", "fin"), ("1ᵉʳ", "1er"),  # compatibility forms (NFKD): what a reader types finds them
    ("", ""),
])
def test_fold_word(word, folded):
    assert fold_word(word) == folded


@pytest.mark.parametrize(("text", "expected"), [
    ("L'Otan", ["l", "otan"]),
    ("l’Alliance, d'Interfax-Ukraine", ["l", "alliance", "d", "interfax", "ukraine"]),
    ("Force de réaction (VJTF).", ["force", "de", "reaction", "vjtf"]),
    ("«Défense» — 4.5 % en 2022.", ["defense", "4.5", "en", "2022"]),  # — and % alone: no word
    ("L'article 4, §3 : *gras* c++ a&b", ["l", "article", "4", "3", "gras", "c", "a&b"]),
    ("ÉTATS-UNIS\u00a0et\u202fœuvres", ["etats", "unis", "et", "oeuvres"]),
    ("", []),
])
def test_words(text, expected):
    assert words(text, SEPARATOR) == expected


def test_words_ignore_what_a_separator_group_captures():
    assert words("a1b2c", re.compile(r"(\d)")) == ["a", "b", "c"]


@pytest.mark.parametrize(("word", "key"), [
    ("otan", "6f74"), ("o", "6f"), ("reaction", "7265"), ("4.5", "342e"), ("пр", "d0bfd180"),
])
def test_shard_key_is_the_first_two_characters_in_hex(word, key):
    assert shard_key(word) == key


def _site(tmp_path: Path, docs: list[dict], config: dict = CONFIG, js: bool = True) -> Path:
    """A site folder holding only search/search_index.json (and .js, as the offline plugin)."""
    folder = tmp_path / "site" / "search"
    folder.mkdir(parents=True)
    text = json.dumps({"config": config, "docs": docs})
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if js:
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
    return tmp_path / "site"


def _shards(site: Path) -> dict[str, dict[str, dict[int, int]]]:
    """Shard key -> word -> {section: value}, read back from the files."""
    found = {}
    for path in sorted((site / "search" / "shards").glob("*.js")):
        function, key, data = read_search_script(path)
        assert (function, f"{key}.js") == ("shard", path.name)
        found[key] = {}
        for word, flat in data.items():
            sections, number = {}, 0
            for gap, value in zip(flat[0::2], flat[1::2]):
                number += gap
                sections[number] = value
            found[key][word] = sections
    return found


def _rows(site: Path, folder: str) -> list:
    rows = []
    for n in range(len(list((site / "search" / folder).glob("*.js")))):
        function, key, data = read_search_script(site / "search" / folder / f"{n}.js")
        assert (function, key) == (folder, n)
        rows += data
    return rows


DOCS = [
    {"location": "index.html", "title": "Glose", "text": "<p>Un corpus annoté.</p>"},
    {"location": "articles/a.html", "title": "L&#39;Otan et la défense",
     "text": "<p>La <strong>défense</strong> de l'Otan.</p> <p>Défense, défenses.</p>"},
    {"location": "articles/a.html#suite", "title": "Suite", "text": "<p>L'Otan encore.</p>"},
    {"location": "articles/b.html", "title": "Sans texte", "text": ""},
]


def test_shards_hold_every_word_with_its_sections_and_counts(tmp_path):
    site = _site(tmp_path, DOCS)
    write_search_shards(site)
    shards = _shards(site)
    # 2 x count in the text + 1 when the word is also in the title.
    assert shards["6465"]["defense"] == {1: 2 * 2 + 1}
    assert shards["6465"]["defenses"] == {1: 2}
    assert shards["6f74"]["otan"] == {1: 2 * 1 + 1, 2: 2}
    assert shards["6c"]["l"] == {1: 2 * 1 + 1, 2: 2}
    assert shards["7465"]["texte"] == {3: 1}
    assert shards["616e"]["annote"] == {0: 2}
    assert all(shard_key(word) == key for key, shard in shards.items() for word in shard)
    every_word = {w for s in read_sections(DOCS) for w in words(f"{s.title} {s.text}", SEPARATOR)}
    assert {w for shard in shards.values() for w in shard} == every_word


def test_table_and_texts(tmp_path):
    long_text = " ".join(["mot"] * 100)
    site = _site(tmp_path, [*DOCS, {"location": "articles/c.html", "title": "Long", "text": f"<p>{long_text}</p>"}])
    write_search_shards(site)
    table = _rows(site, "table")
    assert table[:4] == [
        ["index.html", "Glose", "Un corpus annoté."],
        ["articles/a.html", "L'Otan et la défense", "La défense de l'Otan. Défense, défenses."],
        ["articles/a.html#suite", "Suite", "L'Otan encore."],
        ["articles/b.html", "Sans texte", ""],
    ]
    opening = table[4][2]
    assert opening.endswith(" …") and len(opening) <= OPENING + 2 and long_text.startswith(opening[:-2])
    assert _rows(site, "text")[4] == long_text


def _pages(site: Path) -> list:
    function, key, rows = read_search_script(site / "search" / "pages.js")
    assert (function, key) == ("pages", 0)
    return rows


def test_pages_hold_the_location_and_title_of_every_page_in_order(tmp_path):
    """search/pages.js: one row per page, [location, title], the n-th row being the page that
    starts at the n-th place of config.glose.pages (the worker lists pages by that number)."""
    docs = [*DOCS, {"location": "articles/b.html#s", "title": "Une section", "text": "<p>Texte.</p>"},
            {"location": "articles/c.html", "title": "C &amp; D, «\u00a0l’Otan\u00a0»", "text": ""}]
    site = _site(tmp_path, docs)
    write_search_shards(site)
    assert _pages(site) == [["index.html", "Glose"], ["articles/a.html", "L'Otan et la défense"],
                            ["articles/b.html", "Sans texte"], ["articles/c.html", "C & D, « l’Otan »"]]
    gaps = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["glose"]["pages"]
    starts = [sum(gaps[:n + 1]) for n in range(len(gaps))]
    table = _rows(site, "table")
    assert [table[n][:2] for n in starts] == _pages(site)
    assert len(starts) == len({row[0].split("#")[0] for row in table})


def test_pages_of_an_empty_index(tmp_path):
    site = _site(tmp_path, [])
    write_search_shards(site)
    assert _pages(site) == []
    assert (site / "search" / "pages.js").read_text(encoding="utf-8") == "GloseSearch.pages(0,[]);\n"


def test_search_index_keeps_the_config_and_no_documents(tmp_path):
    site = _site(tmp_path, DOCS)
    write_search_shards(site)
    index = json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))
    assert index["docs"] == []
    glose = index["config"].pop("glose")
    assert index["config"] == CONFIG
    assert glose == {"shards": sorted(_shards(site)), "words": sorted(p.stem for p in (site / "search" / "words").glob("*.js")),
                     "pages": [0, 1, 2], "sections": 4,
                     "table_rows": TABLE_ROWS, "text_rows": TEXT_ROWS}  # the worker reads its row sizes here
    script = (site / "search" / "search_index.js").read_text(encoding="utf-8")
    assert script.startswith("var __index = ") and json.loads(script[len("var __index = "):]) == index | {
        "config": {**CONFIG, "glose": glose}}


def test_search_index_js_only_when_the_offline_plugin_wrote_it(tmp_path):
    site = _site(tmp_path, DOCS, js=False)
    write_search_shards(site)
    assert not (site / "search" / "search_index.js").exists()


def test_sections_are_put_right_after_their_page(tmp_path):
    docs = [{"location": "a.html", "title": "A", "text": ""}, {"location": "b.html", "title": "B", "text": ""},
            {"location": "a.html#x", "title": "X", "text": ""}]
    assert [s.location for s in read_sections(docs)] == ["a.html", "a.html#x", "b.html"]
    site = _site(tmp_path, docs)
    write_search_shards(site)
    assert json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]["glose"]["pages"] == [0, 2]
    assert _pages(site) == [["a.html", "A"], ["b.html", "B"]]


HOSTILE = "</script><script>alert(1)</script> <img src=x onerror=alert(2)> \u2028ligne\u2029 \" \\ ' &amp; é"
HOSTILE_TITLE = "</SCRIPT>\u2028</script\u2029<!-- \" \\"


def test_hostile_text_stays_text_in_the_script_files(tmp_path):
    """Titles and texts arrive HTML-escaped; the files hold them as plain text in JSON strings,
    with no `<` and no line separator that could end a script or a JavaScript line."""
    import html

    escaped = html.escape(HOSTILE)
    site = _site(tmp_path, [{"location": "h.html", "title": escaped, "text": f"<p>{escaped}</p>"},
                            {"location": "t.html", "title": html.escape(HOSTILE_TITLE), "text": ""}])
    write_search_shards(site)
    scripts = [*(site / "search").glob("*/*.js"), site / "search" / "pages.js"]
    assert {path.parent.name for path in scripts} == {"shards", "table", "text", "words", "search"}
    for path in scripts:
        source = path.read_text(encoding="utf-8")
        assert "<" not in source and "\u2028" not in source and "\u2029" not in source, path
        assert source.count("\n") == 1, path
    plain = " ".join(HOSTILE.split())
    title = "</SCRIPT> </script <!-- \" \\"  # line separators are whitespace, collapsed as any
    assert _rows(site, "table") == [["h.html", plain, plain], ["t.html", title, ""]]
    assert _rows(site, "text") == [plain, ""]
    assert _pages(site) == [["h.html", plain], ["t.html", title]]
    assert "\\u003c/SCRIPT>" in (site / "search" / "pages.js").read_text(encoding="utf-8")
    assert "script" in _shards(site)["7363"]


def test_pages_js_escapes_what_would_end_a_script_or_a_line():
    """Whatever reaches a page row (a location, a title that kept a line separator) is written
    so that it cannot end the <script> it loads in, nor break its line, and reads back as is."""
    rows = page_rows([Section("p\u2028q.html", "</script>\u2028<!--\u2029x", ""), Section("p\u2028q.html#s", "S", "")])
    assert rows == [["p\u2028q.html", "</script>\u2028<!--\u2029x"]]
    source = script("pages", 0, rows)
    assert source == ('GloseSearch.pages(0,[["p\\u2028q.html","\\u003c/script>\\u2028\\u003c!--\\u2029x"]]);\n')
    assert json.loads(source[len("GloseSearch.pages(0,"):-3]) == rows


def test_no_search_index_no_files(tmp_path):
    write_search_shards(tmp_path)
    assert list(tmp_path.iterdir()) == []


def test_a_separator_python_cannot_read_is_reported(tmp_path):
    site = _site(tmp_path, DOCS, config={**CONFIG, "separator": r"[\p{Z}]+"})
    with pytest.raises(SearchIndexError, match=r"plugins\.search\.separator '\[\\\\p\{Z\}\]\+' is not a regular "
                                                r"expression Python can read \(.*\); write it with the syntax"):
        write_search_shards(site)


def test_a_build_whose_separator_python_cannot_read_changes_nothing(make_project, tmp_path, run_cli, snapshot):
    """The shards are written in the staging folder: when they cannot be, the build fails
    with one line naming the setting, and docs/ and site/ stay as they were."""
    from support import ARTICLE, TERM_OTAN

    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    code, err = run_cli(root, "--quiet")
    assert code == 0, err
    before = {name: snapshot(root / name) for name in ("docs", "site")}
    config = root / "mkdocs.yml"
    config.write_text(config.read_text(encoding="utf-8").replace(
        f"separator: '{SEPARATOR.pattern.replace(chr(39), chr(39) * 2)}'", r"separator: '[\s\p]+'"), encoding="utf-8")
    code, err = run_cli(root, "--quiet")
    assert code == 1
    assert r"mkdocs.yml: plugins.search.separator '[\\s\\p]+' is not a regular expression Python can read (bad escape \p at position 3); write it with the syntax JavaScript and Python share" in err
    assert {name: snapshot(root / name) for name in ("docs", "site")} == before


def test_the_index_written_beside_the_engine_is_the_same(tmp_path, monkeypatch):
    """glose/site/__init__.py: with several jobs and many sections, a worker process writes the
    index of Glose's pages while MkDocs builds; the search files must be those written after."""
    import shutil

    from glose import pipeline
    from glose import site
    from test_bench_corpus import load_bench_corpus

    monkeypatch.setattr(site, "INDEX_IN_BACKGROUND", 1)
    load_bench_corpus().make_project(tmp_path / "one", articles=30, terms=20, seed=4)
    shutil.copytree(tmp_path / "one", tmp_path / "two")
    pipeline.build(tmp_path / "one", jobs=1)
    pipeline.build(tmp_path / "two", jobs=2)
    files = lambda root: {p.relative_to(root).as_posix(): p.read_bytes() for p in (root / "site" / "search").rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "one") == files(tmp_path / "two")
    assert not list((tmp_path / "two" / ".glose").glob("stage-*"))


def test_words_to_suggest_say_how_they_are_written_and_how_often(tmp_path):
    """search/words/<first character>.js: the words of three letters or more, each as the text
    writes it (in lower case when the text has it so too: "Défense" at the start of a sentence
    is "défense") and in how many sections, for "Vouliez-vous dire ... ?"."""
    docs = DOCS + [{"location": "articles/c.html", "title": "Otan", "text": "<p>Stoltenberg, Stoltenberg.</p>"}]
    site = _site(tmp_path, docs)
    write_search_shards(site)
    function, key, rows = read_search_script(site / "search" / "words" / "64.js")
    assert (function, key) == ("vocabulary", "64")
    assert rows == [["defense", "défense", 1], ["defenses", "défenses", 1]]
    _, _, rows = read_search_script(site / "search" / "words" / "73.js")
    assert ["stoltenberg", "Stoltenberg", 1] in rows
    assert not (site / "search" / "words" / "6c.js").exists()  # "l": too short to suggest


def test_notes_stay_out_of_the_search(tmp_path):
    """The index is written from the model: an article's notes are not in it (nor in excerpts)."""
    from glose.config import Config
    from glose.render import search_sections
    from support import generate, write_project

    notes = "- quote: se réunit\n  note: Une rivière en crue.\n"
    root = write_project(tmp_path, corpus={"a.txt": "title A\n\nL'Otan se réunit.\n", "a.notes.yml": notes})
    corpus, _ = generate(root)
    assert corpus.articles[0].notes  # the note was read and placed
    text = " ".join(f"{s.title} {s.text}" for s in search_sections(corpus, Config(), True))
    assert "se réunit" in text and "rivière" not in text


def test_a_word_is_suggested_in_lower_case_when_any_section_writes_it_so(tmp_path):
    """Across sections too: "Défense" opens the first section, "défense" is in the last."""
    docs = [{"location": "a.html", "title": "A", "text": "<p>Défense, encore.</p>"},
            {"location": "b.html", "title": "Défense", "text": "<p>Rien.</p>"},
            {"location": "c.html", "title": "C", "text": "<p>La défense.</p>"},
            {"location": "d.html", "title": "D", "text": "<p>Otan, Otan.</p>"}]
    site = _site(tmp_path, docs)
    write_search_shards(site)
    assert ["defense", "défense", 3] in read_search_script(site / "search" / "words" / "64.js")[2]
    assert ["otan", "Otan", 1] in read_search_script(site / "search" / "words" / "6f.js")[2]


def test_sections_already_indexed_are_taken_as_they_are(tmp_path):
    """write_files with what an earlier call made of some sections (the cache's entries) makes
    only the others, and writes the same files."""
    from glose.site.search_index import write_files
    from glose.site.search_words import pack

    sections = read_sections(DOCS)
    _, made, blocks = write_files(tmp_path / "one", sections, SEPARATOR.pattern)
    assert sorted(made) == list(range(len(sections))) and list(blocks) == [0]
    given = [made[n] if n != 1 else None for n in range(len(sections))]
    _, again, again_blocks = write_files(tmp_path / "two", sections, SEPARATOR.pattern, given)
    assert list(again) == [1] and again[1] == made[1] and again_blocks == blocks
    _, none, no_blocks = write_files(tmp_path / "three", sections, SEPARATOR.pattern, [None] * len(sections), [pack(blocks[0])])
    assert none == {} and no_blocks == {}  # a block kept (packed, as the cache keeps it) needs no entry of its sections
    files = lambda folder: {p.relative_to(folder).as_posix(): p.read_bytes() for p in folder.rglob("*") if p.is_file()}  # noqa: E731
    assert files(tmp_path / "one") == files(tmp_path / "two") == files(tmp_path / "three")


def _postings_section_by_section(entries, written_as):
    """The index's postings as they were made before blocks (one section after the other): the
    reference that blocks must give again."""
    from array import array

    found, capitalised = {}, set()
    for number, (joined, values, spellings) in enumerate(entries):
        if not joined:
            continue
        listed = joined.split("\0")
        numbers = array("B" if len(values) == len(listed) else "I")
        numbers.frombytes(values)
        items = iter(spellings.split("\0")) if spellings else iter(())
        spelled = dict(zip(items, items))
        for word, value in zip(listed, numbers):
            entry = found.get(word)
            if entry is None:
                found[word] = [number, number, value]
                if word in spelled:
                    written_as[word] = spelled[word]
                    if not spelled[word].islower():
                        capitalised.add(word)
            else:
                entry += (number - entry[0], value)
                entry[0] = number
                if word in capitalised and value > 1 and spelled.get(word, word).islower():
                    written_as[word] = spelled.get(word, word)
                    capitalised.discard(word)
    return {word: found[word][1:] for word in sorted(found)}


@pytest.mark.parametrize("size", [1, 2, 3, 7, 256])
def test_blocks_merge_to_the_postings_section_by_section(size, monkeypatch):
    """search_words.merge of blocks of any size gives the postings and spellings that putting the
    sections together one by one gives: words first written with a capital in one block and
    in lower case in the same block, in a later one, never, or only in a title."""
    import random

    from glose.site import search_words
    from glose.site.search_words import block_postings, index_section, merge

    rng = random.Random(size)
    spellings = ["Défense", "défense", "DÉFENSE", "Otan", "otan", "Paris", "états", "États", "2024", "l'Union", "union"]
    sections = [Section(f"p{n}.html", rng.choice(["Titre", "Défense", "États-Unis", "Otan"]),
                        " ".join(rng.choice(spellings) for _ in range(rng.randrange(0, 12))))
                for n in range(40)]
    entries = [index_section(s, SEPARATOR) for s in sections]
    expected_as: dict[str, str] = {}
    expected = _postings_section_by_section(entries, expected_as)
    monkeypatch.setattr(search_words, "BLOCK", size)
    written_as: dict[str, str] = {}
    shards = merge([block_postings(entries[start:start + size], start) for start in range(0, len(entries), size)],
                   written_as)
    assert {word: json.loads(f"[{listed}]") for shard in shards.values() for word, listed in shard.items()} == expected
    assert written_as == expected_as
    assert expected_as["defense"] == "défense"  # first written "Défense" or "DÉFENSE" in most draws
    block = block_postings(entries[:size], 0)
    again = pickle.loads(pickle.dumps(block))  # saved and loaded with its sections as arrays
    assert again._replace(firsts=list(again.firsts), lasts=list(again.lasts)) == block
    assert merge([again], {}) == merge([block], {})


def test_a_word_used_very_often_keeps_its_count(tmp_path):
    """An entry keeps its values in one byte each while they fit, in four otherwise."""
    docs = [{"location": "a.html", "title": "Mot", "text": "<p>" + "mot " * 200 + "autre</p>"},
            {"location": "b.html", "title": "B", "text": "<p>mot autre</p>"}]
    site = _site(tmp_path, docs)
    write_search_shards(site)
    shards = _shards(site)
    assert shards["6d6f"]["mot"] == {0: 2 * 200 + 1, 1: 2}
    assert shards["6175"]["autre"] == {0: 2, 1: 2}


def test_plain_text_skips_its_patterns_only_where_none_can_match(monkeypatch):
    """render.search.plain_text skips its patterns when the text holds nothing they could match:
    on random texts mixing words, markup characters and line breaks, the result is the one
    the full pass gives."""
    import random

    from glose.render import search

    rng = random.Random(7)
    pieces = ["mot", "l'Otan", "peut-être", " ", "  ", "\n", "\n  ", "-", "- ", "+ ", "* ", "1. ", "2) ", "# ", "> ",
              "[lien](a.md)", "[réf][r]", "{: .x}", "<b>", "*gras*", "_x_", "~", "`code`", "&amp;", "&", "!", "3.", "é"]
    skipped = 0
    for _ in range(3000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randrange(0, 12)))
        quick = search.plain_text(text)
        monkeypatch.setattr(search, "_MARKUP", re.compile(r"|"))  # matches everywhere: the full pass
        assert search.plain_text(text) == quick, repr(text)
        monkeypatch.undo()
        skipped += not search._MARKUP.search(text)
    assert skipped > 300  # the quick path was taken often enough to be tested


def test_sections_of_the_articles_that_did_not_change_are_made_once_in_a_process(tmp_path):
    """render/search.py and search_words.section_checks keep, in one process (`serve`), what
    they made of the very objects the build before gave them: an unchanged Article keeps its
    sections (the same objects) and a section its digest; an edited article gets new ones,
    equal to those made from nothing."""
    import dataclasses

    from glose.cache import Cache
    from glose.config import Config
    from glose.model import Corpus
    from glose.render import search as render_search
    from glose.site.search_words import _check, section_checks
    from support import generate, write_project

    root = write_project(tmp_path, corpus={"a.txt": "title A\n\nL'Otan se réunit.\n", "b.txt": "title B\n\nUn autre texte.\n"})
    corpus, _ = generate(root)
    first = render_search.search_sections(corpus, Config(), True)
    again = render_search.search_sections(corpus, Config(), True)
    assert first == again and {id(s) for s in render_search._articles(corpus, Cache())} <= {id(s) for s in first}
    edited = corpus.articles[0]
    changed = dataclasses.replace(edited, article=dataclasses.replace(edited.article, title="Titre changé"))
    corpus_after = Corpus((changed, *corpus.articles[1:]), corpus.terms)
    after = render_search._articles(corpus_after, Cache())
    assert after == render_search._article(changed) + render_search._article(corpus.articles[1])
    assert after[0].title == "Titre changé" and after[0] not in first
    assert after[-1] is render_search._articles(corpus_after, Cache())[-1]  # the other article's, kept
    for separator in (SEPARATOR.pattern, r"\s+"):
        checks = section_checks(after, separator)
        assert checks == [_check(s, separator) for s in after] == section_checks(after, separator)
    renamed = [dataclasses.replace(after[0], title="Autre titre"), *after[1:]]
    assert section_checks(renamed, r"\s+") == [_check(s, r"\s+") for s in renamed]


def test_sections_of_the_articles_that_did_not_change_come_from_the_cache(tmp_path, monkeypatch):
    """Between builds (new processes), an article's search sections come from the build's cache
    when its text is the same (its digest): after one article is edited, only its sections
    are made again, and they hold the new text."""
    from glose import pipeline
    from glose.render import search as render_search
    from support import write_project

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    root = write_project(tmp_path, corpus={"a.txt": "title A\n\nL'Otan se réunit.\n", "b.txt": "title B\n\nUn autre texte.\n"})
    pipeline.build(root, with_site=False)
    made = []
    real = render_search._article
    monkeypatch.setattr(render_search, "_article", lambda annotated: made.append(annotated.article.slug) or real(annotated))
    monkeypatch.setattr(render_search, "_LAST", {})  # as in a new process
    (root / "corpus" / "b.txt").write_text("title B\n\nUn texte changé.\n", encoding="utf-8")
    seen = []
    monkeypatch.setattr(pipeline.render, "search_sections",
                        lambda *args: seen.append(render_search.search_sections(*args)) or seen[-1])
    pipeline.build(root, with_site=False)
    assert made == ["b"]
    texts = {s.location: s.text for s in seen[-1]}
    assert "changé" in texts["articles/b.html"] and "Otan" in texts["articles/a.html"]


def test_sections_kept_by_a_cache_held_in_memory_are_saved_again(tmp_path, monkeypatch):
    """`serve` keeps its Cache object between builds, and this process keeps the sections of
    the same Articles (render/search.py's _LAST): the sections must still be asked of the cache
    in each build, else its save drops them, and the next build in a new process makes every
    article's sections again."""
    from glose import pipeline
    from glose.cache import Cache
    from glose.render import search as render_search
    from support import write_project

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    root = write_project(tmp_path, corpus={"a.txt": "title A\n\nL'Otan se réunit.\n", "b.txt": "title B\n\nUn autre texte.\n"})
    pipeline.build(root, with_site=False)
    held = Cache.open(root)
    for sentence in ("Une phrase.", "Une autre phrase."):  # two builds of `serve`, one Cache object
        (root / "corpus" / "b.txt").write_text(f"title B\n\nUn autre texte. {sentence}\n", encoding="utf-8")
        pipeline.build(root, with_site=False, cache=held)
    made = []
    real = render_search._article
    monkeypatch.setattr(render_search, "_article", lambda annotated: made.append(annotated.article.slug) or real(annotated))
    monkeypatch.setattr(render_search, "_LAST", {})  # a new process
    (root / "corpus" / "b.txt").write_text("title B\n\nUn texte changé.\n", encoding="utf-8")
    pipeline.build(root, with_site=False)
    assert made == ["b"]
