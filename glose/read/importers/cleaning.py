"""One text cleaner for every importer (and, later, the ordinary reader).

``clean(text)`` keeps the text's words and line structure and removes what a reader cannot
see or should not have to match:

- soft hyphens (U+00AD) and zero-width characters (U+200B, U+200C, U+200D, U+2060, and
  U+FEFF anywhere in the text) are removed;
- the compatibility ligatures ﬀ ﬁ ﬂ ﬃ ﬄ ﬅ ﬆ are spelt out (ff fi fl ffi ffl st st);
- line ends become ``\\n`` (Windows, old Mac, U+2028/U+2029); other control characters go;
- horizontal white space is normalised: tabs and the typographic spaces (U+2000-U+200A,
  U+205F, U+3000, U+1680) are plain spaces, a run of spaces becomes one; the French
  no-break spaces (U+00A0, U+202F) are kept, a run holding one stays one no-break space;
- spaces at line ends go, three or more line breaks become one blank line, the whole is
  stripped;
- the result is NFC (composed accents).
"""

from __future__ import annotations

import re
import unicodedata

_INVISIBLE = dict.fromkeys(map(ord, "\u00ad\u200b\u200c\u200d\u2060\ufeff"))
_LIGATURES = {
    0xFB00: "ff", 0xFB01: "fi", 0xFB02: "fl", 0xFB03: "ffi", 0xFB04: "ffl", 0xFB05: "st", 0xFB06: "st",
}
_SPACES = {ord(c): " " for c in "\t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000"}
_TABLE = {**_INVISIBLE, **_LIGATURES, **_SPACES, 0x2028: "\n", 0x2029: "\n"}
_CONTROL = re.compile(r"[\x00-\x08\x0b-\x1f\x7f-\x9f]")
_SPACE_RUN = re.compile(r"[ \u00a0\u202f]{2,}")
_LINE_EDGE = re.compile(r"[ \u00a0\u202f]*\n[ \u00a0\u202f]*")
_BLANKS = re.compile(r"\n{3,}")


def _one_space(match: re.Match) -> str:
    run = match.group()
    if "\u202f" in run:
        return "\u202f"
    return "\u00a0" if "\u00a0" in run else " "


def clean(text: str) -> str:
    """Text without invisible characters, ligatures or stray white space, in NFC."""
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_TABLE)
    text = _CONTROL.sub("", text)
    text = _SPACE_RUN.sub(_one_space, text)
    text = _LINE_EDGE.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return unicodedata.normalize("NFC", text.strip(" \u00a0\u202f\n"))


def one_line(text: str) -> str:
    """clean(), then every line break a space: the text of one paragraph."""
    return _SPACE_RUN.sub(_one_space, clean(text).replace("\n", " "))
