"""What connects texts and terms once mentions are found: notes, related articles, the
concordance, and "see also" both ways."""

from __future__ import annotations

from collections.abc import Container, Iterable
from dataclasses import replace

from ..cache import Cache
from ..digests import code_digest, digest
from ..model import Corpus, Note, Term
from .concordance import concordance
from .related import related_articles


def link(corpus: Corpus, notes: dict[str, tuple[Note, ...]], concordance_for: Container[str] | None = None,
         cache: Cache | None = None) -> Corpus:
    """Add notes, related articles, concordance and reverse see-also. The concordance is made
    for every entry, or only for those of `concordance_for` (the pages a build renders
    again; the others get None: not computed). With a `cache`, related articles come from the
    last build when every article uses the same terms, in the same order, as then."""
    cache = cache or Cache()
    check = digest(code_digest(), repr([(a.article.slug, sorted(a.counts)) for a in corpus.articles]))
    related = cache.get("related", "all", check)
    if related is None:
        related = related_articles(corpus.articles)
        cache.put("related", "all", check, related)
    articles = tuple(
        replace(a, notes=notes.get(a.article.slug, ()), related=related[a.article.slug])
        for a in corpus.articles
    )
    passages = concordance(articles, concordance_for)
    citing = cited_by(t.term for t in corpus.terms)
    terms = tuple(
        replace(t, passages=_passages(passages, t.term.slug, concordance_for), cited_by=citing.get(t.term.slug, ()))
        for t in corpus.terms
    )
    return Corpus(articles, terms)


def _passages(passages, slug: str, only: Container[str] | None):
    """The passages of one entry: () when it has none, None when they were not computed."""
    if only is not None and slug not in only:
        return None
    return passages.get(slug, ())


def cited_by(terms: Iterable[Term]) -> dict[str, tuple[str, ...]]:
    """Entry slug -> the slugs of the entries whose "see also" names it, sorted."""
    found: dict[str, list[str]] = {}
    for term in terms:
        for target in term.see_also:
            found.setdefault(target, []).append(term.slug)
    return {slug: tuple(sorted(citing)) for slug, citing in found.items()}
