"""Related articles: for each article, the articles that share the most (rare) terms with it."""

from __future__ import annotations

import math
import os

from ..model import AnnotatedArticle, Related

RELATED_MAX = 5
"""How many related articles an article shows at most."""


def related_articles(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[Related, ...]]:
    """For each article, the articles sharing the most terms, each shared term weighted by its
    inverse document frequency log(N / df): a term found in few articles says more about
    them than one found everywhere (which weighs 0). Ties go to the newer article (corpus
    order), and scores are compared to 9 decimals, so the order never depends on how the
    floating-point sums were grouped."""
    # OpenBLAS, in numpy's wheels, starts a thread per core on import; Glose uses none of
    # its linear algebra, and a process with one thread can render on forks of itself
    # (glose/parallel.py). A value the user set is kept.
    os.environ.setdefault("OPENBLAS_NUM_THREADS", "1")
    import numpy  # 0.1 s to import: only here

    n = len(articles)
    slugs = [a.article.slug for a in articles]  # articles are numbered: newest first breaks ties
    terms_of = [set(a.counts) for a in articles]
    postings: dict[str, list[int]] = {}
    for i, terms in enumerate(terms_of):
        for term in sorted(terms):
            postings.setdefault(term, []).append(i)
    idf = {term: math.log(n / len(numbers)) for term, numbers in postings.items()}
    # Each article's score against every other is a sum, over its terms, of the term's weight
    # for each article that has it: numpy.bincount adds them up in C. (At 2,000 articles that
    # is some 14 million additions, the sum of df² over terms: 0.65 s as a Python loop.)
    arrays = {t: numpy.array(numbers, dtype=numpy.intp) for t, numbers in postings.items() if idf[t] > 0}
    related: dict[str, tuple[Related, ...]] = {}
    for i, terms in enumerate(terms_of):
        weighted = sorted(t for t in terms if t in arrays)
        if not weighted:
            related[slugs[i]] = ()
            continue
        others = numpy.concatenate([arrays[t] for t in weighted])
        weights = numpy.repeat([idf[t] for t in weighted], [len(arrays[t]) for t in weighted])
        scores = numpy.bincount(others, weights=weights, minlength=n)
        scores[i] = 0.0
        best = _top(scores, RELATED_MAX)
        related[slugs[i]] = tuple(Related(slugs[o], float(scores[o]), _shared(terms, terms_of[o], idf)) for o in best)
    return related


def _top(scores, count: int) -> list[int]:
    """Indexes of the `count` highest positive scores (to 9 decimals), lowest index first among equals."""
    import numpy

    reached = numpy.flatnonzero(scores > 0)
    rounded = numpy.round(scores[reached], 9)
    if len(reached) > count:  # keep the count best, and whatever ties with the last of them
        floor = numpy.partition(rounded, len(rounded) - count)[len(rounded) - count]
        reached, rounded = reached[rounded >= floor], rounded[rounded >= floor]
    return [o for _, o in sorted(zip((-rounded).tolist(), reached.tolist()))[:count]]


def _shared(terms: set[str], others: set[str], idf) -> tuple[str, ...]:
    """The terms that count in both articles, weightiest first."""
    return tuple(sorted((t for t in terms & others if idf[t] > 0), key=lambda t: (-idf[t], t)))


