"""Dates as people write them -> "YYYY", "YYYY-MM" or "YYYY-MM-DD" (the form of a `date` line)."""

from __future__ import annotations

import re
from datetime import date as _date

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
_FRENCH_WHOLE = re.compile(
    rf"^\s*(?:(?:lundi|mardi|mercredi|jeudi|vendredi|samedi|dimanche)\s+)?(?:le\s+)?(?:1er|\d{{1,2}})\s+({_MONTH})\.?\s+\d{{4}}\s*$"
    rf"|^\s*\d{{1,2}}[/.]\d{{1,2}}[/.]\d{{4}}\s*$|^\s*({_MONTH})\.?\s+\d{{4}}\s*$",
    re.IGNORECASE,
)


def normalise_date(value: str) -> str:
    """"YYYY", "YYYY-MM" or "YYYY-MM-DD" from an ISO date or time, a PDF date (D:2024...),
    "14/01/2020" (day first) or a French date ("1er mars 2024", "mars 2024") found in the
    value; else ""."""
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


def is_written_date(value: str) -> bool:
    """Whether the whole value is a date as people write it in French ("3 mars 2024",
    "jeudi 3 mars 2024", "03/03/2024", "mars 2024"), which normalise_date turns into a
    `date` value."""
    return bool(_FRENCH_WHOLE.match(value)) and bool(normalise_date(value))


def _checked(year: str, month: str | None, day: str | None) -> str:
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
