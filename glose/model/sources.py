"""What the read stage makes of the source files: articles, paragraphs, glossary entries,
notes as written. Frozen dataclasses, each field documented."""

from __future__ import annotations

from bisect import bisect_right
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
    case_sensitive_forms: tuple[str, ...] = ()
    """Forms (the term or aliases, as written) whose case must match even though the entry
    ignores case: `case_sensitive: [Alliance]`."""
    exclude: tuple[str, ...] = ()
    """Longer forms that contain one of the entry's forms but are not mentions of it."""
    plurals: bool = True
    """Also find the French plural of each form (`plurals: false` turns it off)."""
    match_english: bool = True
    """Also find the English name(s) of `english` in the text (`match_english: false`: not)."""
    lines: Lines = Lines()
    """Where each front-matter key and list item is in the file (Term.aliases[j] is item j
    of "aliases": repeats dropped from the file's list are not counted)."""

    @property
    def forms(self) -> tuple[str, ...]:
        """Every form that is matched: the display name, then the aliases."""
        return (self.term, *self.aliases)

    @property
    def matching(self) -> tuple:
        """Everything that decides where the entry is found in a text (page keys hold it)."""
        english = self.english if self.match_english else ""
        return (self.slug, self.forms, self.case_sensitive, self.case_sensitive_forms, self.exclude,
                self.plurals, english)


@dataclass(frozen=True, slots=True)
class Project:
    """Everything read from a project's sources, validated."""

    articles: tuple[Article, ...]
    """All articles, sorted by slug."""
    terms: tuple[Term, ...]
    """All glossary entries, sorted by slug."""


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
