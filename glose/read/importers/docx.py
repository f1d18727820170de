"""Word documents (.docx).

python-docx reads the document's paragraphs in order with their style names (Title, Heading,
Caption), its tables and its properties: what an importer needs, and nothing it must undo
(mammoth converts to HTML, which would have to be parsed again).

- Title: the first paragraph styled Title ("Titre"), else the document's title property,
  else the first line or first sentence (titles.heading_title, titles.derive_title).
- Paragraphs: every other paragraph in order, headings included (as paragraphs of their
  own), table rows as one paragraph each (cells joined by " – "); captions, the table of
  contents and empty paragraphs are left out. Footnotes, comments and text boxes are not read.
- The author and creation date properties name who made the file and when, not the
  article's author and date: they are only given in the notes.
"""

from __future__ import annotations

import zipfile
from pathlib import Path
from typing import TYPE_CHECKING

from . import Imported, ImportProblem, register
from .common import finish
from ...i18n import N_, _

if TYPE_CHECKING:
    from docx.document import Document
    from docx.table import Table

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SKIPPED_STYLES = ("caption", "légende", "toc", "table des matières", "tm ")
_RESAVE = N_("open it in Word or LibreOffice and save it again as .docx")


@register(".docx")
def import_docx(path: Path) -> Imported:
    """A Word document: paragraphs and tables in order, title from the Title style."""
    from docx.table import Table

    document = _open(path)
    title = ""
    paragraphs = []
    for block in document.iter_inner_content():
        if isinstance(block, Table):
            paragraphs += _rows(block)
            continue
        style = (block.style.name if block.style is not None else "").lower()
        text = block.text
        if not text.strip() or style.startswith(_SKIPPED_STYLES):
            continue
        if style in ("title", "titre") and not title:
            title = text
            continue
        paragraphs.append(text)
    notes = _properties(document)
    if not title and (document.core_properties.title or "").strip():
        title = document.core_properties.title
        notes.insert(0, "title from the document's properties")
    return finish(paragraphs, title=title, notes=notes)


def _open(path: Path) -> Document:
    """The python-docx document, or ImportProblem for a protected, foreign or damaged file."""
    import docx
    from docx.opc.exceptions import PackageNotFoundError

    with path.open("rb") as file:
        head = file.read(8)
    if head == _OLE:
        raise ImportProblem(
            _("the document is password-protected (or is an old Word file renamed .docx)"),
            _("open it in Word or LibreOffice, remove the password or save it as .docx, then import it again"),
        )
    if not zipfile.is_zipfile(path):
        raise ImportProblem(_("not a Word document, or a damaged one"), _(_RESAVE))
    try:
        document = docx.Document(str(path))
        list(document.iter_inner_content())  # a damaged body fails here, not halfway through
    except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
        raise ImportProblem(_("the Word document is damaged ({error})").format(error=error), _(_RESAVE)) from error
    return document


def _rows(table: Table) -> list[str]:
    """Each row of a table as one paragraph, its cells joined by " – "."""
    rows = []
    for row in table.rows:
        cells: list[str] = []
        for cell in row.cells:
            text = " ".join(cell.text.split())
            if text and (not cells or cells[-1] != text):  # merged cells repeat
                cells.append(text)
        if cells:
            rows.append(" – ".join(cells))
    return rows


def _properties(document: Document) -> list[str]:
    """Notes on the author and creation date properties, which name who made the file and when."""
    properties = document.core_properties
    notes = []
    if (properties.author or "").strip():
        notes.append(_("document's author property: {author} (not used as the article's author)").format(author=properties.author.strip()))
    if properties.created:
        notes.append(_("document created on {date:%Y-%m-%d} (not used as the article's date)").format(date=properties.created))
    return notes
