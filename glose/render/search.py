"""What the site's search finds, written from the model: every generated page as search
sections (a page, then its sections under their headings), in plain text, without what the
pages keep out of the index (paragraph numbers, notes, vocabularies, related articles, the
concordance). The site stage turns them into the prebuilt index (site/search_index.py); no
engine has to parse the pages for it.

Section anchors are the ids the templates give their headings (escaping.heading_id), so a
result leads to its heading. A Markdown text (a .md article, a definition) is made plain by
`plain_text`: links become their text, marks and tags go.
"""

from __future__ import annotations

import re

from ..annotate import cited_by
from ..cache import Cache
from ..config import Config
from ..model import AnnotatedArticle, AnnotatedTerm, Article, Corpus, ParagraphKind, SearchSection, Term
from .escaping import french_date, heading_id
from .indexes import article_rows, by_month, glossary_letters, tag_index

_MD_LINK = re.compile(r"!?\[([^\]\n]*)\]\([^)\n]*\)(?:\{[^}\n]*\})?")
_MD_REF_LINK = re.compile(r"!?\[([^\]\n]*)\]\[[^\]\n]*\]")
_MD_ATTRS = re.compile(r"\{[:#.][^}\n]*\}")
_HTML_TAG = re.compile(r"<[^>\n]+>")
_MD_MARKS = re.compile(r"(?<!\w)[*_~`]+|[*_~`]+(?!\w)|^\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s+", re.MULTILINE)
_ENTITY = re.compile(r"&(#\d+|#x[0-9a-fA-F]+|\w+);")
_MARKUP = re.compile(r"[\[{<*_~`&]|^\s{0,3}(?:#{1,6}|>|[-+*]|\d+[.)])\s", re.MULTILINE)
"""A character or line start without which none of the patterns above (nor an entity) can
match: most paragraphs have none, and are only put on one line."""


def plain_text(markdown: str) -> str:
    """A Markdown text as the words a reader sees, on one line."""
    import html

    if not _MARKUP.search(markdown):
        return " ".join(markdown.split())
    text = _MD_LINK.sub(r"\1", markdown)
    text = _MD_REF_LINK.sub(r"\1", text)
    text = _MD_ATTRS.sub(" ", text)
    text = _HTML_TAG.sub(" ", text)
    text = _MD_MARKS.sub("", text)
    return " ".join(html.unescape(text).split())


def search_sections(corpus: Corpus, config: Config, with_home: bool, cache: Cache | None = None) -> list[SearchSection]:
    """Every generated page's sections, each page followed by its own. They need the corpus
    annotated, not linked (the entries that cite an entry are found here): the build begins
    the search index with them while it links the corpus and renders the pages. With a
    `cache`, an article's sections are those of the last build when its text is the same."""
    terms = {t.term.slug: t.term for t in corpus.terms}
    citing = cited_by(terms.values())
    sections = _home(corpus, config) if with_home else []
    sections += _articles_index(corpus)
    sections += _glossary_index(corpus)
    sections += _articles(corpus, cache or Cache())
    for annotated_term in corpus.terms:
        sections += _term(annotated_term, terms, citing.get(annotated_term.term.slug, ()))
    return sections + _tags(corpus)


def _home(corpus: Corpus, config: Config) -> list[SearchSection]:
    count, terms = len(corpus.articles), len(corpus.terms)
    intro = (f"Un corpus de {count} article{'s' if count > 1 else ''} annoté{'s' if count > 1 else ''} avec un "
             f"glossaire de {terms} terme{'s' if terms > 1 else ''}.")
    latest = " ".join(_dated(a.article.title, a.article.date) for a in corpus.articles[:10])
    found = [SearchSection("index.html", config.site_name, intro)]
    if corpus.articles:
        found.append(SearchSection("index.html#derniers-articles", "Derniers articles", latest))
    return found


def _dated(title: str, date: str) -> str:
    return f"{title} ({french_date(date)})" if date else title


def _articles_index(corpus: Corpus) -> list[SearchSection]:
    rows = article_rows(corpus)
    count = len(rows)
    found = [SearchSection("articles/index.html", "Articles",
                           f"{count} article{'s' if count > 1 else ''}, du plus récent au plus ancien." if count else "")]
    for year, months in by_month(rows):
        found.append(SearchSection(f"articles/index.html#{heading_id(year)}", year, ""))
        for title, in_month in months:
            text = " ".join(f"{french_date(r.date) if r.date else 'sans date'} {r.title}" for r in in_month)
            if title:
                found.append(SearchSection(f"articles/index.html#{heading_id(title)}", title, text))
            else:
                found[-1] = SearchSection(found[-1].location, found[-1].title, text)
    return found


def _glossary_index(corpus: Corpus) -> list[SearchSection]:
    letters = glossary_letters(corpus)
    count = sum(len(group) for _, group in letters)
    found = [SearchSection("glossary/index.html", "Glossaire", f"{count} entrées, de A à Z." if count else "")]
    for letter, group in letters:
        text = " ".join(f"{t.term} : {t.summary}" for t in group)
        found.append(SearchSection(f"glossary/index.html#{heading_id(letter)}", letter, text))
    return found


_LAST: dict[int, tuple[Article, list[SearchSection]]] = {}
"""The sections of each article of this process's last build, by the id of its Article, held
with it (so that the id cannot be reused): `serve`'s cache hands each build the Article
objects of the build before for the files that did not change, and an article's sections
follow from its Article alone (0.08 s a build at 2,000 articles)."""


def _articles(corpus: Corpus, cache: Cache) -> list[SearchSection]:
    """The sections of every article: _article's, or the last build's (_cached)."""
    made: dict[int, tuple[Article, list[SearchSection]]] = {}
    found: list[SearchSection] = []
    for annotated in corpus.articles:
        article = annotated.article
        sections = _cached(annotated, cache)
        made[id(article)] = (article, sections)
        found += sections
    _LAST.clear()
    _LAST.update(made)
    return found


def _cached(annotated: AnnotatedArticle, cache: Cache) -> list[SearchSection]:
    """_article's sections, or the last build's: the `cache`'s for an article of the same digest
    (its path, slug and text, which they follow from: the notes are not searched), else those
    this process made of the same Article (_LAST). The cache is asked first, always: an entry
    not asked for is not saved again (serve's cache holds the very objects _LAST does)."""
    article = annotated.article
    check = article.digest
    sections = cache.get("search-article", article.slug, check) if check else None
    if sections is None:
        held = _LAST.get(id(article))
        sections = held[1] if held is not None and held[0] is article else _article(annotated)
        if check:
            cache.put("search-article", article.slug, check, sections)
    return sections


def _article(annotated: AnnotatedArticle) -> list[SearchSection]:
    article = annotated.article
    parts = [french_date(article.date) if article.date else "", article.source, article.author]
    if article.tags:
        parts.append("Thèmes : " + ", ".join(article.tags))
    for paragraph in article.paragraphs:
        text = paragraph.text if paragraph.kind is ParagraphKind.TEXT else plain_text(paragraph.text)
        parts.append(text)
    return [SearchSection(f"articles/{article.slug}.html", article.title, " ".join(p for p in parts if p))]


def _term(annotated: AnnotatedTerm, terms: dict[str, Term], citing: tuple[str, ...]) -> list[SearchSection]:
    term = annotated.term
    forms = []
    if term.aliases:
        forms.append("Autres formes " + ", ".join(term.aliases))
    if term.english:
        forms.append("En anglais " + term.english)
    page = f"glossary/{term.slug}.html"
    found = [SearchSection(page, term.term, " ".join([term.summary, *forms])),
             SearchSection(f"{page}#definition", "Définition", " ".join(plain_text(b.text) for b in annotated.blocks))]
    see_also = [terms[s] for s in dict.fromkeys(term.see_also + citing) if s in terms and s != term.slug]
    if see_also or term.tags:
        text = " ".join(f"{other.term} : {other.summary}" for other in see_also)
        if term.tags:
            text += " Thèmes : " + ", ".join(term.tags)
        title = "Voir aussi" if see_also else "Définition"
        if see_also:
            found.append(SearchSection(f"{page}#voir-aussi", title, text.strip()))
        else:
            found[-1] = SearchSection(found[-1].location, found[-1].title, f"{found[-1].text} {text.strip()}")
    return found


def _tags(corpus: Corpus) -> list[SearchSection]:
    tags = tag_index(corpus)
    found = [SearchSection("tags/index.html", "Thèmes", " ".join(name for _, name, _, _ in tags))]
    for slug, name, articles, terms in tags:
        text = " ".join([*(_dated(a.title, a.date) for a in articles), *(f"{t.term} : {t.summary}" for t in terms)])
        found.append(SearchSection(f"tags/{slug}.html", f"Thème : {name}", text))
    return found
