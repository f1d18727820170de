"""Texts + glossary -> where each term is mentioned: in every article, and in every definition
(which links the other entries it names, never its own)."""

from __future__ import annotations

from collections.abc import Iterable

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
    an article whose text and glossary are those of the last build gets its mentions from it."""
    matcher = matcher or build_matcher(project.terms)
    cache = cache or Cache()
    glossary = digest(code_digest(), repr([t.matching for t in project.terms]))
    articles = tuple(_annotated(a, matcher, cache, glossary) for a in sort_articles(project.articles))
    terms = tuple(_annotate_term(t, matcher) for t in project.terms)
    return Corpus(articles, terms)


def sort_articles(articles: Iterable[Article]) -> list[Article]:
    """Newest first; undated articles last; then by title and slug for a stable order."""
    articles = list(articles)
    dated = sorted((a for a in articles if a.date), key=lambda a: (a.title.casefold(), a.slug))
    dated.sort(key=lambda a: a.date, reverse=True)
    undated = sorted((a for a in articles if not a.date), key=lambda a: (a.title.casefold(), a.slug))
    return dated + undated


def _annotated(article: Article, matcher: Matcher, cache: Cache, glossary: str) -> AnnotatedArticle:
    """annotate_article, or the mentions the cache holds for the same text and glossary."""
    check = digest(article.digest, glossary) if article.digest else None
    mentions = cache.get("mentions", article.slug, check) if check else None
    if mentions is None:
        mentions = annotate_article(article, matcher).mentions
        if check:
            cache.put("mentions", article.slug, check, mentions)
    return AnnotatedArticle(article, mentions)


def annotate_article(article: Article, matcher: Matcher) -> AnnotatedArticle:
    """The mentions of one article, paragraph by paragraph."""
    return AnnotatedArticle(article, tuple(find_in_block(p, matcher) for p in article.paragraphs))


def find_in_block(paragraph: Paragraph, matcher: Matcher, exclude: frozenset = frozenset()) -> tuple[Mention, ...]:
    """Mentions in a paragraph; in Markdown, never inside code, links or raw HTML."""
    if not paragraph.annotated:
        return ()
    mentions = matcher.find(paragraph.text, exclude=exclude)
    if paragraph.kind is ParagraphKind.PROSE:
        spans = protected_spans(paragraph.text)
        mentions = [m for m in mentions if not any(s < m.end and m.start < e for s, e in spans)]
    return tuple(mentions)


def _annotate_term(term: Term, matcher: Matcher) -> AnnotatedTerm:
    """A definition links the other terms it mentions, never its own entry."""
    blocks = tuple(paragraphs_of(split_blocks(term.definition, term.definition_line), numbered=False))
    exclude = frozenset({term.slug})
    return AnnotatedTerm(term, blocks, tuple(find_in_block(b, matcher, exclude) for b in blocks))
