"""The cache between builds (glose/cache.py): a build after a small edit reads and searches only
what changed, gives what a build without cache gives, and never loads a cache it did not sign."""

from __future__ import annotations

import pickle
from pathlib import Path

import pytest

from glose import pipeline
from glose.cache import CACHE_DIR
from support import ARTICLE, TERM_OTAN, write_project


class _Plant:
    """Unpickling this runs code: what a hostile cache would do."""

    def __init__(self, marker: Path):
        self.marker = marker

    def __reduce__(self):
        return (Path.write_text, (self.marker, "ran"))


def test_a_cache_this_user_did_not_sign_is_never_loaded(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    marker = tmp_path / "marker"
    (root / CACHE_DIR).mkdir(parents=True)
    planted = b"\0" * 32 + pickle.dumps(_Plant(marker))  # a copied project's
    (root / CACHE_DIR / "parts").write_bytes(planted)
    pipeline.build(root, with_site=False)
    assert not marker.exists()
    assert (root / "docs" / "articles" / "a.md").is_file()
    for part in (root / CACHE_DIR).glob("*.pickle"):  # a part named by a list this user signed
        part.write_bytes(part.read_bytes()[:32] + pickle.dumps(_Plant(marker)))
    pipeline.build(root, with_site=False)
    assert not marker.exists()


def test_an_unchanged_source_is_not_read_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)  # as if the last build were long ago
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nL'Otan aussi.\n"},
                         glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    import glose.read as read

    parsed = []
    original = read.read_article
    monkeypatch.setattr(read, "read_article", lambda source, *rest: parsed.append(source.shown) or original(source, *rest))
    (root / "corpus" / "b.txt").write_text("title B\n\nL'Otan encore.\n", encoding="utf-8")
    result = pipeline.build(root, with_site=False)
    assert parsed == ["corpus/b.txt"]
    assert result.changed and "encore" in (root / "docs" / "articles" / "b.md").read_text(encoding="utf-8")


def test_warnings_of_a_cached_source_are_given_again(tmp_path, monkeypatch):
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    root = write_project(tmp_path, corpus={"a.txt": "L'Otan, sans titre.\n"}, glossary={"otan.md": TERM_OTAN})
    first = pipeline.build(root, with_site=False).report.warnings
    import glose.read as read

    monkeypatch.setattr(read, "read_article", lambda *args: (_ for _ in ()).throw(AssertionError("read again")))
    again = pipeline.build(root, with_site=False).report.warnings
    assert first and [str(w) for w in again] == [str(w) for w in first]


def test_the_model_pickles_to_equal_objects(tmp_path):
    """glose/model/__init__.py gives the model's classes a quicker __getstate__/__setstate__:
    the cache and the render workers must still get back every field of every object."""
    from support import generate

    notes = "- quote: se réunit\n  note: Une note.\n"
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nL'Otan se réunit.\n",
                                           "b.notes.yml": notes}, glossary={"otan.md": TERM_OTAN})
    corpus, _ = generate(root)
    assert corpus.articles[1].notes and any(corpus.articles[0].mentions)
    again = pickle.loads(pickle.dumps(corpus))
    assert again == corpus and again is not corpus
    assert pickle.loads(pickle.dumps(corpus.articles[1].notes[0])) == corpus.articles[1].notes[0]


def test_compiled_templates_stay_in_the_users_cache(tmp_path, monkeypatch):
    """glose/cache.py template_cache: compiled templates are kept in the user's folder (never the
    project's), and a template whose text changed is compiled again."""
    import jinja2

    from glose.cache import template_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    render = lambda text: jinja2.Environment(loader=jinja2.DictLoader({"t": text}),  # noqa: E731
                                             bytecode_cache=template_cache()).get_template("t").render(x=1)
    assert render("{{ x }}!") == "1!"
    assert list((tmp_path / "home-cache" / "glose" / "templates").glob("__jinja2_*.cache"))
    assert render("{{ x }}?") == "1?"


def test_a_templates_folder_others_may_write_is_not_used(tmp_path, monkeypatch):
    """Compiled templates are code: a folder that another user could write into is not read."""
    from glose.cache import template_cache

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    folder = tmp_path / "home-cache" / "glose" / "templates"
    folder.mkdir(parents=True)
    folder.chmod(0o777)
    assert template_cache() is None
    folder.chmod(0o700)
    assert template_cache() is not None


def test_only_the_search_sections_that_changed_are_indexed_again(tmp_path, monkeypatch):
    """glose/site/search_words.py: what a section adds to the search index is kept by the cache;
    after an edit, only the edited article's sections are split and folded again, and the
    index is the one a build without cache writes."""
    import shutil

    import glose.site.search_index as search_index
    import glose.site.search_words as search_words

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    for module in (search_index, search_words):
        monkeypatch.setattr(module, "BLOCK", 2)  # blocks of two sections: several in this small site
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nL'Otan aussi.\n"},
                         glossary={"otan.md": TERM_OTAN})
    pipeline.build(root)
    indexed, blocks = [], []
    original, original_block = search_index.index_section, search_index.block_postings
    monkeypatch.setattr(search_index, "index_section", lambda section, *rest: indexed.append(section.location) or
                        original(section, *rest))
    monkeypatch.setattr(search_index, "block_postings", lambda entries, start: blocks.append(start) or
                        original_block(entries, start))
    (root / "corpus" / "b.txt").write_text("title B\n\nL'Otan encore, autrement.\n", encoding="utf-8")
    pipeline.build(root)
    assert indexed == ["articles/b.html"]
    assert len(blocks) == 1  # the block of b's section: the others are kept
    fresh = tmp_path / "fresh"
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("docs", "site", ".glose"))
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "other-cache"))  # no cache: everything indexed
    pipeline.build(fresh)
    search = lambda r: {p.relative_to(r).as_posix(): p.read_bytes() for p in (r / "site" / "search").rglob("*") if p.is_file()}  # noqa: E731
    assert search(root) == search(fresh)
    assert len(indexed) > 3  # the fresh build indexed every section again


def test_the_matcher_is_built_only_when_the_glossary_changed(tmp_path, monkeypatch):
    """glose/annotate/mentions.py: the matcher (0.15 s at 1,000 entries) is kept in the cache
    with the glossary's matching fields it was built from: an edited article or definition is
    searched with it, and found as with a new one; it is built again when an entry's forms
    change, and that one is kept for the builds after."""
    import glose.annotate.mentions as mentions

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    other = "---\nterm: Alliance\nsummary: Une alliance.\n---\nUne alliance, pas l'Otan.\n"
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nL'Otan aussi.\n"},
                         glossary={"otan.md": TERM_OTAN, "alliance.md": other})
    pipeline.build(root, with_site=False)
    built = []
    original = mentions.build_matcher
    monkeypatch.setattr(mentions, "build_matcher", lambda terms: built.append(len(terms)) or original(terms))
    monkeypatch.setattr(mentions, "_LAST", [])  # as in a new process
    (root / "corpus" / "b.txt").write_text("title B\n\nL'Otan encore, et une alliance.\n", encoding="utf-8")
    pipeline.build(root, with_site=False)
    (root / "glossary" / "alliance.md").write_text(other.replace("pas l'Otan", "ni l'Otan"), encoding="utf-8")
    pipeline.build(root, with_site=False)
    assert built == []
    page = (root / "docs" / "articles" / "b.md").read_text(encoding="utf-8")
    assert 'href="../../glossary/otan/"' in page or "glossary/otan" in page
    assert "glossary/alliance" in page
    assert "ni l’<a" in (root / "docs" / "glossary" / "alliance.md").read_text(encoding="utf-8").replace("ni l'<a", "ni l’<a")
    (root / "glossary" / "alliance.md").write_text(other.replace("summary:", "aliases: [Pacte]\nsummary:"), encoding="utf-8")
    (root / "corpus" / "b.txt").write_text("title B\n\nL'Otan encore, et un pacte.\n", encoding="utf-8")
    monkeypatch.setattr(mentions, "_LAST", [])
    pipeline.build(root, with_site=False)
    assert built == [2] and "glossary/alliance" in (root / "docs" / "articles" / "b.md").read_text(encoding="utf-8")
    monkeypatch.setattr(mentions, "_LAST", [])
    (root / "corpus" / "b.txt").write_text("title B\n\nUn pacte, encore.\n", encoding="utf-8")
    pipeline.build(root, with_site=False)
    assert built == [2]


def test_a_cache_kept_in_memory_serves_the_next_build(tmp_path, monkeypatch):
    """`serve` keeps the Cache object between builds (it is not read from disk again): after
    a save it holds what Cache.open would read back, and a build that failed in between
    changes nothing."""
    from glose.cache import Cache
    from glose.diagnostics import InputError
    import glose.read as read

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nL'Otan aussi.\n"},
                         glossary={"otan.md": TERM_OTAN})
    cache = Cache.open(root)
    pipeline.build(root, with_site=False, cache=cache)
    monkeypatch.setattr(Cache, "open", classmethod(lambda cls, root: (_ for _ in ()).throw(AssertionError("read"))))
    parsed = []
    original = read.read_article
    monkeypatch.setattr(read, "read_article", lambda source, *rest: parsed.append(source.shown) or original(source, *rest))
    (root / "glossary" / "bad.md").write_text("---\nterm: [\n---\n", encoding="utf-8")
    with pytest.raises(InputError):
        pipeline.build(root, with_site=False, cache=cache)
    (root / "glossary" / "bad.md").unlink()
    (root / "corpus" / "b.txt").write_text("title B\n\nL'Otan encore.\n", encoding="utf-8")
    parsed.clear()
    pipeline.build(root, with_site=False, cache=cache)
    assert parsed == ["corpus/b.txt"]
    assert "encore" in (root / "docs" / "articles" / "b.md").read_text(encoding="utf-8")


def _part_files(root: Path) -> dict[str, int]:
    """The cache's part files: name -> inode (a file written again has a new one)."""
    return {p.name: p.stat().st_ino for p in (root / CACHE_DIR).glob("*.pickle")}


def test_a_save_writes_only_the_parts_whose_entries_changed(tmp_path, monkeypatch):
    """The cache is spread over parts (glose/cache.py): a build where nothing changed writes no
    part again, and one after an edit writes only parts that hold the edited article's entries."""
    from glose.cache import PARTS, _part

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    corpus = {f"n{n}.txt": f"title Note {n}\n\nL'Otan, note {n}.\n" for n in range(12)}
    root = write_project(tmp_path, corpus=corpus, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root)
    first = _part_files(root)
    assert len(first) > PARTS  # several kinds, each over several parts
    pipeline.build(root)
    assert _part_files(root) == first
    (root / "corpus" / "n3.txt").write_text("title Note 3\n\nL'Otan, une autre note.\n", encoding="utf-8")
    pipeline.build(root)
    after = _part_files(root)
    written = {name.split(".")[0] for name, inode in after.items() if first.get(name) != inode}
    assert written and written <= {_part(("article", "corpus/n3.txt")), _part(("mentions", "n3")),
                                   _part(("acronyms", "n3")), _part(("related", "all")),
                                   *(name.split(".")[0] for name in after if name.startswith("search-"))}
    assert _part(("article", "corpus/n3.txt")) in written
    assert len([name for name in after if first.get(name) == after[name]]) > len(after) / 2  # most kept
    assert not list((root / CACHE_DIR).glob("*.tmp"))


def test_a_lost_part_costs_only_its_entries(tmp_path, monkeypatch):
    """A part file that is missing (or not signed) is left out: only the sources it held are
    read again, and the build gives what a build without cache gives."""
    from glose.cache import _part
    import glose.read as read

    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "home-cache"))
    monkeypatch.setattr("glose.cache.RACY_NS", 0)
    corpus = {f"n{n}.txt": f"title Note {n}\n\nL'Otan, note {n}.\n" for n in range(12)}
    root = write_project(tmp_path, corpus=corpus, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    before = {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()}
    lost = _part(("article", "corpus/n0.txt"))
    for path in (root / CACHE_DIR).glob(f"{lost}.*.pickle"):
        path.unlink()
    parsed = []
    original = read.read_article
    monkeypatch.setattr(read, "read_article", lambda source, *rest: parsed.append(source.shown) or original(source, *rest))
    pipeline.build(root, with_site=False)
    assert "corpus/n0.txt" in parsed
    assert sorted(parsed) == sorted(f"corpus/{name}" for name in corpus if _part(("article", f"corpus/{name}")) == lost)
    assert {p: p.read_bytes() for p in (root / "docs").rglob("*") if p.is_file()} == before


def test_a_process_builds_the_matcher_again_only_when_the_glossary_changes(tmp_path, monkeypatch):
    """annotate keeps the last matcher it built (serve builds again and again): the same
    glossary reuses it; a new alias makes a new one, which finds the alias."""
    from glose.annotate import mentions
    from glose.diagnostics import Report
    from glose.read import read_project

    built = []
    original = mentions.build_matcher
    monkeypatch.setattr(mentions, "build_matcher", lambda terms: built.append(terms) or original(terms))
    monkeypatch.setattr(mentions, "_LAST", [])
    article = ARTICLE + "\nLe Pacte atlantique tient.\n"
    root = write_project(tmp_path, corpus={"a.txt": article}, glossary={"otan.md": TERM_OTAN})
    found = lambda corpus: sum(corpus.articles[0].counts.values())  # noqa: E731
    assert found(mentions.annotate(read_project(root, Report()))) == 1
    assert found(mentions.annotate(read_project(root, Report()))) == 1
    assert len(built) == 1
    (root / "glossary" / "otan.md").write_text(TERM_OTAN.replace("  - Alliance atlantique", "  - Pacte atlantique"),
                                               encoding="utf-8")
    assert found(mentions.annotate(read_project(root, Report()))) == 2
    assert len(built) == 2
