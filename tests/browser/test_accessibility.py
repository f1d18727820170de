"""axe-core on the four kinds of page, the search results and the definition card (hover and
tap): no serious or critical violation."""

from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"
PAGES = ["index.html", ARTICLE, "glossary/otan.html", "glossary/index.html"]


def _describe(violation: dict) -> str:
    targets = [" ".join(map(str, node["target"])) for node in violation["nodes"][:3]]
    return f"{violation['id']} ({violation['impact']}): {violation['help']} at {targets}"


def _assert_no_serious_violation(page):
    from axe_playwright_python.sync_playwright import Axe

    # preload: axe would fetch the stylesheets with XHR for css-orientation-lock, which file://
    # pages may not do (and which would leave console errors behind).
    results = Axe().run(page, options={"resultTypes": ["violations"], "preload": False})
    serious = [v for v in results.response["violations"] if v["impact"] in ("serious", "critical")]
    assert not serious, "\n".join(map(_describe, serious))


@pytest.mark.parametrize("path", PAGES)
def test_no_serious_accessibility_violation(page, site, path):
    page.goto(site.url(path))
    page.wait_for_load_state("load")
    _assert_no_serious_violation(page)


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
