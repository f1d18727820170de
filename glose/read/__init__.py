"""Stage 1, reading: the files of corpus/ and glossary/ -> a checked Project (articles with
their notes as written, glossary entries). Nothing after this stage knows a file format."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import replace
from pathlib import Path
from typing import TypeVar

from ..cache import Cache
from ..diagnostics import Report
from ..model import Article, Project, Term
from .articles import READERS, read_article
from .discover import Source, discover
from .fields import check_form_length
from .notes import check_unused_notes, notes_path, read_notes
from .sources import read_text
from .terms import check_glossary, read_term

__all__ = ["read_project"]


def read_project(root: Path, report: Report, cache: Cache | None = None) -> Project:
    """Read and validate every article (with its notes file) and every glossary entry of the
    project at root; every problem goes to `report`. With a `cache`, a file unchanged since
    the last build is not read again: its result and its diagnostics come from the cache."""
    cache = cache or Cache()
    articles = []
    for source in discover(root, "corpus", tuple(READERS), report):
        check = _check(cache, source.path, notes_path(root, source.shown))
        article = _cached(cache, "article", source.shown, check, report, lambda found: _article(root, source, found))
        if article is not None:
            articles.append(article)
    check_unused_notes(root, tuple(READERS), report)
    terms = []
    for source in discover(root, "glossary", (".md",), report):
        check = _check(cache, source.path)
        term = _cached(cache, "term", source.shown, check, report, lambda found: _term(root, source, found))
        if term is not None:
            terms.append(term)
    check_glossary(terms, report)
    return Project(tuple(articles), tuple(terms))


def _article(root: Path, source: Source, report: Report) -> Article | None:
    """One article and its notes file."""
    article = read_article(source, root, report)
    if article is None:
        return None
    found_path, notes = read_notes(root, article.path, report)
    return replace(article, notes_path=found_path, notes=notes)


def _term(root: Path, source: Source, report: Report) -> Term | None:
    """One glossary entry."""
    text = read_text(source.path, root, report)
    term = read_term(source.slug, source.shown, text, report) if text is not None else None
    if term is not None:
        check_form_length(term, report)
    return term


def _check(cache: Cache, *paths: Path) -> Hashable | None:
    """What must not have changed for a cached result of these files to stand (None: read)."""
    checks: list[Hashable | None] = []
    for path in paths:
        try:
            os.stat(path)
        except FileNotFoundError:
            checks.append("absent")
            continue
        except OSError:
            return None
        checks.append(cache.file_check(path))
    return None if None in checks else tuple(checks)


T = TypeVar("T")


def _cached(cache: Cache, kind: str, name: str, check: Hashable | None, report: Report,
            read: Callable[[Report], T | None]) -> T | None:
    """read(report), or what it gave for the same check last build, its diagnostics replayed."""
    found = cache.get(kind, name, check) if check is not None else None
    if found is not None:
        value, diagnostics = found
        report.items.extend(diagnostics)
        return value
    own = Report()
    value = read(own)
    report.items.extend(own.items)
    if check is not None:
        cache.put(kind, name, check, (value, tuple(own.items)))
    return value
