"""axe-core on the four kinds of page, in the light and the dark palette, the search results and
the definition card (hover and tap), the self-test and the search's suggestion: no serious or
critical violation. And the palette: as the system says, until the reader's switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"
PAGES = ["index.html", ARTICLE, "glossary/otan.html", "glossary/index.html"]


def _describe(violation: dict) -> str:
    targets = [f'{" ".join(map(str, node["target"]))} {node["html"][:120]}: {node.get("failureSummary", "")[:200]}'
               for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def _assert_no_serious_violation(page):
    from axe_playwright_python.sync_playwright import Axe

    # preload: axe would fetch the stylesheets with XHR for css-orientation-lock, which file://
    # pages may not do (and which would leave console errors behind).
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(map(_describe, serious))


@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(new_context, site, path, scheme):
    page = site.watch(new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)).new_page()
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate" if scheme == "dark" else "default")
    page.add_style_tag(content="* { transition: none !important; }")  # colours as they end
    _assert_no_serious_violation(page)


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_open_things_are_accessible_in_both_palettes(new_context, site, scheme):
    """What a reader opens: a term's card, the self-test and a revealed answer, a glossary
    entry opened in the index, the search's suggestion."""
    page = site.watch(new_context(viewport={"width": 1280, "height": 900}, color_scheme=scheme)).new_page()
    page.goto(site.url(ARTICLE))
    page.add_style_tag(content="* { transition: none !important; }")
    page.locator("a.term").first.hover()
    page.locator(".glose-card").wait_for()
    _assert_no_serious_violation(page)
    page.get_by_role("button", name="Masquer le vocabulaire").click()
    page.locator(".glose-reveal").first.click()
    _assert_no_serious_violation(page)
    page.get_by_role("button", name="Afficher le vocabulaire").click()
    page.goto(site.url("glossary/index.html"))
    page.add_style_tag(content="* { transition: none !important; }")  # a new page: colours as they end
    page.locator("details.glose-entry > summary").first.click()
    box = page.get_by_role("textbox", name="Rechercher")
    box.click()
    box.press_sequentially("Stoltenbreg")
    page.locator(".glose-suggestion").wait_for(timeout=20_000)
    _assert_no_serious_violation(page)


@pytest.mark.parametrize("window", ["page", "phone"])
def test_the_palette_follows_the_system_until_the_switch(request, site, window):
    """Dark when the system is dark; the switch in the header goes light, then dark, then back
    to the system's; the choice holds on the next page (file:// too)."""
    page = request.getfixturevalue(window)
    page.emulate_media(color_scheme="dark")
    page.goto(site.url(ARTICLE))
    body = page.locator("body")
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.emulate_media(color_scheme="light")
    expect(body).to_have_attribute("data-md-color-scheme", "default")  # follows it live
    switch = page.locator("label.md-header__button[for^='__palette']:visible")
    press = (lambda target: target.tap()) if window == "phone" else (lambda target: target.click())
    press(switch)  # system -> light
    expect(body).to_have_attribute("data-md-color-media", "(prefers-color-scheme: light)")
    press(switch)  # light -> dark, whatever the system says
    expect(body).to_have_attribute("data-md-color-scheme", "slate")
    page.goto(site.url("glossary/otan.html"))
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "slate")
    press(page.locator("label.md-header__button[for^='__palette']:visible"))  # dark -> the system's
    expect(page.locator("body")).to_have_attribute("data-md-color-scheme", "default")
    expect(page.locator("body")).to_have_attribute("data-md-color-media", re.compile(r"^\(prefers-color-scheme\)$"))


def test_search_results_are_accessible(page, site):
    page.goto(site.url("index.html"))
    box = page.get_by_role("textbox", name="Rechercher")
    box.click()
    box.press_sequentially("defense")
    page.locator(".md-search-result mark").first.wait_for()
    _assert_no_serious_violation(page)


def test_definition_card_is_accessible_on_hover(page, site):
    page.goto(site.url(ARTICLE))
    page.locator("a.term").first.hover()
    page.locator(".glose-card").wait_for()
    _assert_no_serious_violation(page)


def test_definition_card_is_accessible_on_tap(phone, site):
    phone.goto(site.url(ARTICLE))
    phone.locator("a.term").first.tap()
    phone.get_by_role("dialog", name="Jens Stoltenberg").wait_for()
    _assert_no_serious_violation(phone)
