"""Texts + glossary -> where each term is mentioned: the article mentions and the links between
glossary entries. (The concordance, vocabulary and related articles are built on top of this.)"""

from __future__ import annotations

import heapq
import math
import re
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


def link(corpus: Corpus, notes: dict[str, tuple[Note, ...]]) -> Corpus:
    """Add what connects texts and terms: notes, related articles, concordance, reverse see-also."""
    related = related_articles(corpus.articles)
    articles = tuple(
        replace(a, notes=notes.get(a.article.slug, ()), related=related[a.article.slug])
        for a in corpus.articles
    )
    passages = concordance(articles)
    cited_by: dict[str, list[str]] = {}
    for t in corpus.terms:
        for target in t.term.see_also:
            cited_by.setdefault(target, []).append(t.term.slug)
    terms = tuple(
        replace(t, passages=passages.get(t.term.slug, ()), cited_by=tuple(sorted(cited_by.get(t.term.slug, ()))))
        for t in corpus.terms
    )
    return Corpus(articles, terms)


def related_articles(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[Related, ...]]:
    """For each article, the articles sharing the most terms, each shared term weighted by its
    inverse document frequency log(N / df): a term found in few articles says more about
    them than one found everywhere (which weighs 0)."""
    n = len(articles)
    terms_of = {a.article.slug: set(a.counts) for a in articles}
    postings: dict[str, list[str]] = {}
    for slug, terms in terms_of.items():
        for term in terms:
            postings.setdefault(term, []).append(slug)
    idf = {term: math.log(n / len(slugs)) for term, slugs in postings.items()}
    order = {a.article.slug: i for i, a in enumerate(articles)}  # newest first breaks ties
    return {slug: _best_related(slug, terms_of[slug], postings, idf, order) for slug in terms_of}


def _best_related(slug: str, terms: set[str], postings, idf, order) -> tuple[Related, ...]:
    """Score every article reachable through a shared term; keep the best RELATED_MAX."""
    scores: dict[str, float] = {}
    shared: dict[str, list[str]] = {}
    for term in terms:
        if idf[term] <= 0:
            continue
        for other in postings[term]:
            if other != slug:
                scores[other] = scores.get(other, 0.0) + idf[term]
                shared.setdefault(other, []).append(term)
    best = heapq.nsmallest(RELATED_MAX, scores, key=lambda o: (-round(scores[o], 9), order[o]))
    return tuple(Related(o, scores[o], tuple(sorted(shared[o], key=lambda t: (-idf[t], t)))) for o in best)


def concordance(articles: tuple[AnnotatedArticle, ...]) -> dict[str, tuple[Passage, ...]]:
    """Every mention of every term in context, articles in corpus order (newest first)."""
    found: dict[str, list[Passage]] = {}
    for annotated in articles:
        for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions):
            for m in mentions:
                left, right = _context(paragraph, m)
                found.setdefault(m.slug, []).append(
                    Passage(annotated.article.slug, paragraph.number, left, m.text, right))
    return {slug: tuple(p) for slug, p in found.items()}


def _context(paragraph: Paragraph, m: Mention) -> tuple[str, str]:
    """About CONTEXT_WORDS words on each side, with an ellipsis where the text goes on."""
    before = _plain(paragraph.text[: m.start], paragraph).split(" ")
    after = _plain(paragraph.text[m.end:], paragraph).split(" ")
    left = " ".join(before[-CONTEXT_WORDS - 1:])
    right = " ".join(after[: CONTEXT_WORDS + 1])
    if len(before) > CONTEXT_WORDS + 1:
        left = "… " + left.lstrip()
    if len(after) > CONTEXT_WORDS + 1:
        right = right.rstrip() + " …"
    return left, right


def _plain(text: str, paragraph: Paragraph) -> str:
    """Context as plain text: Markdown links become their text, emphasis marks go."""
    if paragraph.kind == "prose":
        text = _MD_LINK_RE.sub(r"\1", text)
        text = _MD_MARK_RE.sub("", text)
    return re.sub(r"\s+", " ", text)


_MD_LINK_RE = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)")
_MD_MARK_RE = re.compile(r"(?<!\w)[*_`]+|[*_`]+(?!\w)")
