"""Text is text in the definition card and the terms' descriptions (issue 11.1): glossary
fields that hold markup, script, template or URL-looking text show literally on hover, keyboard
focus and tap, on an article page and on a glossary page, and no script runs, from file:// and
over http. (Material's tooltips, which rendered a term's title with innerHTML, ran them.)"""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

from conftest import PHONE, Site
from support import build_in_subprocess, write_project

pytestmark = pytest.mark.browser

PAYLOADS = {
    "alpha": "Un savant fou <img src=x onerror=alert(1)> <img src=x onerror=\"window.__pwned='img'\">",
    "bravo": "<svg onload=\"window.__pwned='svg'\"><circle r=\"1\"/></svg> fin",
    "charlie": "\"><script>window.__pwned='script'</script><a href=\"#\" onclick=\"alert(3)\">x</a>",
    "delta": "</title></textarea></span></p></div><script>window.__pwned='title'</script>",
    "echo": "{{ 7*7 }} {% if x %}y{% endif %} ${7*7} `code` ``` js ``` [[x]]",
    "foxtrot": "&lt;img src=x onerror=window.__pwned='entity'&gt; &amp;lt;b&amp;gt; &#60;i&#62; &quot;",
    "golf": "javascript:window.__pwned='url' [lien](javascript:alert(7)) data:text/html,<b>x</b>",
}
"""Entry slug -> its summary."""
ENGLISH = {"alpha": "<b onmouseover=\"window.__pwned='english'\">Mad</b> \"scientist\" &amp; `x`"}
"""Entry slug -> its English name (the others have none)."""
ODD = "<i onclick=alert(8)>Pacte</i> de {{ Varsovie }}"
"""An entry's name, found in the text through its alias "Pacte de Varsovie"."""
NAMES = {slug: slug.capitalize() for slug in PAYLOADS} | {"pacte": ODD}
SUMMARIES = PAYLOADS | {"pacte": PAYLOADS["delta"]}
TEXT = "Alpha, Bravo, Charlie, Delta, Echo, Foxtrot, Golf et le Pacte de Varsovie."
ARTICLE = "articles/h.html"
GLOSSARY = "glossary/zulu.html"


def _yaml(text: str) -> str:
    return "'" + text.replace("'", "''") + "'"


def _entry(name: str, summary: str, english: str = "", alias: str = "", body: str = "Définition.") -> str:
    lines = [f"term: {_yaml(name)}", f"summary: {_yaml(summary)}"]
    lines += [f"english: {_yaml(english)}"] if english else []
    lines += [f"aliases: [{_yaml(alias)}]"] if alias else []
    return "---\n" + "\n".join(lines) + f"\n---\n{body}\n"


@pytest.fixture(scope="module")
def hostile_site(tmp_path_factory):
    """Seven entries whose summaries (and one English name) are hostile, one whose name is,
    an article that mentions them all, and an entry (zulu) whose definition does: its site/."""
    glossary = {f"{slug}.md": _entry(slug.capitalize(), summary, ENGLISH.get(slug, ""))
                for slug, summary in PAYLOADS.items()}
    glossary["pacte.md"] = _entry(ODD, SUMMARIES["pacte"], alias="Pacte de Varsovie")
    glossary["zulu.md"] = _entry("Zulu", "Une entrée sans histoire.", body=TEXT)
    root = write_project(tmp_path_factory.mktemp("hostile-terms"),
                         corpus={"h.txt": f"title Hostile\n\n{TEXT}\n"}, glossary=glossary)
    build_in_subprocess(root, "--quiet")
    return root / "site"


@pytest.fixture(params=["file", "http"])
def hostile(request, hostile_site, http_server):
    """The hostile site from disk, then over HTTP; no request may leave it, no page error."""
    base = hostile_site.as_uri() + "/" if request.param == "file" else http_server(hostile_site)
    watched = Site(request.param, base)
    yield watched
    watched.assert_clean()


def _description(slug: str) -> str:
    english = f", en anglais {ENGLISH[slug]}" if slug in ENGLISH else ""
    return f"{NAMES[slug]}{english} : {SUMMARIES[slug]}"


def _open(new_context, hostile, path, **options):
    """A page of the hostile site that records dialogs; the list of their messages."""
    page = hostile.watch(new_context(**options)).new_page()
    dialogs = []
    page.on("dialog", lambda dialog: (dialogs.append(dialog.message), dialog.dismiss()))
    page.goto(hostile.url(path))
    page.wait_for_load_state("load")
    return page, dialogs


def _assert_literal(page, slug: str):
    """The open card shows the entry's fields exactly as typed, and holds only our elements."""
    card = page.locator(".glose-card")
    expect(card).to_be_visible()
    expect(card.locator(".glose-card__term")).to_have_text(NAMES[slug], use_inner_text=False)
    assert card.locator(".glose-card__summary").text_content() == SUMMARIES[slug]
    english = card.locator(".glose-card__english-name")
    assert (english.text_content() if english.is_visible() else "") == ENGLISH.get(slug, "")
    tags = card.evaluate("c => [...c.querySelectorAll('*')].map(e => e.localName)")
    assert set(tags) <= {"p", "span", "a", "button"}, tags


def _assert_nothing_ran(page, dialogs):
    assert page.evaluate("typeof window.__pwned") == "undefined"
    assert dialogs == []
    assert page.locator(".md-tooltip2").count() == 0  # and Material made no tooltip of it


def _terms(page) -> dict[str, object]:
    """Slug -> the first link to that entry on the page."""
    links = page.locator("article a.term")
    slugs = dict.fromkeys(links.evaluate_all("ls => ls.map(l => l.dataset.term)"))
    assert set(slugs) == set(NAMES), slugs
    return {slug: page.locator(f'article a.term[data-term="{slug}"]').first for slug in slugs}


@pytest.mark.parametrize("path", [ARTICLE, GLOSSARY])
def test_hover_shows_hostile_text_literally(new_context, hostile, path):
    page, dialogs = _open(new_context, hostile, path, viewport={"width": 1280, "height": 900})
    for slug, term in _terms(page).items():
        expect(term).to_have_accessible_description(_description(slug))
        term.hover()
        expect(page.locator(".glose-card .glose-card__term")).to_have_text(NAMES[slug])
        _assert_literal(page, slug)
    _assert_nothing_ran(page, dialogs)


@pytest.mark.parametrize("path", [ARTICLE, GLOSSARY])
def test_keyboard_focus_shows_hostile_text_literally(new_context, hostile, path):
    page, dialogs = _open(new_context, hostile, path, viewport={"width": 1280, "height": 900})
    left = set(_terms(page))
    for _ in range(200):
        page.keyboard.press("Tab")
        slug = page.evaluate("document.activeElement.matches('article a.term') && document.activeElement.dataset.term")
        if slug in left:
            expect(page.locator(".glose-card .glose-card__term")).to_have_text(NAMES[slug])
            _assert_literal(page, slug)
            left.discard(slug)
        if not left:
            break
    assert not left, f"Tab never reached {left}"
    _assert_nothing_ran(page, dialogs)


@pytest.mark.parametrize("path", [ARTICLE, GLOSSARY])
def test_tap_shows_hostile_text_literally(new_context, hostile, path):
    page, dialogs = _open(new_context, hostile, path, **PHONE)
    for slug, term in _terms(page).items():
        term.tap()
        dialog = page.get_by_role("dialog", name=NAMES[slug], exact=True)
        expect(dialog).to_be_visible()
        _assert_literal(page, slug)
        page.keyboard.press("Escape")
        expect(dialog).to_be_hidden()
    assert page.url == hostile.url(path)
    _assert_nothing_ran(page, dialogs)


def test_descriptions_need_no_script(new_context, hostile):
    """Screen readers read each term's description from the page itself, script or not."""
    page, dialogs = _open(new_context, hostile, ARTICLE, java_script_enabled=False)
    for slug, term in _terms(page).items():
        expect(term).to_have_accessible_description(_description(slug))
    expect(page.locator(".glose-defs")).to_be_hidden()
    assert dialogs == []
