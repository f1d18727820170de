"""Screenshots of the article for people to look at: tests/browser/screenshots/ (git-ignored)."""

from __future__ import annotations

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"


def test_article_screenshots(page, phone, site, screenshots):
    page.goto(site.url(ARTICLE))
    term = page.locator('a.term[data-term="otan"]').first
    term.hover()
    expect(page.locator(".glose-card")).to_be_visible()
    page.screenshot(path=screenshots / f"article-desktop-card-{site.mode}.png")
    page.mouse.move(0, 0)
    expect(page.locator(".glose-card")).to_be_hidden()
    page.screenshot(path=screenshots / f"article-desktop-{site.mode}.png", full_page=True)

    phone.goto(site.url(ARTICLE))
    phone.screenshot(path=screenshots / f"article-phone-{site.mode}.png")
    phone.locator('a.term[data-term="otan"]').first.tap()
    expect(phone.locator(".glose-card")).to_be_visible()
    phone.screenshot(path=screenshots / f"article-phone-card-{site.mode}.png")


@pytest.mark.parametrize("scheme", ["light", "dark"])
def test_dark_mode_and_chart_screenshots(new_context, site, screenshots, scheme):
    """The article, a glossary page (its chart) and the glossary index in both palettes, on a
    desktop and a phone; and the article's self-test with an answer revealed."""
    windows = {"desktop": {"viewport": {"width": 1280, "height": 800}},
               "phone": {"viewport": {"width": 375, "height": 667}, "has_touch": True, "is_mobile": True}}
    for name, options in windows.items():
        page = site.watch(new_context(color_scheme=scheme, **options)).new_page()
        page.goto(site.url(ARTICLE))
        page.screenshot(path=screenshots / f"article-{name}-{scheme}-{site.mode}.png", full_page=name == "desktop")
        page.goto(site.url("glossary/otan.html"))
        chart = page.locator("figure.glose-chart")
        chart.scroll_into_view_if_needed()
        expect(chart.locator("svg rect")).to_be_visible()
        page.screenshot(path=screenshots / f"entry-chart-{name}-{scheme}-{site.mode}.png")
        page.goto(site.url("glossary/index.html"))
        page.locator("details.glose-entry > summary").nth(2).click()
        page.screenshot(path=screenshots / f"glossary-index-{name}-{scheme}-{site.mode}.png")
        page.goto(site.url(ARTICLE))
        page.get_by_role("button", name="Masquer le vocabulaire").click()
        page.locator(".glose-reveal").nth(1).click()
        page.locator(".glose-vocabulary").scroll_into_view_if_needed()
        page.screenshot(path=screenshots / f"self-test-{name}-{scheme}-{site.mode}.png")
        page.get_by_role("button", name="Afficher le vocabulaire").click()  # for the next tests' storage
