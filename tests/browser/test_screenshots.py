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
