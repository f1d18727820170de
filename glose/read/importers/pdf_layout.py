"""A PDF's lines -> an article's paragraphs: running headers, footers and page numbers
dropped, the title found, lines grouped into paragraphs and words cut at line ends rejoined
(rules 2 to 6 of pdf.py's docstring)."""

from __future__ import annotations

import math
import re
import statistics
from dataclasses import dataclass

_PAGE_NUMBER = re.compile(r"^\W*(?:page|p\.)?\s*\d{1,4}(?:\s*(?:/|sur|of|de)\s*\d{1,4})?\W*$", re.IGNORECASE)
_SENTENCE_END = re.compile(r"[.!?…:»\"”)]\s*$")
_WORD = re.compile(r"[^\W\d_]+(?:['’-][^\W\d_]+)*")
_JOINED_WITH_HYPHEN = {
    "être", "ci", "là", "même", "mêmes", "t", "je", "tu", "il", "elle", "on", "nous", "vous", "ils",
    "elles", "le", "la", "les", "lui", "leur", "moi", "toi", "y", "en", "ce",
}
_HYPHENS = ("-", "\u2010", "\u00ad")


@dataclass
class Line:
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


def _edge_lines(page: list[Line], height: float) -> list[Line]:
    """The two top-most and two bottom-most lines when they lie in the page's margins (15%)."""
    ordered = sorted(page, key=lambda line: -line.y1)
    top = [line for line in ordered[:2] if line.y0 >= height * 0.85]
    bottom = [line for line in ordered[-2:] if line.y1 <= height * 0.15]
    return top + [line for line in bottom if line not in top]


def without_running_lines(pages: list[list[Line]], heights: list[float]) -> list[list[Line]]:
    """Pages without running headers and footers (rule 2) and page numbers (rule 3)."""

    def key(line: Line) -> str:
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


def layout_title(lines: list[Line], body_size: float) -> tuple[str, list[Line]]:
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


def paragraphs_of(lines: list[Line]) -> list[str]:
    """Lines grouped into paragraphs (rule 5) and joined (rule 6)."""
    if not lines:
        return []
    gaps = [prev.y0 - line.y1 for prev, line in zip(lines, lines[1:]) if prev.page == line.page and prev.y0 >= line.y1]
    usual_gap = statistics.median(gaps) if gaps else 0.0
    widest = max(line.x1 - line.x0 for line in lines)
    vocabulary, hyphenated = _vocabulary(lines)
    paragraphs: list[list[Line]] = [[lines[0]]]
    for prev, line in zip(lines, lines[1:]):
        if _starts_paragraph(prev, line, usual_gap, widest):
            paragraphs.append([line])
        else:
            paragraphs[-1].append(line)
    return [_join(group, vocabulary, hyphenated) for group in paragraphs]


def _starts_paragraph(prev: Line, line: Line, usual_gap: float, widest: float) -> bool:
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


def _vocabulary(lines: list[Line]) -> tuple[set[str], set[str]]:
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


def _join(group: list[Line], vocabulary: set[str], hyphenated: set[str]) -> str:
    """The lines of one paragraph joined, words cut at line ends rejoined (rule 6)."""
    text = group[0].text
    for line in group[1:]:
        nxt = line.text
        if text.endswith("\u00ad"):
            text = text[:-1] + nxt
        elif text.endswith(("-", "\u2010")) and len(text) > 1 and text[-2].isalpha():
            text = text[:-1] + ("-" if keeps_hyphen(text[:-1], nxt, vocabulary, hyphenated) else "") + nxt
        else:
            text = f"{text} {nxt}"
    return text


def keeps_hyphen(before: str, after: str, vocabulary: set[str], hyphenated: set[str]) -> bool:
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
