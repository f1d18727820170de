"""An article's header: the `key value` lines at the top of a .txt article, or the front matter
of a .md article, as one typed Header (each field with its file line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields as dataclass_fields

from ..diagnostics import Report
from . import fields
from .frontmatter import FrontMatter

_HEADER_RE = re.compile(r"[ \t]*([a-z][a-z_]*)[ \t]+(\S.*?)[ \t]*$")


@dataclass(frozen=True, slots=True)
class Field:
    """One header field as written."""

    value: str
    """The value, whitespace-trimmed."""
    line: int
    """1-based file line of the field."""


@dataclass(frozen=True, slots=True)
class Header:
    """The fields of an article's header (fields.ARTICLE_KEYS); None for a field not written."""

    title: Field | None = None
    """The title."""
    date: Field | None = None
    """The date as written (checked later: fields.check_date)."""
    source: Field | None = None
    """The publication."""
    author: Field | None = None
    """The author."""
    url: Field | None = None
    """The address of the original."""
    lang: Field | None = None
    """The language code."""
    tags: tuple[str, ...] = ()
    """The tags, split."""
    tags_line: int = 0
    """The line of the tags field (0 when there is none)."""

    @property
    def last_line(self) -> int:
        """The line of the last field (0 for an empty header)."""
        lines = [f.line for f in (self.title, self.date, self.source, self.author, self.url, self.lang) if f]
        return max([*lines, self.tags_line])

    def __bool__(self) -> bool:
        return self.last_line > 0


def _header(found: dict[str, Field], tags: tuple[str, ...] = (), tags_line: int = 0) -> Header:
    names = {f.name for f in dataclass_fields(Header)}
    return Header(**{k: v for k, v in found.items() if k in names and k != "tags"}, tags=tags, tags_line=tags_line)


def parse_text_header(lines: list[str], shown: str, report: Report) -> tuple[Header, int, str]:
    """The header of a .txt article, the number of lines it takes, and text that shares the
    date's line (the shipped file starts ` date 2022-02 "Nous avons...`)."""
    block = []
    for line in lines:
        if not line.strip():
            break
        block.append(line)
    matches = [_HEADER_RE.match(line) for line in block]
    whole_block = bool(block) and all(matches) and any(m[1] in fields.ARTICLE_KEYS for m in matches if m)
    found: dict[str, Field] = {}
    used, rest = len(block), ""
    for number, match in enumerate(matches, start=1):
        if not match or (match[1] not in fields.ARTICLE_KEYS and not whole_block):
            used = number - 1
            break
        key, value = match[1], match[2]
        if key not in fields.ARTICLE_KEYS:
            report.warning(shown, number, f"unknown header key {key!r} ignored; use one of {', '.join(fields.ARTICLE_KEYS)}")
            continue
        if key in found:
            report.error(shown, number, f"header key {key!r} appears twice (first on line {found[key].line}); keep only one")
            continue
        token, _, after = value.partition(" ")
        if key == "date" and after.strip() and fields.is_date_token(token):
            # A date takes one word; what follows starts the text (the shipped file is so).
            found[key] = Field(token, number)
            used, rest = number, after.strip()
            break
        found[key] = Field(value, number)
    tags = found.pop("tags", None)
    return _header(found, fields.split_tags(tags.value) if tags else (), tags.line if tags else 0), used, rest


def header_from_front_matter(front: FrontMatter, shown: str, report: Report) -> Header:
    """The header of a .md article: its front matter's keys (`tags` as a YAML list)."""
    found: dict[str, Field] = {}
    tags: tuple[str, ...] = ()
    tags_line = 0
    for key in front.data:
        line = front.lines.of(key)
        if key not in fields.ARTICLE_KEYS:
            report.warning(shown, line, f"unknown front-matter key {key!r} ignored; use one of {', '.join(fields.ARTICLE_KEYS)}")
        elif key == "tags":
            tags, tags_line = fields.as_list(front.data, key, shown, line, report, front.lines), line
        else:
            found[key] = Field(fields.as_text(front.data, key, shown, line, report), line)
    return _header(found, tags, tags_line)
