"""One search fold per language: glose.folding.fold_word (Python, the index writer) and
glose/site/js/fold.js (JavaScript, assembled into the search worker and the page script) give
the same string for hard inputs and whole Unicode blocks."""

from __future__ import annotations

import unicodedata

import pytest

from glose.folding import fold_word
from glose.site.scripts import assemble, source

pytestmark = pytest.mark.browser

HARD = [
    "", "OTAN", "l'Otan", "Défense", "DÉFENSE",
    "Łódź", "ŁÓDŹ", "łódź",                                    # ł has no decomposition
    "œuvre", "Œuvre", "ŒUVRE", "cœur", "æther", "Æsir", "Ærø",  # ligatures
    "Straße", "STRASSE", "ẞ", "ß",
    "ﬁn", "ﬂeur", "ﬀ", "ﬃ", "ﬆ", "ǅemal", "Ǆ", "ĳ",              # presentation ligatures
    "İstanbul", "ISTANBUL", "ıslak", "DİYARBAKIR", "i̇",          # Turkish dotted and dotless i
    "λόγος", "ΛΟΓΟΣ", "σοφός", "Σ", "ΟΔΟΣ.", "ΣΑΣ", "ς", "ὈΔΥΣΣΕΎΣ",  # final sigma
    "e\u0301", "de\u0301fense", "a\u0308\u0301", "\u0301", "q\u0323\u0307",  # combining marks
    unicodedata.normalize("NFD", "Électricité à Noël, où ça ?"),             # NFD input
    "Tiếng Việt", "Nguyễn", "Đà Nẵng", "ĐẠI HỌC",              # Vietnamese
    "Столтенберг", "Йошкар-Ола", "ёлка", "Україна", "СЪЕЗД",   # Cyrillic
    "🎉", "❤️", "👍🏽", "👩‍💻", "🇫🇷", "a🎉B",                      # emoji
    "1ᵉʳ", "Mᵐᵉ", "ＯＴＡＮ", "ſ", "ŉ", "ℌ", "Ⅳ", "µ", "\u212a", "\u212b", "½", "²",
    "한국어", "\u1112\u1161\u11ab", "日本語", "שָׁלוֹם", "مَرْحَبًا", "Søren", "Đukanović", "Ħal",
]

BLOCKS = [(0x0000, 0x0530), (0x1E00, 0x2000), (0x2070, 0x2190), (0xFB00, 0xFB50), (0xFF00, 0xFFF0)]
"""Latin, IPA, Greek, Cyrillic; Latin and Greek extended; super- and subscripts, letterlike
symbols, number forms; alphabetic presentation forms; half- and full-width forms."""


@pytest.fixture(scope="module")
def fold_page(browser):
    """A blank page running fold.js assembled as the site's scripts are, its `glose.fold`
    exported for the test as window.gloseFold."""
    page = browser.new_page()
    harness = assemble("fold-test.js", [("fold.js", source("fold.js")),
                                        ("export.js", "window.gloseFold = glose.fold;")])
    page.add_script_tag(content=harness)
    yield page
    page.close()


def test_python_and_javascript_fold_hard_strings_alike(fold_page):
    in_browser = fold_page.evaluate("texts => texts.map(gloseFold.word)", HARD)
    assert dict(zip(HARD, in_browser)) == {text: fold_word(text) for text in HARD}


def test_python_and_javascript_fold_whole_blocks_alike(fold_page):
    """Every character of BLOCKS that both Unicode versions assign."""
    chars = [chr(c) for start, end in BLOCKS for c in range(start, end)
             if unicodedata.category(chr(c)) != "Cn"]
    in_browser = fold_page.evaluate(
        "chars => chars.map(c => /\\p{Cn}/u.test(c) ? null : gloseFold.word(c))", chars)
    differ = {f"U+{ord(c):04X}": (fold_word(c), js) for c, js in zip(chars, in_browser)
              if js is not None and js != fold_word(c)}
    assert len(chars) > 2000 and differ == {}


def test_folding_text_with_a_map_folds_as_a_whole(fold_page):
    """The page folds a text character by character, to mark words in the original: the same
    result as folding it whole, and every folded character maps back to its source (indexes
    in UTF-16 code units, as JavaScript counts them)."""
    texts = [unicodedata.normalize("NFC", t) for t in HARD if "\u1112" not in t]  # but jamo
    results = fold_page.evaluate("""texts => texts.map(t => {
        const r = gloseFold.withMap(t);
        const ordered = r.map.every((at, i) => i === 0 || r.map[i - 1] <= at);
        return [r.text, r.map.length === r.text.length + 1 && r.map.at(-1) === t.length && ordered];
    })""", texts)
    assert [text for text, (_, fine) in zip(texts, results) if not fine] == []
    assert {text: folded for text, (folded, _) in zip(texts, results)} == {t: fold_word(t) for t in texts}
