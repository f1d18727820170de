"""What every importer does last: clean the fields, tidy the opening, build an Imported."""

from __future__ import annotations

import re
import unicodedata
from datetime import date as _date

from . import titles
from .cleaning import one_line

_MONTH_NUMBERS = {
    "janvier": 1, "janv": 1, "février": 2, "fevrier": 2, "févr": 2, "fevr": 2, "mars": 3,
    "avril": 4, "avr": 4, "mai": 5, "juin": 6, "juillet": 7, "juil": 7, "août": 8, "aout": 8,
    "septembre": 9, "sept": 9, "octobre": 10, "oct": 10, "novembre": 11, "nov": 11,
    "décembre": 12, "decembre": 12, "déc": 12, "dec": 12,
}
_ISO = re.compile(r"^\s*(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?(?=$|[T\s])")
_PDF = re.compile(r"^\s*D:(\d{4})(\d{2})?(\d{2})?")
_SLASHED = re.compile(r"^\s*(\d{1,2})[/.](\d{1,2})[/.](\d{4})\b")
_MONTH = "|".join(sorted(_MONTH_NUMBERS, key=len, reverse=True))
_FRENCH = re.compile(
    rf"\b(1er|\d{{1,2}})(?:\s*(?:-|–|au|et)\s*(?:1er|\d{{1,2}}))?\s+({_MONTH})\.?\s+(\d{{4}})\b", re.IGNORECASE
)
_FRENCH_MONTH = re.compile(rf"^\s*({_MONTH})\.?\s+(\d{{4}})\s*$", re.IGNORECASE)


def normalise_date(value: str) -> str:
    """"YYYY", "YYYY-MM" or "YYYY-MM-DD" from an ISO date or time, a PDF date (D:2024...),
    "14/01/2020" (day first) or a French date ("1er mars 2024", "mars 2024"); else ""."""
    value = (value or "").strip()
    for pattern in (_ISO, _PDF):
        match = pattern.match(value)
        if match:
            return _checked(*match.groups())
    match = _SLASHED.match(value)
    if match:
        day, month, year = match.groups()
        return _checked(year, f"{int(month):02d}", f"{int(day):02d}")
    match = _FRENCH.search(value)
    if match:
        day, month, year = match.groups()
        day = "1" if day.lower() == "1er" else day
        return _checked(year, f"{_MONTH_NUMBERS[month.lower()]:02d}", f"{int(day):02d}")
    match = _FRENCH_MONTH.match(value)
    if match:
        return _checked(match.group(2), f"{_MONTH_NUMBERS[match.group(1).lower()]:02d}", None)
    return ""


def _checked(year, month, day) -> str:
    """The date as text if it exists in the calendar (a year from 1000 to 2999), else ""."""
    try:
        if not 1000 <= int(year) <= 2999:
            return ""
        if month is None:
            return year
        if day is None:
            _date(int(year), int(month), 1)
            return f"{year}-{month}"
        _date(int(year), int(month), int(day))
        return f"{year}-{month}-{day}"
    except ValueError:
        return ""


def _key(text: str) -> str:
    """Text compared without case, accents, punctuation or spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum())


def _tidy_opening(body: list[str], title: str, author: str, date: str) -> tuple[str, str]:
    """Drop from the top of ``body`` a repeat of the title, bylines and lone dates; the
    author and date, completed from them."""
    while body:
        first = body[0]
        if title and _key(first) == _key(title):
            body.pop(0)
            continue
        name = titles.byline_name(first)
        if name:
            author = author or name
            body.pop(0)
            continue
        if titles.is_lone_date(first):
            date = date or normalise_date(first)
            body.pop(0)
            continue
        break
    return author, date


def finish(paragraphs, *, source, title="", date="", author="", site="", url="", notes=()):
    """The Imported article: every field cleaned; empty paragraphs dropped; at the opening, a
    paragraph repeating the title, a byline (its name becomes the author when there is none)
    and a lone date (it becomes the date when there is none) dropped; without a title, the
    first line when it reads as a heading (titles.heading_title, then removed from the text)
    or the first sentence (titles.derive_title). ``source`` (the file's name) is for messages."""
    from . import Imported, ImportProblem

    notes = list(notes)
    title, author, site, url = (one_line(v or "") for v in (title, author, site, url))
    date = normalise_date(date) if date else ""
    body = [p for p in (one_line(p) for p in paragraphs) if p]
    author, date = _tidy_opening(body, title, author, date)
    if not title:
        title = titles.heading_title(body)
        if title:
            body.pop(0)
            notes.append("title taken from the first line")
            author, date = _tidy_opening(body, title, author, date)
        else:
            title = titles.derive_title(body)
            if title:
                notes.append("title derived from the first sentence")
    if not body:
        raise ImportProblem(
            f"{source}: no text found in the document",
            "check that the file is the article itself",
        )
    return Imported(
        title=title, date=date, author=author, site=site, url=url,
        paragraphs=tuple(body), notes=tuple(notes),
    )
