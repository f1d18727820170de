"""Stage 3, rendering: a linked Corpus -> the Markdown pages, CSV files and Anki decks of docs/
(Jinja2 templates, autoescaped), on several cores. A page whose key says it has not changed since the
last build is not rendered again: it comes back as a KeptPage."""

from __future__ import annotations

from collections.abc import Callable, Container, Mapping
from dataclasses import dataclass

from ..config import Config
from ..model import AnnotatedArticle, AnnotatedTerm, Article, Corpus, GeneratedFile, KeptPage, Page, Term
from . import decks
from .. import parallel
from .indexes import render_indexes, vocabulary, vocabulary_csv
from .pages import render_article, render_term
from .passages import data_files
from .search import search_sections

__all__ = ["data_files", "page_paths", "render_site", "search_sections"]


GLOSSARY_DECK = "glossary/glossaire.apkg"
"""The Anki deck of the whole glossary."""


def page_paths(corpus: Corpus) -> tuple[list[str], list[str], list[str], list[str]]:
    """The paths (relative to docs/) of the article pages, the vocabulary CSVs, the glossary
    pages and the vocabulary decks of a corpus, in corpus order: the pages that have keys
    (output/keys.py), with GLOSSARY_DECK."""
    articles = [f"articles/{a.article.slug}.md" for a in corpus.articles]
    csvs = [f"articles/{a.article.slug}-vocabulaire.csv" for a in corpus.articles]
    terms = [f"glossary/{t.term.slug}.md" for t in corpus.terms]
    decks_ = [f"articles/{a.article.slug}-vocabulaire.apkg" for a in corpus.articles]
    return articles, csvs, terms, decks_


@dataclass(frozen=True, slots=True)
class _Deck:
    """What a render worker makes an Anki deck of: a page's path, the deck's name, the slugs of
    its entries (the worker has the entries)."""

    path: str
    name: str
    entries: tuple[str, ...]


def render_site(corpus: Corpus, config: Config, with_home: bool, jobs: int,
                keys: Mapping[str, str], kept: Container[str],
                previous: Callable[[str], str] = lambda path: "") -> list[GeneratedFile]:
    """Every generated page: articles, glossary entries and Anki decks (on `jobs` processes),
    indexes, tag pages, vocabulary CSVs. A page of `kept` is not rendered (KeptPage); `keys`
    (path -> key) is recorded on the pages that have one. The listings are keyed as they are
    rendered: one is kept when `previous` (path -> key of its file kept in docs/) gives its key."""
    terms = {t.term.slug: t.term for t in corpus.terms}
    articles = {a.article.slug: a.article for a in corpus.articles}  # forks inherit it: nothing to trim
    article_paths, csv_paths, term_paths, deck_paths = page_paths(corpus)
    items: list[tuple[str, AnnotatedArticle | AnnotatedTerm | _Deck | None]] = [
        *zip(article_paths, corpus.articles), *zip(term_paths, corpus.terms),
        *((path, None if path in kept else _Deck(path, f"Vocabulaire : {a.article.title}",
                                                 tuple(r.slug for r in vocabulary(a, terms))))
          for path, a in zip(deck_paths, corpus.articles)),
        (GLOSSARY_DECK, _Deck(GLOSSARY_DECK, "Glossaire", tuple(terms)))]
    fresh = iter(parallel.parallel_map(_render_one, [item for path, item in items if path not in kept], jobs,
                                       shared=(terms, articles, config.language, config.site_name)))
    companions = data_files(corpus)
    pages: list[GeneratedFile] = []
    for path, _ in items:
        if path in kept:
            pages += [KeptPage(p, keys[p]) for p in [path, *companions.get(path, ())]]
        else:
            pages += [_keyed(page, keys) for page in next(fresh)]

    def csv(annotated: AnnotatedArticle) -> GeneratedFile:
        path = f"articles/{annotated.article.slug}-vocabulaire.csv"
        if path in kept:
            return KeptPage(path, keys[path])
        return _keyed(vocabulary_csv(annotated, terms, config.site_url), keys)

    return pages + render_indexes(corpus, terms, config.site_name, config.site_url, with_home, csv_of=csv,
                                  previous=previous)


def _render_one(terms: dict[str, Term], articles: dict[str, Article], language: str, site_name: str,
                item: AnnotatedArticle | AnnotatedTerm | _Deck) -> list[Page]:
    """One article page, one deck, or a glossary page and its data files (module-level: render
    workers receive it by pickle)."""
    if isinstance(item, AnnotatedArticle):
        return [render_article(item, terms, articles, language)]
    if isinstance(item, _Deck):
        return [Page(item.path, decks.deck(site_name, item.name, item.path, [terms[s] for s in item.entries]))]
    return render_term(item, terms, articles)


def _keyed(page: Page, keys: Mapping[str, str]) -> Page:
    """The page with its key, when it has one."""
    key = keys.get(page.path, "")
    return Page(page.path, page.content, key) if key else page
