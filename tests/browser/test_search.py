"""Search, from disk and over HTTP: Glose's search worker (prebuilt index, French folding), run
through the iframe worker shim under file://, inside Material's search dialog."""

from __future__ import annotations

import functools
import http.server
import json
import re
import threading
from pathlib import Path

import pytest
from playwright.sync_api import expect

from glose.site.search_index import words as build_words
from support import REPO, build_in_subprocess, read_search_script, write_project

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


def _search(page, query: str, path: str, mark: str | None = None, words: str | None = None):
    """Type `query` in the search box; wait for a result linking to `path` (with <mark>`mark`)
    whose ?h= holds `words` (by default the words of the query, in lower case)."""
    _type(page, query)
    words = " ".join(sorted((words or query).lower().split()))
    page.wait_for_function(_RESULT, arg=[path, words, mark], timeout=20_000)


def _type(page, query: str):
    box = page.get_by_role("textbox", name="Rechercher")
    box.click()
    box.press_sequentially(query)


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
    ("réact", "glossary/nrf.html", "réaction"),  # a prefix
    ("Transnis", "glossary/transnistrie.html", "transnistrie"),
    ("plans défense collective", "glossary/plans-de-defense.html", "défense"),  # every word
    ("traités", "glossary/traite-de-washington.html", "traité"),  # a plural finds the singular
    ("coeur", "glossary/article-5.html", "cœur"),  # ligatures spelt out
])
def test_search_finds(page, site, query, path, mark):
    page.goto(site.url("index.html"))
    _search(page, query, path, mark)


def test_search_splits_elisions(page, site):
    """"l'Otan" is two words, l and otan, as in the index: Material's ?h= gets both."""
    page.goto(site.url(ARTICLE))
    _search(page, "l'Otan", "glossary/otan.html", "otan", words="l otan")


def test_every_word_must_be_found(page, site):
    """Words are AND-ed: "Otan zyxwv" finds nothing, though "Otan" finds pages."""
    page.goto(site.url("index.html"))
    _search(page, "Otan", ARTICLE)
    page.get_by_role("textbox", name="Rechercher").press_sequentially(" zyxwv")
    meta = page.locator(".md-search-result__meta")
    meta.filter(has_text="Aucun document trouvé").wait_for(timeout=20_000)
    assert page.locator(".md-search-result__item").count() == 0


def test_no_result_shows_materials_message(page, site):
    page.goto(site.url("index.html"))
    _type(page, "qwzxyv")
    page.locator(".md-search-result__meta").filter(has_text="Aucun document trouvé").wait_for(timeout=20_000)
    assert page.locator(".md-search-result__item").count() == 0


def test_results_are_grouped_by_page_as_material_shows_them(page, site):
    """One item per page: the page first (h1), then its matching sections (h2), the others
    folded under "N de plus sur cette page"; words marked in titles and excerpts."""
    page.goto(site.url("index.html"))
    _search(page, "Washington", "glossary/traite-de-washington.html", "washington")
    items = page.locator(".md-search-result__item")
    pages = [item.locator(".md-search-result__link").first.get_attribute("href").split("?")[0]
             for item in items.all()]
    assert len(pages) == len(set(pages)) > 3
    treaty = items.filter(has=page.locator('a[href*="glossary/traite-de-washington.html?h=washington"]')).first
    assert treaty.locator("h1").inner_text() == "Traité de Washington"
    assert treaty.locator("h1 mark").all_inner_texts() == ["Washington"]
    assert "Washington" in treaty.locator("article p mark").all_inner_texts()
    found = int(page.locator(".md-search-result__meta").inner_text().removesuffix(" documents trouvés"))
    assert len(pages) == min(found, 10)  # Material shows 10 pages, then more as one scrolls


def test_a_query_loads_only_its_shard_and_few_files(page, site):
    """Each word reads one shard file (for the prefixes typed: "t" if it was queried, then
    "tr"); the page and the worker load nothing else of the index but a table file and some
    texts."""
    page.goto(site.url("index.html"))
    _search(page, "Transnistrie", "glossary/transnistrie.html")
    loaded = sorted({url.split("/search/")[1] for url in site.requests if "/search/" in url})
    assert [f for f in loaded if f.startswith("shards/")] in (["shards/74.js", "shards/7472.js"], ["shards/7472.js"])
    assert [f for f in loaded if f.startswith("table/")] == ["table/0.js"]
    # No query found more pages than the worker details: no page titles (search/pages.js).
    assert {f.split("/")[0] for f in loaded} <= {"shards", "table", "text", "search_index.js", "search_index.json"}


WORDS = [
    "L'Otan, l’Alliance d'Interfax-Ukraine (VJTF).", "DÉFENSE Défense défense défenses",
    "Œuvre cœur Ærø Straße ﬁn", "Łódź İstanbul ΟΔΟΣ Столтенберг", "e\u0301le\u0300ve",
    "«Défense» — 4.5 % en 2022. L'article 4, §3 : *gras* c++ a&b _x_",
    "日本語のテキスト emoji 🎉 ǅemal ŉ", "ÉTATS-UNIS\u00a0et\u202fœuvres\u2028fin",
    "ﬁn ﬂeur 1ᵉʳ Mᵐᵉ ＯＴＡＮ DİYARBAKIR ıslak ὈΔΥΣΣΕΎΣ Tiếng Việt Йошкар-Ола ❤️ 👍🏽",
]


def test_the_worker_folds_and_splits_words_as_the_build(page, site, built_site):
    """The words a query is split into (search-worker.js) are those the index holds
    (glose/site/search_index.py), for tricky text and for every text of the shipped site."""
    config = json.loads((built_site / "search" / "search_index.json").read_text(encoding="utf-8"))["config"]
    texts = list(WORDS)
    for path in sorted((built_site / "search" / "text").glob("*.js")):
        texts += read_search_script(path)[2]
    page.goto(site.url("index.html"))
    page.add_script_tag(url=site.url("assets/glose/search-worker.js"))
    in_browser = page.evaluate("([texts, separator]) => texts.map(t => GloseSearch.words(t, separator))",
                               [texts, config["separator"]])
    separator = re.compile(config["separator"])
    assert in_browser == [build_words(text, separator) for text in texts]


def test_search_result_highlights_the_word_on_the_page(page, site):
    """A search without accents still marks the accented word on the page it opens."""
    page.goto(site.url("index.html"))
    _search(page, "defense", ARTICLE, "défense")
    page.locator(f'.md-search-result__link[href*="{ARTICLE}?h=defense"]').first.click()
    page.wait_for_url(lambda url: url.split("#")[0].endswith(f"{ARTICLE}?h=defense"))
    page.wait_for_selector("article mark[data-md-highlight]")
    marks = page.locator("article mark[data-md-highlight]")
    assert "défense" in [m.lower() for m in marks.all_inner_texts()]


@pytest.fixture(scope="module")
def folded_site(tmp_path_factory):
    """A project whose article holds words that only a fold finds, built by build.py: its site/."""
    text = "title Voyage\n\nDe Łódź à İstanbul, la Straße et le ﬁnancement du Ærø, le 1ᵉʳ mars.\n"
    return _built({"voyage.txt": text}, tmp_path_factory.mktemp("folded-search"))


@pytest.mark.parametrize("mode", ["file", "http"])
def test_a_folded_search_marks_the_word_it_found(new_context, folded_site, http_server, mode):
    """"lodz" finds the article (worker) and marks "Łódź" on the page it opens (page script):
    both fold as the index writer does."""
    base = folded_site.as_uri() + "/" if mode == "file" else http_server(folded_site)
    page = new_context(viewport={"width": 1280, "height": 900}).new_page()
    page.goto(base + "index.html")
    _search(page, "lodz", "articles/voyage.html", "łódź")
    page.locator('.md-search-result__link[href*="articles/voyage.html?h=lodz"]').first.click()
    page.wait_for_selector("article mark[data-md-highlight]")
    assert page.locator("article mark[data-md-highlight]").all_inner_texts() == ["Łódź"]


@pytest.mark.parametrize(("query", "marked"), [
    ("istanbul", "İstanbul"), ("strasse", "Straße"), ("aero", "Ærø"), ("1er", "1ᵉʳ"),
    # The reader spells ligatures out (read/cleaning.py): the page holds "financement".
    ("financement", "financement")])
def test_the_page_marks_what_the_fold_finds(new_context, folded_site, query, marked):
    page = new_context().new_page()
    page.goto((folded_site / "articles" / "voyage.html").as_uri() + f"?h={query}")
    page.wait_for_selector("article mark[data-md-highlight]")
    assert page.locator("article mark[data-md-highlight]").all_inner_texts() == [marked]


HOSTILE_TITLE = "<img src=x onerror=alert(1)> </script><script>alert(2)</script> &amp; \"q\" 'a' alerte"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """A project whose article title and text are HTML, built by build.py: its site/."""
    return _built({"h.txt": f"title {HOSTILE_TITLE}\n\nTexte {HOSTILE_TITLE} fin.\n"}, tmp_path_factory.mktemp("hostile-search"))


def test_hostile_titles_show_as_text_in_results(new_context, hostile_site):
    """The worker escapes what it hands to Material (which renders results as HTML)."""
    context = new_context(viewport={"width": 1280, "height": 900})
    problems = []
    context.on("weberror", lambda error: problems.append(f"uncaught: {error.error}"))
    context.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page = context.new_page()
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.goto((hostile_site / "index.html").as_uri())
    _search(page, "alerte", "articles/h.html", "alerte")
    result = page.locator('.md-search-result__link[href*="articles/h.html"]').first
    assert " ".join(result.locator("h1").inner_text().split()) == " ".join(HOSTILE_TITLE.split())
    assert result.locator("img, script").count() == 0
    assert "Texte <img src=x" in result.locator("p").inner_text()
    assert problems == []


# ---------------------------------------------------------------- more pages than the worker details

DETAILED_PAGES = int(re.search(r"var DETAILED_PAGES = (\d+);",
                               (REPO / "glose/site/js/search-worker.js").read_text(encoding="utf-8"))[1])
"""Pages the worker lists with sections and excerpts; every other page found comes as its title."""
NOTES = DETAILED_PAGES + 10
"""Articles of `many_pages_site` that hold "zorglub"."""
BOTH = DETAILED_PAGES + 5
"""Of them, those that also hold "marsupilami" (the first ones)."""
OTHERS = 5
"""Articles that hold neither word."""


@pytest.fixture(scope="module")
def many_pages_site(tmp_path_factory):
    """A project where one word is on more pages than the worker details, built by build.py:
    its site/. Note n (01 to NOTES + OTHERS) holds "zorglub" up to NOTES, "marsupilami" too
    up to BOTH, in its text only (not in its title, so the list of articles does not hold it).
    The title of note NOTES, the last page found, is HTML."""
    corpus = {}
    for n in range(1, NOTES + OTHERS + 1):
        words = ("zorglub " + ("et marsupilami " if n <= BOTH else "")) if n <= NOTES else ""
        title = f"Note {n:02d}" + (f" {HOSTILE_TITLE}" if n == NOTES else "")
        corpus[f"note-{n:02d}.txt"] = f"title {title}\n\nUne phrase où {words}revient, {n} fois.\n"
    return _built(corpus, tmp_path_factory.mktemp("many-pages-search"))


def _built(corpus: dict[str, str], folder) -> Path:
    """A project of these articles and one entry, built by build.py: its site/."""
    root = write_project(folder, corpus=corpus, glossary={"otan.md": "---\nterm: Otan\nsummary: Alliance.\n---\nDéfinition.\n"})
    build_in_subprocess(root, "--quiet")
    return root / "site"


@pytest.fixture(params=["file", "http"])
def many_pages(request, new_context, many_pages_site):
    """A desktop page and the base URL of `many_pages_site`, from disk then over HTTP; fails
    at teardown on a request that left the site or an error in the page."""
    server = None
    if request.param == "file":
        base = many_pages_site.as_uri() + "/"
    else:
        handler = functools.partial(_QuietHandler, directory=str(many_pages_site))
        server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
        threading.Thread(target=server.serve_forever, daemon=True).start()
        base = f"http://127.0.0.1:{server.server_port}/"
    context = new_context(viewport={"width": 1280, "height": 900})
    requests, problems = [], []
    context.on("request", lambda r: requests.append(r.url))
    context.on("weberror", lambda error: problems.append(f"uncaught: {error.error}"))
    context.on("console", lambda message: message.type == "error" and problems.append(message.text))
    page = context.new_page()
    page.on("dialog", lambda dialog: (problems.append(f"dialog: {dialog.message}"), dialog.dismiss()))
    page.requests = requests
    yield page, base
    context.close()
    if server:
        server.shutdown()
        server.server_close()
    assert [url for url in requests if not url.startswith(("data:", "blob:", "about:", base))] == []
    assert problems == []


class _QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format, *args):
        pass


def _meta(page, text: str):
    """Wait for Material's line above the results to read `text`."""
    from playwright.sync_api import expect

    expect(page.locator(".md-search-result__meta")).to_have_text(text, timeout=20_000)


def _scroll_to_the_end(page, expected: int) -> list:
    """Scroll the result list down as a mouse wheel does, a notch at a time, until Material
    has rendered `expected` items; the items. Material renders 10, then 4 more each time the
    list reaches its bottom (a jump straight to the new bottom does not count: it waits for
    the list to leave its bottom first)."""
    items = page.locator(".md-search-result__item")
    page.locator(".md-search-result__list").hover()
    for _ in range(20 * expected):
        if items.count() >= expected:
            break
        page.mouse.wheel(0, 100)
        page.wait_for_timeout(20)
    page.mouse.wheel(0, 1000)
    page.wait_for_timeout(300)  # and nothing more comes
    assert items.count() == expected
    return items.all()


def test_the_count_is_every_page_found(many_pages):
    """Material says how many pages hold every word of the query, though the worker details only
    the best DETAILED_PAGES: every page found is in the list."""
    page, base = many_pages
    page.goto(base + "index.html")
    _search(page, "zorglub", "articles/note-01.html")
    _meta(page, f"{NOTES} documents trouvés")
    assert page.locator(".md-search-result__item").count() == 10  # the rest as one scrolls
    page.get_by_role("textbox", name="Rechercher").press_sequentially(" marsupilami")
    _meta(page, f"{BOTH} documents trouvés")
    loaded = {url.split("/search/")[1] for url in page.requests if "/search/" in url}
    assert "pages.js" in loaded and [f for f in loaded if f.startswith("table/")] == ["table/0.js"]


def test_scrolling_reaches_every_page_found(many_pages):
    """Beyond the DETAILED_PAGES best pages, each page comes with its title (as text, though
    it is HTML), and opens at the word found."""
    page, base = many_pages
    page.goto(base + "index.html")
    _search(page, "zorglub", "articles/note-01.html", "zorglub")
    _meta(page, f"{NOTES} documents trouvés")
    items = _scroll_to_the_end(page, NOTES)
    links = [item.locator(".md-search-result__link").first for item in items]
    hrefs = [link.get_attribute("href") for link in links]
    assert sorted(href.split("?")[0].rsplit("/", 1)[1] for href in hrefs) == [
        f"note-{n:02d}.html" for n in range(1, NOTES + 1)]
    assert all(href.endswith("?h=zorglub") for href in hrefs)
    titles = [" ".join(item.locator("h1").inner_text().split()) for item in items]
    assert [int(t.split()[1]) for t in titles] == [
        int(href.split("note-")[1][:2]) for href in hrefs]  # each page under its own title
    assert titles[-1] == " ".join(f"Note {NOTES} {HOSTILE_TITLE}".split())
    assert page.locator(".md-search-result__list").locator("img, script").count() == 0
    first, last = items[0], items[-1]
    assert "zorglub" in [m.lower() for m in first.locator("p mark").all_inner_texts()]  # an excerpt
    assert last.locator("p").count() == 0  # beyond the detailed pages: the title alone
    assert last.locator("h1 mark").count() == 0  # "zorglub" is not in its title
    last.locator(".md-search-result__link").click()
    page.wait_for_url(lambda url: url.split("#")[0].endswith(hrefs[-1].rsplit("/", 1)[1]))
    page.wait_for_selector("article mark[data-md-highlight]")
    assert "zorglub" in [m.lower() for m in page.locator("article mark[data-md-highlight]").all_inner_texts()]


def test_titles_beyond_the_detailed_pages_mark_the_words_found(many_pages):
    """A page listed by its title alone has the query's words marked in it when its title holds
    them (the worker tells so from the index, without splitting the titles), and only then."""
    page, base = many_pages
    page.goto(base + "index.html")
    _type(page, "note")
    page.wait_for_function("""() => [...document.querySelectorAll('.md-search-result__link')]
      .some(a => new URL(a.href).searchParams.get('h') === 'note')""", timeout=20_000)
    shown = page.locator(".md-search-result__meta").inner_text()
    found = int(shown.split()[0])
    assert found > DETAILED_PAGES
    items = _scroll_to_the_end(page, found)
    titled = [item for item in items if "/note-" in item.locator(".md-search-result__link").first.get_attribute("href")]
    assert len(titled) == NOTES + OTHERS
    for item in titled[DETAILED_PAGES:]:
        assert item.locator("p").count() == 0  # listed by its title alone
        assert item.locator("h1 mark").all_inner_texts() == ["Note"]
    untitled = [item for item in items if item not in titled]
    assert all(item.locator("h1 mark").count() == 0 for item in untitled)


# ---------------------------------------------------------------- a search that forgives (issue 16.4)


def _suggestion(page):
    return page.locator(".md-search-result .glose-suggestion")


@pytest.mark.parametrize(("query", "suggested"), [
    ("Stoltenbreg", "Stoltenberg"),         # two letters swapped
    ("Otan Stoltenberk", "Otan Stoltenberg"),  # the known word kept as typed
    ("transnistri", None),                  # a prefix: found, nothing to suggest
])
def test_a_query_that_finds_nothing_suggests_the_nearest_words(page, site, query, suggested):
    page.goto(site.url("index.html"))
    _type(page, query)
    if suggested is None:
        page.wait_for_function(_RESULT, arg=["glossary/transnistrie.html", query.lower(), None], timeout=20_000)
        assert _suggestion(page).count() == 0
        return
    page.locator(".md-search-result__meta").filter(has_text="Aucun document trouvé").wait_for(timeout=20_000)
    expect(_suggestion(page)).to_have_text(f"Vouliez-vous dire {suggested} ?")
    _suggestion(page).get_by_role("button", name=suggested).click()
    page.wait_for_function(_RESULT, arg=["glossary/jens-stoltenberg.html", " ".join(sorted(suggested.lower().split())), None],
                           timeout=20_000)
    expect(_suggestion(page)).to_have_count(0)
    expect(page.get_by_role("textbox", name="Rechercher")).to_have_value(suggested)


def test_the_suggestion_on_a_phone(phone, site):
    phone.goto(site.url("index.html"))
    phone.locator('label.md-header__button[for="__search"]').tap()  # the magnifier opens the search
    phone.get_by_role("textbox", name="Rechercher").press_sequentially("Zelenskyi")
    _suggestion(phone).get_by_role("button", name="Zelensky").tap()
    phone.wait_for_function(_RESULT, arg=["glossary/volodymyr-zelensky.html", "zelensky", None], timeout=20_000)


def test_nothing_near_suggests_nothing(page, site):
    page.goto(site.url("index.html"))
    _type(page, "qwzxyv")
    page.locator(".md-search-result__meta").filter(has_text="Aucun document trouvé").wait_for(timeout=20_000)
    _type(page, "")  # a later answer to wait on: the worker answered the first one
    expect(_suggestion(page)).to_have_count(0)


def test_teachers_notes_are_not_searched(page, site):
    """A word found only in a note ("rivière") finds nothing: notes are kept out of the index,
    so out of the excerpts too."""
    page.goto(site.url("index.html"))
    _type(page, "rivière")
    page.locator(".md-search-result__meta").filter(has_text="Aucun document trouvé").wait_for(timeout=20_000)
    assert page.locator(".md-search-result__item").count() == 0


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_search_marks_and_teachers_quotes_differ(new_context, site, scheme):
    """On the page a search opened (?h=), its marks are not coloured as the teachers' quotes."""
    page = site.watch(new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)).new_page()
    page.goto(site.url(ARTICLE) + "?h=conflit")
    found = page.locator("mark[data-md-highlight]", has_text="conflit").first
    quote = page.locator("mark.glose-quote").first
    expect(found).to_be_visible()
    page.add_style_tag(content="* { transition: none !important; }")
    colour = lambda mark: mark.evaluate("m => getComputedStyle(m).backgroundColor")  # noqa: E731
    assert colour(found) != colour(quote)
    assert quote.evaluate("m => getComputedStyle(m).boxShadow") != "none"  # not by colour alone
