"""Escaping and formatting shared by the templates: text that must show exactly as typed."""

from __future__ import annotations

import html

from markupsafe import Markup

from ..folding import slugify

# Every ASCII character that means something to Markdown, its extensions (attr_list `{`,
# snippets `--8<--`, tables `|`) or HTML becomes a numeric entity: the browser shows the
# character, and no Markdown or HTML parser can read it as syntax.
_LITERAL = {ord(c): f"&#{ord(c)};" for c in "\\`*_{}[]()#+-.!|<>&~^=:\"'$%@"}
_MONTHS = (
    "janvier", "février", "mars", "avril", "mai", "juin",
    "juillet", "août", "septembre", "octobre", "novembre", "décembre",
)


def literal(text: str) -> Markup:
    """Text to show literally in Markdown or HTML, including inside attribute values written
    between double quotes, in raw HTML or inside Markdown. (In Markdown, inline patterns such
    as code spans and links run before a raw tag is recognised: a summary holding "`" or
    "[x](javascript:...)" would otherwise cut the tag open or put a link inside it. Numeric
    entities are decoded by the browser, never by Markdown.)"""
    return Markup(text.translate(_LITERAL))


def html_text(text: str) -> str:
    """Text inside a raw HTML block: Markdown does not look inside those, HTML must be escaped.
    Lighter than literal() (a page of prose stays small); safe only inside raw HTML blocks."""
    return html.escape(text, quote=False)


PREPARED_OPEN, PREPARED_CLOSE = "<!-- glose:html -->", "<!-- /glose:html -->"
"""The comments around a region of a page that Glose wrote as finished HTML: the site engine
may pass it through without parsing it as Markdown (site/plugin.py); to any other engine they
are comments around raw HTML, which it renders as written."""


def prepared(html: str) -> Markup:
    """Finished HTML, marked as such (see PREPARED_OPEN): one block, blank lines around it."""
    return Markup(f"{PREPARED_OPEN}\n{html}\n{PREPARED_CLOSE}")


def heading_id(text: str) -> str:
    """The id Glose gives a heading it generates (and the search index links to): its slug
    ("Février 2022" -> "fevrier-2022"), or, for text without a Latin letter or digit, "h-"
    and its UTF-8 bytes in hex (stable and unique)."""
    return slugify(text) or "h-" + text.encode("utf-8").hex()


def french_date(date: str) -> str:
    """2022 -> "2022", 2022-02 -> "février 2022", 2022-02-24 -> "24 février 2022"."""
    parts = date.split("-")
    if len(parts) == 1:
        return date
    month = _MONTHS[int(parts[1]) - 1]
    if len(parts) == 2:
        return f"{month} {parts[0]}"
    day = int(parts[2])
    return f"{'1er' if day == 1 else day} {month} {parts[0]}"
