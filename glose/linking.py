"""Texts + glossary -> where each term is mentioned: the article mentions and the links between
glossary entries. (The concordance, vocabulary and related articles are built on top of this.)"""

from __future__ import annotations

from .markdown_blocks import protected_spans, split_blocks
from .matching import Matcher
from .model import AnnotatedArticle, AnnotatedTerm, Article, Corpus, Mention, Paragraph, Project, Term


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
