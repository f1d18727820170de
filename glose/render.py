"""Model -> Markdown pages, through the Jinja2 templates in glose/templates/ (autoescaped)."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import groupby

import jinja2
from markupsafe import Markup

from . import text
from .folding import fold_key
from .model import AnnotatedArticle, AnnotatedTerm, Corpus, Mention, Page, Paragraph, Term

_ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("glose", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    trim_blocks=False,
    undefined=jinja2.StrictUndefined,
)
_ENV.filters["literal"] = text.literal
_ENV.filters["french_date"] = text.french_date


@dataclass(frozen=True, slots=True)
class Row:
    """A line of an index or vocabulary table."""

    slug: str
    term: str = ""
    title: str = ""
    summary: str = ""
    date: str = ""
    count: int = 0
    terms: int = 0


def render_site(corpus: Corpus, site_name: str, with_home: bool = True) -> list[Page]:
    """Every generated page: articles, glossary entries, the two indexes and the home page."""
    terms = {t.term.slug: t.term for t in corpus.terms}
    pages = [render_article(a, terms) for a in corpus.articles]
    pages += [render_term(t, terms) for t in corpus.terms]
    pages.append(_page("articles/index.md", "articles_index.md.j2", rows=_article_rows(corpus)))
    pages.append(_render_glossary_index(corpus))
    if with_home:
        pages.append(_page("index.md", "home.md.j2", site_name=site_name,
                           articles=_article_rows(corpus), term_count=len(terms)))
    return pages


def render_article(annotated: AnnotatedArticle, terms: dict[str, Term]) -> Page:
    """One article page: paragraphs numbered §1, §2 ... with every mention linked."""
    seen: set[str] = set()
    blocks = [
        _render_paragraph(p, mentions, terms, seen)
        for p, mentions in zip(annotated.article.paragraphs, annotated.mentions)
    ]
    counts = annotated.counts
    vocabulary = sorted(
        (Row(slug, terms[slug].term, summary=terms[slug].summary, count=n) for slug, n in counts.items()),
        key=lambda r: fold_key(r.term),
    )
    return _page(f"articles/{annotated.article.slug}.md", "article.md.j2",
                 article=annotated.article, blocks=blocks, vocabulary=vocabulary)


def render_term(annotated: AnnotatedTerm, terms: dict[str, Term]) -> Page:
    """One glossary page: the term, its other forms, definition, see also and tags."""
    term = annotated.term
    blocks = [
        Markup(_annotate_markdown(b.text, m, terms, set()))
        for b, m in zip(annotated.blocks, annotated.mentions)
    ]
    see_also = [terms[slug] for slug in term.see_also if slug in terms]
    return _page(f"glossary/{term.slug}.md", "term.md.j2", term=term, blocks=blocks, see_also=see_also)


def term_link(mention_text: str, term: Term, again: bool, escape) -> str:
    """The link that annotates one mention; `escape` renders the mention's own characters."""
    css = "term term--again" if again else "term"
    return (
        f'<a class="{css}" data-term="{term.slug}" href="../glossary/{term.slug}.html" '
        f'title="{text.attr(term.summary)}">{escape(mention_text)}</a>'
    )


def _render_paragraph(paragraph: Paragraph, mentions, terms, seen: set[str]) -> Markup:
    """A literal paragraph as a raw HTML block, or a Markdown block wrapped with its number."""
    if paragraph.kind == "verbatim":
        return Markup(paragraph.text)
    number = paragraph.number
    anchor = f'<a class="glose-pnum" href="#p{number}" title="Lien vers le §{number}">§{number}</a>'
    if paragraph.kind == "text":
        body = _annotate(paragraph.text, mentions, terms, seen, text.html_text)
        return Markup(f'<p id="p{number}" class="glose-para">{anchor} {body}</p>')
    body = _annotate_markdown(paragraph.text, mentions, terms, seen)
    return Markup(f'<div id="p{number}" class="glose-para" markdown>\n{anchor}\n\n{body}\n\n</div>')


def _annotate_markdown(source: str, mentions, terms, seen: set[str]) -> str:
    """Markdown source with each mention wrapped in its link; the rest left as written."""
    return _annotate(source, mentions, terms, seen, lambda s: s)


def _annotate(source: str, mentions: tuple[Mention, ...], terms, seen: set[str], escape) -> str:
    """Text between mentions through `escape`, each mention through term_link."""
    out, pos = [], 0
    for m in mentions:
        out.append(escape(source[pos:m.start]))
        out.append(term_link(m.text, terms[m.slug], m.slug in seen, escape))
        seen.add(m.slug)
        pos = m.end
    out.append(escape(source[pos:]))
    return "".join(out)


def _article_rows(corpus: Corpus) -> list[Row]:
    """Articles index rows, in the corpus order (newest first)."""
    return [
        Row(a.article.slug, title=a.article.title, date=a.article.date, terms=len(a.counts))
        for a in corpus.articles
    ]


def _render_glossary_index(corpus: Corpus) -> Page:
    """Entries A to Z under their initial letter, then grouped by tag."""
    entries = sorted((t.term for t in corpus.terms), key=lambda t: fold_key(t.term))
    initial = lambda t: (fold_key(t.term)[:1] or "#").upper()  # noqa: E731
    letters = [(k, list(g)) for k, g in groupby(entries, key=initial)]
    tags = sorted({tag for t in entries for tag in t.tags}, key=fold_key)
    by_tag = [(tag, [t for t in entries if tag in t.tags]) for tag in tags]
    return _page("glossary/index.md", "glossary_index.md.j2", letters=letters, tags=by_tag, count=len(entries))


def _page(path: str, template: str, **context) -> Page:
    """Render a template into a Page."""
    return Page(path, _ENV.get_template(template).render(**context).encode("utf-8"))
