"""The HTML that annotated text becomes, written in one place: a paragraph with its number (§),
each mention as a term link, each note's quote highlighted with its marker, and the list of
notes under the paragraph. Everything else of a page is a Jinja2 template."""

from __future__ import annotations

import re
from collections.abc import Callable, Sequence

from markupsafe import Markup

from ..model import Mention, Note, Paragraph, ParagraphKind, Term
from ..read.markdown_blocks import protected_spans
from .balance import balanced
from .escaping import html_text, prepared

NOTE_LABELS = {"note": "Note", "question": "Question", "vocabulaire": "Vocabulaire"}
"""How each kind of teacher note is introduced."""

Escape = Callable[[str], str]
"""Turns source characters into page source: HTML-escaped for literal text, as is for Markdown."""

_NUMBER_IN_PARENS = re.compile(r"\((\d+\))")


def paragraph(paragraph: Paragraph, mentions: Sequence[Mention], terms: dict[str, Term], seen: set[str],
              notes: Sequence[Note]) -> Markup:
    """A paragraph of an article: literal text as a raw HTML <p>, Markdown wrapped in a <div>
    with its number; followed, when it has notes, by the numbered list that Material turns
    into annotations. `seen`: the entries already linked on the page (later links look lighter)."""
    if paragraph.kind is ParagraphKind.VERBATIM:
        return Markup(paragraph.text)
    number = paragraph.number
    anchor = f'<a class="glose-pnum" href="#p{number}" title="Lien vers le §{number}" data-search-exclude>§{number}</a>'
    css = "glose-para annotate" if notes else "glose-para"
    escape: Escape = html_text if paragraph.kind is ParagraphKind.TEXT else _same
    if notes:  # Material would read a literal "(2)" of the text as an annotation marker
        escape = _unmarked(escape)
    marks = [(n.start, n.end, i) for i, n in enumerate(notes, start=1)]
    body = annotated_text(paragraph.text, mentions, terms, seen, escape, marks)
    if paragraph.kind is ParagraphKind.TEXT:
        html = str(prepared(f'<p id="p{number}" class="{css}">{anchor} {body}</p>'))  # a str: Markup + str would escape the notes
    else:
        html = f'<div id="p{number}" class="{css}" markdown>\n{anchor}\n\n{body}\n\n</div>'
    return Markup(html + "".join(_note_item(i, n) for i, n in enumerate(notes, start=1)))


def definition_block(block: Paragraph, mentions: Sequence[Mention], terms: dict[str, Term]) -> Markup:
    """A block of a glossary definition (Markdown), its mentions of other entries linked."""
    return Markup(annotated_text(block.text, mentions, terms, set(), _same))


def term_link(mention_text: str, term: Term, again: bool, escape: Escape) -> str:
    """The link that annotates one mention; `escape` renders the mention's own characters.

    No title attribute: Material's tooltips (content.tooltips) build their content from a
    title with innerHTML, after the browser has decoded our escaping, so a summary holding
    "<img onerror=...>" ran as a script. The entry's text is in the page's list of
    definitions (templates/macros.j2) instead, which aria-describedby names for screen
    readers and from which glose.js builds the definition card, with textContent."""
    css = "term term--again" if again else "term"
    return (
        f'<a class="{css}" data-term="{term.slug}" href="../glossary/{term.slug}.html" '
        f'aria-describedby="{definition_id(term.slug)}">{escape(mention_text)}</a>'
    )


def definition_id(slug: str) -> str:
    """The id of an entry's item in a page's list of definitions (slugs are [a-z0-9-])."""
    return f"glose-def-{slug}"


def annotated_text(source: str, mentions: Sequence[Mention], terms: dict[str, Term], seen: set[str],
                   escape: Escape, marks: Sequence[tuple[int, int, int]] = ()) -> str:
    """Text through `escape`, each mention through term_link, each note's quote highlighted
    and followed by its marker "(n)". A quote never cuts a mention (anchoring widens it)."""
    out, pos = [], 0
    for start, end, number in marks:
        out.append(_linked(source, pos, start, mentions, terms, seen, escape))
        inner = _linked(source, start, end, mentions, terms, seen, escape)
        out.append(f'<mark class="glose-quote">{inner}</mark>({number})')
        pos = end
    out.append(_linked(source, pos, len(source), mentions, terms, seen, escape))
    return "".join(out)


def _note_item(number: int, note: Note) -> str:
    """One item of the list of notes under a paragraph (Markdown, indented continuation)."""
    body = balanced(note.note).replace("\n", "\n    ")  # kept from closing the page's own elements
    lead = "\n\n" if number == 1 else "\n"
    return f"{lead}{number}.  **{NOTE_LABELS[note.kind]}.** {body}"


def _linked(source: str, start: int, end: int, mentions: Sequence[Mention], terms: dict[str, Term],
            seen: set[str], escape: Escape) -> str:
    """source[start:end] with the mentions that lie inside it turned into links."""
    out, pos = [], start
    for m in mentions:
        if m.start < start or m.end > end:
            continue
        out.append(escape(source[pos:m.start]))
        out.append(term_link(m.text, terms[m.slug], m.slug in seen, escape))
        seen.add(m.slug)
        pos = m.end
    out.append(escape(source[pos:end]))
    return "".join(out)


def _same(source: str) -> str:
    """Markdown source stays as written."""
    return source


def _unmarked(escape: Escape) -> Escape:
    """An escape that also splits "(2)" into two text nodes: the reader still sees "(2)". In
    Markdown, never inside code, a link's address or raw HTML (the page showed
    `print(<span class="glose-nomark"></span>1)`): only in text and in a link's text."""
    if escape is _same:
        return _unmarked_markdown
    return lambda s: _nomark(escape(s))


def _nomark(text: str) -> str:
    return _NUMBER_IN_PARENS.sub(r'(<span class="glose-nomark"></span>\1', text)


_LINK_TEXT = re.compile(r"(\[)([^\]\n]*)(\].*)", re.S)
"""A link (not an image) split into its opening bracket, its text, and the rest."""


def _unmarked_markdown(source: str) -> str:
    """_nomark on a piece of Markdown: in its text, the text of its links and its plain
    addresses, never in a link's address or raw HTML; a code span with a "(2)" becomes a raw
    <code> element, the only way to split its text. (A piece never cuts a protected span:
    mentions and quotes are widened to whole spans.)"""
    out, pos = [], 0
    for start, end in protected_spans(source):
        out.append(_nomark(source[pos:start]))
        out.append(_unmarked_span(source[start:end]))
        pos = end
    out.append(_nomark(source[pos:]))
    return "".join(out)


def _unmarked_span(span: str) -> str:
    """One protected span of Markdown, with its visible "(2)"s split."""
    if not _NUMBER_IN_PARENS.search(span):
        return span
    if span.startswith("`"):  # Python-Markdown strips a code span's text; HTML is escaped there
        return f"<code>{_nomark(html_text(span.strip('`').strip()))}</code>"
    if span.startswith(("http://", "https://")):
        return _nomark(span)  # a plain address is text on the page
    link = _LINK_TEXT.fullmatch(span)
    return link[1] + _nomark(link[2]) + link[3] if link else span
