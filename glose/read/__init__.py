"""Stage 1, reading: the files of corpus/ and glossary/ -> a checked Project (articles with
their notes as written, glossary entries). Nothing after this stage knows a file format."""

from __future__ import annotations

import os
from collections.abc import Callable, Hashable
from dataclasses import replace
from functools import partial
from pathlib import Path
from typing import TypeVar

from ..cache import Cache
from ..diagnostics import Report
from ..model import Article, Project, Term
from ..parallel import parallel_map
from .articles import READERS, read_article
from .discover import Source, discover
from .fields import check_form_length
from .notes import check_unused_notes, notes_path, read_notes
from .sources import read_text
from .terms import check_glossary, read_term

__all__ = ["read_project"]

T = TypeVar("T")


def read_project(root: Path, report: Report, cache: Cache | None = None, jobs: int = 1) -> Project:
    """Read and validate every article (with its notes file) and every glossary entry of the
    project at root; every problem goes to `report`. With a `cache`, a file unchanged since
    the last build is not read again: its result and its diagnostics come from the cache.
    The files it does not cover are read on `jobs` processes when there are many (a build
    from nothing: 3,000 files, 2 s on one core at 2,000 articles; glose/parallel.py)."""
    cache = cache or Cache()
    sources = discover(root, "corpus", tuple(READERS), report)
    checks = [_check(cache, source.path, notes_path(root, source.shown)) for source in sources]
    articles = _read_all(cache, "article", sources, checks, report, partial(_article, root), jobs)
    check_unused_notes(root, tuple(READERS), report)
    sources = discover(root, "glossary", (".md",), report)
    checks = [_check(cache, source.path) for source in sources]
    terms = _read_all(cache, "term", sources, checks, report, partial(_term, root), jobs)
    check_glossary(terms, report)
    return Project(tuple(articles), tuple(terms))


def _read_all(cache: Cache, kind: str, sources: list[Source], checks: list[Hashable | None], report: Report,
              read: Callable[[Source, Report], T | None], jobs: int) -> list[T]:
    """What read(source, report) gives for each source, in order, or the cache's for the same
    check (its diagnostics replayed); the sources the cache does not cover are read by
    parallel_map, and their results and diagnostics put into the cache."""
    found = [cache.get(kind, s.shown, c) if c is not None else None for s, c in zip(sources, checks)]
    missing = [s for s, f in zip(sources, found) if f is None]
    fresh = iter(parallel_map(_diagnosed, missing, jobs, shared=(read,)))
    values = []
    for source, check, cached in zip(sources, checks, found):
        if cached is None:
            cached = next(fresh)
            if check is not None:
                cache.put(kind, source.shown, check, cached)
        value, diagnostics = cached
        report.items.extend(diagnostics)
        if value is not None:
            values.append(value)
    return values


def _diagnosed(read: Callable[[Source, Report], T | None], source: Source) -> tuple[T | None, tuple]:
    """read(source, report) on a report of its own: (the value, its diagnostics)."""
    own = Report()
    value = read(source, own)
    return value, tuple(own.items)


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

