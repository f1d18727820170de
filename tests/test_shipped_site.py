"""End to end: the shipped project builds into a site that works from disk (issues 2 and 3)."""

from __future__ import annotations

import json
import re
import subprocess
import sys
from collections import Counter
from pathlib import Path

import pytest
from bs4 import BeautifulSoup

from glose.folding import fold_key
from support import build_in_subprocess, copy_sources, read_search_script

ROOT = Path(__file__).resolve().parent.parent
ARTICLE = "otan-invasion-ukraine-2022-02"
SHIPPED_TERMS = (
    "otan traite-de-washington article-4 article-5 plans-de-defense nrf vjtf saceur "
    "secretaire-general-de-l-otan jens-stoltenberg tod-wolters pays-baltes "
    "presence-avancee-renforcee transnistrie moldavie roumanie pologne interfax-ukraine "
    "sommet-de-l-otan ukraine "
    # added by issue 14
    "conseil-de-l-atlantique-nord shape secretaire-general-adjoint-de-l-otan mark-rutte russie finlande "
    "suede estonie lettonie lituanie crimee mircea-geoana christopher-cavoli volodymyr-zelensky "
    "flanc-oriental conseil-otan-ukraine"
).split()
# Mentions of each term in the shipped article, counted by hand in the text (longest match:
# "secrétaire général de l'Otan" and "l'article 4 du Traité de Washington" are one mention each).
# OTAN: 7 "Otan" and "l'Alliance" with its capital (issue 14); "convoquer l'alliance", in lower
# case, is the common noun and stays unlinked.
EXPECTED_MENTIONS = {
    "otan": 8, "jens-stoltenberg": 3, "secretaire-general-de-l-otan": 1, "plans-de-defense": 1,
    "tod-wolters": 1, "ukraine": 2, "pays-baltes": 2, "roumanie": 2, "interfax-ukraine": 1,
    "presence-avancee-renforcee": 1, "pologne": 1, "nrf": 2, "vjtf": 1, "article-4": 1,
    "moldavie": 1, "transnistrie": 1, "sommet-de-l-otan": 1,
}


@pytest.fixture(scope="module")
def project(tmp_path_factory) -> Path:
    """A copy of the shipped project, built with `python build.py` as a user would."""
    path = copy_sources(ROOT, tmp_path_factory.mktemp("shipped"))
    build_in_subprocess(path)
    return path


def soup(project: Path, rel: str) -> BeautifulSoup:
    return BeautifulSoup((project / "site" / rel).read_text(encoding="utf-8"), "html.parser")


def article_terms(project: Path):
    page = soup(project, f"articles/{ARTICLE}.html")
    return [a for a in page.select("p.glose-para a.term")]


def test_every_otan_mention_is_a_term_link(project: Path) -> None:
    page = soup(project, f"articles/{ARTICLE}.html")
    text = " ".join(p.get_text() for p in page.select("p.glose-para"))
    occurrences = re.findall(r"[lL]'Otan", text)
    assert len(occurrences) == 8
    links = [a for a in page.select("p.glose-para a.term") if "Otan" in a.get_text()]
    # 7 are the OTAN entry; the 8th is inside "secrétaire général de l'Otan" (longest match).
    assert sum(a.get_text().count("Otan") for a in links) == 8
    for a in links:
        slug = a["data-term"]
        assert a["href"] == f"../glossary/{slug}.html"
        assert a["aria-describedby"] == f"glose-def-{slug}" and page.select_one(f".glose-defs > #glose-def-{slug}")
    otan = [a for a in links if a["data-term"] == "otan"]
    assert [a.get_text() for a in otan] == ["Otan"] * 7
    description = page.select_one(f"#{otan[0]['aria-describedby']}").get_text()
    assert description.startswith("OTAN, en anglais NATO (North Atlantic Treaty Organization) : "
                                  "Alliance politique et militaire")


def test_the_list_of_definitions_is_hidden_and_out_of_the_search_index(project: Path) -> None:
    page = soup(project, f"articles/{ARTICLE}.html")
    definitions = page.select("div.glose-defs[hidden][data-search-exclude] > p")
    assert sorted(p["id"] for p in definitions) == sorted({a["aria-describedby"] for a in article_terms(project)})
    texts = [t for path in (project / "site/search/text").glob("*.js") for t in read_search_script(path)[2]]
    assert texts and not [t for t in texts if ", en anglais NATO" in t]


def test_alliance_is_linked_only_with_its_capital(project: Path) -> None:
    """Issue 14: `case_sensitive: [Alliance]` in the OTAN entry."""
    alliance = [a for a in article_terms(project) if a.get_text().lower() == "alliance"]
    assert [(a.get_text(), a["data-term"]) for a in alliance] == [("Alliance", "otan")]
    page = soup(project, f"articles/{ARTICLE}.html")
    assert "convoquer l'alliance" in " ".join(p.get_text() for p in page.select("p.glose-para"))


@pytest.mark.parametrize("slug, text", [("nrf", "NRF"), ("nrf", "Force de réaction"), ("vjtf", "VJTF"),
                                        ("article-4", "article 4 du Traité de Washington")])
def test_key_terms_are_linked(project: Path, slug: str, text: str) -> None:
    links = [a for a in article_terms(project) if a.get_text() == text]
    assert len(links) == 1
    assert links[0]["href"] == f"../glossary/{slug}.html"
    assert links[0]["data-term"] == slug


def test_mentions_per_term_in_shipped_article(project: Path) -> None:
    counts = Counter(a["data-term"] for a in article_terms(project))
    assert dict(counts) == EXPECTED_MENTIONS


def test_every_glossary_page_exists(project: Path) -> None:
    for slug in SHIPPED_TERMS:
        page = soup(project, f"glossary/{slug}.html")
        assert page.select_one("h1").get_text(strip=True)
        assert page.select_one(".glose-summary").get_text(strip=True)
    assert (project / "site/glossary/index.html").is_file()
    assert (project / "site/articles/index.html").is_file()
    assert (project / "site/index.html").is_file()


def test_search_index_for_file_urls(project: Path) -> None:
    """Material's index keeps its config and no documents (every page loads it); the words are
    in the prebuilt shards, the titles in the section table, as scripts that load from disk."""
    js = (project / "site/search/search_index.js").read_text(encoding="utf-8")
    assert js.startswith("var __index = ")
    index = json.loads(js.removeprefix("var __index = "))
    assert index["docs"] == [] and "separator" in index["config"]
    assert "transnistrie" in read_search_script(project / "site/search/shards/7472.js")[2]
    titles = [row[1] for row in read_search_script(project / "site/search/table/0.js")[2]]
    assert "Transnistrie" in titles
    worker = 'config.search = "../assets/glose/search-worker.js";'
    assert worker in (project / f"site/articles/{ARTICLE}.html").read_text(encoding="utf-8")
    assert (project / "site/assets/glose/search-worker.js").is_file()


def test_search_words_are_never_glued_across_elements(project: Path) -> None:
    """An entry's other forms and English name are separate words for search: "</dd><dt>"
    with nothing between would index "réactionEn" as one word (reactionen)."""
    words = set()
    for shard in (project / "site/search/shards").glob("*.js"):
        words |= set(read_search_script(shard)[2])
    assert {"reaction", "anglais", "autres", "formes", "force"} <= words
    assert not {w for w in words if w.startswith("formes") and w != "formes"}
    assert "reactionen" not in words and "formesforce" not in words


def test_nothing_points_to_another_origin(project: Path) -> None:
    """No script, stylesheet, image, font or frame is loaded from the internet."""
    offenders = []
    for path in (project / "site").rglob("*.html"):
        page = BeautifulSoup(path.read_text(encoding="utf-8"), "html.parser")
        for tag in page.find_all(["script", "link", "img", "iframe", "source", "video", "audio", "embed", "object"]):
            for attr in ("src", "href", "data"):
                value = tag.get(attr) or ""
                if tag.name == "link" and "stylesheet" not in (tag.get("rel") or []) and "preconnect" not in (tag.get("rel") or []) and "icon" not in " ".join(tag.get("rel") or []):
                    continue
                if re.match(r"(https?:)?//", value):
                    offenders.append(f"{path.name}: <{tag.name} {attr}={value}>")
    for path in (project / "site").rglob("*.css"):
        if path.name.endswith(".css") and re.search(r"url\(\s*['\"]?(https?:)?//", path.read_text(encoding="utf-8")):
            offenders.append(path.name)
    assert offenders == []


def test_glossary_pages_link_other_terms_never_themselves(project: Path) -> None:
    for slug in SHIPPED_TERMS:
        page = soup(project, f"glossary/{slug}.html")
        article = page.select_one("article")
        slugs = {a["data-term"] for a in article.select("a.term")}
        assert slug not in slugs
    otan = soup(project, "glossary/otan.html")
    assert {"traite-de-washington", "article-5"} <= {a["data-term"] for a in otan.select("a.term")}


def test_concordance_lists_every_mention(project: Path) -> None:
    page = soup(project, "glossary/otan.html")
    lines = page.select(".glose-concordance li a")
    assert len(lines) == EXPECTED_MENTIONS["otan"]
    assert all(a["href"].startswith(f"../articles/{ARTICLE}.html#p") for a in lines)
    assert [a.select_one("mark").get_text() for a in lines] == ["Alliance"] + ["Otan"] * 7


def test_shipped_check_gives_no_warning() -> None:
    done = subprocess.run([sys.executable, str(ROOT / "build.py"), "check", "--project", str(ROOT)],
                          capture_output=True, text=True)
    assert done.returncode == 0
    assert done.stderr == "glose: no errors (0 warning(s))\n"


def test_shipped_entries_follow_the_house_rules() -> None:
    """Issue 3: French summary <= 200 chars, a 60-200 word definition, English, see_also, tags
    from the fixed set, for every entry of the shipped glossary."""
    from glose.diagnostics import Report
    from glose.read import read_project

    report = Report()
    project = read_project(ROOT, report)
    assert report.items == []
    terms = {t.slug: t for t in project.terms}
    assert sorted(terms) == sorted(SHIPPED_TERMS)
    allowed = {"organisation", "traité", "force", "fonction", "personne", "lieu", "média", "événement"}
    for term in terms.values():
        words = len(term.definition.split())
        assert 60 <= words <= 200, (term.slug, words)
        assert len(term.summary) <= 200 and term.summary.endswith("."), term.slug
        assert term.english, term.slug
        assert term.see_also, term.slug
        assert term.tags and set(term.tags) <= allowed, term.slug
    assert fold_key("Force de réaction") in {fold_key(a) for a in terms["nrf"].aliases}
