"""Teacher notes placed in the text: each NoteSource's quote -> the one place of the article it
designates (a Note).

A quote is compared with the article's text after the same whitespace and apostrophe
folding as the matcher (a line break or a no-break space equals a space, ’ equals '),
nothing else: a note is about these exact words."""

from __future__ import annotations

from bisect import bisect_right

import ahocorasick_rs

from ..diagnostics import Report
from ..folding import APOSTROPHES
from ..model import AnnotatedArticle, Article, Note, NoteSource, Paragraph, ParagraphKind
from ..read.markdown_blocks import protected_spans
from ..i18n import _

_APOS = str.maketrans({c: "'" for c in APOSTROPHES})


def anchor_notes(annotated: AnnotatedArticle, report: Report) -> tuple[Note, ...]:
    """Place every note of an article; report each quote that cannot be placed."""
    article = annotated.article
    if not article.notes:
        return ()
    # Each paragraph is folded once, whatever the number of notes looking into it, and every
    # quote is looked for in one pass (Aho-Corasick): a regex per note and paragraph took
    # 6.5 s for 1,000 notes, 24.5 s for 2,000, and never ended for 10,000.
    folded = [(i, *_fold_with_offsets(p.text)) for i, p in enumerate(article.paragraphs) if p.annotated]
    places = _places({_squeeze(n.quote) for n in article.notes}, folded)
    # A highlight never cuts a term's link, nor code, a link or raw HTML of Markdown.
    whole = [sorted([(m.start, m.end) for m in mentions] + _spans(p))
             for p, mentions in zip(article.paragraphs, annotated.mentions)]
    notes = []
    for source in article.notes:
        note = _anchor(source, article, article.notes_path, places, folded, whole, report)
        if note is not None:
            notes.append(note)
    return tuple(sorted(notes, key=lambda n: (n.paragraph, n.start)))


def _spans(paragraph: Paragraph) -> list[tuple[int, int]]:
    """The protected spans of a Markdown paragraph (code, links, raw HTML)."""
    return protected_spans(paragraph.text) if paragraph.kind is ParagraphKind.PROSE else []


def _places(quotes: set[str], paragraphs) -> dict[str, list[tuple[int, int, int]]]:
    """Squeezed quote -> every (position in `paragraphs`, start, end) in folded text where it
    stands as whole words (never "Otan" inside "Otanie"), overlapping places included."""
    patterns = sorted(quote for quote in quotes if quote)  # the automaton refuses an empty one
    automaton = ahocorasick_rs.AhoCorasick(patterns, matchkind=ahocorasick_rs.MatchKind.Standard) if patterns else None
    found: dict[str, list[tuple[int, int, int]]] = {quote: [] for quote in quotes}
    for position, (_, folded, _) in enumerate(paragraphs):
        for index, start, end in automaton.find_matches_as_indexes(folded, overlapping=True) if automaton else ():
            quote = patterns[index]
            if not (quote[0].isalnum() and start and _is_word(folded[start - 1])) and \
                    not (quote[-1].isalnum() and end < len(folded) and _is_word(folded[end])):
                found[quote].append((position, start, end))
    return found


def _is_word(ch: str) -> bool:
    """A character of a word, as the regex \\w sees it."""
    return ch.isalnum() or ch == "_"


def _anchor(source: NoteSource, article: Article, shown: str, places, paragraphs, whole, report: Report) -> Note | None:
    """Find the one place of the article the quote designates, among its `places`;
    `paragraphs` holds (index, folded text, offsets) of each annotated paragraph. Words just
    before and after are compared within the prefix's and suffix's length (folded text has
    single spaces): comparing everything before each place took 12 s for "de" in 2 MB."""
    prefix, suffix = _squeeze(source.prefix), _squeeze(source.suffix)
    found = []
    for position, start, end in places[_squeeze(source.quote)]:
        index, folded, offsets = paragraphs[position]
        before = folded[max(0, start - len(prefix) - 1):start].rstrip()
        after = folded[end:end + len(suffix) + 1].lstrip()
        if before.endswith(prefix) and after.startswith(suffix):
            found.append((index, offsets[start], offsets[end - 1] + 1))
    short = source.quote if len(source.quote) <= 60 else source.quote[:59] + "…"
    if not found:
        report.error(shown, source.line, _('quote "{quote}" not found in {article}; copy the words exactly as in the article').format(quote=short, article=article.path))
        return None
    if len(found) > 1:
        report.error(shown, source.line, _('quote "{quote}" found {count} times in {article}: {places}; add `prefix:` (the words just before) '
                                           "or `suffix:` (just after) to say which").format(
            quote=short, count=len(found), article=article.path, places=_shown_places(article.paragraphs, found)))
        return None
    index, start, end = found[0]
    start, end = _widen(start, end, whole[index])
    return Note(index, start, end, source.note, source.kind, source.line)


def _shown_places(paragraphs: tuple[Paragraph, ...], found: list[tuple[int, int, int]]) -> str:
    """Where a quote stands, as a teacher finds it: `§3 (line 12) «…words [quote] words…»` for
    each of the first places (a paragraph of Markdown that is not prose has no §)."""
    shown = []
    for index, start, end in found[:_PLACES_SHOWN]:
        paragraph = paragraphs[index]
        where = (_("§{number} (line {line})") if paragraph.number else _("line {line}")).format(
            number=paragraph.number, line=paragraph.line_at(start))
        text = paragraph.text
        left, right = _words(text[:start], -_WORDS_AROUND), _words(text[end:], _WORDS_AROUND)
        quote = " ".join(text[start:end].split())
        shown.append(f"{where} «{'…' if left.strip() != ' '.join(text[:start].split()) else ''}{left}[{quote}]"
                     f"{right}{'…' if right.strip() != ' '.join(text[end:].split()) else ''}»")
    more = len(found) - _PLACES_SHOWN
    return "; ".join(shown) + (_(" and {count} more").format(count=more) if more > 0 else "")


def _words(text: str, count: int) -> str:
    """The first `count` words of text (the last ones when negative), whitespace squeezed, the
    space that joins them to the quote kept."""
    words = text.split()
    kept = " ".join(words[count:] if count < 0 else words[:count])
    if count < 0:
        return kept + (" " if text[-1:].isspace() and kept else "")
    return (" " if text[:1].isspace() and kept else "") + kept


_PLACES_SHOWN = 5
"""The places of a quote found several times that its message shows."""
_WORDS_AROUND = 4
"""Words shown on each side of such a place."""


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


def _widen(start: int, end: int, spans: list[tuple[int, int]]) -> tuple[int, int]:
    """Grow the highlighted span to whole term mentions and protected spans (sorted, never
    overlapping), so that a link stays whole."""
    i = bisect_right(spans, (start, float("inf"))) - 1
    if i >= 0 and spans[i][0] < start < spans[i][1]:
        start = spans[i][0]
    j = bisect_right(spans, (end, float("inf"))) - 1
    if j >= 0 and spans[j][0] < end < spans[j][1]:
        end = spans[j][1]
    return start, end
