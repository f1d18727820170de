"""Terms in an article: Material's tooltip (hover, keyboard), touch popover, self-test switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"

FIRST_OTAN = 'a.term[data-term="otan"]:not(.term--again)'
TOOLTIP = ".md-tooltip2--active"


def _summary(term) -> str:
    """The term's summary, read before Material moves its title attribute away."""
    return term.get_attribute("data-glose-summary") or term.get_attribute("title")


def test_hover_shows_the_summary_in_a_tooltip(page, site):
    page.goto(site.url(ARTICLE))
    term = page.locator(FIRST_OTAN).first
    summary = _summary(term)
    assert summary
    term.hover()
    expect(page.locator(TOOLTIP)).to_be_visible()
    expect(page.locator(TOOLTIP)).to_contain_text(summary)


def test_keyboard_focus_shows_the_summary_in_a_tooltip(page, site):
    page.goto(site.url(ARTICLE))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.term')"):
            break
    else:
        pytest.fail("Tab never reached a term")
    summary = page.evaluate("document.activeElement.dataset.gloseSummary")
    expect(page.locator(TOOLTIP)).to_be_visible()
    expect(page.locator(TOOLTIP)).to_contain_text(summary)


def test_tap_opens_a_popover_without_leaving_the_page(phone, site):
    phone.goto(site.url(ARTICLE))
    term = phone.locator(FIRST_OTAN).first
    summary = _summary(term)
    href = term.get_attribute("href")
    assert term.inner_text() == "Alliance"  # the first OTAN link: "l'Alliance" (issue 14: its capital makes it NATO)
    term.tap()
    # Titled with the entry's name, as in the vocabulary table, not with the text tapped.
    popover = phone.get_by_role("dialog", name="OTAN", exact=True)
    expect(popover).to_be_visible()
    expect(popover).to_contain_text(summary)
    link = popover.get_by_role("link", name="Voir la fiche")
    expect(link).to_have_attribute("href", href)
    expect(term).to_have_attribute("aria-expanded", "true")
    assert phone.url == site.url(ARTICLE)
    # Material's tooltip for the same term stays out of the way.
    expect(phone.locator(".md-tooltip2--active")).to_be_hidden()

    phone.keyboard.press("Escape")
    expect(popover).to_be_hidden()
    expect(term).to_have_attribute("aria-expanded", "false")

    term.tap()
    expect(popover).to_be_visible()
    phone.locator("h1").tap()
    expect(popover).to_be_hidden()
    assert phone.url == site.url(ARTICLE)


def test_second_tap_follows_the_link(phone, site):
    phone.goto(site.url(ARTICLE))
    term = phone.locator(FIRST_OTAN).first
    term.tap()
    expect(phone.locator(".glose-popover")).to_be_visible()
    term.tap()
    phone.wait_for_url(re.compile(r"glossary/otan\.html$"))


def test_popover_link_opens_the_entry(phone, site):
    phone.goto(site.url(ARTICLE))
    phone.locator(FIRST_OTAN).first.tap()
    phone.locator(".glose-popover").get_by_role("link", name="Voir la fiche").tap()
    phone.wait_for_url(re.compile(r"glossary/otan\.html$"))
    expect(phone.locator("h1")).to_have_text("OTAN")


def test_self_test_switch_hides_terms_and_persists(page, site):
    page.goto(site.url(ARTICLE))
    toggle = page.get_by_role("button", name="Masquer le vocabulaire")
    expect(toggle).to_have_attribute("aria-pressed", "false")
    term = page.locator(FIRST_OTAN).first
    paragraph_color = term.evaluate("t => getComputedStyle(t.closest('p')).color")

    toggle.click()
    toggle = page.get_by_role("button", name="Afficher le vocabulaire")
    expect(toggle).to_have_attribute("aria-pressed", "true")
    expect(term).to_have_css("text-decoration-line", "none")
    expect(term).to_have_css("color", paragraph_color)   # after Material's colour transition
    expect(term).not_to_have_attribute("href", re.compile(".*"))   # plain text for the keyboard too
    term.hover()
    tip = page.locator(".md-tooltip2.glose-term-tip")
    expect(tip).to_have_count(1)   # Material made one...
    expect(tip).to_be_hidden()     # ...and it stays hidden
    term.evaluate("t => t.focus()")
    assert not term.evaluate("t => t === document.activeElement"), "a hidden term took the focus"

    # Another page, then back: the choice is remembered.
    page.goto(site.url("glossary/nrf.html"))
    expect(page.locator("html")).to_have_class(re.compile(r"\bglose-vocab-hidden\b"))
    page.goto(site.url(ARTICLE))
    toggle = page.get_by_role("button", name="Afficher le vocabulaire")
    expect(toggle).to_have_attribute("aria-pressed", "true")

    toggle.click()
    expect(page.get_by_role("button", name="Masquer le vocabulaire")).to_have_attribute(
        "aria-pressed", "false")
    term = page.locator(FIRST_OTAN).first
    term.hover()
    expect(page.locator(TOOLTIP)).to_be_visible()


def test_self_test_switch_turns_the_popover_off(phone, site):
    phone.goto(site.url(ARTICLE))
    phone.get_by_role("button", name="Masquer le vocabulaire").tap()
    expect(phone.get_by_role("button", name="Afficher le vocabulaire")).to_be_visible()
    phone.locator(FIRST_OTAN).first.tap()
    phone.get_by_role("button", name="Afficher le vocabulaire").tap()   # a later event to wait on
    expect(phone.locator(FIRST_OTAN).first).to_have_attribute("href", re.compile("otan"))
    expect(phone.locator(".glose-popover:not([hidden])")).to_have_count(0)
    assert phone.url == site.url(ARTICLE)


def test_later_mentions_stay_links(page, site):
    page.goto(site.url(ARTICLE))
    again = page.locator("a.term.term--again").first
    expect(again).to_have_attribute("href", re.compile(r"^\.\./glossary/.+\.html$"))
    first = page.locator("a.term:not(.term--again)").first
    assert again.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"
    assert first.evaluate("a => getComputedStyle(a).textDecorationLine") == "underline"


def test_paragraph_numbers_point_to_their_paragraph(page, site):
    page.goto(site.url(ARTICLE))
    number = page.locator("#p2 a.glose-pnum")
    expect(number).to_be_visible()
    expect(number).to_have_text("§2")
    number.click()
    page.wait_for_url(re.compile(r"#p2$"))
    # The address is also copied, and Material's snackbar says so.
    expect(page.locator(".md-dialog")).to_contain_text("Lien vers le §2 copié")
    box = number.bounding_box()
    text = page.locator("#p2").bounding_box()
    assert box["x"] < text["x"] + 40, "§2 should sit in the paragraph's left margin"


def test_self_test_switch_without_storage(page, site):
    """Storage refused (privacy settings): the switch still works on the page, silently."""
    page.add_init_script("""Object.defineProperty(window, "localStorage", {
        get() { throw new DOMException("denied", "SecurityError"); } });""")
    page.goto(site.url(ARTICLE))
    page.get_by_role("button", name="Masquer le vocabulaire").click()
    expect(page.get_by_role("button", name="Afficher le vocabulaire")).to_have_attribute(
        "aria-pressed", "true")
    expect(page.locator(FIRST_OTAN).first).to_have_css("text-decoration-line", "none")
