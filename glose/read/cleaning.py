"""One cleaning of text for every reader: the ordinary reader of corpus/ and glossary/
(sources.decode_text) and every importer (importers/common.finish) call clean_text() before
anything else sees the text, so matching, search, notes and the concordance read clean words.

clean_text(text) keeps the words and the lines (a line number before is a line number after):

1. line ends become "\\n" (Windows "\\r\\n", old Mac "\\r");
2. removed silently, since nobody sees them and they only split words for the machine:
   soft hyphens (U+00AD, "l'O\\u00adTAN"), zero-width space, non-joiner and joiner (U+200B,
   U+200C, U+200D), word joiner (U+2060) and byte-order marks inside the text (U+FEFF);
   a zero-width joiner between two symbols is kept: it glues emoji sequences (👩‍🏫 is
   "woman" + ZWJ + "school", 🏃‍♀️), and letters never stand on both sides of it there;
3. the compatibility ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ (from PDFs) are spelt out: ff fi fl ffi ffl st st
   (œ and æ are letters of French and stay);
4. breaks that editors do not count as lines (vertical tab, form feed, NEL, U+2028, U+2029)
   become spaces;
5. removed and reported with their line: every other control character (C0 but tab and line
   feed, DEL, C1), every other invisible format character (Unicode category Cf: direction
   marks and overrides such as U+200E and U+202E, invisible operators, tag characters but
   in flag emoji), the invisible fillers U+034F, U+115F, U+1160, U+3164, U+FFA0, and the
   non-characters U+FFFE and U+FFFF;
6. the result is NFC (composed accents: "é" is one character, as typed).

Spaces are not touched here: the importers also tidy the spacing of a layout (tabs, runs of
spaces, typographic spaces), which would change what a teacher typed in a source file.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from ..i18n import _

_REMOVED = "\u00ad\u200b\u200c\u200d\u2060\ufeff"
_LIGATURES = {"\ufb00": "ff", "\ufb01": "fi", "\ufb02": "fl", "\ufb03": "ffi", "\ufb04": "ffl", "\ufb05": "st", "\ufb06": "st"}
_BREAKS = "\v\f\x85\u2028\u2029"
_FORMAT = (  # Unicode 14's category Cf, but the characters of _REMOVED
    "\u0600-\u0605\u061c\u06dd\u070f\u0890\u0891\u08e2\u180e\u200e\u200f\u202a-\u202e\u2061-\u2064"
    "\u2066-\u206f\ufff9-\ufffb\U000110bd\U000110cd\U00013430-\U00013438\U0001bca0-\U0001bca3"
    "\U0001d173-\U0001d17a\U000e0001\U000e0020-\U000e007f"
)
_REPORTED = rf"\x00-\x08\x0e-\x1f\x7f-\x84\x86-\x9f{_FORMAT}\u034f\u115f\u1160\u3164\uffa0\ufffe\uffff"
_SUSPECT_RE = re.compile(f"[{_REMOVED}{''.join(_LIGATURES)}{_BREAKS}{_REPORTED}]")
_REPORTED_RE = re.compile(f"[{_REPORTED}]")
_FLAG_RE = re.compile("\U0001f3f4[\U000e0020-\U000e007e]+\U000e007f")
"""A subdivision flag (🏴 + tag letters + cancel tag: Scotland, Wales): its tags stay."""
_EMOJI_MODIFIERS = "\ufe0f\U0001f3fb\U0001f3fc\U0001f3fd\U0001f3fe\U0001f3ff"


@dataclass(frozen=True, slots=True)
class Removed:
    """Invisible characters removed from one line (rule 5)."""

    line: int
    """1-based line of the text."""
    names: tuple[str, ...]
    """What they were, once each, in order: "U+200E LEFT-TO-RIGHT MARK"."""


@dataclass(frozen=True, slots=True)
class Cleaned:
    """The text after clean_text(), and what a person should hear of."""

    text: str
    """The clean text, NFC, lines kept."""
    removed: tuple[Removed, ...] = ()
    """The lines that lost a character of rule 5."""


def clean_text(text: str) -> Cleaned:
    """The text cleaned by the rules of the module docstring."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    removed: tuple[Removed, ...] = ()
    if _SUSPECT_RE.search(text):  # most texts have none: one search, no copy
        removed = _reported(text)
        text = _SUSPECT_RE.sub(_replacement, text)
    if not text.isascii():
        text = unicodedata.normalize("NFC", text)
    return Cleaned(text, removed)


def _replacement(match: re.Match[str]) -> str:
    """What one suspect character becomes (rules 2 to 5)."""
    char = match.group()
    if char in _LIGATURES:
        return _LIGATURES[char]
    if char in _BREAKS:
        return " "
    if char == "\u200d" and _joins_symbols(match.string, match.start()):
        return char
    if "\U000e0020" <= char <= "\U000e007f" and _in_flag(match.string, match.start()):
        return char
    return ""


def _joins_symbols(text: str, at: int) -> bool:
    """Whether the joiner at `at` stands between two symbols (an emoji sequence)."""
    before = text[:at].rstrip(_EMOJI_MODIFIERS)[-1:]
    after = text[at + 1 : at + 2]
    return bool(before and after) and unicodedata.category(before) == "So" == unicodedata.category(after)


def _in_flag(text: str, at: int) -> bool:
    """Whether the tag character at `at` belongs to a subdivision flag."""
    start = text.rfind("\U0001f3f4", max(0, at - 40), at)
    return start >= 0 and any(m.start() <= at < m.end() for m in _FLAG_RE.finditer(text, start, at + 40))


def _reported(text: str) -> tuple[Removed, ...]:
    """The lines holding characters of rule 5, and which ones."""
    found: dict[int, list[str]] = {}
    line, counted = 1, 0
    for match in _REPORTED_RE.finditer(text):
        char = match.group()
        if "\U000e0020" <= char <= "\U000e007f" and _in_flag(text, match.start()):
            continue
        line, counted = line + text.count("\n", counted, match.start()), match.start()
        name = describe(char)
        if name not in found.setdefault(line, []):
            found[line].append(name)
    return tuple(Removed(line, tuple(names)) for line, names in found.items())


def describe(char: str) -> str:
    """A character as a person can look it up: "U+200E LEFT-TO-RIGHT MARK"."""
    name = unicodedata.name(char, "") or (_("control character") if unicodedata.category(char) == "Cc" else _("unnamed"))
    return f"U+{ord(char):04X} {name}"
