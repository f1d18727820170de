"""The large, repetitive blocks of a page, written as finished HTML: an article's vocabulary and
related articles, a glossary entry's concordance. Built here with plain string joins and
`html.escape` rather than template loops (a concordance of thousands of passages took most of
the rendering time in Jinja), and marked as prepared HTML (escaping.prepared), so the site
engine need not parse them again. Every text field is escaped, quotes included.
"""

from __future__ import annotations

from collections.abc import Sequence
from html import escape

from markupsafe import Markup

from ..model import Article, Passage
from .escaping import french_date, prepared
from .templating import Row

CONCORDANCE_FOLD = 10
"""More passages than this for one article fold into a collapsible block."""


def vocabulary(rows: Sequence[Row], slug: str) -> Markup:
    """The table of the terms an article uses (term, English, summary, mentions) and the links
    to its files to take away: the spreadsheet (CSV) and the Anki deck. The English and the
    summary of a row are its answer (`glose-answer`), which the self-test hides (self-test.js)."""
    lines = ['<div class="glose-vocabulary" data-search-exclude>', "<table>", "<thead>", "<tr>",
             '<th scope="col">Terme</th>', '<th scope="col">Anglais</th>', '<th scope="col">Définition courte</th>',
             '<th scope="col" style="text-align: right;">Mentions</th>', "</tr>", "</thead>", "<tbody>"]
    for row in rows:
        lines += ["<tr>", f'<th scope="row"><a href="../glossary/{row.slug}.html">{escape(row.term)}</a></th>',
                  f'<td class="glose-answer" lang="en"><span class="glose-answer__text">{escape(row.title)}</span></td>',
                  f'<td class="glose-answer glose-answer--summary"><span class="glose-answer__text">{escape(row.summary)}</span></td>', f'<td style="text-align: right;">{row.count}</td>', "</tr>"]
    lines += ["</tbody>", "</table>",
              f'<p class="glose-takeaway">À emporter : <a class="glose-csv" download href="{slug}-vocabulaire.csv">'
              f'tableur (CSV)</a> · <a class="glose-apkg" download href="{slug}-vocabulaire.apkg">'
              'cartes Anki (.apkg)</a></p>', "</div>"]
    return prepared("\n".join(lines))


def related(rows: Sequence[Row]) -> Markup:
    """The list of related articles: title, date, the terms they share."""
    items = []
    for row in rows:
        date = f" ({escape(french_date(row.date))})" if row.date else ""
        items.append(f'<li><a href="{row.slug}.html">{escape(row.title)}</a>{date} : termes communs : '
                     f"{escape(row.summary)}</li>")
    return prepared('<div class="glose-related" data-search-exclude>\n<ul>\n' + "\n".join(items) + "\n</ul>\n</div>")


def concordance(groups: Sequence[tuple[Article, Sequence[Passage]]], fold_after: int = CONCORDANCE_FOLD,
                slug: str = "", more: Sequence[tuple[Article, Sequence[Passage]]] = (), files: int = 0) -> Markup:
    """Every passage of the corpus that uses an entry, grouped by article (newest first); an
    article with more than `fold_after` passages is folded into a <details> block. `more`:
    the articles left to `files` data files (passages.py), which a button loads."""
    out = [f'<div class="glose-concordance" data-search-exclude data-fold="{fold_after}">']
    if not groups:
        out.append("<p>Ce terme n’apparaît dans aucun article du corpus.</p>")
    for article, passages in groups:
        out.append(_group(article, passages, len(passages) > fold_after))
    if files:
        count = sum(len(passages) for _, passages in more)
        out.append(f'<p class="glose-more"><button type="button" class="md-button glose-more__button" '
                   f'data-term="{slug}" data-files="{files}">Afficher les {count} autres passages '
                   f'({len(more)} article{"s" if len(more) > 1 else ""})</button></p>')
    out.append("</div>")
    return prepared("\n".join(out))


def _group(article: Article, passages: Sequence[Passage], folded: bool) -> str:
    """One article's passages: a heading (title, date, count), then one line per passage."""
    date = f' <span class="glose-date">({escape(french_date(article.date))})</span>' if article.date else ""
    count = len(passages)
    heading = (f'<a href="../articles/{article.slug}.html">{escape(article.title)}</a>{date} : '
               f'{count} passage{"s" if count > 1 else ""}')
    opening = (f'<details class="glose-kwic-group"><summary>{heading}</summary>' if folded
               else f'<div class="glose-kwic-group"><p class="glose-kwic-title">{heading}</p>')
    lines = [opening, '<ul class="glose-kwic">']
    lines += [_passage(p) for p in passages]
    lines.append("</ul>" + ("</details>" if folded else "</div>"))
    return "\n".join(lines)


def _passage(p: Passage) -> str:
    """One line of a concordance: the words before, the mention, the words after, its §."""
    return (f'<li><a href="../articles/{p.article}.html#p{p.paragraph}"><span class="glose-kwic-left">{escape(p.left)}</span>'
            f'<mark>{escape(p.mention)}</mark><span class="glose-kwic-right">{escape(p.right)}</span> '
            f'<span class="glose-kwic-ref">§{p.paragraph}</span></a></li>')
