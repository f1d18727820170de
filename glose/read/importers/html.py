"""Saved web pages (.html, .htm).

trafilatura finds the main text: it is built for articles (it drops navigation, ads, bylines,
comments and link lists), is maintained, and scores best among the open-source extractors in
published comparisons; its lxml tree (also its parser) reads the page's own metadata here.

Metadata comes first from what the page says of itself, in this order (the first one found):
- title: og:title, JSON-LD headline, twitter:title, <title>, then trafilatura's guess; a site
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

import json
import re
from pathlib import Path
from urllib.parse import urlparse

from . import ImportProblem, register
from .common import _key, finish, normalise_date
from .titles import byline_name, is_caption_or_credit

_SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " • ", " » ")
_ARTICLE_TYPES = re.compile(r"article|posting|report|episode|creativework|webpage|review", re.IGNORECASE)
_DATE_METAS = (
    "article:published_time", "og:published_time", "article:published", "datepublished", "date",
    "dc.date", "dc:date", "dc.date.issued", "dcterms.date", "dcterms.issued", "pubdate", "publish-date",
    "publish_date", "sailthru.date", "parsely-pub-date", "citation_publication_date", "bepress_citation_date",
)
_STANDFIRST = re.compile(r"(?:^|[\s_-])(?:chapo|chapeau|chapô|standfirst|lead|lede|intro)(?:$|[\s_-])", re.IGNORECASE)
_SEE_ALSO = re.compile(
    r"^\s*(?:[àa]\s+)?(?:lire|voir|(?:ré)?écouter|regarder|découvrir)\s+(?:aussi|également|encore|plus)\b", re.IGNORECASE
)
_AUTHOR_CLASS = re.compile(
    r"(?:^|\s)(?:[a-z]+-)?(?:author|authors|auteur|auteurs|byline)(?:-name|-link)?(?:$|\s)", re.IGNORECASE
)
_COMMENTS = re.compile(r"comment|forum|respond|reply|related", re.IGNORECASE)
_TEMPLATE = re.compile(r"\{\{|\}\}|\{%|<%")
_BLOCKS = ("p", "head", "item", "quote", "row")


@register(".html", ".htm")
class HtmlImporter:
    """A saved web page: main text by trafilatura, metadata from the page itself."""

    def __call__(self, path: Path):
        data = path.read_bytes()
        if not data.strip():
            raise ImportProblem(f"{path.name}: empty page", "save the page again once it has loaded")
        import trafilatura
        from trafilatura.utils import load_html

        tree = load_html(data)
        if tree is None:
            raise ImportProblem(f"{path.name}: not a readable web page", "save the page again as HTML")
        meta = _page_metadata(tree)
        document = trafilatura.bare_extraction(
            data, with_metadata=True, include_comments=False, include_tables=True, include_images=False,
            include_links=False, include_formatting=False, favor_precision=True,
        )
        paragraphs = _blocks(document.body) if document is not None and document.body is not None else []
        if not any(p.strip() for p in paragraphs):
            raise ImportProblem(
                f"{path.name}: no article text found in the page",
                "the page may build its text with JavaScript: open it in a browser, wait for the text, "
                "then save it again, or copy the text into a .txt file",
            )
        paragraphs = _with_standfirst(tree, paragraphs)
        guess = document
        site = meta["site"] or (guess.sitename or "")
        host = urlparse(meta["url"] or guess.url or "").hostname or (guess.hostname or "")
        title = meta["title"] or (guess.title or "")
        title, suffix = _without_site(title, site, host)
        if suffix and (not site or "." in site and " " not in site):
            site = suffix
        paragraphs, byline = _without_boilerplate(paragraphs)
        author = meta["author"] or (guess.author or "") or byline or _author_element(tree)
        date = meta["date"] or normalise_date(guess.date or "")
        url = meta["url"] or _web(guess.url)
        return finish(paragraphs, source=path.name, title=title, date=date, author=author, site=site, url=url)


def _text(element) -> str:
    """The text of an element, line breaks (<lb/>) as spaces."""
    for lb in element.iter("lb"):
        lb.tail = " " + (lb.tail or "")
    return "".join(element.itertext())


def _blocks(body) -> list[str]:
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


def _page_metadata(tree) -> dict:
    """Title, date, author, site and url as the page states them (see the module docstring)."""
    metas: dict[str, list[str]] = {}
    for meta in tree.iter("meta"):
        key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
        value = (meta.get("content") or "").strip()
        if key and value and not _TEMPLATE.search(value):
            metas.setdefault(key, []).append(value)
    ld = _json_ld(tree)

    def first(*keys):
        for key in keys:
            for value in metas.get(key, ()):
                if value:
                    return value
        return ""

    element = tree.find(".//title")
    page_title = element.text_content() if element is not None else ""
    page_title = "" if _TEMPLATE.search(page_title) else page_title
    title = (
        first("og:title") or _ld_text(ld.get("headline")) or _ld_text(ld.get("name"))
        or first("twitter:title") or page_title
    )
    date = ""
    for candidate in [first(_DATE_METAS[0]), _ld_text(ld.get("datePublished")), *(first(k) for k in _DATE_METAS[1:])]:
        date = normalise_date(candidate)
        if date:
            break
    authors = _ld_names(ld.get("author"))
    author = ", ".join(authors) or first("author")
    if not author:
        value = first("article:author", "dc.creator", "dcterms.creator")
        author = "" if value.startswith(("http://", "https://")) else value
    sites = [first("og:site_name"), *_ld_names(ld.get("publisher")), first("application-name"), first("dc.publisher")]
    sites = [site for site in sites if site]
    # The name the <title> ends or starts with wins ("... | Reuters" over og:site_name "U.S.").
    site = next((s for s in sites if _without_site(page_title, s, "")[1]), sites[0] if sites else "")
    url = ""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and _web(link.get("href")):
            url = _web(link.get("href"))
            break
    url = url or _web(first("og:url")) or _web(_ld_text(ld.get("url"))) or _web(_ld_text(ld.get("mainEntityOfPage")))
    return {"title": title, "date": date, "author": author, "site": site, "url": url}


def _web(value) -> str:
    """The value when it is an http(s) address without template syntax, else ""."""
    value = (value or "").strip() if isinstance(value, str) else ""
    return value if value.startswith(("http://", "https://")) and not _TEMPLATE.search(value) else ""


def _json_ld(tree) -> dict:
    """The page's main JSON-LD object: the first of an article-like type, else the first one
    with a headline or a publication date."""
    found = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads(script.text_content().strip() or "null")
        except ValueError:
            continue
        stack = [data]
        while stack:
            item = stack.pop(0)
            if isinstance(item, list):
                stack[:0] = item
            elif isinstance(item, dict):
                found.append(item)
                if isinstance(item.get("@graph"), list):
                    stack[:0] = item["@graph"]
    for item in found:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds) and (
            item.get("headline") or item.get("datePublished")
        ):
            return item
    return next((item for item in found if item.get("headline") or item.get("datePublished")), {})


def _ld_text(value) -> str:
    """A JSON-LD value as text (a string, or the @id/url/name of an object)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name") or ""
    return value.strip() if isinstance(value, str) and not _TEMPLATE.search(value) else ""


def _ld_names(value) -> list[str]:
    """The names in a JSON-LD author or publisher (a string, an object or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http") and not _TEMPLATE.search(name):
            names.append(name.strip())
    return names


def _without_site(title: str, site: str, host: str) -> tuple[str, str]:
    """The title without a site name before or after a separator, and that site name."""
    title = " ".join(title.split())
    names = {_key(site)} if site else set()
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        names |= {_key(labels[0]), _key(".".join(labels))}
    names.discard("")

    def is_site(part: str) -> bool:
        key = _key(part)
        return bool(key) and any(
            key == name or len(key) >= 4 and (name.startswith(key) or key.startswith(name)) for name in names
        )

    for separator in _SEPARATORS:
        if separator in title:
            head, _, tail = title.rpartition(separator)
            if head and is_site(tail):
                return head.strip(), tail.strip()
            first, _, rest = title.partition(separator)
            if rest and is_site(first):
                return rest.strip(), first.strip()
    return title, ""


def _with_standfirst(tree, paragraphs: list[str]) -> list[str]:
    """The paragraphs with the page's standfirst on top when trafilatura left it out."""
    keys = [_key(p) for p in paragraphs]
    first_key = next((k for k in keys if len(k) >= 20), "")
    if not first_key:
        return paragraphs
    start = None
    candidates = []
    for index, element in enumerate(tree.iter()):
        if not isinstance(element.tag, str):
            continue
        if start is None and element.tag in ("p", "div", "li", "blockquote", "q", "h2", "h3", "span"):
            own = _key(element.text_content())
            if own.startswith(first_key[:60]) and len(own) <= len(first_key) * 1.5:
                start = index  # the element holding the first paragraph, not a container
        if start is None and _STANDFIRST.search(element.get("class") or ""):
            if not any(a.tag in ("nav", "aside", "footer", "header") for a in element.iterancestors()):
                candidates.append(element)
    if start is None or not candidates:
        return paragraphs
    element = candidates[-1]
    text = " ".join(element.text_content().split())
    key = _key(text)
    if len(text) < 60 or any(key in k or k and k in key for k in keys):
        return paragraphs
    return [text, *paragraphs]


def _author_element(tree) -> str:
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
