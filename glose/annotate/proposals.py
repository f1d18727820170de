"""What the glossary assistant proposes (suggest.py, nearmiss.py) and where it read it."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

from ..model import Corpus, Paragraph

PLACES = 2
"""Places shown (with their context) for each suggestion."""


@dataclass(frozen=True, slots=True)
class Suggestion:
    """One proposal for the glossary."""

    kind: str
    """"acronym", "name", "phrase", "near-miss" or "over-match"."""
    text: str
    """The form proposed (an acronym, a name, a phrase, a near-miss as written)."""
    slug: str = ""
    """The entry it belongs to, "" for a new entry."""
    detail: str = ""
    """What else to know: the expansion of an acronym, the form a near-miss is close to ..."""
    count: int = 0
    """How often the corpus uses it."""
    places: tuple[str, ...] = ()
    """`path:line: context` of its first places."""


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of an article's text, with its place."""

    path: str
    """The article's path."""
    line: int
    """The source line of the span's start."""
    text: str
    """The paragraph's text."""
    start: int
    """Offset of the span in the paragraph."""
    end: int
    """Offset just past the span."""

    def place(self) -> str:
        """`path:line: …context…` with the span in [brackets]."""
        left = self.text[max(0, self.start - 50):self.start].split(" ", 1)[-1] if self.start > 50 else self.text[:self.start]
        right = self.text[self.end:self.end + 50].rsplit(" ", 1)[0] if len(self.text) > self.end + 50 else self.text[self.end:]
        return f"{self.path}:{self.line}: …{left}[{self.text[self.start:self.end]}]{right}…"


def paragraphs(corpus: Corpus) -> Iterator[tuple[str, str, list[tuple[int, int, str]], Paragraph]]:
    """(path, text, mention spans with their slugs, paragraph) of every annotated paragraph of
    the corpus."""
    for annotated in corpus.articles:
        for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions):
            if paragraph.annotated:
                yield annotated.article.path, paragraph.text, [(m.start, m.end, m.slug) for m in mentions], paragraph


def span(path: str, paragraph: Paragraph, start: int, end: int) -> Span:
    """A Span of a paragraph, with the line of its start."""
    return Span(path, paragraph.line_at(start), paragraph.text, start, end)
