"""Texts + glossary -> where each term is mentioned: the article mentions and the links between
glossary entries. (The concordance, vocabulary and related articles are built on top of this.)"""

from __future__ import annotations

import math
import re
from collections.abc import Container, Iterable
from dataclasses import replace

from .markdown_blocks import protected_spans, split_blocks
from .matching import Matcher
from .model import (
    AnnotatedArticle, AnnotatedTerm, Article, Corpus, Mention, Note, Paragraph, Passage, Project, Related, Term,
)


def build_matcher(terms: tuple[Term, ...]) -> Matcher:
    """One matcher for every form of every entry."""
    return Matcher((t.slug, form, t.case_sensitive) for t in terms for form in t.forms)


def annotate(project: Project, matcher: Matcher | None = None) -> Corpus:
    """Find every mention of every term in every article and every definition."""
    matcher = matcher or build_matcher(project.terms)
    articles = tuple(annotate_article(a, matcher) for a in sort_articles(project.articles))
    terms = tuple(_annotate_term(t, matcher) for t in project.terms)
    return Corpus(articles, terms)


def sort_articles(articles) -> list[Article]:
    """Newest first; undated articles last; then by title and slug for a stable order."""
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.slug))
    dated.sort(key=lambda a: a.date, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return dated + undated


def annotate_article(article: Article, matcher: Matcher) -> AnnotatedArticle:
    """The mentions of one article, paragraph by paragraph."""
    return AnnotatedArticle(article, tuple(find_in_block(p, matcher) for p in article.paragraphs))


def find_in_block(paragraph: Paragraph, matcher: Matcher, exclude: frozenset = frozenset()) -> tuple[Mention, ...]:
    """Mentions in a paragraph; in Markdown, never inside code, links or raw HTML."""
    if not paragraph.annotated:
        return ()
    mentions = matcher.find(paragraph.text, exclude=exclude)
    if paragraph.kind == "prose":
        spans = protected_spans(paragraph.text)
        mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    return tuple(mentions)


def _annotate_term(term: Term, matcher: Matcher) -> AnnotatedTerm:
    """A definition links the other terms it mentions, never its own entry."""
    blocks = tuple(
        Paragraph(0, b.source, b.line, "prose" if b.kind == "prose" else "verbatim")
        for b in split_blocks(term.definition, term.definition_line)
    )
    exclude = frozenset({term.slug})
    return AnnotatedTerm(term, blocks, tuple(find_in_block(b, matcher, exclude) for b in blocks))


RELATED_MAX = 5
"""How many related articles an article shows at most."""
CONTEXT_WORDS = 8
"""Words of context on each side of a mention in a concordance line."""


def link(corpus: Corpus, notes: dict[str, tuple[Note, ...]], concordance_for: Container[str] | None = None) -> Corpus:
    """Add what connects texts and terms: notes, related articles, concordance, reverse see-also.
    The concordance is made for every entry, or only for those of `concordance_for` (the
    pages a build renders again; the others have no passages)."""
    related = related_articles(corpus.articles)
    articles = tuple(
        replace(a, notes=notes.get(a.article.slug, ()), related=related[a.article.slug])
        for a in corpus.articles
    )
    passages = concordance(articles, concordance_for)
    citing = cited_by(t.term for t in corpus.terms)
    terms = tuple(
        replace(t, passages=passages.get(t.term.slug, ()), cited_by=citing.get(t.term.slug, ()))
        for t in corpus.terms
    )
    return Corpus(articles, terms)


def cited_by(terms: Iterable[Term]) -> dict[str, tuple[str, ...]]:
    """Entry slug -> the slugs of the entries whose "see also" names it, sorted."""
    found: dict[str, list[str]] = {}
    for term in terms:
        for target in term.see_also:
            found.setdefault(target, []).append(term.slug)
    return {slug: tuple(sorted(citing)) for slug, citing in found.items()}


def related_articles(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[Related, ...]]:
    """For each article, the articles sharing the most terms, each shared term weighted by its
    inverse document frequency log(N / df): a term found in few articles says more about
    them than one found everywhere (which weighs 0). Ties go to the newer article (corpus
    order), and scores are compared to 9 decimals, so the order never depends on how the
    floating-point sums were grouped."""
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
    related = {}
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


def concordance(articles: tuple[AnnotatedArticle, ...], only: Container[str] | None = None) -> dict[str, tuple[Passage, ...]]:
    """Every mention of every term (or of the terms in `only`) in context, articles in corpus
    order (newest first)."""
    found: dict[str, list[Passage]] = {}
    for annotated in articles:
        for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions):
            for m in mentions:
                if only is not None and m.slug not in only:
                    continue
                left, right = _context(paragraph, m)
                found.setdefault(m.slug, []).append(
                    Passage(annotated.article.slug, paragraph.number, left, m.text, right))
    return {slug: tuple(p) for slug, p in found.items()}


_WINDOW = 40 * CONTEXT_WORDS
"""Characters read on each side of a mention in plain text: far more than CONTEXT_WORDS words."""


def _context(paragraph: Paragraph, m: Mention) -> tuple[str, str]:
    """About CONTEXT_WORDS words on each side, with an ellipsis where the text goes on."""
    before, after = _sides(paragraph, m)
    left = " ".join(before[-CONTEXT_WORDS - 1:])
    right = " ".join(after[: CONTEXT_WORDS + 1])
    if len(before) > CONTEXT_WORDS + 1:
        left = "… " + left.lstrip()
    if len(after) > CONTEXT_WORDS + 1:
        right = right.rstrip() + " …"
    return left, right


def _sides(paragraph: Paragraph, m: Mention) -> tuple[list[str], list[str]]:
    """The words before and after a mention. Plain text is only read within _WINDOW characters
    (reading the whole paragraph for each of its mentions cost 1.5 s at 2,000 articles): when
    a window holds more words than are kept, the words kept are the same. Markdown links may
    cross a window's edge: Markdown is read whole."""
    text = paragraph.text
    if paragraph.kind != "prose":
        start, end = max(0, m.start - _WINDOW), m.end + _WINDOW
        before, after = _words(text[start:m.start], paragraph), _words(text[m.end:end], paragraph)
        if (not start or len(before) > CONTEXT_WORDS + 1) and (end >= len(text) or len(after) > CONTEXT_WORDS + 1):
            return before, after
    return _words(text[: m.start], paragraph), _words(text[m.end:], paragraph)


def _words(text: str, paragraph: Paragraph) -> list[str]:
    """Context as plain words: Markdown links become their text, emphasis marks go; "" first
    or last when the text starts or ends with a space. (The same as
    re.sub(r"\\s+", " ", text).split(" "), four times faster.)"""
    if paragraph.kind == "prose":
        text = _MD_LINK_RE.sub(r"\1", text)
        text = _MD_MARK_RE.sub("", text)
    if not text:
        return [""]
    words = text.split()
    if text[0].isspace():
        words.insert(0, "")
    if text[-1].isspace():
        words.append("")
    return words


_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_MARK_RE = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)")
