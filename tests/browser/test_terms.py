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
    assert term.inner_text() == "Alliance"  # the first OTAN link: "l'Alliance" (issue 14: its capital makes it NATO)
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

    # A glossary page is left alone: its links stay links, and there is no switch there.
    page.goto(site.url("glossary/nrf.html"))
    expect(page.locator("html")).not_to_have_class(re.compile(r"\bglose-vocab-hidden\b"))
    expect(page.locator(".md-content a.term").first).to_have_attribute("href", re.compile(r"\.html$"))
    expect(page.locator(".glose-toggle")).to_have_count(0)
    # Another article, then back: the choice is remembered.
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
    # Lighter: a later mention has the colour of the text around it, the first the links' colour.
    page.add_style_tag(content="* { transition: none !important; }")
    colours = again.evaluate("""a => [getComputedStyle(a).color, getComputedStyle(a.closest('p')).color,
        getComputedStyle(document.querySelector('a.term:not(.term--again)')).color]""")
    assert colours[0] == colours[1] != colours[2]


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


# ---------------------------------------------------------------- the card: size, place, Esc

# The card and the term's lines, in viewport coordinates, and what bounds them.
_GEOMETRY = """t => {
  const box = r => ({left: r.left, top: r.top, right: r.right, bottom: r.bottom});
  const header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  const card = document.querySelector('.glose-card');
  return {card: box(card.getBoundingClientRect()), lines: [...t.getClientRects()].map(box),
          span: box(t.getBoundingClientRect()), header, scrolls: card.scrollHeight > card.clientHeight,
          width: document.documentElement.clientWidth, height: document.documentElement.clientHeight};
}"""

# Scroll so that the term's lines end just above the bottom of the window, or start just
# under Material's header.
_SCROLL = """(t, where) => {
  const r = t.getBoundingClientRect(), header = document.querySelector('.md-header').getBoundingClientRect().bottom;
  window.scrollBy(0, where === 'bottom' ? r.bottom - document.documentElement.clientHeight + 12 : r.top - header - 12);
}"""


def _overlap(a: dict, b: dict) -> bool:
    return a["left"] < b["right"] and b["left"] < a["right"] and a["top"] < b["bottom"] and b["top"] < a["bottom"]


def _assert_placed(term) -> dict:
    """The open card lies inside the window, under the header, over none of the term's
    lines; below the term when it fits there, else on the side with more room."""
    g = term.evaluate(_GEOMETRY)
    card, span = g["card"], g["span"]
    assert 0 <= card["left"] and card["right"] <= g["width"], g
    assert g["header"] <= card["top"] and card["bottom"] <= g["height"], g
    assert not [line for line in g["lines"] if _overlap(card, line)], g
    room_below, room_above = g["height"] - span["bottom"], span["top"] - g["header"]
    below = card["top"] >= span["bottom"]
    assert below or card["bottom"] <= span["top"], g
    if not g["scrolls"] and card["bottom"] - card["top"] < room_below - 14:
        assert below, g  # it fits below: below it goes
    if not below:
        assert room_above > room_below, g
    return g


def _placed_as_asked(geometry: dict, where: str) -> bool:
    """Whether the scroll put the term where asked (a term near the start of the page cannot
    go under the header), and then whether the card is on the side that has room."""
    span, card = geometry["span"], geometry["card"]
    if where == "bottom" and span["bottom"] > geometry["height"] - 30:
        assert card["bottom"] <= span["top"], geometry  # flipped above
        return True
    if where == "top" and span["top"] < geometry["header"] + 30:
        assert card["top"] >= span["bottom"], geometry
        return True
    return False


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_card_never_covers_its_term_on_desktop(page, site, where):
    page.goto(site.url(ARTICLE))
    terms = page.locator("article a.term")
    placed = 0
    for n in range(terms.count()):
        term = terms.nth(n)
        term.evaluate(_SCROLL, where)
        term.hover()
        expect(page.locator(CARD)).to_be_visible()
        placed += _placed_as_asked(_assert_placed(term), where)
        page.keyboard.press("Escape")  # else it lingers a moment, maybe over the next term
        expect(page.locator(CARD)).to_be_hidden()
    assert placed >= 3  # the terms of the first screen cannot go to its bottom


@pytest.mark.parametrize("where", ["top", "bottom"])
def test_the_card_never_covers_its_term_on_a_phone(phone, site, where):
    phone.goto(site.url(ARTICLE))
    terms = phone.locator("article a.term")
    wrapped = placed = 0
    for n in range(terms.count()):
        term = terms.nth(n)
        term.evaluate(_SCROLL, where)
        term.tap()
        expect(phone.locator(CARD)).to_have_attribute("role", "dialog")
        geometry = _assert_placed(term)
        placed += _placed_as_asked(geometry, where)
        wrapped += len(geometry["lines"]) > 1
        phone.keyboard.press("Escape")
        expect(phone.locator(CARD)).to_be_hidden()
    assert placed >= 10 and wrapped >= 2  # terms wrapped on two lines were among them


def test_the_card_scrolls_where_no_side_has_room(new_context, site):
    """A phone held sideways (667 x 375): the card is cut to the larger side and scrolls,
    still inside the window and off the term."""
    phone = site.watch(new_context(viewport={"width": 667, "height": 375}, has_touch=True,
                                   is_mobile=True)).new_page()
    phone.goto(site.url(ARTICLE))
    term = phone.locator('a.term[data-term="sommet-de-l-otan"]').first
    term.evaluate("t => window.scrollBy(0, t.getBoundingClientRect().top - 170)")
    term.tap()
    expect(phone.locator(CARD)).to_be_visible()
    assert _assert_placed(term)["scrolls"]


def test_the_card_reads_as_the_text_it_explains(page, phone, site):
    """Not Material's 12.8 px tooltip type: the size of the article's text, on both screens."""
    for view in (page, phone):
        view.goto(site.url(ARTICLE))
        term = view.locator(FIRST_OTAN).first
        term.tap() if view is phone else term.hover()
        sizes = view.evaluate("""() => ['.glose-card__summary', '.glose-card__term', 'article p.glose-para']
            .map(s => parseFloat(getComputedStyle(document.querySelector(s)).fontSize))""")
        assert sizes[0] == sizes[1] == sizes[2] >= 16


def test_escape_closes_the_hover_card_until_the_term_is_left(page, site):
    page.goto(site.url(ARTICLE))
    term = page.locator(FIRST_OTAN).first
    term.hover()
    expect(page.locator(CARD)).to_be_visible()
    page.keyboard.press("Escape")
    expect(page.locator(CARD)).to_be_hidden()
    box = term.bounding_box()
    page.mouse.move(box["x"] + 2, box["y"] + box["height"] / 2)  # still on it: stays closed
    expect(page.locator(CARD)).to_be_hidden()
    page.locator("h1").hover()
    term.hover()
    expect(page.locator(CARD)).to_be_visible()


def test_escape_closes_the_focus_card_and_keeps_the_focus(page, site):
    page.goto(site.url(ARTICLE))
    for _ in range(80):
        page.keyboard.press("Tab")
        if page.evaluate("document.activeElement.matches('a.term')"):
            break
    first = page.evaluate("document.activeElement.dataset.term")
    card = page.locator(CARD)
    expect(card).to_be_visible()
    expect(card).to_have_attribute("aria-hidden", "true")  # the description already speaks
    page.keyboard.press("Escape")
    expect(card).to_be_hidden()
    assert page.evaluate("document.activeElement.dataset.term") == first
    page.keyboard.press("Tab")  # the card's link is not on the way: the next term is
    assert page.evaluate("document.activeElement.matches('a.term')")
    expect(card).to_be_visible()
    expect(card.locator(".glose-card__summary")).to_have_text(
        _summary(page, page.evaluate("document.activeElement.dataset.term")))


def test_escape_closes_the_tap_card_and_gives_the_focus_back(phone, site):
    phone.goto(site.url(ARTICLE))
    term = phone.locator(FIRST_OTAN).first
    term.tap()
    card = phone.get_by_role("dialog", name="OTAN", exact=True)
    expect(card).to_be_focused()
    phone.keyboard.press("Escape")
    expect(card).to_be_hidden()
    expect(term).to_be_focused()
    expect(phone.locator(CARD)).to_be_hidden()  # and the focus given back opens no card


def test_one_card_at_a_time(page, phone, site):
    page.goto(site.url(ARTICLE))
    terms = page.locator("article a.term:not(.term--again)")
    for n in range(3):
        terms.nth(n).hover()
        expect(page.locator(CARD).locator(".glose-card__summary")).to_have_text(
            _summary(page, terms.nth(n).get_attribute("data-term")))
        expect(page.locator(f"{CARD}:visible, .md-tooltip2")).to_have_count(1)
    phone.goto(site.url(ARTICLE))
    terms = phone.locator("article a.term:not(.term--again)")
    terms.first.tap()
    terms.last.tap()  # another term (out of the card's way): its card, not a second tap on the first
    expect(phone.locator(CARD).locator(".glose-card__term")).to_have_text(
        phone.locator(f"#glose-def-{terms.last.get_attribute('data-term')} .glose-def__term").text_content())
    expect(phone.locator(f"{CARD}:visible")).to_have_count(1)
    assert phone.url == site.url(ARTICLE)


def test_the_hover_card_waits_for_the_pointer(page, site):
    """The pointer may travel from the term to the card and use its link; the card goes once
    the pointer has left both. (The page's clock is Playwright's, run by hand: no waiting; it
    also runs animation frames, which hover() and click() wait for: the mouse moves by hand.)"""
    page.clock.install()
    page.goto(site.url(ARTICLE))
    card = page.locator(CARD)

    def move_to(locator):
        box = locator.bounding_box()
        page.mouse.move(box["x"] + 3, box["y"] + box["height"] / 2)

    move_to(page.locator(FIRST_OTAN).first)
    expect(card).to_be_visible()
    page.mouse.move(0, 300)
    page.clock.run_for(100)
    move_to(card)  # reached in time
    page.clock.run_for(2000)
    expect(card).to_be_visible()
    move_to(page.locator("h1"))
    page.clock.run_for(2000)
    expect(card).to_be_hidden()
    move_to(page.locator(FIRST_OTAN).first)
    link = card.get_by_role("link", name="Voir la fiche", include_hidden=True)
    move_to(link)
    page.mouse.down()
    page.mouse.up()
    page.wait_for_url(re.compile(r"glossary/otan\.html$"))


def test_every_term_is_described_by_its_entry(page, site):
    """What screen readers hear on a term: the entry's name, English name and summary."""
    page.goto(site.url(ARTICLE))
    for term in page.locator("article a.term").all():
        entry = page.locator(f"#{term.get_attribute('aria-describedby')}")
        expect(term).to_have_accessible_description(" ".join(entry.text_content().split()))


# ---------------------------------------------------------------- the self-test's vocabulary (issue 16.2)

def _reveal_one_by_one(page, press):
    """Hide the vocabulary, then reveal the table's answers one at a time (press: click or tap)."""
    rows = page.locator(".glose-vocabulary tbody tr")
    total = rows.count()
    assert total > 3
    score = page.locator(".glose-vocabulary .glose-score")
    expect(score).to_be_hidden()
    press(page.get_by_role("button", name="Masquer le vocabulaire"))
    expect(score).to_have_text(f"Définitions vues : 0 sur {total}")
    first = rows.nth(1)
    for cell in first.locator(".glose-answer__text").all():
        expect(cell).to_be_hidden()
    expect(rows.nth(0).locator("th a")).to_be_visible()  # the terms stay
    name = first.locator("th").inner_text()
    press(first.get_by_role("button", name=f"Voir la définition : {name}"))
    expect(first.locator(".glose-answer--summary .glose-answer__text")).to_be_visible()
    expect(first.locator(".glose-answer--summary .glose-answer__text")).to_be_focused()
    expect(rows.nth(2).locator(".glose-answer--summary .glose-answer__text")).to_be_hidden()
    expect(score).to_have_text(f"Définitions vues : 1 sur {total}")
    press(rows.nth(2).get_by_role("button"))
    expect(score).to_have_text(f"Définitions vues : 2 sur {total}")
    return rows, total


def test_self_test_reveals_definitions_one_by_one(page, site):
    page.goto(site.url(ARTICLE))
    rows, total = _reveal_one_by_one(page, lambda target: target.click())
    # The switch back shows every answer; hiding again starts a new test.
    page.get_by_role("button", name="Afficher le vocabulaire").click()
    expect(rows.nth(3).locator(".glose-answer--summary .glose-answer__text")).to_be_visible()
    expect(page.locator(".glose-reveal:visible")).to_have_count(0)
    page.get_by_role("button", name="Masquer le vocabulaire").click()
    expect(page.locator(".glose-score")).to_have_text(f"Définitions vues : 0 sur {total}")


def test_self_test_reveals_definitions_one_by_one_on_a_phone(phone, site):
    phone.goto(site.url(ARTICLE))
    _reveal_one_by_one(phone, lambda target: target.tap())


def test_self_test_is_remembered_for_the_next_article(page, site):
    page.goto(site.url(ARTICLE))
    page.get_by_role("button", name="Masquer le vocabulaire").click()
    page.goto(site.url("glossary/otan.html"))
    page.goto(site.url(ARTICLE))
    expect(page.locator(".glose-score")).to_be_visible()
    expect(page.locator(".glose-vocabulary .glose-answer__text").first).to_be_hidden()
