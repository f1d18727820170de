"""Pages that list things: the articles index (by year and month), the glossary index (A to Z
and by tag), tag pages, the home page, and each article's vocabulary as CSV."""

from __future__ import annotations

import csv
import functools
import hashlib
import io
from collections.abc import Callable
from itertools import groupby

from markupsafe import Markup

from ..folding import fold_key, slugify
from ..model import AnnotatedArticle, Article, Corpus, GeneratedFile, Page, Term
from .templating import Row, render_keyed, render_page
from . import charts
from .balance import balanced
from .escaping import french_date


def render_indexes(corpus: Corpus, terms: dict[str, Term], site_name: str, site_url: str,
                   with_home: bool, csv_of, previous: Callable[[str], str] = lambda path: "") -> list[GeneratedFile]:
    """Every listing page, and the vocabulary CSV of every article (`terms`: slug -> entry;
    `csv_of`: what makes an article's CSV page: vocabulary_csv, or the page kept from the
    last build, see render.render_site). A listing whose key the last build wrote
    (`previous`: path -> that key) is kept (templating.render_keyed)."""
    rows = article_rows(corpus)
    pages = [
        render_keyed("articles/index.md", "articles_index.md.j2", previous, groups=by_month(rows), count=len(rows),
                     chart=charts.chart(*charts.periods((r.date, 1) for r in rows), "Articles du corpus", "Articles")),
        _glossary_index(corpus, previous),
        *_tag_pages(corpus, previous),
        *(csv_of(a) for a in corpus.articles),
    ]
    if with_home:
        pages.append(render_keyed("index.md", "home.md.j2", previous, site_name=site_name, articles=rows,
                                  term_count=len(corpus.terms)))
    return pages


def article_rows(corpus: Corpus) -> list[Row]:
    """One row per article, in corpus order (newest first)."""
    return [Row(a.article.slug, title=a.article.title, date=a.article.date, terms=len(a.counts))
            for a in corpus.articles]


UNDATED = "Sans date"
"""The heading of the articles that have no date."""


def by_month(rows: list[Row]) -> list[tuple[str, list[tuple[str, list[Row]]]]]:
    """[(year, [(heading, rows)])], newest first: each month under its heading ("Février
    2022"), the articles dated by their year alone under one of their own ("2022, mois non
    précisé"), undated articles under "Sans date" (no month heading there)."""
    years = []
    for year, in_year in groupby(rows, key=lambda r: r.date[:4] or UNDATED):
        months = [(_month_heading(year, m), list(g)) for m, g in groupby(in_year, key=lambda r: r.date[5:7])]
        years.append((year, months))
    return years


def _month_heading(year: str, month: str) -> str:
    if year == UNDATED:
        return ""
    if not month:
        return f"{year}, mois non précisé"
    return french_date(f"{year}-{month}").capitalize()


def glossary_letters(corpus: Corpus) -> list[tuple[str, list[Term]]]:
    """The entries A to Z, under their initial letter ("#" for an entry that starts with none)."""
    entries = sorted((t.term for t in corpus.terms), key=lambda t: (fold_key(t.term), t.slug))
    return [(k, list(g)) for k, g in groupby(entries, key=lambda t: (fold_key(t.term)[:1] or "#").upper())]


def _glossary_index(corpus: Corpus, previous: Callable[[str], str]) -> GeneratedFile:
    """Entries A to Z under their initial letter, then grouped by tag."""
    letters = glossary_letters(corpus)
    entries = [entry for _, group in letters for entry in group]
    tags = _tag_groups(entries, lambda t: t.tags)
    articles: dict[str, int] = {}
    for annotated in corpus.articles:
        for slug in annotated.counts:
            articles[slug] = articles.get(slug, 0) + 1
    return render_keyed("glossary/index.md", "glossary_index.md.j2", previous, letters=letters,
                       tags=[(name, slug, items) for slug, (name, items) in tags.items()], count=len(entries),
                       articles=articles, definitions={t.slug: Markup(balanced(t.definition.strip())) for t in entries})


@functools.lru_cache(maxsize=4096)  # a few dozen tags, slugged for each article that has them, 3 times a build
def tag_slug(tag: str) -> str:
    """The page name of a tag: tags/<slug>.md. Its slug ("Défense" -> "defense", "Україна" ->
    "ukraina"); for a tag that has none ("—", "?") or whose slug names an index ("Index"),
    "theme--" and 8 hex digits of its folded name: stable, and never a slug (no slug holds
    "--"), so it collides with no other tag nor with tags/index.md. A slug longer than 120
    characters is cut, with the same hash after "--"."""
    slug = slugify(tag)
    if len(slug) > _TAG_SLUG_MAX:
        return slug[:_TAG_SLUG_MAX].rstrip("-") + "--" + _short_hash(tag)
    if slug and slug not in _RESERVED_TAG_SLUGS:
        return slug
    return "theme--" + _short_hash(tag)


def _short_hash(tag: str) -> str:
    return hashlib.sha256(fold_key(tag).encode("utf-8")).hexdigest()[:8]


_TAG_SLUG_MAX = 120
"""A longer tag's slug is cut there, and its hash added: file names stop at 255 bytes."""


_RESERVED_TAG_SLUGS = frozenset({"index"})
"""Names of the pages of tags/ that are not tag pages."""


def _tag_groups(items, tags_of) -> dict[str, tuple[str, list]]:
    """tag slug -> (display name, items); tags that give the same page name merge (OTAN and
    Otan), and an item with two of them is listed once."""
    groups: dict[str, tuple[str, list]] = {}
    for item in items:
        for tag in tags_of(item):
            listed = groups.setdefault(tag_slug(tag), (tag, []))[1]
            if not listed or listed[-1] is not item:
                listed.append(item)
    return dict(sorted(groups.items()))


def tag_index(corpus: Corpus) -> list[tuple[str, str, list[Article], list[Term]]]:
    """(slug, name, articles, glossary entries) of every tag, by slug: what the tag pages list."""
    articles = _tag_groups([a.article for a in corpus.articles], lambda a: a.tags)
    terms = _tag_groups(sorted((t.term for t in corpus.terms), key=lambda t: fold_key(t.term)), lambda t: t.tags)
    slugs = sorted(set(articles) | set(terms))
    return [(s, articles[s][0] if s in articles else terms[s][0], articles.get(s, ("", []))[1], terms.get(s, ("", []))[1])
            for s in slugs]


def _tag_pages(corpus: Corpus, previous: Callable[[str], str]) -> list[GeneratedFile]:
    """tags/index.md and one page per tag, listing its articles (as rows: their text is not
    shown, and so is not in the page's key) and its glossary entries."""
    tags = tag_index(corpus)
    pages = [render_keyed("tags/index.md", "tags_index.md.j2", previous,
                          tags=[(name, s, len(articles), len(terms)) for s, name, articles, terms in tags])]
    for s, name, articles, terms in tags:
        rows = [Row(a.slug, title=a.title, date=a.date) for a in articles]
        pages.append(render_keyed(f"tags/{s}.md", "tag.md.j2", previous, name=name, articles=rows, terms=terms))
    return pages


def vocabulary(annotated: AnnotatedArticle, terms: dict[str, Term]) -> list[Row]:
    """The terms an article uses, A to Z, with their number of mentions."""
    rows = [
        Row(slug, terms[slug].term, summary=terms[slug].summary, count=n, title=terms[slug].english)
        for slug, n in annotated.counts.items()
    ]
    return sorted(rows, key=lambda r: (fold_key(r.term), r.slug))


def vocabulary_csv(annotated: AnnotatedArticle, terms: dict[str, Term], site_url: str) -> Page:
    """articles/<slug>-vocabulaire.csv: term, English, summary, mentions, glossary URL, for
    French spreadsheets: fields separated by semicolons (the list separator of a French Excel,
    which opens the file in columns on a double-click), every field quoted (a comma in a
    summary stays in its cell in LibreOffice, whose import dialog may split on commas too),
    UTF-8 with a byte-order mark (so that the accents are read right), CRLF line ends."""
    out = io.StringIO()
    writer = csv.writer(out, delimiter=";", quoting=csv.QUOTE_ALL, lineterminator="\r\n")
    writer.writerow(["terme", "anglais", "résumé", "mentions", "url"])
    for row in vocabulary(annotated, terms):
        writer.writerow([row.term, row.title, row.summary, row.count, f"{site_url}glossary/{row.slug}.html"])
    return Page(f"articles/{annotated.article.slug}-vocabulaire.csv", out.getvalue().encode("utf-8-sig"))
