"""OpenDocument text (.odt, LibreOffice).

odfdo opens the document and reads its properties and styles: it is maintained (odfpy's last
release dates from 2020), typed, and resolves a paragraph's style by name; the text of each
paragraph is read from its XML element here, so that notes, frames and annotations stay out.

- Title: the first paragraph whose style is, or derives from, Title ("Titre"), else the
  document's title property, else the first line or first sentence (see titles.py).
- Paragraphs: headings and paragraphs in document order (inside lists and tables too);
  footnotes, text in frames (captions, text boxes), annotations, indexes and tables of
  contents are left out. Line breaks and tabs are spaces; ``text:s`` gives its spaces.
- The creator and creation date properties are only given in the notes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from lxml import etree

from . import Imported, ImportProblem, register
from .common import finish
from ...i18n import _

if TYPE_CHECKING:
    from odfdo import Document, Element

_TEXT = "urn:oasis:names:tc:opendocument:xmlns:text:1.0"
_SKIPPED = {
    f"{{{_TEXT}}}note", f"{{{_TEXT}}}table-of-content", f"{{{_TEXT}}}alphabetical-index",
    f"{{{_TEXT}}}bibliography", f"{{{_TEXT}}}tracked-changes", f"{{{_TEXT}}}illustration-index",
    "{urn:oasis:names:tc:opendocument:xmlns:drawing:1.0}frame",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation",
    "{urn:oasis:names:tc:opendocument:xmlns:office:1.0}annotation-end",
}
_BLOCKS = (f"{{{_TEXT}}}p", f"{{{_TEXT}}}h")


@register(".odt")
def import_odt(path: Path) -> Imported:
    """An OpenDocument text: headings and paragraphs in order, title from the Title style."""
    document = _open(path)
    parents: dict[str, str] = {}
    title = ""
    paragraphs = []
    for element in document.body._xml_element.iter(*_BLOCKS):
        if any(ancestor.tag in _SKIPPED or ancestor.tag in _BLOCKS for ancestor in element.iterancestors()):
            continue
        text = _text(element)
        if not text.strip():
            continue
        style = _base_style(document, element.get(f"{{{_TEXT}}}style-name") or "", parents)
        if style.lower() in ("title", "titre") and not title:
            title = text
            continue
        paragraphs.append(text)
    notes = _properties(document)
    if not title and (document.meta.get_title() or "").strip():
        title = document.meta.get_title() or ""
        notes.insert(0, "title from the document's properties")
    return finish(paragraphs, title=title, notes=notes)


def _open(path: Path) -> Document:
    """The odfdo document, or ImportProblem for a protected, foreign or damaged file."""
    from odfdo import Document

    if not zipfile.is_zipfile(path):
        raise ImportProblem(_("not an OpenDocument file, or a damaged one"), _("open it in LibreOffice and save it again as .odt"))
    with zipfile.ZipFile(path) as archive:
        try:
            manifest = archive.read("META-INF/manifest.xml")
        except KeyError:
            manifest = b""
    if b"encryption-data" in manifest:
        raise ImportProblem(
            _("the document is password-protected"),
            _("open it in LibreOffice, remove the password (File > Properties > Security) and import it again"),
        )
    try:
        document = Document(str(path))
        document.body  # a damaged content.xml fails here
    except Exception as error:  # odfdo raises lxml, zipfile and its own errors alike
        raise ImportProblem(_("the OpenDocument file is damaged ({error})").format(error=error), _("open it in LibreOffice and save it again as .odt")) from error
    return document


def _properties(document: Document) -> list[str]:
    """Notes on the creator and creation date properties (not the article's author and date)."""
    notes = []
    creator = (document.meta.get_initial_creator() or "").strip()
    if creator:
        notes.append(_("document's creator property: {author} (not used as the article's author)").format(author=creator))
    created = document.meta.get_creation_date()
    if created:
        notes.append(_("document created on {date:%Y-%m-%d} (not used as the article's date)").format(date=created))
    return notes


def _base_style(document: Document, name: str, cache: dict[str, str]) -> str:
    """The style's own name, or the named style it derives from (an automatic style "P1"
    whose parent is "Title" is "Title")."""
    if name in cache:
        return cache[name]
    base = name
    seen: set[str] = set()
    while base and base not in seen:
        seen.add(base)
        style = document.get_style("paragraph", base)
        if style is None:
            break
        parent = style.get_attribute("style:parent-style-name")
        if not isinstance(parent, str) or not parent or not (style.get_attribute("style:family") == "paragraph" and _is_automatic(style)):
            break
        base = parent
    cache[name] = base
    return base


def _is_automatic(style: Element) -> bool:
    """Whether a style is an automatic one (made by the editor for direct formatting)."""
    return "automatic-styles" in (style.parent.tag if style.parent is not None else "")


def _text(element: etree._Element) -> str:
    """The text of a paragraph or heading, without its notes, frames and annotations."""
    parts: list[str] = []

    def walk(node: etree._Element) -> None:
        if node.text:
            parts.append(node.text)
        for child in node:
            tag = child.tag
            if tag in _SKIPPED:
                pass
            elif tag == f"{{{_TEXT}}}s":
                parts.append(" " * int(child.get(f"{{{_TEXT}}}c") or 1))
            elif tag in (f"{{{_TEXT}}}tab", f"{{{_TEXT}}}line-break"):
                parts.append(" ")
            elif isinstance(tag, str):
                walk(child)
            if child.tail:
                parts.append(child.tail)

    walk(element)
    return "".join(parts)
