"""Saved web pages (.html, .htm).

trafilatura finds the main text: it is built for articles (it drops navigation, ads, bylines,
comments and link lists), is maintained, and scores best among the open-source extractors in
published comparisons; its lxml tree (also its parser) reads the page's own metadata here.

Metadata comes first from what the page says of itself, in this order (the first one found):
- title: og:title, JSON-LD headline, twitter:title, <title> (not trafilatura's guess, which
  takes a "Menu rapide" or "Laisser un commentaire" heading in a part of a page: without any,
  the first line or sentence is the title, see common.finish); a site
  name before or after a separator (" | ", " - ", " – ", " — ", " · ", " :: ") is removed
  when it matches og:site_name, the JSON-LD publisher or the host name (" - Le Monde");
- date: article:published_time, JSON-LD datePublished, the date/DC.date/pubdate meta tags,
  then trafilatura (htmldate); always YYYY-MM-DD (or shorter when the page says less);
- author: JSON-LD author(s), meta author, article:author (when not a link), DC.creator,
  then trafilatura, then a byline closing the text, then the first element whose class is
  author, auteur(s) or byline holding a short name (not in comments);
- site: og:site_name, JSON-LD publisher, application-name, DC.publisher (the one that the
  <title> starts or ends with, if any, else the first), then trafilatura;
- url: link rel=canonical, og:url, JSON-LD url (http and https addresses only).
Values that are unrendered templates ("{{ page.title }}") are ignored.

Text: trafilatura's paragraphs, headings, list items, quotes and table rows, in order; then
- the standfirst (the last element before the main text whose class is chapo, chapeau,
  standfirst, lead, lede or intro, outside nav/aside/header/footer, of 60 characters or
  more, when trafilatura missed it) is put back at the top;
- captions and credits ("Photo : ...", "© AFP", "Image illustrative : ..."), "Lire aussi"
  boxes and bylines at the end ("Par Jeanne Martin") are dropped; a lone "À lire aussi :"
  heading in the last third of the text drops everything after it (a list of links).
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import TYPE_CHECKING
from urllib.parse import urlparse

from lxml import etree
from lxml.html import HtmlElement

from ..dates import normalise_date
from ..titles import byline_name, is_caption_or_credit
from . import Imported, ImportProblem, register
from .common import finish, fold_key
from .html_meta import PageMeta, page_metadata, web, without_site
from ...i18n import N_, _

_STANDFIRST = re.compile(r"(?:^|[\s_-])(?:chapo|chapeau|chapô|standfirst|lead|lede|intro)(?:$|[\s_-])", re.IGNORECASE)
_SEE_ALSO = re.compile(
    r"^\s*(?:[àa]\s+)?(?:lire|voir|(?:ré)?écouter|regarder|découvrir)\s+(?:aussi|également|encore|plus)\b", re.IGNORECASE
)
_AUTHOR_CLASS = re.compile(
    r"(?:^|\s)(?:[a-z]+-)?(?:author|authors|auteur|auteurs|byline)(?:-name|-link)?(?:$|\s)", re.IGNORECASE
)
if TYPE_CHECKING:
    from trafilatura.settings import Document

_COMMENTS = re.compile(r"comment|forum|respond|reply|related", re.IGNORECASE)
_BLOCKS = ("p", "head", "item", "quote", "row")
_NO_TEXT_HINT = N_(
    "the page may build its text with JavaScript: open it in a browser, wait for the text, "
    "then save it again (\"Web page, complete\"), or copy the text into a .txt file"
)


@register(".html", ".htm")
def import_page(path: Path) -> Imported:
    """A saved web page: main text by trafilatura, metadata from the page itself."""
    import trafilatura
    from trafilatura.settings import Document
    from trafilatura.utils import load_html

    data = path.read_bytes()
    if not data.strip():
        raise ImportProblem(_("empty page"), _("save the page again once it has loaded"))
    tree = load_html(data)
    if tree is None:
        raise ImportProblem(_("not a readable web page"), _("save the page again as HTML"))
    document = trafilatura.bare_extraction(
        data, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
        include_links=False, include_formatting=False, favor_precision=True,
    )
    if not isinstance(document, Document):
        raise ImportProblem(_("no article text found in the page"), _(_NO_TEXT_HINT))
    paragraphs = _blocks(document.body) if document.body is not None else []
    if not any(p.strip() for p in paragraphs):
        raise ImportProblem(_("no article text found in the page"), _(_NO_TEXT_HINT))
    return _article(tree, document, page_metadata(tree), paragraphs)


def _article(tree: HtmlElement, guess: Document, meta: PageMeta, paragraphs: list[str]) -> Imported:
    """The page's fields (the page's own first, then trafilatura's guess) and its text."""
    paragraphs = _with_standfirst(tree, paragraphs)
    site = meta.site or (guess.sitename or "")
    host = urlparse(meta.url or guess.url or "").hostname or (guess.hostname or "")
    title, suffix = without_site(meta.title, site, host)  # never trafilatura's guess (see the docstring)
    if suffix and (not site or "." in site and " " not in site):
        site = suffix
    paragraphs, byline = _without_boilerplate(paragraphs)
    author = meta.author or (guess.author or "") or byline or _author_element(tree)
    date = meta.date or normalise_date(guess.date or "")
    url = meta.url or web(guess.url)
    return finish(paragraphs, title=title, date=date, author=author, site=site, url=url)


def _text(element: etree._Element) -> str:
    """The text of an element, line breaks (<lb/>) as spaces."""
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return "".join(element.itertext())


def _blocks(body: etree._Element) -> list[str]:
    """Paragraphs, headings, list items, quotes and table rows of trafilatura's tree, in order."""
    out = []
    for element in body.iter(*_BLOCKS):
        if element.tag == "quote":
            if element.find(".//p") is None and element.find(".//item") is None:
                out.append(_text(element))
        elif any(ancestor.tag in ("p", "head", "item", "row") for ancestor in element.iterancestors()):
            continue  # its text is in the enclosing block
        elif element.tag == "row":
            cells = [" ".join(_text(cell).split()) for cell in element.iter("cell")]
            out.append(" – ".join(cell for cell in cells if cell))
        else:
            out.append(_text(element))
    return out


def _with_standfirst(tree: HtmlElement, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the page's standfirst on top when trafilatura left it out."""
    keys = [fold_key(p) for p in paragraphs]
    first_key = next((k for k in keys if len(k) >= 20), "")
    if not first_key:
        return paragraphs
    start = None
    candidates = []
    for index, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if start is None and element.tag in ("p", "div", "li", "blockquote", "q", "h2", "h3", "span"):
            own = fold_key(element.text_content())
            if own.startswith(first_key[:60]) and len(own) <= len(first_key) * 1.5:
                start = index  # the element holding the first paragraph, not a container
        if start is None and _STANDFIRST.search(element.get("class") or ""):
            if not any(a.tag in ("nav", "aside", "footer", "header") for a in element.iterancestors()):
                candidates.append(element)
    if start is None or not candidates:
        return paragraphs
    element = candidates[-1]
    text = " ".join(element.text_content().split())
    key = fold_key(text)
    if len(text) < 60 or any(key in k or k and k in key for k in keys):
        return paragraphs
    return [text, *paragraphs]


def _author_element(tree: HtmlElement) -> str:
    """The text of the first element whose class names an author or byline, when it is a short
    name (one to five words, "par"/"by" removed) and not part of comments."""
    for element in tree.iter():
        if not isinstance(element.tag, str) or not _AUTHOR_CLASS.search(element.get("class") or ""):
            continue
        ancestors = element.iterancestors()
        if any(_COMMENTS.search(f'{a.get("class") or ""} {a.get("id") or ""}') for a in ancestors):
            continue
        text = re.sub(r"^(?:par|by)\s+", "", " ".join(element.text_content().split()), flags=re.IGNORECASE)
        if text and 1 <= len(text.split()) <= 5 and len(text) <= 60 and text[0].isupper():
            return text
    return ""


def _without_boilerplate(paragraphs: list[str]) -> tuple[list[str], str]:
    """The paragraphs without captions, credits, "Lire aussi" boxes and closing bylines, and
    the name in a closing byline."""
    kept = []
    for index, paragraph in enumerate(paragraphs):
        text = " ".join(paragraph.split())
        if _SEE_ALSO.match(text):
            if len(text.split()) <= 4 and index >= len(paragraphs) * 2 / 3:
                break  # a heading over a list of links: the article is over
            continue
        if is_caption_or_credit(text) and len(text) <= 300:
            continue
        kept.append(paragraph)
    byline = ""
    for index in range(len(kept) - 1, max(len(kept) - 4, 0) - 1, -1):
        name = byline_name(kept[index])
        if name and index > 0:
            byline = byline or name
            del kept[index]
    return kept, byline
