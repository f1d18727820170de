"""Teacher notes placed in the text: each NoteSource's quote -> the one place of the article it
designates (a Note).

A quote is compared with the article's text after the same whitespace and apostrophe
folding as the matcher (a line break or a no-break space equals a space, ’ equals '),
nothing else: a note is about these exact words."""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..folding import APOSTROPHES
from ..model import AnnotatedArticle, Mention, Note, NoteSource, Paragraph, ParagraphKind
from ..read.markdown_blocks import protected_spans

_APOS = str.maketrans({c: "'" for c in APOSTROPHES})


def anchor_notes(annotated: AnnotatedArticle, report: Report) -> tuple[Note, ...]:
    """Place every note of an article; report each quote that cannot be placed."""
    article = annotated.article
    if not article.notes:
        return ()
    # Each paragraph is folded once, whatever the number of notes looking into it.
    folded = [(i, *_fold_with_offsets(p.text)) for i, p in enumerate(article.paragraphs) if p.annotated]
    # A highlight never cuts a term's link, nor code, a link or raw HTML of Markdown.
    whole = [tuple(mentions) + tuple(_spans(p)) for p, mentions in zip(article.paragraphs, annotated.mentions)]
    notes = []
    for source in article.notes:
        note = _anchor(source, article.path, article.notes_path, folded, whole, report)
        if note is not None:
            notes.append(note)
    return tuple(sorted(notes, key=lambda n: (n.paragraph, n.start)))


def _spans(paragraph: Paragraph) -> list[Mention]:
    """The protected spans of a Markdown paragraph (code, links, raw HTML), as Mentions to widen to."""
    if paragraph.kind is not ParagraphKind.PROSE:
        return []
    return [Mention(start, end, "", "") for start, end in protected_spans(paragraph.text)]


def _anchor(source: NoteSource, article_path: str, shown: str, paragraphs, mentions, report: Report) -> Note | None:
    """Find the one place of the article the quote designates; `paragraphs` holds
    (index, folded text, offsets) of each annotated paragraph."""
    quote = _squeeze(source.quote)
    prefix, suffix = _squeeze(source.prefix), _squeeze(source.suffix)
    found = []
    for index, folded, offsets in paragraphs:
        for match in re.finditer(_pattern(quote), folded):
            before, after = folded[: match.start()].rstrip(), folded[match.end():].lstrip()
            if before.endswith(prefix) and after.startswith(suffix):
                found.append((index, offsets[match.start()], offsets[match.end() - 1] + 1))
    short = source.quote if len(source.quote) <= 60 else source.quote[:59] + "…"
    if not found:
        report.error(shown, source.line, f'quote "{short}" not found in {article_path}; copy the words exactly as in the article')
        return None
    if len(found) > 1:
        report.error(shown, source.line, f'quote "{short}" found {len(found)} times in {article_path}; add prefix or suffix')
        return None
    index, start, end = found[0]
    start, end = _widen(start, end, mentions[index])
    return Note(index, start, end, source.note, source.kind, source.line)


def _pattern(quote: str) -> str:
    """The quote as a regex that never starts or ends inside a word ("Otan" not in "Otanie")."""
    head = r"(?<!\w)" if quote[:1].isalnum() else ""
    tail = r"(?!\w)" if quote[-1:].isalnum() else ""
    return head + re.escape(quote) + tail


def _squeeze(text: str) -> str:
    """Whitespace runs -> one space, apostrophes -> ', ends stripped."""
    return " ".join(text.translate(_APOS).split())


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """_squeeze for a paragraph, with the original offset of each kept character."""
    out: list[str] = []
    offsets: list[int] = []
    space = False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                offsets.append(i)
            space = True
            continue
        space = False
        out.append(ch.translate(_APOS))
        offsets.append(i)
    return "".join(out), offsets


def _widen(start: int, end: int, mentions: tuple[Mention, ...]) -> tuple[int, int]:
    """Grow the highlighted span to whole term mentions (and protected spans), so a link stays whole."""
    for m in mentions:
        if m.start < start < m.end:
            start = m.start
        if m.start < end < m.end:
            end = m.end
    return start, end
