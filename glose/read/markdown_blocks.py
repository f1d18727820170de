"""A Markdown body -> its top-level blocks, each marked prose (annotated) or verbatim (kept as
written: headings, fenced and indented code, raw HTML). Deliberately small: it only has to
know where terms must not be looked for, not how the Markdown renders."""

from __future__ import annotations

import re
from collections.abc import Iterable
from dataclasses import dataclass
from enum import StrEnum

from ..model import Paragraph, ParagraphKind

_FENCE_RE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
_ATX_RE = re.compile(r"^ {0,3}(#{1,6})(?:[ \t]+(.*?))?[ \t#]*$")
_SETEXT_RE = re.compile(r"^ {0,3}(=+|-+)[ \t]*$")
_HTML_RE = re.compile(r"^ {0,3}<(?:[a-zA-Z][\w-]*|!--|/[a-zA-Z])")


class BlockKind(StrEnum):
    """What a top-level block of Markdown is."""

    PROSE = "prose"
    """Paragraph, list, quote or table: text where terms are looked for."""
    HEADING = "heading"
    """An ATX (`# Title`) or setext heading."""
    VERBATIM = "verbatim"
    """Fenced or indented code, raw HTML: kept as written."""


@dataclass(frozen=True, slots=True)
class Block:
    """A top-level block of Markdown source."""

    kind: BlockKind
    """Prose, heading or verbatim."""
    source: str
    """The block's lines, joined with newlines, exactly as written."""
    line: int
    """1-based file line where the block starts."""
    level: int = 0
    """Heading level (1 to 6) for headings, else 0."""
    text: str = ""
    """Heading text for headings, else ""."""


def split_blocks(body: str, first_line: int) -> list[Block]:
    """Split on blank lines, keeping fenced code whole, and classify each block."""
    blocks: list[Block] = []
    lines = body.split("\n")
    i = 0
    while i < len(lines):
        if not lines[i].strip():
            i += 1
            continue
        end = _block_end(lines, i)
        blocks.append(_classify(lines[i:end], first_line + i))
        i = end
    return blocks


def _block_end(lines: list[str], start: int) -> int:
    """Index just past the block starting at start: a closed fence, or the next blank line."""
    fence = _FENCE_RE.match(lines[start])
    if fence:
        marker = fence.group(1)
        for j in range(start + 1, len(lines)):
            if lines[j].strip().startswith(marker[0] * len(marker)):
                return j + 1
        return len(lines)
    j = start
    while j < len(lines) and lines[j].strip():
        j += 1
    return j


def _classify(lines: list[str], line: int) -> Block:
    """Decide what a block is from its first lines."""
    source = "\n".join(lines)
    atx = _ATX_RE.match(lines[0])
    if atx and len(lines) == 1:
        return Block(BlockKind.HEADING, source, line, len(atx.group(1)), (atx.group(2) or "").strip())
    if len(lines) == 2 and _SETEXT_RE.match(lines[1]):
        level = 1 if lines[1].strip().startswith("=") else 2
        return Block(BlockKind.HEADING, source, line, level, lines[0].strip())
    if _FENCE_RE.match(lines[0]) or _HTML_RE.match(lines[0]) or atx:
        return Block(BlockKind.VERBATIM, source, line)
    if all(l.startswith(("    ", "\t")) for l in lines):
        return Block(BlockKind.VERBATIM, source, line)  # indented code
    return Block(BlockKind.PROSE, source, line)


def paragraphs_of(blocks: Iterable[Block], numbered: bool) -> list[Paragraph]:
    """Blocks as paragraphs: prose is annotated (numbered §1, §2 ... when `numbered`, as in an
    article; 0 in a definition), headings and code are verbatim (number 0)."""
    paragraphs, number = [], 0
    for block in blocks:
        if block.kind is BlockKind.PROSE:
            number += numbered
            paragraphs.append(Paragraph(number if numbered else 0, block.source, block.line, ParagraphKind.PROSE))
        else:
            paragraphs.append(Paragraph(0, block.source, block.line, ParagraphKind.VERBATIM))
    return paragraphs


# Inline spans where a term must never be annotated: code, links and images (text included),
# reference definitions, raw HTML elements and tags, autolinks, attribute lists, entities, URLs.
_PROTECTED_RE = re.compile(
    r"(`+)[\s\S]*?\1"
    r"|!?\[[^\]\n]*\]\([^)\n]*\)(?:\{[^}\n]*\})?"
    r"|!?\[[^\]\n]*\]\[[^\]\n]*\]"
    r"|^ {0,3}\[[^\]\n]+\]:.*$"
    r"|<([a-zA-Z][\w-]*)\b[^>]*>[\s\S]*?</\2\s*>"
    r"|<[^>\n]+>"
    r"|\{[^}\n]*\}"
    r"|&#?\w+;"
    r"|https?://\S+",
    re.MULTILINE,
)


def protected_spans(source: str) -> list[tuple[int, int]]:
    """(start, end) offsets of the inline constructs of a prose block that are not prose."""
    return [m.span() for m in _PROTECTED_RE.finditer(source)]
