"""Stage 1, reading: the files of corpus/ and glossary/ -> a checked Project (articles with
their notes as written, glossary entries). Nothing after this stage knows a file format."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from ..diagnostics import Report
from ..model import Project
from .articles import READERS, read_article
from .discover import discover
from .fields import check_form_length
from .notes import check_unused_notes, read_notes
from .sources import read_text
from .terms import check_glossary, read_term

__all__ = ["read_project"]


def read_project(root: Path, report: Report) -> Project:
    """Read and validate every article (with its notes file) and every glossary entry of the
    project at root; every problem goes to `report`."""
    articles = []
    for source in discover(root, "corpus", tuple(READERS), report):
        article = read_article(source, root, report)
        if article is not None:
            notes_path, notes = read_notes(root, article.path, report)
            articles.append(replace(article, notes_path=notes_path, notes=notes))
    check_unused_notes(root, tuple(READERS), report)
    terms = []
    for source in discover(root, "glossary", (".md",), report):
        text = read_text(source.path, root, report)
        if text is not None:
            term = read_term(source.slug, source.shown, text, report)
            if term is not None:
                check_form_length(term, report)
                terms.append(term)
    check_glossary(terms, report)
    return Project(tuple(articles), tuple(terms))
