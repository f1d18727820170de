"""Cross-links (issue 4): concordance, related articles, see also both ways, notes, CSV,
indexes; and the acronym warning (issue 3). On the golden fixture project of three articles."""

from __future__ import annotations

import csv
import io
import math
import shutil
from pathlib import Path

import pytest

from glose.diagnostics import InputError, Report

import support

ROOT = Path(__file__).resolve().parent.parent
FIXTURE = Path(__file__).resolve().parent / "golden" / "basic" / "input"


@pytest.fixture()
def project(tmp_path: Path) -> Path:
    path = tmp_path / "project"
    shutil.copytree(FIXTURE, path)
    shutil.copy(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    return path


def generate(project: Path):
    report = Report()
    corpus, pages = support.generate(project, report)
    return corpus, {p.path: p.content.decode("utf-8-sig") for p in pages if not p.path.endswith(".apkg")}, report


def test_related_articles_weigh_rare_terms(project: Path) -> None:
    corpus, _, _ = generate(project)
    related = {a.article.slug: a.related for a in corpus.articles}
    # OTAN is in all three articles: idf log(3/3) = 0, it relates nothing.
    # article-5 shares "pays baltes" (2 of 3 articles) with baltes and "article 5" with sommet.
    assert [(r.slug, r.shared) for r in related["article-5"]] == [
        ("baltes", ("pays-baltes",)), ("sommet-2022", ("article-5",))]
    assert related["article-5"][0].score == pytest.approx(math.log(3 / 2))
    # sommet shares NRF (2 of 3: article-5 has it only in code) with baltes, and article 5
    # (2 of 3) with article-5: equal weights, so the newer article comes first.
    assert [(r.slug, r.shared) for r in related["sommet-2022"]] == [
        ("baltes", ("nrf",)), ("article-5", ("article-5",))]


def test_article_without_related_has_no_section(tmp_path: Path) -> None:
    path = tmp_path / "alone"
    shutil.copytree(FIXTURE, path)
    shutil.copy(ROOT / "mkdocs.yml", path / "mkdocs.yml")
    for name in ("baltes.txt", "article-5.md"):
        (path / "corpus" / name).unlink()
    _, pages, _ = generate(path)
    assert "Articles liés" not in pages["articles/sommet-2022.md"]


def test_concordance_groups_by_article_newest_first(project: Path) -> None:
    corpus, pages, _ = generate(project)
    otan = next(t for t in corpus.terms if t.term.slug == "otan")
    assert [(p.article, p.paragraph, p.mention) for p in otan.passages] == [
        ("baltes", 1, "OTAN"), ("sommet-2022", 1, "Otan"), ("article-5", 1, "Otan")]
    passage = otan.passages[1]
    assert passage.left == "L'" and passage.right.startswith(" réunit ses chefs d'État.")
    page = pages["glossary/otan.md"]
    assert 'href="../articles/sommet-2022.html#p1"' in page
    assert "data-search-exclude" in page.split("Dans le corpus")[1][:200]


def test_concordance_folds_past_ten_lines(project: Path) -> None:
    text = "Le NRF. " * 12
    (project / "corpus" / "long.txt").write_text(f"title Long\ndate 2020\n\n{text}\n", encoding="utf-8")
    _, pages, _ = generate(project)
    page = pages["glossary/nrf.md"]
    long_group = page.split('href="../articles/long.html"')[0].rsplit("<", 2)[-2]
    assert long_group.startswith("summary>")
    assert page.count("<details class=\"glose-kwic-group\"") == 1  # (the other: the chart's numbers)


def test_see_also_both_ways(project: Path) -> None:
    _, pages, _ = generate(project)
    # otan.md lists article-5; article-5.md lists nothing but must show OTAN back.
    see_also = pages["glossary/article-5.md"].split("## Voir aussi")[1].split("##")[0]
    assert 'href="otan.html"' in see_also
    # nrf, pays-baltes and secretaire-general list otan: otan shows them all.
    otan = pages["glossary/otan.md"].split("## Voir aussi")[1].split("##")[0]
    for slug in ("article-5", "nrf", "pays-baltes", "secretaire-general"):
        assert f'href="{slug}.html"' in otan


def test_vocabulary_csv(project: Path) -> None:
    _, pages, _ = generate(project)
    text = pages["articles/sommet-2022-vocabulaire.csv"]
    # For French spreadsheets: semicolons, every field quoted (LibreOffice may split on commas too).
    assert text.splitlines()[1] == '"Article 5";"Article 5";"Clause selon laquelle une attaque contre un allié est une attaque contre tous.";"2";"glossary/article-5.html"'
    rows = list(csv.reader(io.StringIO(text), delimiter=";"))
    assert rows == [
        ["terme", "anglais", "résumé", "mentions", "url"],
        ["Article 5", "Article 5", "Clause selon laquelle une attaque contre un allié est une attaque contre tous.", "2", "glossary/article-5.html"],
        ["NRF", "NATO Response Force", "Force de réaction rapide de l'OTAN.", "2", "glossary/nrf.html"],
        ["OTAN", "NATO", "Alliance militaire de pays d'Europe et d'Amérique du Nord.", "1", "glossary/otan.html"],
        ["secrétaire général de l'OTAN", "", "Il préside le Conseil de l'Atlantique nord.", "1", "glossary/secretaire-general.html"],
    ]
    assert 'download href="sommet-2022-vocabulaire.csv"' in pages["articles/sommet-2022.md"]
    assert 'download href="sommet-2022-vocabulaire.apkg"' in pages["articles/sommet-2022.md"]


def test_csv_uses_site_url_when_set(project: Path) -> None:
    config = project / "mkdocs.yml"
    config.write_text(config.read_text().replace("site_name: Glose", "site_name: Glose\nsite_url: https://exemple.fr/corpus"))
    _, pages, _ = generate(project)
    assert "https://exemple.fr/corpus/glossary/nrf.html" in pages["articles/baltes-vocabulaire.csv"]


def test_notes_resolve_and_keep_term_links_whole(project: Path) -> None:
    corpus, pages, _ = generate(project)
    sommet = next(a for a in corpus.articles if a.article.slug == "sommet-2022")
    assert [(n.paragraph, n.kind) for n in sommet.notes] == [(0, "vocabulaire"), (1, "note")]
    page = pages["articles/sommet-2022.md"]
    assert '<mark class="glose-quote">chefs d\'État</mark>(1)' in page
    # "de l'Otan parle" cuts "secrétaire général de l'Otan": the highlight grows to the whole link.
    assert ('<mark class="glose-quote"><a class="term" data-term="secretaire-general" '
            in page)
    assert "1.  **Vocabulaire.** Les présidents et les Premiers ministres." in page


@pytest.mark.parametrize("notes, message", [
    ("- quote: Ota\n  note: x\n", 'corpus/sommet-2022.notes.yml:1: quote "Ota" not found in corpus/sommet-2022.txt; copy the words exactly as in the article'),
    ("- quote: introuvable\n  note: x\n", 'corpus/sommet-2022.notes.yml:1: quote "introuvable" not found in corpus/sommet-2022.txt; copy the words exactly as in the article'),
    ("- quote: x\n  note: y\n- quote: de\n  note: z\n", 'corpus/sommet-2022.notes.yml:3: quote "de" found 4 times in corpus/sommet-2022.txt: '
     "§1 (line 6) «…chefs d'État. La Force [de] réaction (NRF) est déployée…»; "
     "§2 (line 9) «Le secrétaire général [de] l'Otan parle de défense…»; "
     "§2 (line 9) «…général de l'Otan parle [de] défense collective et de…»; "
     "§2 (line 9) «…de défense collective et [de] l'article 5.»; "
     "add `prefix:` (the words just before) or `suffix:` (just after) to say which"),
    ("- quote: Otan\n  note: y\n  kind: remarque\n", "corpus/sommet-2022.notes.yml:3: kind 'remarque' is not one of note, question, vocabulaire; write `kind: note`, `kind: question` or `kind: vocabulaire` (or leave it out)"),
])
def test_bad_notes_are_errors(project: Path, notes: str, message: str) -> None:
    (project / "corpus" / "sommet-2022.notes.yml").write_text(notes, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        generate(project)
    assert message in [str(d) for d in raised.value.report.errors]


def test_prefix_and_suffix_choose_among_repeats(project: Path) -> None:
    notes = "- quote: de\n  prefix: parle\n  suffix: défense\n  note: ici\n"
    (project / "corpus" / "sommet-2022.notes.yml").write_text(notes, encoding="utf-8")
    corpus, pages, _ = generate(project)
    note = next(a for a in corpus.articles if a.article.slug == "sommet-2022").notes[0]
    assert (note.paragraph, note.kind) == (1, "note")
    assert "parle</mark>(1) de" not in pages["articles/sommet-2022.md"]
    assert "parle <mark class=\"glose-quote\">de</mark>(1)" in pages["articles/sommet-2022.md"]


def test_literal_number_in_parentheses_is_not_a_marker(project: Path) -> None:
    (project / "corpus" / "sommet-2022.txt").write_text(
        "title T\n\nL'Otan (1) et les chefs d'État (2).\n", encoding="utf-8")
    (project / "corpus" / "sommet-2022.notes.yml").write_text("- quote: chefs d'État\n  note: x\n", encoding="utf-8")
    _, pages, _ = generate(project)
    page = pages["articles/sommet-2022.md"]
    assert '(<span class="glose-nomark"></span>1)' in page
    assert "</mark>(1)" in page


def test_articles_index_by_year_and_month(project: Path) -> None:
    _, pages, _ = generate(project)
    index = pages["articles/index.md"]
    assert index.index("## 2022") < index.index("### Mars 2022") < index.index("### Février 2022") < index.index("## 2021")


def test_tag_pages_list_articles_and_entries(project: Path) -> None:
    _, pages, _ = generate(project)
    # Finished HTML (MkDocs passes it through); the title escaped as text.
    assert '<li><a href="../articles/article-5.html">Ce que dit l&#39;article 5</a>' in pages["tags/traite.md"]
    assert '<li><a href="../glossary/article-5.html">Article 5</a> : ' in pages["tags/traite.md"]
    assert "(defense.md)" in pages["tags/index.md"]


def test_glossary_index_a_to_z_and_by_tag(project: Path) -> None:
    _, pages, _ = generate(project)
    index = pages["glossary/index.md"]
    letters = [index.index(f"## {letter} {{ #{letter.lower()} }}\n") for letter in "ANOPS"]
    assert letters == sorted(letters)
    assert "## Par thème" in index and "### organisation { #theme-organisation }" in index


def test_acronym_without_entry_is_a_warning_with_its_line(project: Path) -> None:
    (project / "corpus" / "baltes.txt").write_text(
        "title T\n\nLes pays baltes et l'OTAN.\nLe SACEUR commande,\nla NRF aussi.\n", encoding="utf-8")
    _, _, report = generate(project)
    assert [str(w) for w in report.warnings] == [
        'corpus/baltes.txt:4: warning: "SACEUR" looks like a term with no glossary entry; add glossary/saceur.md or an alias, '
        'or list it under `extra: glose: ignore_acronyms:` in mkdocs.yml']


def test_missing_title_is_a_warning(project: Path) -> None:
    (project / "corpus" / "baltes.txt").write_text("Les pays baltes. Et la suite.\n", encoding="utf-8")
    corpus, _, report = generate(project)
    assert [str(w) for w in report.warnings] == [
        "corpus/baltes.txt:1: warning: has no title; it is shown as 'Les pays baltes.': add a `title ...` line at the top"]


@pytest.mark.parametrize("notes", ["[" * 3000, "- !!python/object/apply:os.system ['true']\n", "- {[1]: 2}\n", "- quote: [a\n"])
def test_unreadable_notes_are_errors_not_crashes(project: Path, notes: str) -> None:
    (project / "corpus" / "sommet-2022.notes.yml").write_text(notes, encoding="utf-8")
    with pytest.raises(InputError) as raised:
        generate(project)
    assert [d.path for d in raised.value.report.errors] == ["corpus/sommet-2022.notes.yml"]


def test_coordinated_articles_are_a_link_per_number(project: Path) -> None:
    """Issue 14: "les articles 4 et 5" links Article 4 (with the noun) and Article 5 (its
    number), and each entry's concordance marks its own part."""
    (project / "glossary" / "article-4.md").write_text(
        "---\nterm: Article 4\nsummary: Consultation.\n---\nDéfinition.\n", encoding="utf-8")
    (project / "corpus" / "baltes.txt").write_text(
        "title T\n\nLes pays baltes invoquent les articles 4 et 5 du traité.\n", encoding="utf-8")
    corpus, pages, _ = generate(project)
    page = pages["articles/baltes.md"]
    assert ('data-term="article-4" href="../glossary/article-4.html" aria-describedby="glose-def-article-4">articles 4</a> et '
            '<a class="term" data-term="article-5" href="../glossary/article-5.html" aria-describedby="glose-def-article-5">5</a> '
            'du traité.') in page
    passages = {t.term.slug: [p.mention for p in t.passages or () if p.article == "baltes"] for t in corpus.terms}
    assert passages["article-4"] == ["articles 4"] and passages["article-5"] == ["5"]
