"""The data that flows between pipeline stages: frozen dataclasses, no dicts. Split by the
stage that makes them (sources: read; annotated: annotate; pages: render), imported from here."""

from __future__ import annotations

from .annotated import AnnotatedArticle, AnnotatedTerm, Corpus, Mention, Note, Passage, Related
from .pages import GeneratedFile, KeptPage, Page, SearchSection
from .sources import (
    Article, ArticleFormat, Lines, NoteKind, NoteSource, Paragraph, ParagraphKind, Project, Term,
)

__all__ = [
    "AnnotatedArticle", "AnnotatedTerm", "Article", "ArticleFormat", "Corpus", "GeneratedFile", "KeptPage",
    "Lines", "Mention", "Note", "NoteKind", "NoteSource", "Page", "Paragraph", "ParagraphKind", "Passage",
    "Project", "Related", "SearchSection", "Term",
]
