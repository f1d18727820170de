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

from . import ImportProblem, register
from .common import finish

_OLE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
_SKIPPED_STYLES = ("caption", "légende", "toc", "table des matières", "tm ")


@register(".docx")
class DocxImporter:
    """A Word document: paragraphs and tables in order, title from the Title style."""

    def __call__(self, path: Path):
        with path.open("rb") as file:
            head = file.read(8)
        if head == _OLE:
            raise ImportProblem(
                f"{path.name}: the document is password-protected (or is an old Word file renamed .docx)",
                "open it in Word or LibreOffice, remove the password or save it as .docx, then import it again",
            )
        if not zipfile.is_zipfile(path):
            raise ImportProblem(
                f"{path.name}: not a Word document, or a damaged one",
                "open it in Word or LibreOffice and save it again as .docx",
            )
        import docx
        from docx.opc.exceptions import PackageNotFoundError
        from docx.table import Table

        try:
            document = docx.Document(str(path))
            blocks = list(document.iter_inner_content())
        except (PackageNotFoundError, zipfile.BadZipFile, KeyError, ValueError, SyntaxError) as error:
            raise ImportProblem(
                f"{path.name}: the Word document is damaged ({error})",
                "open it in Word or LibreOffice and save it again as .docx",
            ) from error
        title = ""
        paragraphs = []
        for block in blocks:
            if isinstance(block, Table):
                for row in block.rows:
                    cells = []
                    for cell in row.cells:
                        text = " ".join(cell.text.split())
                        if text and (not cells or cells[-1] != text):  # merged cells repeat
                            cells.append(text)
                    if cells:
                        paragraphs.append(" – ".join(cells))
                continue
            style = (block.style.name if block.style is not None else "").lower()
            text = block.text
            if not text.strip() or style.startswith(_SKIPPED_STYLES):
                continue
            if style in ("title", "titre") and not title:
                title = text
                continue
            paragraphs.append(text)
        properties = document.core_properties
        notes = []
        if not title and (properties.title or "").strip():
            title = properties.title
            notes.append("title from the document's properties")
        if (properties.author or "").strip():
            notes.append(f"document's author property: {properties.author.strip()} (not used as the article's author)")
        if properties.created:
            notes.append(f"document created on {properties.created:%Y-%m-%d} (not used as the article's date)")
        return finish(paragraphs, source=path.name, title=title, notes=notes)
