"""Model -> Markdown pages for articles and glossary entries, through the Jinja2 templates in
glose/render/templates/ (autoescaped). Indexes, tag pages and CSV files are in indexes.py."""

from __future__ import annotations

from markupsafe import Markup

from ..model import AnnotatedArticle, AnnotatedTerm, Article, Note, Page, Passage, Term
from ..read.fields import is_web_address
from . import blocks as block
from . import charts, html
from . import passages as parts
from .escaping import french_date
from .indexes import tag_slug, vocabulary
from .templating import Row, render_page

def render_article(annotated: AnnotatedArticle, terms: dict[str, Term], articles: dict[str, Article],
                   language: str = "fr") -> Page:
    """One article page: paragraphs numbered §1, §2 ... with every mention linked, the
    teachers' notes at their quotes, then the vocabulary and the related articles. An article
    whose `lang` is not the site's `language` has its text marked with its own language."""
    seen: set[str] = set()
    notes_of: dict[int, list[Note]] = {}
    for note in annotated.notes:
        notes_of.setdefault(note.paragraph, []).append(note)
    blocks = [
        html.paragraph(p, mentions, terms, seen, notes_of.get(i, []))
        for i, (p, mentions) in enumerate(zip(annotated.article.paragraphs, annotated.mentions))
    ]
    related = [
        Row(r.slug, title=articles[r.slug].title, date=articles[r.slug].date,
            summary=", ".join(terms[t].term for t in r.shared))
        for r in annotated.related
    ]
    return render_page(f"articles/{annotated.article.slug}.md", "article.md.j2",
                       article=annotated.article, blocks=blocks,
                       vocabulary=_vocabulary(annotated, terms), related=block.related(related) if related else "", tags=_tag_links(annotated.article.tags),
                       meta=_meta_line(annotated.article),
                       other_lang=annotated.article.lang if annotated.article.lang != language else "",
                       linked=[terms[s] for s in sorted(seen)])


def _vocabulary(annotated: AnnotatedArticle, terms: dict[str, Term]) -> Markup:
    """The article's vocabulary block ("" for an article that mentions no term)."""
    rows = vocabulary(annotated, terms)
    return block.vocabulary(rows, annotated.article.slug) if rows else Markup("")


def _meta_line(article: Article) -> Markup:
    """Date · source · author · link to the original, each escaped, "" when there is none."""
    parts = []
    if article.date:
        parts.append(Markup('<time datetime="{}">{}</time>').format(article.date, french_date(article.date)))
    if article.source:
        parts.append(Markup('<span class="glose-source">{}</span>').format(article.source))
    if article.author:
        parts.append(Markup('<span class="glose-author">{}</span>').format(article.author))
    if article.url and is_web_address(article.url):
        parts.append(Markup('<a class="glose-original" href="{}" rel="noopener">texte original</a>').format(article.url))
    elif article.url:
        parts.append(Markup('<span class="glose-original">{}</span>').format(article.url))
    return Markup(" · ").join(parts)


def render_term(annotated: AnnotatedTerm, terms: dict[str, Term], articles: dict[str, Article]) -> list[Page]:
    """One glossary page: term, other forms, definition, see also (both ways), tags, and every
    passage of the corpus that uses it; then the data files of a long concordance (passages.py)."""
    term = annotated.term
    if annotated.passages is None:
        raise ValueError(f"the concordance of {term.slug} was not computed")
    blocks = [html.definition_block(b, m, terms) for b, m in zip(annotated.blocks, annotated.mentions)]
    see_also = [terms[s] for s in dict.fromkeys(term.see_also + annotated.cited_by) if s in terms and s != term.slug]
    groups: dict[str, list[Passage]] = {}
    for passage in annotated.passages:
        groups.setdefault(passage.article, []).append(passage)
    concordance = [(articles[slug], passages) for slug, passages in groups.items()]
    shown, files = parts.plan([len(p) for _, p in concordance])
    series, undated = charts.periods((articles[slug].date, len(passages)) for slug, passages in groups.items())
    life = charts.chart(series, undated, f"Mentions de « {term.term} »", "Mentions")
    page = render_page(f"glossary/{term.slug}.md", "term.md.j2", term=term, blocks=blocks,
                       see_also=see_also, tags=_tag_links(term.tags), chart=life,
                       concordance=block.concordance(concordance[:shown], slug=term.slug,
                                                     more=concordance[shown:], files=len(files)),
                       linked=[terms[s] for s in sorted({m.slug for block in annotated.mentions for m in block})])
    return [page] + [parts.data_file(term.slug, n, concordance[start:end]) for n, (start, end) in enumerate(files, 1)]


def _tag_links(tags: tuple[str, ...]) -> list[tuple[str, str]]:
    """(name, page name) of each tag page a page links to: once each (OTAN and Otan are one)."""
    links: dict[str, str] = {}
    for tag in tags:
        links.setdefault(tag_slug(tag), tag)
    return [(name, slug) for slug, name in links.items()]
