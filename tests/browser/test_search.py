"""Search, from disk and over HTTP: the iframe worker shim and the accent-folding French index."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"

# A result is waited for until Material shows it for the whole query: its link's ?h= lists the
# query words it matched (h is built from the query, so an earlier keystroke's results differ).
_RESULT = """([path, words, mark]) => [...document.querySelectorAll('.md-search-result__link')]
  .some(a => {
    const url = new URL(a.href);
    const h = (url.searchParams.get('h') || '').split(' ').filter(Boolean).sort().join(' ');
    const marks = [...a.querySelectorAll('mark')].map(m => m.textContent.toLowerCase());
    return url.pathname.endsWith('/' + path) && h === words && (!mark || marks.includes(mark));
  })"""


def _search(page, query: str, path: str, mark: str | None = None):
    """Type `query` in the search box; wait for a result linking to `path` (with <mark>`mark`)."""
    box = page.get_by_role("textbox", name="Rechercher")
    box.click()
    box.press_sequentially(query)
    words = " ".join(sorted(query.lower().split()))
    page.wait_for_function(_RESULT, arg=[path, words, mark], timeout=20_000)


@pytest.mark.parametrize(("query", "path", "mark"), [
    ("Otan", ARTICLE, None),
    ("Otan", "glossary/otan.html", None),
    ("réaction", "glossary/nrf.html", "réaction"),
    ("Force de réaction", "glossary/nrf.html", None),
    ("vjtf", "glossary/vjtf.html", None),
    ("defense", ARTICLE, "défense"),
    ("Defense", ARTICLE, "défense"),
    ("défense", ARTICLE, "défense"),
    ("2022", ARTICLE, None),
])
def test_search_finds(page, site, query, path, mark):
    page.goto(site.url("index.html"))
    _search(page, query, path, mark)


def test_search_result_highlights_the_word_on_the_page(page, site):
    """A search without accents still marks the accented word on the page it opens."""
    page.goto(site.url("index.html"))
    _search(page, "defense", ARTICLE, "défense")
    page.locator(f'.md-search-result__link[href*="{ARTICLE}?h=defense"]').first.click()
    page.wait_for_url(lambda url: url.split("#")[0].endswith(f"{ARTICLE}?h=defense"))
    page.wait_for_selector("article mark[data-md-highlight]")
    marks = page.locator("article mark[data-md-highlight]")
    assert "défense" in [m.lower() for m in marks.all_inner_texts()]
