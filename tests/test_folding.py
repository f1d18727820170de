"""Tests of glose.folding: fold keeps lengths, fold_key compares names, slugify."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glose.folding import CODE_PAGE, CharFolder, fold, fold_char, fold_key, fold_word, is_word_char, slugify


@pytest.mark.parametrize(("text", "case", "expected"), [
    ("L’Otan", True, "l'otan"),
    ("L’Otan", False, "L'Otan"),
    ("DÉFENSE défense", True, "defense defense"),
    ("Ça, où, naïf, Noël", False, "Ca, ou, naif, Noel"),
    ("a\u00a0b\u202fc\u2009d\te\nf\rg", True, "a b c d e f g"),
    ("ʼ ‘ ′ ` ’ '", True, "' ' ' ' ' '"),
    ("œuvre Œuvre", True, "œuvre œuvre"),
    ("ß ẞ", True, "ß ß"),
    ("İstanbul", True, "istanbul"),
    ("Łódź", True, "lodz"),
    ("Interfax-Ukraine Interfax\u2011Ukraine", True, "interfax-ukraine interfax-ukraine"),
    ("Столтенберг", True, "столтенберг"),
    ("", True, ""),
])
def test_fold_examples(text, case, expected):
    assert fold(text, case) == expected


@settings(max_examples=500, deadline=None)
@given(st.text())
def test_fold_keeps_length_and_agrees_with_fold_char(text):
    for case in (True, False):
        folded = fold(text, case)
        assert len(folded) == len(text)
        assert folded == "".join(fold_char(ch, case) for ch in text)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(CODE_PAGE)))
def test_fast_path_agrees_with_fold_char(text):
    # Only code-page characters: the encode/translate/decode path, never str.translate.
    assert fold(text) == "".join(fold_char(ch) for ch in text)


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_is_idempotent_and_keeps_word_characters(text):
    folded = fold(text)
    assert fold(folded) == folded
    assert [is_word_char(ch) for ch in folded] == [is_word_char(ch) for ch in text]


def test_every_character_folds_to_one_character():
    for code in range(0x30000):
        for case in (True, False):
            assert len(fold_char(chr(code), case)) == 1, hex(code)


def test_char_folder_rejects_a_fold_leaving_the_code_page():
    with pytest.raises(ValueError):
        CharFolder(lambda ch: "Ж")


@pytest.mark.parametrize(("left", "right"), [
    ("Secrétaire général de l'OTAN", "secretaire  general\nde l’Otan"),
    ("  Otan ", "OTAN"),
    ("de\u0301fense", "DÉFENSE"),
    ("Force\u00a0de réaction", "force de reaction"),
])
def test_fold_key_makes_names_equal(left, right):
    assert fold_key(left) == fold_key(right)


@pytest.mark.parametrize(("left", "right"), [
    ("Interfax-Ukraine", "Interfax Ukraine"),
    ("Tod D. Wolters", "Tod D Wolters"),
    ("cœur", "coeur"),
])
def test_fold_key_keeps_names_apart(left, right):
    assert fold_key(left) != fold_key(right)


@pytest.mark.parametrize(("stem", "expected"), [
    ("Article Défense (2)", "article-defense-2"),
    ("Secrétaire général de l'OTAN", "secretaire-general-de-l-otan"),
    ("  --OTAN--  ", "otan"),
    ("Cœur de l’Alliance", "coeur-de-l-alliance"),
    ("de\u0301fense", "defense"),
    ("Straße", "strasse"),
    ("G7 / G20", "g7-g20"),
    ("…", ""),
    ("Столтенберг", "stoltenberg"),
    ("Україна", "ukraina"),
    ("日本", "riben"),
    ("Otan — Україна", "otan-ukraina"),
    ("—", ""),
    ("", ""),
])
def test_slugify(stem, expected):
    assert slugify(stem) == expected


@given(st.text())
def test_slugify_output_is_a_clean_slug(stem):
    slug = slugify(stem)
    assert all(ch in "abcdefghijklmnopqrstuvwxyz0123456789-" for ch in slug)
    assert "--" not in slug and not slug.startswith("-") and not slug.endswith("-")


@pytest.mark.parametrize(("ch", "expected"), [
    ("a", True), ("É", True), ("7", True), ("ж", True), ("œ", True),
    ("'", False), ("’", False), ("-", False), (" ", False), ("\u00a0", False),
    (".", False), ("«", False), ("_", False),
])
def test_is_word_char(ch, expected):
    assert is_word_char(ch) is expected


@pytest.mark.parametrize(("word", "expected"), [
    ("Défense", "defense"), ("DÉFENSE", "defense"), ("de\u0301fense", "defense"),
    ("Œuvre", "oeuvre"), ("Ærø", "aero"), ("Straße", "strasse"), ("ẞ", "ss"),
    ("Łódź", "lodz"), ("Søren", "soren"), ("Đà Nẵng", "da nang"), ("Tiếng Việt", "tieng viet"),
    ("ﬁn", "fin"), ("ﬂeur", "fleur"), ("1ᵉʳ", "1er"), ("ＯＴＡＮ", "otan"), ("ℌ", "h"),
    ("İstanbul", "istanbul"), ("ıslak", "islak"), ("DİYARBAKIR", "diyarbakir"),
    ("ΟΔΟΣ", "οδοσ"), ("ὁδός", "οδοσ"), ("σοφός", "σοφοσ"),
    ("Столтенберг", "столтенберг"), ("Йошкар", "иошкар"), ("ёлка", "елка"),
    ("שָׁלוֹם", "שלום"), ("❤️", "❤"), ("👍🏽", "👍🏽"), ("日本語", "日本語"), ("", ""),
])
def test_fold_word_examples(word, expected):
    """The search fold's decisions (see fold_word's docstring); fold.js must agree
    (tests/browser/test_folding_js.py)."""
    assert fold_word(word) == expected


@settings(max_examples=300, deadline=None)
@given(st.text())
def test_fold_word_is_idempotent(word):
    assert fold_word(fold_word(word)) == fold_word(word)
