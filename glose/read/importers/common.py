"""What every importer does last: clean the fields and paragraphs, tidy the opening, build an
Imported (finish), and the spacing rules of imported text (tidy, one_line)."""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

from .. import titles
from ..cleaning import clean_text
from ..dates import normalise_date
from . import Imported, ImportProblem
from ...i18n import _

_SPACES = {ord(c): " " for c in "\t\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u205f\u3000"}
_SPACE_RUN = re.compile(r"[ \u00a0\u202f]{2,}")
_LINE_EDGE = re.compile(r"[ \u00a0\u202f]*\n[ \u00a0\u202f]*")
_BLANKS = re.compile(r"\n{3,}")


def _one_space(match: re.Match[str]) -> str:
    run = match.group()
    if "\u202f" in run:
        return "\u202f"
    return "\u00a0" if "\u00a0" in run else " "


def tidy(text: str, removed: list[str] | None = None) -> str:
    """clean_text() (the cleaning every reader shares), then the spacing of a layout tidied:
    tabs and typographic spaces (U+2000-U+200A, U+205F, U+3000, U+1680) are plain spaces, a
    run of spaces is one (a run holding a French no-break space U+00A0 or U+202F is that one),
    spaces at line ends go, three line breaks or more are one blank line, the ends are
    stripped. The names of characters clean_text() reports are added to `removed`."""
    cleaned = clean_text(text)
    if removed is not None:
        removed.extend(name for line in cleaned.removed for name in line.names if name not in removed)
    text = cleaned.text.translate(_SPACES)
    text = _SPACE_RUN.sub(_one_space, text)
    text = _LINE_EDGE.sub("\n", text)
    text = _BLANKS.sub("\n\n", text)
    return text.strip(" \u00a0\u202f\n")


def one_line(text: str, removed: list[str] | None = None) -> str:
    """tidy(), then every line break a space: the text of one paragraph."""
    return _SPACE_RUN.sub(_one_space, tidy(text, removed).replace("\n", " "))


def fold_key(text: str) -> str:
    """Text compared without case, accents, punctuation or spaces."""
    folded = unicodedata.normalize("NFKD", text.casefold())
    return "".join(c for c in folded if c.isalnum())


def _tidy_opening(body: list[str], title: str, author: str, date: str) -> tuple[str, str]:
    """Drop from the top of `body` a repeat of the title, bylines and lone dates; the author
    and date, completed from them."""
    while body:
        first = body[0]
        if title and fold_key(first) == fold_key(title):
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


def _title(body: list[str], author: str, date: str, notes: list[str]) -> tuple[str, str, str]:
    """For a document without a title: its first line when it reads as a heading (removed from
    the text), else its first sentence; the author and date, completed from the new opening."""
    title = titles.heading_title(body)
    if title:
        body.pop(0)
        notes.append(_("title taken from the first line"))
        author, date = _tidy_opening(body, title, author, date)
    else:
        title = titles.derive_title(body)
        if title:
            notes.append(_("title derived from the first sentence"))
    return title, author, date


def finish(paragraphs: Iterable[str], *, title: str = "", date: str = "", author: str = "", site: str = "",
           url: str = "", notes: Iterable[str] = ()) -> Imported:
    """The Imported article: every field cleaned (tidy); empty paragraphs dropped; at the
    opening, a paragraph repeating the title, a byline (its name becomes the author when there
    is none) and a lone date (it becomes the date when there is none) dropped; without a title,
    the first line when it reads as a heading (titles.heading_title, then removed from the
    text) or the first sentence (titles.derive_title)."""
    notes, removed = list(notes), list[str]()
    title, author, site, url = (one_line(v or "", removed) for v in (title, author, site, url))
    date = normalise_date(date) if date else ""
    body = [p for p in (one_line(p, removed) for p in paragraphs) if p]
    author, date = _tidy_opening(body, title, author, date)
    if not title:
        title, author, date = _title(body, author, date, notes)
    if not body:
        raise ImportProblem(_("no text found in the document"), _("check that the file is the article itself"))
    if removed:
        notes.append(_("invisible characters removed: {names}").format(names=", ".join(removed)))
    return Imported(title=title, date=date, author=author, site=site, url=url, paragraphs=tuple(body), notes=tuple(notes))
