"""PDF files with a text layer (.pdf).

pdfminer.six gives every line of text with its position and font size, which paragraphs,
running headers and hyphenation can only be rebuilt from (pypdf gives a page's text as one
string); it is pure Python, maintained, and opens files encrypted with an empty password.

Rules, in order:

1. Opening: a file encrypted with a password is refused, unless the empty password opens it
   (then a note says so). A PDF without text (scanned pages: images only) is refused.
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

import math
import re
import statistics
from dataclasses import dataclass
from pathlib import Path

from . import ImportProblem, register
from .common import finish

_PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.)?\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?\W*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:»\"”)]\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_JOINED_WITH_HYPHEN = {
    "être", "ci", "là", "même", "mêmes", "t", "je", "tu", "il", "elle", "on", "nous", "vous", "ils",
    "elles", "le", "la", "les", "lui", "leur", "moi", "toi", "y", "en", "ce",
}
_FILE_TITLE = re.compile(r"^(?:microsoft\s+\w+\s*-|untitled|sans titre|document\d*$)|\.(?:docx?|odt|pdf|indd|qxd|rtf|txt)$", re.IGNORECASE)
_HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass
class _Line:
    text: str
    x0: float
    y0: float
    x1: float
    y1: float
    size: float
    page: int

    @property
    def height(self) -> float:
        return max(self.y1 - self.y0, 1.0)


@register(".pdf")
class PdfImporter:
    """A PDF with a text layer: lines from pdfminer.six, rebuilt into paragraphs."""

    def __call__(self, path: Path):
        notes: list[str] = []
        pages, heights, info, has_images = _read(path, notes)
        if sum(len(line.text.replace(" ", "")) for page in pages for line in page) < 20:
            if has_images:
                raise ImportProblem(
                    f"{path.name}: the PDF has no text layer, only images (a scan?)",
                    "run text recognition on it (for example with ocrmypdf) or copy the text into a .txt file",
                )
            raise ImportProblem(f"{path.name}: the PDF holds no text", "check that it is the article itself")
        pages = _without_running_lines(pages, heights)
        lines = [line for page in pages for line in page]
        if not lines:
            raise ImportProblem(
                f"{path.name}: the PDF holds no text besides headers and page numbers",
                "check that it is the article itself",
            )
        body_size = statistics.median(line.size for line in lines for _ in range(max(len(line.text) // 10, 1)))
        title, lines = _layout_title(lines, body_size)
        if not title:
            candidate = " ".join(str(info.get("Title") or "").split())
            if candidate and not _FILE_TITLE.search(candidate) and len(candidate) <= 200:
                title = candidate
                notes.append("title from the document's properties")
        author = " ".join(str(info.get("Author") or "").split())
        if author:
            notes.append(f"document's author property: {author} (not used as the article's author)")
        return finish(_paragraphs(lines), source=path.name, title=title, notes=notes)


def _read(path: Path, notes: list[str]):
    """Lines of text per page, page heights, the document's info and whether it has images."""
    from pdfminer.converter import PDFPageAggregator
    from pdfminer.layout import LAParams, LTChar, LTContainer, LTImage, LTTextLine
    from pdfminer.pdfdocument import PDFDocument, PDFEncryptionError, PDFPasswordIncorrect
    from pdfminer.pdfinterp import PDFPageInterpreter, PDFResourceManager
    from pdfminer.pdfpage import PDFPage
    from pdfminer.pdfparser import PDFParser
    from pdfminer.psparser import PSException
    from pdfminer.utils import decode_text

    damaged = ImportProblem(
        f"{path.name}: the PDF is damaged or is not a PDF",
        "open it in a PDF reader and save or print it again as PDF",
    )
    with path.open("rb") as file:
        if b"%PDF" not in file.read(1024):
            raise damaged
        file.seek(0)
        try:
            document = PDFDocument(PDFParser(file), password="")
        except PDFPasswordIncorrect as error:
            raise ImportProblem(
                f"{path.name}: the PDF is protected by a password",
                "open it with its password in a PDF reader, print it to a new PDF without one, and import that",
            ) from error
        except PDFEncryptionError as error:
            raise ImportProblem(
                f"{path.name}: the PDF uses an encryption that cannot be read ({error})",
                "print it to a new PDF and import that",
            ) from error
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise damaged from error
        if document.encryption is not None:
            notes.append("the PDF is encrypted, but with an empty password: it was opened without one")
        if not document.is_extractable:
            notes.append("the PDF asks not to copy its text: check that you may use it")
        info = {}
        for entry in document.info:
            for key, value in entry.items():
                try:
                    value = _resolve(value)
                    info[key] = decode_text(value) if isinstance(value, bytes) else value
                except Exception:  # a broken info entry is only metadata
                    continue
        manager = PDFResourceManager()
        device = PDFPageAggregator(manager, laparams=LAParams())
        interpreter = PDFPageInterpreter(manager, device)
        pages, heights, has_images = [], [], False
        try:
            for number, page in enumerate(PDFPage.create_pages(document)):
                interpreter.process_page(page)
                layout = device.get_result()
                heights.append(layout.height)
                lines = []
                stack = list(layout)
                while stack:
                    item = stack.pop(0)
                    if isinstance(item, LTImage):
                        has_images = True
                    elif isinstance(item, LTTextLine):
                        text = " ".join(item.get_text().split())
                        chars = [char for char in item if isinstance(char, LTChar)]
                        sizes = [char.size for char in chars]
                        # Where the ink starts: an indent may be made of leading spaces.
                        x0 = next((char.x0 for char in chars if char.get_text().strip()), item.x0)
                        if text:
                            lines.append(_Line(text, x0, item.y0, item.x1, item.y1,
                                               statistics.median(sizes) if sizes else item.height, number))
                    elif isinstance(item, LTContainer):
                        stack[:0] = list(item)
                pages.append(lines)
        except (PSException, ValueError, KeyError, TypeError, AttributeError, IndexError) as error:
            raise damaged from error
    return pages, heights, info, has_images


def _resolve(value):
    """A PDF object resolved to a Python value."""
    from pdfminer.pdftypes import resolve1

    return resolve1(value)


def _edge_lines(page: list[_Line], height: float) -> list[_Line]:
    """The two top-most and two bottom-most lines when they lie in the page's margins (15%)."""
    ordered = sorted(page, key=lambda line: -line.y1)
    top = [line for line in ordered[:2] if line.y0 >= height * 0.85]
    bottom = [line for line in ordered[-2:] if line.y1 <= height * 0.15]
    return top + [line for line in bottom if line not in top]


def _without_running_lines(pages: list[list[_Line]], heights: list[float]) -> list[list[_Line]]:
    """Pages without running headers and footers (rule 2) and page numbers (rule 3)."""

    def key(line: _Line) -> str:
        return re.sub(r"\d+", "#", " ".join(line.text.casefold().split()))

    edges = [_edge_lines(page, height) for page, height in zip(pages, heights)]
    counts: dict[str, int] = {}
    for page_edges in edges:
        for text in {key(line) for line in page_edges}:
            counts[text] = counts.get(text, 0) + 1
    needed = max(2, math.ceil(len(pages) / 2))
    kept = []
    for page, page_edges in zip(pages, edges):
        dropped = {id(line) for line in page_edges if counts[key(line)] >= needed or _PAGE_NUMBER.match(line.text)}
        kept.append([line for line in page if id(line) not in dropped])
    return kept


def _layout_title(lines: list[_Line], body_size: float) -> tuple[str, list[_Line]]:
    """The large lines at the top of page 1 (rule 4) and the other lines."""
    taken = []
    for line in lines[:5]:
        if line.page != 0 or line.size < body_size * 1.25:
            break
        taken.append(line)
    title = " ".join(line.text for line in taken)
    if not taken or len(title) > 200:
        return "", lines
    return title, lines[len(taken):]


def _paragraphs(lines: list[_Line]) -> list[str]:
    """Lines grouped into paragraphs (rule 5) and joined (rule 6)."""
    if not lines:
        return []
    gaps = [prev.y0 - line.y1 for prev, line in zip(lines, lines[1:]) if prev.page == line.page and prev.y0 >= line.y1]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    widest = max(line.x1 - line.x0 for line in lines)
    vocabulary, hyphenated = _vocabulary(lines)
    paragraphs: list[list[_Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _starts_paragraph(prev, line, usual_gap, widest):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [_join(group, vocabulary, hyphenated) for group in paragraphs]


def _starts_paragraph(prev: _Line, line: _Line, usual_gap: float, widest: float) -> bool:
    """Whether ``line`` starts a new paragraph after ``prev`` (rule 5)."""
    ends_sentence = bool(_SENTENCE_END.search(prev.text)) and not prev.text.endswith(_HYPHENS)
    if line.page != prev.page or line.y1 > prev.y1 + 2:  # a new page or a new column
        starts_lower = line.text[:1].islower()
        return ends_sentence and not starts_lower
    if abs(line.size - prev.size) > 1:
        return True
    if prev.y0 - line.y1 > usual_gap + prev.height / 2:
        return True
    if line.x0 > prev.x0 + prev.size:  # an indented first line
        return True
    return ends_sentence and (prev.x1 - prev.x0) < widest * 0.85


def _vocabulary(lines: list[_Line]) -> tuple[set[str], set[str]]:
    """Words of the document and its hyphenated words, as found inside lines (rule 6)."""
    words: set[str] = set()
    hyphenated: set[str] = set()
    for line in lines:
        text = line.text[:-1] if line.text.endswith(_HYPHENS) else line.text
        for word in _WORD.findall(text):
            word = word.casefold()
            (hyphenated if "-" in word else words).add(word)
            words.update(part for part in word.split("-") if part)
    return words, hyphenated


def _join(group: list[_Line], vocabulary: set[str], hyphenated: set[str]) -> str:
    """The lines of one paragraph joined, words cut at line ends rejoined (rule 6)."""
    text = group[0].text
    for line in group[1:]:
        nxt = line.text
        if text.endswith("\u00ad"):
            text = text[:-1] + nxt
        elif text.endswith(("-", "\u2010")) and len(text) > 1 and text[-2].isalpha():
            text = text[:-1] + ("-" if _keeps_hyphen(text[:-1], nxt, vocabulary, hyphenated) else "") + nxt
        else:
            text = f"{text} {nxt}"
    return text


def _keeps_hyphen(before: str, after: str, vocabulary: set[str], hyphenated: set[str]) -> bool:
    """Whether the hyphen at the end of ``before`` belongs to a compound word (rule 6)."""
    left = re.search(r"[^\W\d_][\w'’-]*$", before)
    right = re.match(r"[\w'’]+", after)
    if not left or not right:
        return True
    left_word, right_word = left.group(), right.group()
    if right_word[0].isupper() or right_word[0].isdigit():
        return True
    if "-" in left_word:
        return True
    if right_word.casefold() in _JOINED_WITH_HYPHEN:
        return True
    compound = f"{left_word}-{right_word}".casefold()
    joined = f"{left_word}{right_word}".casefold()
    return compound in hyphenated and joined not in vocabulary
