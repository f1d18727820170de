"""What a saved web page says of itself: title, date, author, site name and address, from its
meta tags, its JSON-LD and its <title> (the rules are listed in html.py's docstring)."""

from __future__ import annotations

import json
import re
from dataclasses import dataclass
from typing import Any

from lxml import etree

from ..dates import normalise_date
from .common import fold_key

SEPARATORS = (" | ", " - ", " – ", " — ", " · ", " :: ", " • ", " » ")
_ARTICLE_TYPES = re.compile(r"article|posting|report|episode|creativework|webpage|review", re.IGNORECASE)
_DATE_METAS = (
    "article:published_time", "og:published_time", "article:published", "datepublished", "date",
    "dc.date", "dc:date", "dc.date.issued", "dcterms.date", "dcterms.issued", "pubdate", "publish-date",
    "publish_date", "sailthru.date", "parsely-pub-date", "citation_publication_date", "bepress_citation_date",
)
TEMPLATE = re.compile(r"\{\{|\}\}|\{%|<%")


@dataclass(frozen=True)
class PageMeta:
    """The fields a page states; "" for those it does not."""

    title: str
    date: str
    author: str
    site: str
    url: str


class _Metas:
    """The page's <meta> values by lower-case name or property, templates left out."""

    def __init__(self, tree: etree._Element):
        self.values: dict[str, list[str]] = {}
        for meta in tree.iter("meta"):
            key = (meta.get("property") or meta.get("name") or meta.get("itemprop") or "").strip().lower()
            value = (meta.get("content") or "").strip()
            if key and value and not TEMPLATE.search(value):
                self.values.setdefault(key, []).append(value)

    def first(self, *keys: str) -> str:
        """The first value of the first of these keys that has one."""
        for key in keys:
            for value in self.values.get(key, ()):
                return value
        return ""


def page_metadata(tree: etree._Element) -> PageMeta:
    """Title, date, author, site and url as the page states them."""
    metas = _Metas(tree)
    ld = _json_ld(tree)
    element = tree.find(".//title")
    page_title = "".join(element.itertext()) if element is not None else ""
    page_title = "" if TEMPLATE.search(page_title) else page_title
    title = (
        metas.first("og:title") or _ld_text(ld.get("headline")) or _ld_text(ld.get("name"))
        or metas.first("twitter:title") or page_title
    )
    candidates = [metas.first(_DATE_METAS[0]), _ld_text(ld.get("datePublished")), *(metas.first(k) for k in _DATE_METAS[1:])]
    date = next((d for d in map(normalise_date, candidates) if d), "")
    return PageMeta(title, date, _author(metas, ld), _site(metas, ld, page_title), _url(tree, metas, ld))


def _author(metas: _Metas, ld: dict[str, Any]) -> str:
    """JSON-LD author(s), meta author, then article:author or DC.creator when not a link."""
    author = ", ".join(_ld_names(ld.get("author"))) or metas.first("author")
    if not author:
        value = metas.first("article:author", "dc.creator", "dcterms.creator")
        author = "" if value.startswith(("http://", "https://")) else value
    return author


def _site(metas: _Metas, ld: dict[str, Any], page_title: str) -> str:
    """The site's name: the one the <title> ends or starts with ("... | Reuters" over
    og:site_name "U.S."), else the first one stated."""
    sites = [metas.first("og:site_name"), *_ld_names(ld.get("publisher")), metas.first("application-name"),
             metas.first("dc.publisher")]
    sites = [site for site in sites if site]
    return next((s for s in sites if without_site(page_title, s, "")[1]), sites[0] if sites else "")


def _url(tree: etree._Element, metas: _Metas, ld: dict[str, Any]) -> str:
    """link rel=canonical, og:url, then the JSON-LD url (http and https addresses only)."""
    for link in tree.iter("link"):
        if "canonical" in (link.get("rel") or "").lower().split() and web(link.get("href")):
            return web(link.get("href"))
    return web(metas.first("og:url")) or web(_ld_text(ld.get("url"))) or web(_ld_text(ld.get("mainEntityOfPage")))


def web(value: object) -> str:
    """The value when it is an http(s) address without template syntax, else ""."""
    value = value.strip() if isinstance(value, str) else ""
    return value if value.startswith(("http://", "https://")) and not TEMPLATE.search(value) else ""


def _ld_objects(tree: etree._Element) -> list[dict[str, Any]]:
    """Every JSON-LD object of the page, @graph members included, in order."""
    found: list[dict[str, Any]] = []
    for script in tree.iter("script"):
        if "ld+json" not in (script.get("type") or "").lower():
            continue
        try:
            data = json.loads("".join(script.itertext()).strip() or "null")
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
    return found


def _json_ld(tree: etree._Element) -> dict[str, Any]:
    """The page's main JSON-LD object: the first of an article-like type, else the first one
    with a headline or a publication date."""
    found = _ld_objects(tree)
    for item in found:
        kinds = item.get("@type")
        kinds = kinds if isinstance(kinds, list) else [kinds]
        if any(isinstance(k, str) and _ARTICLE_TYPES.search(k) for k in kinds) and (
            item.get("headline") or item.get("datePublished")
        ):
            return item
    return next((item for item in found if item.get("headline") or item.get("datePublished")), {})


def _ld_text(value: object) -> str:
    """A JSON-LD value as text (a string, or the @id/url/name of an object)."""
    if isinstance(value, list):
        value = value[0] if value else ""
    if isinstance(value, dict):
        value = value.get("@id") or value.get("url") or value.get("name") or ""
    return value.strip() if isinstance(value, str) and not TEMPLATE.search(value) else ""


def _ld_names(value: object) -> list[str]:
    """The names in a JSON-LD author or publisher (a string, an object or a list of them)."""
    items = value if isinstance(value, list) else [value]
    names = []
    for item in items:
        name = item.get("name") if isinstance(item, dict) else item
        if isinstance(name, str) and name.strip() and not name.startswith("http") and not TEMPLATE.search(name):
            names.append(name.strip())
    return names


def without_site(title: str, site: str, host: str) -> tuple[str, str]:
    """The title without a site name before or after a separator, and that site name."""
    title = " ".join(title.split())
    names = {fold_key(site)} if site else set()
    if host:
        labels = host.lower().removeprefix("www.").split(".")
        names |= {fold_key(labels[0]), fold_key(".".join(labels))}
    names.discard("")

    def is_site(part: str) -> bool:
        key = fold_key(part)
        return bool(key) and any(
            key == name or len(key) >= 4 and (name.startswith(key) or key.startswith(name)) for name in names
        )

    for separator in SEPARATORS:
        if separator in title:
            head, _, tail = title.rpartition(separator)
            if head and is_site(tail):
                return head.strip(), tail.strip()
            first, _, rest = title.partition(separator)
            if rest and is_site(first):
                return rest.strip(), first.strip()
    return title, ""
