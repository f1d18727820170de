"""A title derived from the paragraphs, and how to recognise openings that are not the article.

``derive_title(paragraphs)`` is used only when a document gives no title of its own. Rules:

1. Paragraphs are read in order; an opening paragraph is skipped when it is not a sentence of
   the article:
   - a photo caption or credit: it starts with ``©`` or with ``Photo :``, ``Crédit(s) :``,
     ``Credit :``, ``Illustration :``, ``Image illustrative :``, ``Source :``, ``Légende :``;
     or it is an agency in brackets with fewer than 12 words after it (``(Belga) Photo
     Jean Dupont``); or it is short (at most 300 characters) and holds ``©`` or ends with a
     credit (``/ AFP``, ``(Reuters)``, ``- Getty Images``, ``(photo X)``, ``Photo : X``);
   - a lone date or range of dates, possibly with a weekday, a time, or "Publié le" /
     "Mis à jour le" (``28-30 juin 2022``, ``Lundi 3 mars 2024 à 10h05``, ``03/03/2024``,
     ``11/30/26, 1:23 PM``: the top of a page a browser printed);
   - a byline (``Par Jeanne Martin``, ``By J. Smith``: at most 8 words, no sentence end);
   - a paragraph with no letter, or of one or two words (a kicker such as ``EXCLUSIF``).
2. In the first paragraph kept, a dateline opening is removed: an agency in brackets
   (``(Belga) Le roi...`` -> ``Le roi...``); or a place in capitals, or any
   place followed by ``|``, with an optional date after a comma and an optional agency in
   brackets, then ``|``, ``-``, ``–`` or ``—`` (``PARIS (AFP) - ``, ``Bucarest | ``,
   ``KIEV, 24 février (Reuters) – ``).
3. The title is that paragraph's first sentence: it ends at ``.``, ``!``, ``?`` or ``…``
   followed by a space, but not after an abbreviation (``M.``, ``Mme``, ``Dr.``, ``etc.``,
   ``n°``...) or a single capital (an initial, ``J.-P.``).
4. A sentence longer than 90 characters is cut at a word boundary, with an ellipsis.

Without any such paragraph the title is empty.

``heading_title(paragraphs)`` comes first for documents without a title: a first paragraph
that reads as a heading (at most 150 characters, not ending with ``.``, ``,``, ``;`` or
``:``, not a date, credit or byline, with more paragraphs after it) is the title, and the
importer removes it from the text.
"""

from __future__ import annotations

import re

TITLE_MAX = 90

_MONTHS = (
    "janvier|février|fevrier|mars|avril|mai|juin|juillet|août|aout|septembre|octobre|novembre"
    "|décembre|decembre|janv|févr|fevr|avr|juil|sept|oct|nov|déc|dec"
)
_DAYS = "lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche"
_AGENCIES = (
    r"AFP|Reuters|AP|Associated Press|Belga|EPA|ANP|DPA|dpa|Sipa|SIPA|Xinhua|Abaca|MaxPPP|"
    r"Getty(?: Images)?|Shutterstock|iStock|Unsplash|Wikimedia(?: Commons)?|Hans Lucas|Keystone|ATS|"
    r"Bloomberg|Le Monde|Ouest-France"
)

_DAY_NUMBER = r"(?:1er|\d{1,2})"
_ONE_DATE = (
    rf"(?:(?:{_DAYS})\s+)?{_DAY_NUMBER}(?:\s*(?:-|–|au|et)\s*{_DAY_NUMBER})?\s+(?:{_MONTHS})\.?"
    rf"(?:\s+\d{{4}})?|(?:{_MONTHS})\.?\s+\d{{4}}|\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{2,4}}|\d{{4}}-\d{{2}}(?:-\d{{2}})?"
)
_TIME = r"(?:\s*(?:à|,|-)?\s*\d{1,2}\s*(?:h|:)\s*\d{0,2}(?:\s*min|\s*[ap]\.?m\.?)?)?"
_LONE_DATE = re.compile(
    rf"^(?:(?:publié|publiée|mis à jour|modifié|actualisé|posté)\s+(?:le\s+)?)?(?:{_ONE_DATE}){_TIME}"
    rf"(?:\s*(?:-|–|—|,|\||/)\s*(?:mis à jour|modifié|actualisé)?\s*(?:le\s+)?(?:{_ONE_DATE})?{_TIME})?[\s.]*$",
    re.IGNORECASE,
)
_CREDIT_START = re.compile(
    r"^\s*(?:©|\(c\)\s|(?:photos?|crédits?(?:\s+photos?)?|credits?|illustrations?|images?(?:\s+d'illustration|\s+illustrative)?"
    r"|source|légende)\s*:)",
    re.IGNORECASE,
)
_AGENCY_START = re.compile(rf"^\s*\((?:{_AGENCIES})\)\s*(?:[-–—:]\s*)?")
_CREDIT_END = re.compile(
    rf"(?:[/|(—–-]\s*(?:photo\s+)?(?:[\w.'-]+\s+){{0,3}}(?:{_AGENCIES})\)?|\(photo[^()]{{0,40}}\)|photo\s*:\s*[^.]{{1,40}})\s*\.?\s*$",
    re.IGNORECASE,
)
_BYLINE = re.compile(r"^(?:par|by|de)\s+(?P<name>[^.!?:;«»\"]{2,70}?)[\s.]*$", re.IGNORECASE)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-Ý][\wÀ-ÿ'’.]*(?:[ -][\wÀ-ÿ'’.]+){0,3}?)"
    r"(?:\s*,\s*(?P<when>[^|()–—]{1,30}?))?"
    r"\s*(?:\((?P<agency>[^()]{1,30})\))?"
    r"\s*(?P<sep>\||–|—|-)\s+(?P<rest>\S.*)$",
    re.DOTALL,
)
_ABBREVIATIONS = {
    "m", "mm", "mme", "mmes", "mlle", "mlles", "dr", "pr", "me", "st", "ste", "etc", "cf", "p",
    "pp", "n", "no", "vol", "av", "apr", "j.-c", "art", "al", "env", "ex", "fig", "ibid",
    "mr", "mrs", "ms", "jr", "sr", "vs", "gén", "col", "lt", "cdt", "mgr",
}
_SENTENCE_END = re.compile(r"[.!?…]+[»”\"')\]]*(?=\s)")
_LETTER = re.compile(r"[^\W\d_]")
_INITIALS = re.compile(r"(?:[^\W\d_]\.?-)*[^\W\d_]")


def is_caption_or_credit(paragraph: str) -> bool:
    """A photo caption, a credit line or a source line rather than a sentence of the article."""
    text = paragraph.strip()
    if _CREDIT_START.match(text):
        return True
    if _AGENCY_START.match(text) and len(_AGENCY_START.sub("", text).split()) < 12:
        return True
    return len(text) <= 300 and ("©" in text or bool(_CREDIT_END.search(text)))


def is_lone_date(paragraph: str) -> bool:
    """A date, a range of dates or a "Publié le ..." line and nothing else."""
    return bool(_LONE_DATE.match(paragraph.strip()))


def byline_name(paragraph: str) -> str:
    """The name in a byline ("Par Jeanne Martin" -> "Jeanne Martin"), or ""."""
    text = " ".join(paragraph.split())
    match = _BYLINE.match(text)
    if not match or len(text.split()) > 8:
        return ""
    name = match.group("name").strip(" ,")
    if not name[:1].isupper():
        return ""
    return name


def strip_dateline(paragraph: str) -> str:
    """The paragraph without a dateline opening ("PARIS (AFP) - ", "Bucarest | ")."""
    agency = _AGENCY_START.match(paragraph)
    if agency:
        return paragraph[agency.end():]
    match = _DATELINE.match(paragraph.strip())
    if not match:
        return paragraph
    place = match.group("place")
    is_caps = sum(c.isupper() for c in place) >= 3 and place.upper() == place
    if match.group("sep") == "|" or match.group("agency") or is_caps:
        return match.group("rest")
    return paragraph


def is_not_prose(paragraph: str) -> bool:
    """An opening that is not a sentence of the article (rule 1 of the module docstring)."""
    text = paragraph.strip()
    if not _LETTER.search(text) or len(text.split()) <= 2:
        return True
    return is_caption_or_credit(text) or is_lone_date(text) or bool(byline_name(text))


def first_sentence(text: str) -> str:
    """The first sentence of a text (rule 3), without its white-space oddities."""
    text = " ".join(text.split())
    for match in _SENTENCE_END.finditer(text):
        if match.group().startswith(".") and _is_abbreviation(text[: match.start()]):
            continue
        return text[: match.end()].rstrip()
    return text


def _is_abbreviation(before: str) -> bool:
    """Whether the word just before a full stop is an abbreviation or an initial."""
    word = re.split(r"[\s(«\"“'’]", before)[-1].lower()
    if word in _ABBREVIATIONS or word.endswith("n°"):
        return True
    return bool(_INITIALS.fullmatch(word))


def shorten(sentence: str, limit: int = TITLE_MAX) -> str:
    """At most ``limit`` characters, cut at a word boundary with an ellipsis (rule 4)."""
    if len(sentence) <= limit:
        return sentence
    cut = sentence[: limit - 1].rsplit(" ", 1)[0].rstrip(" ,;:-–—")
    return cut + "…"


def heading_title(paragraphs) -> str:
    """The first paragraph when it reads as a heading (see the module docstring), else ""."""
    if len(paragraphs) < 2:
        return ""
    first = " ".join(paragraphs[0].split())
    if len(first) > 150 or first.endswith((".", ",", ";", ":")) or not _LETTER.search(first):
        return ""
    if is_caption_or_credit(first) or is_lone_date(first) or byline_name(first):
        return ""
    return first


def derive_title(paragraphs) -> str:
    """A title from the first paragraph that is a sentence of the article (see the rules)."""
    for paragraph in paragraphs:
        if is_not_prose(paragraph):
            continue
        text = strip_dateline(paragraph)
        if is_not_prose(text):
            continue
        return shorten(first_sentence(text))
    return ""
