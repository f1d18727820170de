"""The per-text stages on several cores: finding mentions in articles, rendering pages.

Worker processes are forked, so they inherit what the parent built (the matcher, the whole
corpus) without pickling it; only slice bounds go to them, and only their results (mentions,
page bytes) come back. Measured on 2,000 articles and 1,000 entries, 2 cores: see
bench/README.md. Below MIN_ITEMS items, or with one job, or where fork does not exist, the
work is done in this process: starting workers would cost more than it saves.
"""

from __future__ import annotations

import multiprocessing
import os
import signal
from collections.abc import Callable, Sequence
from typing import TypeVar

from .matching import Matcher
from .model import AnnotatedArticle, Article, Mention, Page, Term

T = TypeVar("T")
R = TypeVar("R")

MIN_ITEMS = 200
"""Fewer items than this are handled in this process (a fork and the results' trip back
cost more than the work on a small corpus)."""
CHUNKS_PER_JOB = 4
"""Slices per worker: small enough to even out slow slices, few enough to keep messages rare."""

_TASK: tuple[Callable, Sequence] | None = None
"""The function and items of the current fork_map, inherited by the forked workers."""


def default_jobs() -> int:
    """One job per core this process may use."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


def fork_map(function: Callable[[T], R], items: Sequence[T], jobs: int) -> list[R]:
    """[function(item) for item in items], split over `jobs` forked processes when that pays.

    `function` and `items` are not pickled (the workers inherit them), so a closure will do;
    the results are, so they must be picklable. Order is kept.
    """
    if jobs <= 1 or len(items) < MIN_ITEMS or "fork" not in multiprocessing.get_all_start_methods():
        return [function(item) for item in items]
    global _TASK
    _TASK = (function, items)
    try:
        with multiprocessing.get_context("fork").Pool(jobs, initializer=_quiet_signals) as pool:
            parts = pool.map(_run_slice, _slices(len(items), jobs * CHUNKS_PER_JOB))
    finally:
        _TASK = None
    return [result for part in parts for result in part]


def annotate_articles(articles: Sequence[Article], terms: Sequence[Term], jobs: int,
                      matcher: Matcher | None = None) -> tuple[AnnotatedArticle, ...]:
    """linking.annotate_article on every article, in order, on `jobs` processes."""
    from .linking import annotate_article, build_matcher

    matcher = matcher or build_matcher(tuple(terms))
    if jobs <= 1 or len(articles) < MIN_ITEMS:
        return tuple(annotate_article(article, matcher) for article in articles)
    found = fork_map(lambda article: _as_tuples(annotate_article(article, matcher).mentions), articles, jobs)
    return tuple(
        AnnotatedArticle(article, tuple(tuple(Mention(*m) for m in paragraph) for paragraph in mentions))
        for article, mentions in zip(articles, found)
    )


def render_pages(render: Callable[[T], Page], items: Sequence[T], jobs: int) -> list[Page]:
    """`render` (render.render_article, render.render_term, ...) on every item, in order."""
    return fork_map(render, items, jobs)


def _as_tuples(mentions: tuple[tuple[Mention, ...], ...]) -> tuple:
    """Mentions as plain tuples for the trip back: unpickling 44,000 slotted dataclasses took
    longer than finding them (0.17 s against 0.35 s); tuples of str and int take a tenth of it."""
    return tuple(tuple((m.start, m.end, m.slug, m.text) for m in paragraph) for paragraph in mentions)


def _run_slice(bounds: tuple[int, int]) -> list:
    """In a worker: the inherited function on one slice of the inherited items."""
    function, items = _TASK
    start, end = bounds
    return [function(items[i]) for i in range(start, end)]


def _slices(count: int, parts: int) -> list[tuple[int, int]]:
    """`parts` contiguous (start, end) ranges covering range(count), sizes differing by one at most."""
    parts = max(1, min(parts, count))
    size, extra = divmod(count, parts)
    bounds, start = [], 0
    for i in range(parts):
        end = start + size + (i < extra)
        bounds.append((start, end))
        start = end
    return bounds


def _quiet_signals() -> None:
    """Workers leave Ctrl-C and kill to the parent, which stops the pool and cleans up
    (build.py turns SIGTERM into KeyboardInterrupt; a worker would print a traceback)."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
