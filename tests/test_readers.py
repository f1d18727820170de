"""Readers on each format (issue 2): the shipped file as it is, plain text, Markdown, glossary."""

from __future__ import annotations

from pathlib import Path

import pytest

from glose.diagnostics import Report
from glose.read import read_project
from glose.read.articles import title_from_text

ROOT = Path(__file__).resolve().parent.parent


def read(tmp_path: Path, corpus: dict[str, str] | None = None, glossary: dict[str, str] | None = None):
    for folder, files in (("corpus", corpus or {}), ("glossary", glossary or {})):
        (tmp_path / folder).mkdir(exist_ok=True)
        for name, text in files.items():
            (tmp_path / folder / name).write_text(text, encoding="utf-8")
    report = Report()
    return read_project(tmp_path, report), report


def test_shipped_article_as_it_is(tmp_path: Path) -> None:
    """The seed text starts with " date 2022-02 " followed by the article on the same line."""
    seed = (ROOT.parent / "shared" / "seeds" / "000_19d8ebd0b731c646.txt")
    text = seed.read_text(encoding="utf-8") if seed.is_file() else (ROOT / "corpus" / "otan-invasion-ukraine-2022-02.txt").read_text(encoding="utf-8").split("\n", 1)[1]
    project, report = read(tmp_path, {"seed.txt": text})
    article = project.articles[0]
    assert article.date == "2022-02"
    assert len(article.paragraphs) == 6
    assert article.paragraphs[0].text.startswith('"Nous avons aujourd\'hui la guerre en Europe')
    assert article.paragraphs[-1].text.endswith('"conséquences que vous n\'avez encore jamais connues".')
    assert [p.number for p in article.paragraphs] == [1, 2, 3, 4, 5, 6]
    assert [p.line for p in article.paragraphs] == [1, 5, 9, 13, 17, 21]
    assert not article.title_from_header
    assert article.title == "\"Nous avons aujourd'hui la guerre en Europe, d'une dimension et d'un genre que nous…"
    assert len(article.title) <= 90


def test_shipped_project_reads_clean() -> None:
    report = Report()
    project = read_project(ROOT, report)
    assert report.items == []
    article = project.articles[0]
    assert article.title == "Invasion de l'Ukraine : l'Otan active ses plans de défense collective"
    assert article.title_from_header and article.date == "2022-02"
    assert article.paragraphs[0].line == 2


def test_text_header_and_paragraphs(tmp_path: Path) -> None:
    text = ("title Un titre\ndate 2022-02-24\nsource AFP\nauthor A. B.\nurl https://exemple.fr/a\n"
            "tags OTAN, défense , \nlang fr\n\nPremier paragraphe\nsur deux lignes.\n\n\n\nSecond.\n")
    project, report = read(tmp_path, {"a.txt": text})
    a = project.articles[0]
    assert report.items == []
    assert (a.title, a.date, a.source, a.author, a.url, a.tags, a.lang) == (
        "Un titre", "2022-02-24", "AFP", "A. B.", "https://exemple.fr/a", ("OTAN", "défense"), "fr")
    assert [(p.text, p.line) for p in a.paragraphs] == [("Premier paragraphe sur deux lignes.", 9), ("Second.", 14)]
    assert a.paragraphs[0].line_at(len("Premier paragraphe s")) == 10


def test_text_without_header(tmp_path: Path) -> None:
    project, report = read(tmp_path, {"a.txt": "Le Monde a écrit : la guerre.\nSuite.\n\nFin.\n"})
    a = project.articles[0]
    assert (a.date, a.source, a.title_from_header) == ("", "", False)
    assert [p.text for p in a.paragraphs] == ["Le Monde a écrit : la guerre. Suite.", "Fin."]


def test_header_ends_at_first_line_that_is_not_one(tmp_path: Path) -> None:
    project, report = read(tmp_path, {"a.txt": "title T\ndate 2020\nLe texte commence ici.\n\nFin.\n"})
    a = project.articles[0]
    assert (a.title, a.date) == ("T", "2020")
    assert [(p.text, p.line) for p in a.paragraphs] == [("Le texte commence ici.", 3), ("Fin.", 5)]


def test_text_is_literal(tmp_path: Path) -> None:
    body = "1. *pas* _une_ # liste <b>x</b> [lien](y) | a | {: .c } &amp;"
    project, _ = read(tmp_path, {"a.txt": f"title T\n\n{body}\n"})
    assert project.articles[0].paragraphs[0].text == body
    assert project.articles[0].paragraphs[0].kind == "text"


@pytest.mark.parametrize("text, title", [
    ("Court. Et la suite.", "Court."),
    ("Une phrase sans fin " * 10, "Une phrase sans fin Une phrase sans fin Une phrase sans fin Une phrase sans fin Une…"),
    ("Qui ? Nous.", "Qui ?"),
])
def test_title_from_first_sentence(text: str, title: str) -> None:
    assert title_from_text(text) == title
    assert len(title_from_text(text)) <= 90


def test_markdown_article(tmp_path: Path) -> None:
    text = ("---\ntitle: Titre\ndate: 2021-05\ntags: [a, b]\n---\n# Ignoré comme titre\n\n"
            "Un *paragraphe*.\n\n```\ncode\n\nencore\n```\n\n## Sous-titre\n\n- liste\n- suite\n")
    project, report = read(tmp_path, {"m.md": text})
    a = project.articles[0]
    assert report.items == []
    assert (a.title, a.date, a.tags, a.format) == ("Titre", "2021-05", ("a", "b"), "md")
    kinds = [(p.kind, p.number, p.line) for p in a.paragraphs]
    assert kinds == [("verbatim", 0, 6), ("prose", 1, 8), ("verbatim", 0, 10), ("verbatim", 0, 16), ("prose", 2, 18)]


def test_markdown_title_from_heading(tmp_path: Path) -> None:
    project, _ = read(tmp_path, {"m.md": "---\ndate: 2020\n---\n\n# Le titre\n\nTexte.\n"})
    a = project.articles[0]
    assert a.title == "Le titre" and a.title_from_header
    assert [p.text for p in a.paragraphs] == ["Texte."]


def test_markdown_heading_that_repeats_the_title_is_not_shown_twice(tmp_path: Path) -> None:
    """A front-matter title and a leading `# heading` saying the same (case, accents and
    punctuation aside): the page shows its title once."""
    project, _ = read(tmp_path, {"m.md": "---\ntitle: Ce que dit l'article 5\n---\n# Ce que dit l’Article 5 !\n\nTexte.\n"})
    a = project.articles[0]
    assert a.title == "Ce que dit l'article 5"
    assert [p.text for p in a.paragraphs] == ["Texte."]


def test_glossary_entry(tmp_path: Path) -> None:
    entry = ("---\nterm: NRF\naliases:\n  - Force de réaction\n  - nrf\nsummary: Une force.\nenglish: NATO Response Force\n"
             "see_also: [otan]\ntags: [force]\ncase_sensitive: true\n---\n\nLa définition.\n")
    otan = "---\nterm: OTAN\nsummary: Une alliance.\n---\nDéfinition.\n"
    project, report = read(tmp_path, glossary={"nrf.md": entry, "otan.md": otan})
    assert report.items == []
    nrf = project.terms[0]
    assert (nrf.slug, nrf.term, nrf.aliases, nrf.summary, nrf.english, nrf.see_also, nrf.tags, nrf.case_sensitive) == (
        "nrf", "NRF", ("Force de réaction",), "Une force.", "NATO Response Force", ("otan",), ("force",), True)
    assert nrf.definition == "La définition." and nrf.definition_line == 13
    assert nrf.lines.of("see_also") == 8


@pytest.mark.parametrize("entry, message", [
    ("---\nterm: X\n---\nDef.\n", "glossary/x.md:1: 'summary' is missing; add a line `summary: one sentence shown as the tooltip` to the front matter"),
    ("---\nterm: X\nsummary: S.\nalias: [y]\n---\nDef.\n", "glossary/x.md:4: unknown key 'alias' (did you mean `aliases`?); use one of term, aliases, summary, english, see_also, tags, case_sensitive, exclude, plurals, match_english"),
    ("---\nterm: X\nsummary: S.\n---\n\n", "glossary/x.md:4: has no definition; write it in Markdown after the closing `---`"),
    ("---\nterm: X\nsummary: " + "s" * 201 + "\n---\nDef.\n", "glossary/x.md:3: summary is 201 characters long; shorten it to 200 at most (it is the tooltip)"),
    ("---\nterm: X\nsummary: S.\nsee_also:\n  - nulle-part\n---\nDef.\n", "glossary/x.md:5: see_also names 'nulle-part', which is not a glossary entry; use the file name of an entry in glossary/ without .md"),
])
def test_glossary_errors(tmp_path: Path, entry: str, message: str) -> None:
    _, report = read(tmp_path, glossary={"x.md": entry})
    assert message in [str(d) for d in report.errors]


def test_same_alias_in_two_entries(tmp_path: Path) -> None:
    a = "---\nterm: OTAN\nsummary: S.\n---\nDef.\n"
    b = "---\nterm: Alliance\naliases: [Otân]\nsummary: S.\n---\nDef.\n"
    _, report = read(tmp_path, glossary={"a.md": a, "b.md": b})
    assert [str(d) for d in report.errors] == [
        "glossary/b.md:3: 'Otân' is also a name or alias of glossary/a.md:2 (case, accents and hyphens are ignored); keep it in one entry only"]


def test_same_slug_from_two_files(tmp_path: Path) -> None:
    _, report = read(tmp_path, {"Défense.txt": "title A\n\nA.\n", "defense.md": "---\ntitle: B\n---\nB.\n"})
    assert "corpus/defense.md: gives the same page name 'defense' as corpus/Défense.txt; rename one of them" in [str(d) for d in report.errors]


def test_glossary_matching_keys(tmp_path: Path) -> None:
    """Issue 14: case per form, exclusions, plurals and the English name's switch."""
    entry = ("---\nterm: OTAN\naliases: [Otan, Alliance, Alliance atlantique]\nsummary: S.\nenglish: NATO\n"
             "case_sensitive: [alliance]\nexclude: [Alliance française]\nplurals: false\nmatch_english: false\n---\nDef.\n")
    project, report = read(tmp_path, glossary={"otan.md": entry})
    assert report.items == []
    otan = project.terms[0]
    assert (otan.case_sensitive, otan.case_sensitive_forms, otan.exclude, otan.plurals, otan.match_english) == (
        False, ("Alliance",), ("Alliance française",), False, False)


def test_glossary_matching_keys_errors(tmp_path: Path) -> None:
    entry = ("---\nterm: OTAN\naliases: [Otan]\nsummary: S.\ncase_sensitive:\n  - Otan\n  - Alliance\n"
             "exclude: ['...']\nplurals: souvent\n---\nDef.\n")
    _, report = read(tmp_path, glossary={"otan.md": entry})
    assert [str(d) for d in report.errors] == [
        "glossary/otan.md:7: case_sensitive lists 'Alliance', which is neither the term nor an alias; add it under aliases, or write `case_sensitive: true` for every form",
        "glossary/otan.md:8: exclude '...' has no letter or digit; remove it or write the words",
        "glossary/otan.md:9: 'plurals' should be true or false, not 'souvent'; write `plurals: true` or `plurals: false`"]


def test_a_hyphen_and_a_space_claim_the_same_form(tmp_path: Path) -> None:
    a = "---\nterm: Interfax-Ukraine\naliases: [Interfax Ukraine]\nsummary: S.\n---\nDef.\n"
    b = "---\nterm: B\naliases: [interfax ukraine]\nsummary: S.\n---\nDef.\n"
    project, report = read(tmp_path, glossary={"a.md": a, "b.md": b})
    assert project.terms[0].aliases == ()
    assert [str(d) for d in report.errors] == [
        "glossary/b.md:3: 'interfax ukraine' is also a name or alias of glossary/a.md:2 (case, accents and hyphens are ignored); keep it in one entry only"]


def test_discover_lists_a_folder_as_sorted_rglob_does(tmp_path):
    """read.discover.walk, which discover and the notes check use instead of Path.rglob: the
    same entries in the same order (part by part: "a/b" before "a-b/x"), hidden folders
    entered, a link to a folder listed and not followed."""
    import os

    from glose.read.discover import walk

    for rel in ["a/b.txt", "a-b/x.txt", "a.txt", "A/z.md", ".cache/k.txt", "é/è.txt", "a/c/d/e.txt", "b~", "ab/.x"]:
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        (tmp_path / rel).write_text("x", encoding="utf-8")
    os.symlink(tmp_path / "a", tmp_path / "link-to-a")
    listed = [tmp_path.joinpath(*parts) for parts, entry in walk(tmp_path)]
    assert listed == sorted(tmp_path.rglob("*"))
    assert tmp_path / "link-to-a" / "b.txt" not in listed and tmp_path / ".cache" / "k.txt" in listed
    assert [entry.path for _, entry in walk(tmp_path)] == [str(p) for p in listed]
