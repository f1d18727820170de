"""Pages MkDocs need not give to Material's page template (issue 15).

Material's `main.html` costs 2.5 to 3 ms a page (header, navigation, palette, search box, table
of contents, some twenty translated labels), and for Glose's pages nearly all of it comes out
the same: an article or glossary page is out of the navigation, and pages of the same folder
share their relative links, scripts and styles. What differs from page to page is its title,
content, address and table of contents. So the second page of each *frame* (the same folder,
front matter, table of contents but its title, the same kind of page) is rendered once more,
through the same template, by a stand-in page whose own values are markers: the HTML around
the markers is the frame, and every other page of it is that HTML with its own values put in.

Checked as it goes, and every transformation the template applies accounted for:
- each marker is written so that the forms a template can give it (as is, `| e`, `| striptags`,
  `| striptags | e`) all differ; a frame whose HTML holds a marker in any other form (another
  filter, a value shown where it was not expected) is not used;
- the stand-in keeps the page's folder (relative links come out the same) and shows nothing
  else of its own but what every page of the frame shares (its front matter, its place out of
  the navigation): a template reading anything more of it gets an undefined value;
- the page it is learnt from is also rendered by MkDocs itself, and the frame is used only if
  both renderings are byte for byte the same;
- only Glose's own pages of `main.html`, out of the navigation, with MkDocs' own template
  context (no other plugin adding to it), a title and an address, qualify; any other page,
  and any page whose frame failed a check, is rendered by MkDocs as before.

What stays unchecked: a template whose output depends on the words of a page's title or
content, or its address, other than through the forms above (a title's length, say), could
give the page a frame is learnt from one HTML and another page the wrong one. Material's templates and
Glose's overrides (theme/) do not.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import jinja2
import markupsafe
from mkdocs.structure.pages import Page
from mkdocs.structure.toc import AnchorLink, TableOfContents

from .quick import toc_with

_CONTEXT = frozenset({"nav", "pages", "base_url", "extra_css", "extra_javascript", "mkdocs_version",
                      "build_date_utc", "config", "page"})
"""MkDocs' own template context (commands/build.py get_context): with anything more, another
plugin computes something for the page, which a frame would not know."""
TEMPLATE = "main.html"
_ID = re.compile(r"[\w-]+")
_UNSEEN, _SEEN = object(), object()


def _text_forms(value: str) -> tuple[str, ...]:
    """What a template can make of a text: as is, `| e`, `| striptags`, `| striptags | e`."""
    stripped = markupsafe.Markup(value).striptags()
    return value, str(markupsafe.escape(value)), stripped, str(markupsafe.escape(stripped))


@dataclass(frozen=True, slots=True)
class _Frame:
    pieces: tuple[str, ...]
    """The page's HTML around its values."""
    slots: tuple[tuple[str, int], ...]
    """What goes between two pieces: a value's name and its form (an index of _text_forms)."""

    def fill(self, values: dict[str, tuple[str, ...]]) -> str:
        out = [self.pieces[0]]
        for (name, form), piece in zip(self.slots, self.pieces[1:]):
            out += [values[name][form], piece]
        return "".join(out)


class Frames:
    """The frames learnt by one build (in one process: each share learns its own)."""

    def __init__(self, nonce: str):
        self._mark = f"glose{nonce}"
        self._frames: dict[tuple, _Frame | object | None] = {}  # _SEEN: one page so far
        self._checking: dict[str, tuple[tuple, _Frame]] = {}
        self.env: jinja2.Environment | None = None
        """MkDocs' Jinja environment for the pages (the plugin's on_env)."""

    def on_context(self, context: dict, page: Page) -> None:
        """MkDocs' page context step, after every other plugin's: `context["glose_frame"]` (our
        main.html then renders nothing but that) when the page's frame is known and checked; for
        the second page of a frame, the frame is learnt here and checked by on_output (not for
        the first: a page alone in its frame, after an edit or when another plugin gives every
        page its own front matter, would cost a second rendering for nothing)."""
        key = self._key(context, page)
        if key is None:
            return
        frame = self._frames.get(key, _UNSEEN)
        if isinstance(frame, _Frame):
            context["glose_frame"] = lambda: frame.fill(self._values(page))
        elif frame is _UNSEEN:
            self._frames[key] = _SEEN
        elif frame is _SEEN:
            self._frames[key] = None  # until MkDocs' own rendering of this page agrees
            learnt = self._learn(context, page)
            if learnt is not None:
                self._checking[page.file.src_uri] = (key, learnt)

    def on_output(self, output: str, page: Page) -> None:
        """MkDocs' rendering of the page a frame was learnt from: the frame is used if it gives
        the same (else, None: MkDocs renders the others as this one)."""
        found = self._checking.pop(page.file.src_uri, None)
        if found is not None and found[1].fill(self._values(page)) == output:
            self._frames[found[0]] = found[1]

    def _key(self, context: dict, page: Page) -> tuple | None:
        """What the template reads of a page besides the values a frame replaces, or None when
        the page does not qualify."""
        title, toc = page.title, page.toc
        if (self.env is None or set(context) != _CONTEXT or page.meta.get("template", TEMPLATE) != TEMPLATE
                or not isinstance(title, str) or not title or not page.url or page.is_homepage
                or page.parent is not None or page.previous_page is not None or page.next_page is not None
                or not isinstance(toc, TableOfContents)):
            return None
        items = _toc_key(toc)
        first = _first(toc)
        if first is not None:
            if not _ID.fullmatch(first.id):
                return None
            items = [(first.level, _toc_key(first.children)), *items[1:]]  # the title's own words and id aside
        return (_folder(page.url), context["base_url"], repr(context["extra_css"]), repr(context["extra_javascript"]), repr(page.meta),
                _has_h1(page), first is not None, repr(items),
                page.canonical_url is not None, page.edit_url is not None, page.url.endswith("/"))

    def _values(self, page: Page | _StandIn) -> dict[str, tuple[str, ...]]:
        """What goes in a frame's slots for `page`, each value in the forms a template may give
        it (for a stand-in: its markers, which _split looks for)."""
        first = _first(page.toc)
        values = {"title": _text_forms(page.title or ""), "content": (page.content or "",), "url": (page.url,),
                  "canonical": (page.canonical_url or "",), "edit": (page.edit_url or "",)}
        if first is not None:
            values["toc_title"], values["toc_id"] = _text_forms(first.title), (first.id,)
        return values

    def _learn(self, context: dict, page: Page) -> _Frame | None:
        """The frame of `page`: the template rendered for a stand-in holding markers."""
        mark = self._mark
        text = f"{mark}{{}}<i></i>&amp;x"  # its four forms differ (_text_forms)
        folder = _folder(page.url)
        url = f"{folder}/{mark}U" if folder else f"{mark}U"  # the same folder: relative links alike
        toc = toc_with(page.toc, text.format("H"), f"{mark}I") if _first(page.toc) is not None else page.toc
        stand_in = _StandIn(page, toc=toc, title=text.format("T"), url=url + ("/" if page.url.endswith("/") else ".html"),
                            content=f"{mark}C" + ("\u003ch1" if _has_h1(page) else ""),
                            canonical_url=f"{mark}K" if page.canonical_url is not None else None,
                            edit_url=f"{mark}E" if page.edit_url is not None else None)
        assert self.env is not None  # _key
        try:
            html = self.env.get_template(TEMPLATE).render({**context, "page": stand_in})
        except Exception:  # noqa: BLE001 - a template reading what a stand-in does not show: MkDocs renders the page
            return None
        return _split(html, self._values(stand_in), mark)  # the stand-in's values are the markers

_SHARED = frozenset({"meta", "active", "is_homepage", "is_page", "is_section", "is_link", "is_index", "parent",
                     "ancestors", "children", "previous_page", "next_page"})
"""What a stand-in shows of its page: what the frame's key holds or fixes (_key)."""


class _StandIn:
    """A page whose own values are markers, which shows of the page only what every page of its
    frame shares (_SHARED): anything else a template reads of it is undefined, and then makes
    the stand-in's HTML differ from the page's, or fail: the frame is not used."""

    def __init__(self, page: Page, **values):
        self._page = page
        self.__dict__.update(values)

    def __getattr__(self, name: str):
        if name not in _SHARED:
            raise AttributeError(name)
        return getattr(self._page, name)


def _folder(url: str) -> str:
    """The folder of a page's address: links to other pages are relative to it."""
    return url.rstrip("/").rpartition("/")[0]


def _has_h1(page: Page) -> bool:
    """Whether a page's content holds a title of its own (Material adds one where it does not)."""
    return "\u003ch1" in (page.content or "")


def _first(toc) -> AnchorLink | None:
    """The table of contents' first entry when it is the page's title (level 1)."""
    items = list(toc or ())
    return items[0] if items and items[0].level == 1 else None


def _toc_key(toc) -> list:
    return [(link.title, link.id, link.level, _toc_key(link.children)) for link in toc]


def _split(html: str, markers: dict[str, tuple[str, ...]], mark: str) -> _Frame | None:
    """The frame of a stand-in's HTML, or None when a marker shows in a form not listed."""
    where = {form: (name, i) for name, forms in markers.items() for i, form in enumerate(forms) if form}
    pattern = re.compile("|".join(re.escape(form) for form in sorted(where, key=len, reverse=True)))
    pieces, slots, pos = [], [], 0
    for found in pattern.finditer(html):
        pieces.append(html[pos:found.start()])
        slots.append(where[found[0]])
        pos = found.end()
    pieces.append(html[pos:])
    if any(mark in piece for piece in pieces):
        return None
    return _Frame(tuple(pieces), tuple(slots))
