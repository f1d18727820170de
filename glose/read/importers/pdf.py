"""PDF files with a text layer (.pdf).

pdfminer.six gives every line of text with its position and font size, which paragraphs,
running headers and hyphenation can only be rebuilt from (pypdf gives a page's text as one
string); it is pure Python, maintained, and opens files encrypted with an empty password.

Rules, in order:

1. Opening: a file encrypted with a password is refused, unless the empty password opens it
   (then a note says so). A PDF without text (scanned pages: images only) is refused.
   Lines: letters further apart than four letter widths (pdfminer's default: two) start a
   new box, so that the wide spaces of a justified line, as a browser prints them, keep the
   line whole and in order; a space glyph that takes no room (the next letter overlaps it:
   how Chromium prints a soft hyphen inside a word) is not a space.
2. Running headers and footers: on each page the two top-most and two bottom-most lines
   lying in the top or bottom 15% of the page are candidates; a candidate whose text, with
   digits counted as equal (``Page 3`` = ``Page 4``), is a candidate on at least half of the
   pages (and on two pages at least) is dropped wherever it is a candidate.
3. Page numbers: a candidate that is only a page number (``3``, ``- 3 -``, ``Page 3``,
   ``3/12``, ``page 3 sur 12``) is dropped, repeated or not.
4. Title: the line or lines at the top of page 1 set at least 1.25 times larger than the
   body text (the median size); else the document's title property when it is not a file
   name ("Microsoft Word - x.docx"); else the first line or sentence (titles.py).
5. Paragraphs: a new paragraph starts at a font size change, at a vertical gap clearly
   larger than the usual gap between lines (more than the median gap plus half a line), at a
   first line indented from the previous line, or after a line ending a sentence well short
   of the right margin (less than 85% of the widest line). A new page or column continues
   the paragraph when the previous line does not end a sentence or the next one starts in
   lower case.
6. Words cut at a line end: a line ending with a soft hyphen is always joined. A line ending
   with a hyphen after a letter is joined without the hyphen ("dé-" + "borde" ->
   "déborde") unless the hyphen is part of a compound:
   - the next line starts with a capital or a digit ("Interfax-" + "Ukraine", "2019-" +
     "2020");
   - the word before the hyphen already holds a hyphen ("vis-à-" + "vis");
   - the next word is one that French joins with a hyphen: être, ci, là, même(s), t, the
     subject and object pronouns (je, tu, il, elle, on, nous, vous, ils, elles, le, la, les,
     lui, leur, moi, toi, y, en), ce ("peut-" + "être", "dit-" + "elle", "celui-" + "ci");
   - the hyphenated word appears elsewhere in the document inside a line ("porte-parole"),
     and the joined word does not.
   A line ending with a dash (– —) or anything else is joined with a space.
"""

from __future__ import annotations

import re
import statistics
from dataclasses import dataclass, field
from pathlib import Path
from typing import TYPE_CHECKING, Any, BinaryIO

from . import Imported, ImportProblem, register
from .common import finish
from .pdf_layout import Line, layout_title, paragraphs_of, without_running_lines
from ...i18n import N_, _

if TYPE_CHECKING:
    from pdfminer.layout import LTTextLine
    from pdfminer.pdfdocument import PDFDocument

_FILE_TITLE = re.compile(
    r"^(?:microsoft\s+\w+\s*-|untitled|sans titre|document\d*$)|\.(?:docx?|odt|pdf|indd|qxd|rtf|txt)$", re.IGNORECASE
)
_DAMAGED = ImportProblem(N_("the PDF is damaged or is not a PDF"), N_("open it in a PDF reader and save or print it again as PDF"))


@dataclass
class _Read:
    """What is read from a PDF: lines per page, page heights, properties, whether it has images."""

    pages: list[list[Line]] = field(default_factory=list)
    heights: list[float] = field(default_factory=list)
    info: dict[str, Any] = field(default_factory=dict)
    has_images: bool = False
    notes: list[str] = field(default_factory=list)


@register(".pdf")
def import_pdf(path: Path) -> Imported:
    """A PDF with a text layer: lines from pdfminer.six, rebuilt into paragraphs."""
    read = _read(path)
    if sum(len(line.text.replace(" ", "")) for page in read.pages for line in page) < 20:
        if read.has_images:
            raise ImportProblem(
                _("the PDF has no text layer, only images (a scan?)"),
                _("run text recognition on it (for example with ocrmypdf) or copy the text into a .txt file"),
            )
        raise ImportProblem(_("the PDF holds no text"), _("check that it is the article itself"))
    lines = [line for page in without_running_lines(read.pages, read.heights) for line in page]
    if not lines:
        raise ImportProblem(_("the PDF holds no text besides headers and page numbers"), _("check that it is the article itself"))
    body_size = statistics.median(line.size for line in lines for _ in range(max(len(line.text) // 10, 1)))
    title, lines = layout_title(lines, body_size)
    notes = read.notes
    if not title:
        candidate = " ".join(str(read.info.get("Title") or "").split())
        if candidate and not _FILE_TITLE.search(candidate) and len(candidate) <= 200:
            title = candidate
            notes.append(_("title from the document's properties"))
    author = " ".join(str(read.info.get("Author") or "").split())
    if author:
        notes.append(_("document's author property: {author} (not used as the article's author)").format(author=author))
    return finish(paragraphs_of(lines), title=title, notes=notes)


def _read(path: Path) -> _Read:
    """Open the PDF (with the empty password when it is encrypted) and read its lines."""
    from pdfminer.psparser import PSException

    read = _Read()
    with path.open("rb") as file:
        if b"%PDF" not in file.read(1024):
            raise _DAMAGED
        file.seek(0)
        document = _open(file, read.notes)
        read.info = _info(document)
        try:
            _pages(document, read)
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise _DAMAGED from error
    return read


def _open(file: BinaryIO, notes: list[str]) -> PDFDocument:
    """The pdfminer document, or ImportProblem for a password or a damaged file."""
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException

    try:
        document = PDFDocument(PDFParser(file), password="")
    except PDFPasswordIncorrect as error:
        raise ImportProblem(
            _("the PDF is protected by a password"),
            _("open it with its password in a PDF reader, print it to a new PDF without one, and import that"),
        ) from error
    except PDFEncryptionError as error:
        raise ImportProblem(_("the PDF uses an encryption that cannot be read ({error})").format(error=error), _("print it to a new PDF and import that")) from error
    except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
        raise _DAMAGED from error
    if document.encryption is not None:
        notes.append(_("the PDF is encrypted, but with an empty password: it was opened without one"))
    if not document.is_extractable:
        notes.append(_("the PDF asks not to copy its text: check that you may use it"))
    return document


def _info(document: PDFDocument) -> dict[str, Any]:
    """The document's properties (Title, Author...) as Python values; broken ones left out."""
    from pdfminer.pdftypes import resolve1
    from pdfminer.utils import decode_text

    info: dict[str, Any] = {}
    for entry in document.info:
        for key, value in entry.items():
            try:
                value = resolve1(value)
                info[key] = decode_text(value) if isinstance(value, bytes) else value
            except Exception:  # a broken property is only metadata
                continue
    return info


def _pages(document: PDFDocument, read: _Read) -> None:
    """Every page's lines of text (with where the ink starts and the font size) and height."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTContainer, LTImage, LTTextLine
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage

    manager = PDFResourceManager()
    # char_margin 4 (pdfminer: 2): a justified line's wide spaces do not split it into boxes read out of order
    device = PDFPageAggregator(manager, laparams=LAParams(char_margin=4.0))
    interpreter = PDFPageInterpreter(manager, device)
    for number, page in enumerate(PDFPage.create_pages(document)):
        interpreter.process_page(page)
        layout = device.get_result()
        read.heights.append(layout.height)
        lines = []
        stack: list[Any] = list(layout)
        while stack:
            item = stack.pop(0)
            if isinstance(item, LTImage):
                read.has_images = True
            elif isinstance(item, LTTextLine):
                line = _line(item, number)
                if line is not None:
                    lines.append(line)
            elif isinstance(item, LTContainer):
                stack[:0] = list(item)
        read.pages.append(lines)


def _line(item: LTTextLine, page: int) -> Line | None:
    """One line of text; None when it is blank."""
    from pdfminer.layout import LTChar

    text = _line_text(list(item))
    if not text:
        return None
    chars = [char for char in item if isinstance(char, LTChar)]
    sizes = [char.size for char in chars]
    # Where the ink starts: an indent may be made of leading spaces.
    x0 = next((char.x0 for char in chars if char.get_text().strip()), item.x0)
    return Line(text, x0, item.y0, item.x1, item.y1, statistics.median(sizes) if sizes else item.height, page)


def _line_text(children: list[Any]) -> str:
    """The text of a line, without the spaces that take no room: Chromium prints a soft hyphen
    inside a word as a space glyph that the next letter overlaps ("écri vains")."""
    from pdfminer.layout import LTChar

    parts = []
    for index, child in enumerate(children):
        text = child.get_text()
        if isinstance(child, LTChar) and text == " ":
            after = next((c for c in children[index + 1 :] if isinstance(c, LTChar)), None)
            if after is not None and after.x0 < child.x0 + child.width / 2:
                continue
        parts.append(text)
    return " ".join("".join(parts).split())
