"""Page keys: a digest of everything a generated page is made from.

The manifest of docs/ records each page's key. A page whose key is the same as at the last
build, and whose file is still the one that build wrote, is not rendered again: its file is
kept. That is what makes a build after a small edit fast on a large corpus (issue 7), so the
keys must miss nothing a page depends on. They are made from the parsed sources themselves
(each article's digest, the `repr` of the frozen Term dataclasses), never from file dates,
and from Glose's own code and templates. Every key holds the "matcher": the slug, forms, case
rules, exclusions, plural switch and matched English name of every entry, which decide where mentions are found in any text. Then:

- an article page: the article, the entries it mentions (tooltips, names, vocabulary), its
  notes, and the slug, title, date and shared terms of its related articles;
- its vocabulary CSV: the article, the entries it mentions, site_url;
- its Anki deck: the article, the entries it mentions, site_name; the glossary's deck: every
  entry, site_name;
- a glossary page: the entry, the entries its definition mentions, its "see also" both ways
  and their entries, and every article that mentions it, in corpus order (its concordance, and
  its chart of mentions over time: an article's digest holds its date).

So editing an entry's summary renders again only the pages that show it. Indexes, tag pages
and the home page depend on the whole corpus: they are keyed as they are rendered, by the
context of their template (render/templating.py render_keyed), and kept when it is the same.
tests/test_incremental.py checks, edit after edit, that a build that kept pages
writes the same docs/ as a build from nothing.
"""

from __future__ import annotations


from ..annotate import cited_by, glossary_key
from ..digests import digest
from ..model import AnnotatedArticle, AnnotatedTerm, Corpus
from ..render import GLOSSARY_DECK



class PageKeys:
    """The key of each article page, vocabulary CSV and glossary page of a corpus."""

    def __init__(self, corpus: Corpus, site_url: str, site_name: str = ""):
        """Prepare the keys of the pages of `corpus`, annotated (site_url goes into the CSV
        files, site_name into the decks)."""
        terms = [t.term for t in corpus.terms]
        self._base = glossary_key(terms)
        self._site_url, self._site_name = site_url, site_name
        self._term = {t.slug: digest(repr(t)) for t in terms}
        self._cited_by = cited_by(terms)
        self._term_page: dict[str, str] = {}
        self._articles = {a.article.slug: a.article for a in corpus.articles}
        self._article_digest: dict[str, str] = {}
        self._mentioned_entries: dict[str, str] = {}
        self._mentioned_by: dict[str, list[str]] = {}
        for annotated in corpus.articles:
            for slug in annotated.counts:
                self._mentioned_by.setdefault(slug, []).append(annotated.article.slug)

    def all(self, linked: Corpus) -> dict[str, str]:
        """Path (relative to docs/) -> key, for every page that has one, from the linked corpus
        (the article pages' keys hold their notes and related articles)."""
        keys = {}
        for annotated in linked.articles:
            keys[f"articles/{annotated.article.slug}.md"] = self.article_page(annotated)
            keys[f"articles/{annotated.article.slug}-vocabulaire.csv"] = self.vocabulary_csv(annotated)
            keys[f"articles/{annotated.article.slug}-vocabulaire.apkg"] = digest(
                self._base, "apkg", self.article(annotated.article.slug), self._mentioned(annotated), self._site_name)
        for term in linked.terms:
            keys[f"glossary/{term.term.slug}.md"] = self.term_page(term)
        keys[GLOSSARY_DECK] = digest(self._base, "glossary apkg", self._entries(self._term), self._site_name)
        return keys

    def article_page(self, annotated: AnnotatedArticle) -> str:
        """Key of articles/<slug>.md (render.render_article)."""
        related = [(r.slug, r.shared, self._articles[r.slug].title, self._articles[r.slug].date)
                   for r in annotated.related]
        return digest(self._base, "article", self.article(annotated.article.slug), self._mentioned(annotated),
                      repr(annotated.notes), repr(related))

    def vocabulary_csv(self, annotated: AnnotatedArticle) -> str:
        """Key of articles/<slug>-vocabulaire.csv (indexes.vocabulary_csv)."""
        return digest(self._base, "csv", self.article(annotated.article.slug), self._mentioned(annotated),
                      self._site_url)

    def term_page(self, annotated: AnnotatedTerm) -> str:
        """Key of glossary/<slug>.md (render.render_term): the entry, the entries it shows,
        and the articles that mention it, whose passages make its concordance. (Asked for
        before linking, to know which concordances to make, and again to render: computed once.)"""
        term = annotated.term
        found = self._term_page.get(term.slug)
        if found is None:
            citing = self._cited_by.get(term.slug, ())
            shown = {m.slug for block in annotated.mentions for m in block} | set(term.see_also) | set(citing)
            articles = [f"{a}={self.article(a)}" for a in self._mentioned_by.get(term.slug, ())]
            found = self._term_page[term.slug] = digest(
                self._base, "term", self._term[term.slug], self._entries(shown), repr(citing), *articles)
        return found

    def article(self, slug: str) -> str:
        """Digest of one article as read (computed once per build)."""
        found = self._article_digest.get(slug)
        if found is None:
            article = self._articles[slug]
            found = self._article_digest[slug] = article.digest or digest(repr(article))
        return found

    def _mentioned(self, annotated: AnnotatedArticle) -> str:
        """_entries of the entries an article mentions (its three files' keys hold them: made once)."""
        found = self._mentioned_entries.get(annotated.article.slug)
        if found is None:
            found = self._mentioned_entries[annotated.article.slug] = self._entries(annotated.counts)
        return found

    def _entries(self, slugs) -> str:
        """The digests of the entries named (a missing one counts as missing)."""
        return " ".join(f"{s}={self._term.get(s, '-')}" for s in sorted(slugs))
