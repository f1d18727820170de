"""Character folding: the one place that decides which characters count as "the same".

`fold` maps every character to exactly one character, so an offset in the folded text is
the offset of the same character in the original. Input is expected to be NFC (the
matcher normalises before folding); a decomposed accent (NFD) is a separate combining
character, which `fold` keeps as it is.

Speed: `str.translate` with a dict costs about 40 ns a character as soon as the text holds
one non-ASCII character. French text almost only uses 256 characters (ASCII, Latin-1,
typographic quotes, dashes and spaces, œ), so `CharFolder` encodes the text with a
private 256-character code page (C speed), folds the bytes with `bytes.translate`, and
decodes them back: about 6 ns a character (20 MB in ~0.12 s on the 2-core build box
against ~0.7 s for `str.translate`). A text that holds any other character (Cyrillic, an
emoji) takes the `str.translate` path, whole, with a table filled lazily, character by
character; the pipeline folds a paragraph at a time, so only that paragraph pays.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from collections.abc import Callable
from functools import cache

from anyascii import anyascii

APOSTROPHES = "'\u2019\u02bc\u2018\u2032`"
"""Characters folded to the ASCII apostrophe: ' ’ ʼ ‘ ′ and `."""

# Letters without a canonical decomposition that readers still see as an accented letter
# (Łukasz, Søren, Đukanović), and the two Unicode hyphens, which a reader sees as "-".
_EXTRA_BASES = {"ł": "l", "Ł": "L", "ø": "o", "Ø": "O", "đ": "d", "Đ": "D", "ħ": "h",
                "Ħ": "H", "ı": "i", "\u2010": "-", "\u2011": "-"}

# Slugs are ASCII and need not keep lengths, so ligatures may grow there (and only there).
_LIGATURES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss"})

# ASCII, then 32 typographic characters in place of the C1 controls, then Latin-1.
_EXTRAS = ("\u2019\u2018\u02bc\u2032\u201a\u201c\u201d\u201e\u2039\u203a\u0153\u0152"
           "\u0178\u20ac\u2026\u2013\u2014\u2011\u2010\u2022\u202f\u2009\u2007\u2002"
           "\u2003\u200a\u2028\u2029\u0085\u2033\u2008\u2006")
CODE_PAGE = "".join(map(chr, range(128))) + _EXTRAS + "".join(map(chr, range(160, 256)))
"""The 256 characters that take the fast path (see the module docstring)."""
_ENCODING_MAP = codecs.charmap_build(CODE_PAGE)
_NON_SLUG_RUNS = re.compile(r"[^a-z0-9]+")


def fold_char(ch: str, case: bool = True) -> str:
    """Fold one character: whitespace -> " ", apostrophes -> "'", accents dropped.

    With `case`, the result is also lower case. A fold that would not be exactly one
    character ("ß".lower() is fine, "İ" gives "i" through its decomposition), or that
    would turn a letter into a non-letter or back, keeps the character itself.
    """
    if ch.isspace():
        return " "
    if ch in APOSTROPHES:
        return "'"
    base = _EXTRA_BASES.get(ch) or _strip_marks(ch)
    if case:
        lower = base.lower()
        base = lower if len(lower) == 1 else base
    if is_word_char(base) != is_word_char(ch):
        return ch
    return base


def _strip_marks(ch: str) -> str:
    """Return the base of a canonically decomposable letter (é -> e), else `ch`."""
    parts = unicodedata.normalize("NFD", ch)
    # Only combining accents are dropped: a Hangul syllable also decomposes, into letters.
    if len(parts) > 1 and all(unicodedata.category(p) == "Mn" for p in parts[1:]):
        return parts[0]
    return ch


class _LazyTable(dict):
    """A `str.translate` table that computes each character's entry on first use."""

    def __init__(self, fold_one: Callable[[str], str]):
        super().__init__()
        self._fold_one = fold_one

    def __missing__(self, code: int) -> str:
        """Fold a character seen for the first time, and keep its entry."""
        value = self[code] = self._fold_one(chr(code))
        return value


class CharFolder:
    """Applies a one-character-to-one-character fold to whole texts, fast.

    `fold_one` must map every character of `CODE_PAGE` to a character of `CODE_PAGE`
    (every fold in this module does); any other character may map to anything of length 1.
    """

    def __init__(self, fold_one: Callable[[str], str]):
        """Build the byte table for the code page now; other characters come lazily."""
        folded = [fold_one(ch) for ch in CODE_PAGE]
        if not all(len(ch) == 1 and ch in CODE_PAGE for ch in folded):
            raise ValueError("fold_one must keep the code page closed")
        self._bytes_table = bytes(CODE_PAGE.index(ch) for ch in folded)
        self._slow_table = _LazyTable(fold_one)

    def __call__(self, text: str) -> str:
        """Return `text` folded, with exactly the same length."""
        try:
            data = codecs.charmap_encode(text, "strict", _ENCODING_MAP)[0]
        except UnicodeEncodeError:
            return text.translate(self._slow_table)
        return codecs.charmap_decode(data.translate(self._bytes_table), "strict", CODE_PAGE)[0]


@cache
def _folder(case: bool) -> CharFolder:
    """Build the folder for `case` once, on first use."""
    return CharFolder(lambda ch: fold_char(ch, case))


def fold(text: str, case: bool = True) -> str:
    """Return `text` with each character folded by `fold_char`; same length as `text`.

    Whitespace of any kind becomes " ", apostrophes "'", accented letters their base
    letter (œ, æ and ß stay), and with `case` everything is lower case. Expects NFC
    input: a combining accent of NFD text is kept as a character of its own.
    """
    return _folder(case)(text)


def fold_key(text: str) -> str:
    """Return the form used to compare two names: NFC, folded, single spaces, stripped."""
    return " ".join(fold(unicodedata.normalize("NFC", text)).split())


def slugify(stem: str) -> str:
    """Return a URL name: ASCII lower case letters and digits joined by single hyphens.

    "Article Défense (2)" -> "article-defense-2". Ligatures are spelt out (œ -> oe), other
    scripts transliterated by anyascii ("Україна" -> "ukraina", "日本" -> "riben"). Returns ""
    when nothing is left ("…", "—"), for the caller to report.
    """
    folded = fold(unicodedata.normalize("NFKC", stem)).translate(_LIGATURES)
    if not folded.isascii():  # French folds to ASCII above: only other scripts pay for this
        folded = anyascii(folded).lower()
    return _NON_SLUG_RUNS.sub("-", folded).strip("-")


# Search words may change length (fold_word): letters that no decomposition takes to a base
# letter, and the final sigma. glose/site/js/fold.js has the same table: change both together.
_WORD_BASES = str.maketrans({"œ": "oe", "æ": "ae", "ß": "ss", "ł": "l", "ø": "o", "đ": "d",
                             "ħ": "h", "ı": "i", "ς": "σ"})


def fold_word(word: str) -> str:
    """Return the form in which the site's search compares words: "Défense" -> "defense",
    "Œuvre" -> "oeuvre", "Łódź" -> "lodz", "ﬁn" -> "fin", "1ᵉʳ" -> "1er".

    The index writer (site/search_index.py) folds the text with it, and the one JavaScript
    copy, glose/site/js/fold.js, folds the queries (search worker), the words marked on the
    page a search opens (page script); the live preview serves the built site. Both must give the
    same string for every input; tests/browser/test_folding_js.py runs them side by side
    over hard strings and whole Unicode blocks. Each step uses only what both languages
    have (Python's unicodedata and str.lower, JavaScript's normalize and toLowerCase: the
    same Unicode data, up to their versions), in this order:

    1. NFKD, the compatibility decomposition: the typographic ligatures of text copied from
       a PDF (ﬁ ﬂ ﬀ) are their letters, superscripts are letters and digits ("1ᵉʳ", "Mᵐᵉ"),
       full-width letters are letters, ſ is s. (NFD, used before, kept "ﬁn" apart from
       "fin" in Python and in the worker alike.)
    2. Lower case (Unicode's full mapping, in both languages), after the decomposition so
       that the letters it produced are lowered too ("ℌ", "Ⅳ"). "İ" gives i and a combining
       dot, which step 3 drops; "Σ" at the end of a word gives "ς" (both languages apply
       Unicode's final-sigma rule), which step 4 spells σ, as in the middle of a word.
    3. Every combining mark (category Mn) dropped: accents, the stacked marks of
       Vietnamese, Hebrew and Arabic vowel points, emoji variation selectors. The page script
       used to drop only U+0300-U+036F. Cyrillic й (и with a breve) becomes и and ё е, as
       the matcher's fold does: a search is tolerant, not a spelling check.
    4. The letters of _WORD_BASES: œ æ ß spelt out, letters that no decomposition takes to a
       base letter (ł ø đ ħ ı), and ς -> σ. The page script knew only œ and æ, so a search
       for "lodz" found "Łódź" (worker) but marked nothing on the page ("łodz").
    5. NFC, so that what is left (Hangul, letters whose marks were Mc) is in one form.

    Emoji, CJK and anything else without case or decomposition stay as they are.
    """
    if word.isascii():
        return word.lower()
    decomposed = unicodedata.normalize("NFKD", word).lower()
    bare = "".join(ch for ch in decomposed if unicodedata.category(ch) != "Mn")
    return unicodedata.normalize("NFC", bare.translate(_WORD_BASES))


def is_word_char(ch: str) -> bool:
    """True for letters and digits of any script; apostrophes, hyphens, spaces are not.

    (ʼ U+02BC is a letter for Unicode, but French uses it as an apostrophe.)
    """
    return ch.isalnum() and ch not in APOSTROPHES
