"""Model -> Markdown pages for articles and glossary entries, through the Jinja2 templates in
glose/templates/ (autoescaped). Indexes, tag pages and CSV files are in indexes.py."""

from __future__ import annotations

import re
from dataclasses import replace

from markupsafe import Markup

from . import parallel, text
from .fields import is_web_address
from .folding import slugify
from .model import AnnotatedArticle, AnnotatedTerm, Article, Mention, Note, Page, Paragraph, Term
from .indexes import render_indexes, vocabulary, vocabulary_csv
from .keys import PageKeys
from .templating import Row, render_page

NOTE_LABELS = {"note": "Note", "question": "Question", "vocabulaire": "Vocabulaire"}
"""How each kind of teacher note is introduced."""
CONCORDANCE_FOLD = 10
"""More passages than this for one article fold into a collapsible block."""

_NUMBER_IN_PARENS = re.compile(r"\((\d+\))")


def render_article(annotated: AnnotatedArticle, terms: dict[str, Term], articles: dict[str, Article]) -> Page:
    """One article page: paragraphs numbered §1, §2 ... with every mention linked, the
    teachers' notes at their quotes, then the vocabulary and the related articles."""
    seen: set[str] = set()
    notes_of: dict[int, list[Note]] = {}
    for note in annotated.notes:
        notes_of.setdefault(note.paragraph, []).append(note)
    blocks = [
        _render_paragraph(p, mentions, terms, seen, notes_of.get(i, []))
        for i, (p, mentions) in enumerate(zip(annotated.article.paragraphs, annotated.mentions))
    ]
    related = [
        Row(r.slug, title=articles[r.slug].title, date=articles[r.slug].date,
            summary=", ".join(terms[t].term for t in r.shared))
        for r in annotated.related
    ]
    return render_page(f"articles/{annotated.article.slug}.md", "article.md.j2",
                       article=annotated.article, blocks=blocks, vocabulary=vocabulary(annotated, terms),
                       related=related, tags=[(t, slugify(t)) for t in annotated.article.tags],
                       meta=_meta_line(annotated.article))


def _meta_line(article: Article) -> Markup:
    """Date · source · author · link to the original, each escaped, "" when there is none."""
    parts = []
    if article.date:
        parts.append(Markup('<time datetime="{}">{}</time>').format(article.date, text.french_date(article.date)))
    if article.source:
        parts.append(Markup('<span class="glose-source">{}</span>').format(article.source))
    if article.author:
        parts.append(Markup('<span class="glose-author">{}</span>').format(article.author))
    if article.url and is_web_address(article.url):
        parts.append(Markup('<a class="glose-original" href="{}" rel="noopener">texte original</a>').format(article.url))
    elif article.url:
        parts.append(Markup('<span class="glose-original">{}</span>').format(article.url))
    return Markup(" · ").join(parts)


def render_term(annotated: AnnotatedTerm, terms: dict[str, Term], articles: dict[str, Article]) -> Page:
    """One glossary page: term, other forms, definition, see also (both ways), tags, and every
    passage of the corpus that uses it."""
    term = annotated.term
    blocks = [Markup(_annotate(b.text, m, terms, set(), _same)) for b, m in zip(annotated.blocks, annotated.mentions)]
    see_also = [terms[s] for s in dict.fromkeys(term.see_also + annotated.cited_by) if s in terms and s != term.slug]
    groups: dict[str, list] = {}
    for passage in annotated.passages:
        groups.setdefault(passage.article, []).append(passage)
    concordance = [(articles[slug], passages) for slug, passages in groups.items()]
    return render_page(f"glossary/{term.slug}.md", "term.md.j2", term=term, blocks=blocks,
                       see_also=see_also, concordance=concordance, fold_after=CONCORDANCE_FOLD,
                       tags=[(t, slugify(t)) for t in term.tags])


def term_link(mention_text: str, term: Term, again: bool, escape) -> str:
    """The link that annotates one mention; `escape` renders the mention's own characters."""
    css = "term term--again" if again else "term"
    return (
        f'<a class="{css}" data-term="{term.slug}" href="../glossary/{term.slug}.html" '
        f'title="{text.attr(term.summary)}">{escape(mention_text)}</a>'
    )


def _render_paragraph(paragraph: Paragraph, mentions, terms, seen: set[str], notes: list[Note]) -> Markup:
    """A literal paragraph as a raw HTML block, or a Markdown block wrapped with its number;
    followed, when it has notes, by the numbered list that Material turns into annotations."""
    if paragraph.kind == "verbatim":
        return Markup(paragraph.text)
    number = paragraph.number
    anchor = f'<a class="glose-pnum" href="#p{number}" title="Lien vers le §{number}" data-search-exclude>§{number}</a>'
    css = "glose-para annotate" if notes else "glose-para"
    escape = text.html_text if paragraph.kind == "text" else _same
    if notes:  # Material would read a literal "(2)" of the text as an annotation marker
        escape = _unmarked(escape)
    marks = [(n.start, n.end, i) for i, n in enumerate(notes, start=1)]
    body = _annotate(paragraph.text, mentions, terms, seen, escape, marks)
    if paragraph.kind == "text":
        html = f'<p id="p{number}" class="{css}">{anchor} {body}</p>'
    else:
        html = f'<div id="p{number}" class="{css}" markdown>\n{anchor}\n\n{body}\n\n</div>'
    return Markup(html + "".join(_note_item(i, n) for i, n in enumerate(notes, start=1)))


def _note_item(number: int, note: Note) -> str:
    """One item of the list of notes under a paragraph (Markdown, indented continuation)."""
    body = note.note.replace("\n", "\n    ")
    lead = "\n\n" if number == 1 else "\n"
    return f"{lead}{number}.  **{NOTE_LABELS[note.kind]}.** {body}"


def _annotate(source: str, mentions, terms, seen: set[str], escape, marks=()) -> str:
    """Text through `escape`, each mention through term_link, each note's quote highlighted
    and followed by its marker "(n)". A quote never cuts a mention (notes.py widens it)."""
    out, pos = [], 0
    for start, end, number in marks:
        out.append(_linked(source, pos, start, mentions, terms, seen, escape))
        inner = _linked(source, start, end, mentions, terms, seen, escape)
        out.append(f'<mark class="glose-quote">{inner}</mark>({number})')
        pos = end
    out.append(_linked(source, pos, len(source), mentions, terms, seen, escape))
    return "".join(out)


def _linked(source: str, start: int, end: int, mentions: tuple[Mention, ...], terms, seen, escape) -> str:
    """source[start:end] with the mentions that lie inside it turned into links."""
    out, pos = [], start
    for m in mentions:
        if m.start < start or m.end > end:
            continue
        out.append(escape(source[pos:m.start]))
        out.append(term_link(m.text, terms[m.slug], m.slug in seen, escape))
        seen.add(m.slug)
        pos = m.end
    out.append(escape(source[pos:end]))
    return "".join(out)


def _same(source: str) -> str:
    """Markdown source stays as written."""
    return source


def _unmarked(escape):
    """An escape that also splits "(2)" into two text nodes: the reader still sees "(2)"."""
    return lambda s: _NUMBER_IN_PARENS.sub(r'(<span class="glose-nomark"></span>\1', escape(s))


def render_site(corpus, site_name: str, site_url: str = "", with_home: bool = True, jobs: int = 1,
                keys: PageKeys | None = None, kept=lambda path: "") -> list[Page]:
    """Every generated page: articles and glossary entries (on `jobs` processes), indexes, tag
    pages, vocabulary CSVs. Each article page, glossary page and CSV carries its key (`keys`,
    made here when not given); one whose key is `kept(path)` (the key of the file the last
    build left in docs/, "" when it cannot be kept) is not rendered: it comes back as a Page
    without content, which the writers keep as it is."""
    terms = {t.term.slug: t.term for t in corpus.terms}
    articles = {a.article.slug: a.article for a in corpus.articles}
    keys = keys or PageKeys(corpus, site_url)
    one = lambda item: (render_article if isinstance(item, AnnotatedArticle) else render_term)(item, terms, articles)  # noqa: E731
    items = [(f"articles/{a.article.slug}.md", keys.article_page(a), a) for a in corpus.articles]
    items += [(f"glossary/{t.term.slug}.md", keys.term_page(t), t) for t in corpus.terms]
    keep = [kept(path) == key for path, key, _ in items]
    fresh = iter(parallel.render_pages(one, [item for (_, _, item), k in zip(items, keep) if not k], jobs))
    pages = [Page(path, None, key) if k else replace(next(fresh), key=key) for (path, key, _), k in zip(items, keep)]

    def csv(annotated: AnnotatedArticle) -> Page:
        path, key = f"articles/{annotated.article.slug}-vocabulaire.csv", keys.vocabulary_csv(annotated)
        return Page(path, None, key) if kept(path) == key else replace(vocabulary_csv(annotated, terms, site_url), key=key)

    return pages + render_indexes(corpus, terms, site_name, site_url, with_home, csv_of=csv)
