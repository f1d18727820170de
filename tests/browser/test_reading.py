"""Reading comfort (issue 16), in the browser, from disk and over HTTP, on a desktop and a phone:
the vocabulary to take away (English column, spreadsheet, Anki deck), the charts of the
corpus's life, and the glossary index that opens an entry in place."""

from __future__ import annotations

import re
import urllib.request

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"


@pytest.fixture(params=["page", "phone"])
def window(request):
    """The desktop window, then the phone; `press` clicks or taps."""
    found = request.getfixturevalue(request.param)
    found.press = (lambda target: target.tap()) if request.param == "phone" else (lambda target: target.click())
    return found


def _fetch(site, built_site, href_of_page: str, page_path: str) -> bytes:
    """The bytes a link of a page points to: over HTTP from the server, from disk the file."""
    url = site.url(page_path).rsplit("/", 1)[0] + "/" + href_of_page
    if site.mode == "http":
        with urllib.request.urlopen(url) as response:
            return response.read()
    return (built_site / url[len(site.base):]).read_bytes()


def test_vocabulary_has_an_english_column_and_files_to_take_away(window, site, built_site):
    window.goto(site.url(ARTICLE))
    table = window.locator(".glose-vocabulary table")
    expect(table.locator("thead th")).to_have_text(["Terme", "Anglais", "Définition courte", "Mentions"])
    otan = table.locator("tbody tr", has=window.get_by_role("rowheader", name="OTAN"))
    expect(otan.locator("td").first).to_have_text("NATO (North Atlantic Treaty Organization)")
    expect(otan.locator("td").first).to_have_attribute("lang", "en")
    csv_link = window.get_by_role("link", name="tableur (CSV)")
    deck_link = window.get_by_role("link", name="cartes Anki (.apkg)")
    csv = _fetch(site, built_site, csv_link.get_attribute("href"), ARTICLE)
    assert csv.startswith("\ufeff\"terme\";\"anglais\";".encode("utf-8"))
    assert b'"OTAN";"NATO (North Atlantic Treaty Organization)";' in csv
    assert _fetch(site, built_site, deck_link.get_attribute("href"), ARTICLE)[:2] == b"PK"  # a zip


def test_the_glossary_deck_is_linked_from_the_glossary_index(window, site, built_site):
    window.goto(site.url("glossary/index.html"))
    link = window.get_by_role("link", name="tout le glossaire en cartes Anki (.apkg)")
    assert _fetch(site, built_site, link.get_attribute("href"), "glossary/index.html")[:2] == b"PK"


def _entry(page, name: str):
    """The glossary index's entry of that name."""
    return page.locator("details.glose-entry").filter(
        has=page.locator(".glose-entry__term", has_text=re.compile(f"^{re.escape(name)}$")))


def test_the_glossary_index_opens_an_entry_in_place(window, site):
    window.goto(site.url("glossary/index.html"))
    entry = _entry(window, "Jens Stoltenberg")
    expect(entry.locator(".glose-entry__count")).to_have_text(re.compile(r"^\d+ articles?$|^aucun article$"))
    expect(entry.locator("summary")).to_contain_text("Homme politique norvégien")
    more = entry.get_by_role("link", name="Toute la fiche « Jens Stoltenberg »")
    expect(more).to_be_hidden()
    window.press(entry.locator("summary"))
    expect(more).to_be_visible()
    expect(entry.get_by_text("Mark Rutte lui a ensuite succédé", exact=False)).to_be_visible()  # the definition, in place
    assert window.url == site.url("glossary/index.html")
    window.press(more)
    window.wait_for_url(re.compile(r"glossary/jens-stoltenberg\.html$"))


def test_an_entry_counts_the_articles_that_mention_it(page, site):
    page.goto(site.url("glossary/index.html"))
    expect(_entry(page, "Jens Stoltenberg").locator(".glose-entry__count")).to_have_text("1 article")
    expect(_entry(page, "Mark Rutte").locator(".glose-entry__count")).to_have_text("aucun article")


def test_an_entry_shows_its_mentions_over_time(window, site):
    """An SVG drawn at build time (no script needed), its caption, and its numbers in a table."""
    window.goto(site.url("glossary/otan.html"))
    chart = window.locator("figure.glose-chart")
    expect(chart.locator("svg rect")).to_have_count(1)
    expect(chart.locator("svg")).to_be_visible()
    expect(chart.locator(".glose-chart__plot")).to_have_attribute("aria-hidden", "true")
    expect(chart.locator("figcaption")).to_have_text("Mentions de « OTAN » par mois, en février 2022 : 8 en tout.")
    passages = window.locator(".glose-kwic li").count()
    window.press(chart.locator("summary"))
    expect(chart.get_by_role("table")).to_be_visible()
    expect(chart.get_by_role("cell")).to_have_text([str(passages)])
    expect(chart.get_by_role("rowheader")).to_have_text(["février 2022"])
    height = chart.locator("svg rect").evaluate("r => r.getBoundingClientRect().height")
    assert height > 20


def test_charts_need_no_script(browser, site):
    """Drawn at build time: with JavaScript off, the chart and its caption are there."""
    context = site.watch(browser.new_context(java_script_enabled=False))
    page = context.new_page()
    page.goto(site.url("glossary/otan.html"))
    expect(page.locator("figure.glose-chart svg rect")).to_be_visible()
    page.goto(site.url("articles/index.html"))
    expect(page.locator("figure.glose-chart figcaption")).to_have_text(
        "Articles du corpus par mois, en février 2022 : 1 en tout.")
    context.close()


def test_an_entry_no_article_mentions_has_no_chart(page, site):
    page.goto(site.url("glossary/mark-rutte.html"))
    expect(page.locator("figure.glose-chart")).to_have_count(0)
    expect(page.locator(".glose-concordance")).to_contain_text("Ce terme n’apparaît dans aucun article du corpus.")
