"""The data that flows between pipeline stages: frozen dataclasses, no dicts. Split by the
stage that makes them (sources: read; annotated: annotate; pages: render), imported from here."""

from __future__ import annotations

from dataclasses import fields, is_dataclass
from operator import attrgetter

from .annotated import AnnotatedArticle, AnnotatedTerm, Corpus, Mention, Note, Passage, Related
from .pages import GeneratedFile, KeptPage, Page, SearchSection
from .sources import (
    Article, ArticleFormat, Lines, NoteKind, NoteSource, Paragraph, ParagraphKind, Project, Term,
)

__all__ = [
    "AnnotatedArticle", "AnnotatedTerm", "Article", "ArticleFormat", "Corpus", "GeneratedFile", "KeptPage",
    "Lines", "Mention", "Note", "NoteKind", "NoteSource", "Page", "Paragraph", "ParagraphKind", "Passage",
    "Project", "Related", "SearchSection", "Term", "quick_pickling",
]


def quick_pickling(cls: type) -> type:
    """Give a frozen, slotted dataclass the __getstate__/__setstate__ that dataclasses writes
    for it, without its call to fields() on every object: the build's cache and the render
    workers pickle hundreds of thousands of these (at 10,000 articles, fields() alone took
    4.5 s of a 48 s build), and render's page keys pickle the rows of every index. The
    state is the fields' values, in order. Returns the class (a decorator, outside the model)."""
    names = tuple(f.name for f in fields(cls))
    values = attrgetter(*names)
    setter = object.__setattr__

    if len(names) == 1:
        def getstate(self):
            return (values(self),)
    else:
        def getstate(self):
            return values(self)

    def setstate(self, state) -> None:
        for name, value in zip(names, state):
            setter(self, name, value)

    setattr(cls, "__getstate__", getstate)
    setattr(cls, "__setstate__", setstate)
    return cls


for _name in __all__:  # every dataclass of the model, a new one included
    if is_dataclass(globals()[_name]):
        quick_pickling(globals()[_name])
