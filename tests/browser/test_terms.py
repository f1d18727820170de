"""Terms in an article: the definition card (hover, keyboard focus, tap), the self-test switch."""

from __future__ import annotations

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.browser

ARTICLE = "articles/otan-invasion-ukraine-2022-02.html"

FIRST_OTAN = 'a.term[data-term="otan"]:not(.term--again)'
CARD = ".glose-card"
OTAN_ENGLISH = "NATO (North Atlantic Treaty Organization)"


def _summary(page, slug: str) -> str:
    """The entry's summary, from the page's list of definitions."""
    return page.locator(f"#glose-def-{slug} .glose-def__summary").text_content()


def test_hover_shows_the_definition_card(page, site):
    page.goto(site.url(ARTICLE))
    term = page.locator(FIRST_OTAN).first
    term.hover()
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card.locator(".glose-card__term")).to_have_text("OTAN")
    expect(card.locator(".glose-card__english")).to_have_text(f"en anglais : {OTAN_ENGLISH}")
    expect(card.locator(".glose-card__summary")).to_have_text(_summary(page, "otan"))
    expect(card.get_by_text("Voir la fiche")).to_have_attribute("href", term.get_attribute("href"))
    expect(page.locator(".md-tooltip2")).to_have_count(0)  # Material's tooltip is not there too


def test_keyboard_focus_shows_the_definition_card(page, site):
    page.goto(site.url(ARTICLE))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.term')"):
            break
    else:
        pytest.fail("Tab never reached a term")
    slug = page.evaluate("document.activeElement.dataset.term")
    expect(page.locator(CARD)).to_be_visible()
    expect(page.locator(CARD).locator(".glose-card__summary")).to_have_text(_summary(page, slug))
    expect(page.locator(".md-tooltip2")).to_have_count(0)


def test_tap_opens_the_card_without_leaving_the_page(phone, site):
    phone.goto(site.url(ARTICLE))
    term = phone.locator(FIRST_OTAN).first
    href = term.get_attribute("href")
    assert term.inner_text() == "Otan"  # the text of l'Otan
    term.tap()
    # Titled with the entry's name, as in the vocabulary table, not with the text tapped.
    card = phone.get_by_role("dialog", name="OTAN", exact=True)
    expect(card).to_be_visible()
    expect(card).to_contain_text(_summary(phone, "otan"))
    link = card.get_by_role("link", name="Voir la fiche")
    expect(link).to_have_attribute("href", href)
    expect(term).to_have_attribute("aria-expanded", "true")
    assert phone.url == site.url(ARTICLE)

    phone.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(term).to_have_attribute("aria-expanded", "false")

    term.tap()
    expect(card).to_be_visible()
    phone.locator("h1").tap()
    expect(card).to_be_hidden()
    assert phone.url == site.url(ARTICLE)


def test_second_tap_follows_the_link(phone, site):
    phone.goto(site.url(ARTICLE))
    term = phone.locator(FIRST_OTAN).first
    term.tap()
    expect(phone.locator(CARD)).to_be_visible()
    term.tap()
    phone.wait_for_url(re.compile(r"glossary/otan\.html$"))


def test_card_link_opens_the_entry(phone, site):
    phone.goto(site.url(ARTICLE))
    phone.locator(FIRST_OTAN).first.tap()
    phone.locator(CARD).get_by_role("link", name="Voir la fiche").tap()
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
    expect(term).not_to_have_attribute("aria-describedby", re.compile(".*"))  # and for screen readers
    page.locator("h1").hover()
    term.hover()
    page.get_by_role("button", name="Afficher le vocabulaire").hover()  # a later event to wait on
    expect(page.locator(f"{CARD}:not([hidden])")).to_have_count(0)
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
    expect(page.locator(CARD)).to_be_visible()
    expect(term).to_have_accessible_description(re.compile("^OTAN, en anglais NATO"))


def test_self_test_switch_turns_the_card_off(phone, site):
    phone.goto(site.url(ARTICLE))
    phone.get_by_role("button", name="Masquer le vocabulaire").tap()
    expect(phone.get_by_role("button", name="Afficher le vocabulaire")).to_be_visible()
    phone.locator(FIRST_OTAN).first.tap()
    phone.get_by_role("button", name="Afficher le vocabulaire").tap()   # a later event to wait on
    expect(phone.locator(FIRST_OTAN).first).to_have_attribute("href", re.compile("otan"))
    expect(phone.locator(f"{CARD}:not([hidden])")).to_have_count(0)
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
