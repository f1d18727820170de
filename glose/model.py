"""The data that flows between pipeline stages: frozen dataclasses, no dicts."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class ParagraphKind(StrEnum):
    """What a paragraph of an article or a block of a definition is, and so how it is shown."""

    TEXT = "text"
    """Literal text from a .txt article: shown exactly as typed, annotated."""
    PROSE = "prose"
    """A Markdown block to annotate (paragraph, list, quote, table)."""
    VERBATIM = "verbatim"
    """A Markdown block kept as written and never annotated: heading, code, raw HTML."""


ArticleFormat = Literal["txt", "md"]
"""Source format of an article: literal text or a Markdown body."""

NoteKind = Literal["note", "question", "vocabulaire"]
"""The kinds of note a teacher may write (corpus/<slug>.notes.yml `kind:`)."""


@dataclass(frozen=True, slots=True)
class Lines:
    """Where the fields of a front matter are in its file: 1-based lines of keys and list items."""

    keys: tuple[tuple[str, int], ...] = ()
    """(key, line of the key) pairs."""
    items: tuple[tuple[str, int, int], ...] = ()
    """(key, index in its list, line of the item) triples."""

    def of(self, key: str, index: int | None = None, default: int = 1) -> int:
        """The line of a key, or of item `index` of its list (else the key's line, else `default`)."""
        if index is not None:
            for name, i, line in self.items:
                if name == key and i == index:
                    return line
        for name, line in self.keys:
            if name == key:
                return line
        return default

    def has(self, key: str) -> bool:
        """True when the key was written."""
        return any(name == key for name, _ in self.keys)


@dataclass(frozen=True, slots=True)
class Mention:
    """One occurrence of a glossary term in a piece of text."""

    start: int
    """Offset of the first character in the text that was searched."""
    end: int
    """Offset just past the last character (text[start:end] is the mention)."""
    slug: str
    """Slug of the glossary entry it refers to."""
    text: str
    """The characters exactly as they stand in the source."""


@dataclass(frozen=True, slots=True)
class Paragraph:
    """A paragraph of an article, in reading order."""

    number: int
    """1-based position among the article's numbered paragraphs: its id is p<number>, cited as
    §<number>; 0 for a Markdown block that is not prose (heading, code, raw HTML)."""
    text: str
    """For kind "text": literal text, newlines turned into spaces; otherwise Markdown source."""
    line: int
    """1-based line of the source file where the paragraph starts."""
    kind: ParagraphKind = ParagraphKind.TEXT
    """How the paragraph is shown and whether it is annotated (see ParagraphKind)."""

    breaks: tuple[int, ...] = ()
    """Offsets in `text` where a new source line begins (for .txt, whose newlines became spaces)."""

    def line_at(self, offset: int) -> int:
        """The source file line of a character of `text`."""
        from bisect import bisect_right

        return self.line + bisect_right(self.breaks, offset) + self.text.count("\n", 0, offset)

    @property
    def annotated(self) -> bool:
        """True when terms are looked for in this paragraph."""
        return self.kind is not ParagraphKind.VERBATIM


@dataclass(frozen=True, slots=True)
class Article:
    """An article of the corpus, parsed once with its line numbers."""

    slug: str
    """URL name derived from the file name: articles/<slug>.html."""
    path: str
    """Source file path relative to the project root, for messages."""
    title: str
    """Title from the header, or made from the first sentence."""
    title_from_header: bool
    """False when the title was made from the first sentence (`check` suggests a header)."""
    date: str
    """Date as written: YYYY, YYYY-MM or YYYY-MM-DD; empty when unknown."""
    paragraphs: tuple[Paragraph, ...]
    """The body, paragraph by paragraph."""
    source: str = ""
    """Publication the article comes from."""
    author: str = ""
    """Author's name."""
    url: str = ""
    """Address of the original (only http and https addresses are kept)."""
    tags: tuple[str, ...] = ()
    """Free tags, as written."""
    lang: str = "fr"
    """Language code of the text."""
    format: ArticleFormat = "txt"
    """Source format: "txt" (literal text) or "md" (Markdown body)."""
    digest: str = ""
    """Digest of the file's name and text as read: everything the article is parsed from
    (output/keys.py); "" for an article made otherwise."""
    notes_path: str = ""
    """The teacher notes file beside the article (relative to the project root), "" when none."""
    notes: tuple[NoteSource, ...] = ()
    """The notes of that file that could be read, in file order."""


@dataclass(frozen=True, slots=True)
class Term:
    """A glossary entry."""

    slug: str
    """URL name derived from the file name: glossary/<slug>.html."""
    path: str
    """Source file path relative to the project root, for messages."""
    term: str
    """Display name, also matched in the text."""
    summary: str
    """One plain-text sentence (at most 200 characters): the tooltip."""
    definition: str
    """Markdown body of the entry."""
    definition_line: int
    """1-based line of the source file where the definition starts."""
    aliases: tuple[str, ...] = ()
    """Other forms matched in the text."""
    english: str = ""
    """English equivalent, if any."""
    see_also: tuple[str, ...] = ()
    """Slugs of related entries, as listed in the file."""
    tags: tuple[str, ...] = ()
    """Tags (issue 3 fixes a small set for the shipped glossary)."""
    case_sensitive: bool = False
    """When true, case must match (accents are still folded)."""
    lines: Lines = Lines()
    """Where each front-matter key and list item is in the file (Term.aliases[j] is item j
    of "aliases": repeats dropped from the file's list are not counted)."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form that is matched: the display name, then the aliases."""
        return (self.term, *self.aliases)


@dataclass(frozen=True, slots=True)
class Page:
    """A file the build generates under docs/, rendered by this build."""

    path: str
    """Path relative to docs/, with forward slashes."""
    content: bytes
    """Exact bytes to write."""
    key: str = ""
    """Digest of what the page is made from (output/keys.py); "" for pages rendered on every build."""


@dataclass(frozen=True, slots=True)
class KeptPage:
    """A page not rendered again: its key is unchanged and its file in docs/ is still the one
    the last build wrote (output/keys.py), so that file is kept as it is."""

    path: str
    """Path relative to docs/, with forward slashes."""
    key: str
    """Digest of what the page is made from: the same as at the last build."""


GeneratedFile = Page | KeptPage
"""What the render stage hands to the output stage for each path of docs/ it generates."""


@dataclass(frozen=True, slots=True)
class Project:
    """Everything read from a project's sources, validated."""

    articles: tuple[Article, ...]
    """All articles, sorted by slug."""
    terms: tuple[Term, ...]
    """All glossary entries, sorted by slug."""


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

    @property
    def counts(self) -> dict[str, int]:
        """Number of mentions of each term slug in the article."""
        counts: dict[str, int] = {}
        for paragraph in self.mentions:
            for mention in paragraph:
                counts[mention.slug] = counts.get(mention.slug, 0) + 1
        return counts


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
class NoteSource:
    """A teacher's note as written in corpus/<stem>.notes.yml, before it is placed in the text."""

    quote: str
    """The exact words of the article the note is about."""
    prefix: str
    """Words just before the quote, to choose among several places ("" when not given)."""
    suffix: str
    """Words just after the quote ("" when not given)."""
    note: str
    """The note, in Markdown."""
    kind: NoteKind
    """"note", "question" or "vocabulaire"."""
    line: int
    """1-based line of the note in the notes file."""


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
