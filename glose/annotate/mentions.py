"""Texts + glossary -> where each term is mentioned: in every article, and in every definition
(which links the other entries it names, never its own)."""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence

from ..model import AnnotatedArticle, AnnotatedTerm, Article, Corpus, Mention, Paragraph, ParagraphKind, Project, Term
from ..read.markdown_blocks import paragraphs_of, protected_spans, split_blocks
from ..cache import Cache
from ..digests import code_digest, digest
from .matching import Matcher
from .variants import matcher_forms


def build_matcher(terms: tuple[Term, ...]) -> Matcher:
    """One matcher for every form of every entry, with its variants and exclusions."""
    return Matcher(*matcher_forms(terms))


def annotate(project: Project, matcher: Matcher | None = None, cache: Cache | None = None) -> Corpus:
    """Find every mention of every term in every article and every definition. With a `cache`,
    an article or a definition whose text and glossary are those of the last build gets its
    mentions from it; the matcher is built only when one of them is searched (0.3 s at
    1,000 entries: a build after an edit that the cache covers does without)."""
    cache = cache or Cache()
    glossary = glossary_key(project.terms)
    kept = cache.get("matcher", "all", glossary)  # asked for in every build: the cache keeps it for the next
    searcher = functools.cache(lambda: matcher or kept or _last_matcher(glossary, project.terms, cache))
    articles = tuple(_annotated(a, searcher, cache, glossary) for a in sort_articles(project.articles))
    terms = tuple(_annotated_term(t, searcher, cache, glossary) for t in project.terms)
    return Corpus(articles, terms)


def glossary_key(terms: Iterable[Term]) -> str:
    """What finding mentions depends on: Glose's code and the matching fields of every entry."""
    return digest(code_digest(), repr([t.matching for t in terms]))


_LAST: list[tuple[str, Matcher]] = []
"""The matcher this process built last, with its glossary's digest (`serve` builds again and
again with the same glossary: 0.1 s a build at 1,000 entries)."""


def _last_matcher(glossary: str, terms: tuple[Term, ...], cache: Cache) -> Matcher:
    """build_matcher, or the last one built when `glossary` (glossary_key) is the same; the
    one built goes into the `cache` (a build after an edit annotates the article edited: the
    matcher's forms and keys took 0.15 s of it at 1,000 entries)."""
    if _LAST and _LAST[0][0] == glossary:
        return _LAST[0][1]
    built = build_matcher(terms)
    _LAST[:] = [(glossary, built)]
    cache.put("matcher", "all", glossary, built)
    return built


def sort_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first; undated articles last; then by title and slug for a stable order."""
    articles = list(articles)
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.slug))
    dated.sort(key=lambda a: a.date, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return dated + undated


def _annotated(article: Article, matcher: Callable[[], Matcher], cache: Cache, glossary: str) -> AnnotatedArticle:
    """annotate_article, or the mentions the cache holds for the same text and glossary."""
    check = digest(article.digest, glossary) if article.digest else None
    mentions = cache.get("mentions", article.slug, check) if check else None
    if mentions is None:
        mentions = annotate_article(article, matcher()).mentions
        if check:
            cache.put("mentions", article.slug, check, mentions)
    return AnnotatedArticle(article, mentions)


def annotate_article(article: Article, matcher: Matcher) -> AnnotatedArticle:
    """The mentions of one article, paragraph by paragraph."""
    return AnnotatedArticle(article, find_in_blocks(article.paragraphs, matcher))


def find_in_blocks(paragraphs: Sequence[Paragraph], matcher: Matcher,
                   exclude: frozenset = frozenset()) -> tuple[tuple[Mention, ...], ...]:
    """Mentions in each paragraph (searched in one pass); in Markdown, never inside code,
    links or raw HTML; none in a paragraph that is not annotated."""
    annotated = [p for p in paragraphs if p.annotated]
    found = iter(matcher.find_all([p.text for p in annotated], exclude=exclude))
    return tuple(_unprotected(p, next(found)) if p.annotated else () for p in paragraphs)


def _unprotected(paragraph: Paragraph, mentions: list[Mention]) -> tuple[Mention, ...]:
    """The mentions that lie outside the paragraph's code, links and raw HTML (Markdown)."""
    if paragraph.kind is ParagraphKind.PROSE and mentions:
        spans = protected_spans(paragraph.text)
        mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    return tuple(mentions)


def _annotated_term(term: Term, matcher: Callable[[], Matcher], cache: Cache, glossary: str) -> AnnotatedTerm:
    """A definition links the other terms it mentions, never its own entry (the mentions come
    from the cache for the same definition and glossary)."""
    blocks = tuple(paragraphs_of(split_blocks(term.definition, term.definition_line), numbered=False))
    check = digest(glossary, term.definition, str(term.definition_line))
    mentions = cache.get("definition", term.slug, check)
    if mentions is None:
        mentions = find_in_blocks(blocks, matcher(), frozenset({term.slug}))
        cache.put("definition", term.slug, check, mentions)
    return AnnotatedTerm(term, blocks, mentions)
