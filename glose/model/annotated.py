"""What the annotate stage adds: mentions, placed notes, the concordance, related articles."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from types import MappingProxyType
from typing import NamedTuple

from .sources import Article, NoteKind, Paragraph, Term


class Mention(NamedTuple):
    """One occurrence of a glossary term in a piece of text.

    A named tuple, not a frozen dataclass like the rest of the model: the matcher makes one
    for each mention (43,000 in 10 MB of text), and a frozen dataclass's __init__ (four
    object.__setattr__ calls) was a tenth of the matching time. Immutable all the same."""

    start: int
    """Offset of the first character in the text that was searched."""
    end: int
    """Offset just past the last character (text[start:end] is the mention)."""
    slug: str
    """Slug of the glossary entry it refers to."""
    text: str
    """The characters exactly as they stand in the source."""


@dataclass(frozen=True, slots=True)
class AnnotatedArticle:
    """An article with the term mentions of each of its paragraphs."""

    article: Article
    """The article as read."""
    mentions: tuple[tuple[Mention, ...], ...]
    """Mentions per paragraph, aligned with article.paragraphs (offsets into paragraph.text)."""
    notes: tuple["Note", ...] = ()
    """Teacher notes, in reading order."""
    related: tuple["Related", ...] = ()
    """Up to 5 articles sharing the most (rare) terms, best first."""
    _counts: dict[str, int] | None = field(default=None, init=False, repr=False, compare=False)
    """`counts`, once counted (a build asks for it about eleven times an article)."""

    @property
    def counts(self) -> Mapping[str, int]:
        """Number of mentions of each term slug in the article (read-only)."""
        counts = self._counts
        if counts is None:
            counts = {}
            for paragraph in self.mentions:
                for mention in paragraph:
                    counts[mention.slug] = counts.get(mention.slug, 0) + 1
            object.__setattr__(self, "_counts", counts)
        return MappingProxyType(counts)


@dataclass(frozen=True, slots=True)
class AnnotatedTerm:
    """A glossary entry with the other terms its definition mentions."""

    term: Term
    """The entry as read."""
    blocks: tuple[Paragraph, ...]
    """The definition split into Markdown blocks (kind "prose" or "verbatim")."""
    mentions: tuple[tuple[Mention, ...], ...]
    """Mentions per block, aligned with blocks; never the entry itself."""
    passages: tuple["Passage", ...] | None = None
    """Every mention in the corpus, in context, articles newest first; None when not computed
    (the page is kept from the last build and needs none)."""
    cited_by: tuple[str, ...] = ()
    """Slugs of the entries whose see_also lists this one (see also, the other way)."""


@dataclass(frozen=True, slots=True)
class Corpus:
    """The whole project once every text has been searched for terms."""

    articles: tuple[AnnotatedArticle, ...]
    """Articles, newest first (undated last), then by title."""
    terms: tuple[AnnotatedTerm, ...]
    """Glossary entries, sorted by slug."""


@dataclass(frozen=True, slots=True)
class Note:
    """A teacher's note anchored to a quote of an article (corpus/<slug>.notes.yml)."""

    paragraph: int
    """Index in article.paragraphs of the paragraph that holds the quote."""
    start: int
    """Offset of the quote in that paragraph's text."""
    end: int
    """Offset just past the quote (widened to whole term mentions it cuts through)."""
    note: str
    """The note, in Markdown."""
    kind: NoteKind
    """"note", "question" or "vocabulaire"."""
    line: int
    """1-based line of the note in the notes file."""


@dataclass(frozen=True, slots=True)
class Passage:
    """One line of a term's concordance: a mention in context (keyword in context)."""

    article: str
    """Slug of the article."""
    paragraph: int
    """Paragraph number (§), 0 for an unnumbered block."""
    left: str
    """About eight words before the mention ("…" first when cut)."""
    mention: str
    """The mention as written."""
    right: str
    """About eight words after the mention ("…" last when cut)."""


@dataclass(frozen=True, slots=True)
class Related:
    """An article that shares terms with another."""

    slug: str
    """Slug of the related article."""
    score: float
    """Sum of the idf weights of the shared terms."""
    shared: tuple[str, ...]
    """Slugs of the shared terms, rarest first."""
