"""An article's header: the `key value` lines at the top of a .txt article, or the front matter
of a .md article, as one typed Header (each field with its file line)."""

from __future__ import annotations

import re
from dataclasses import dataclass, fields as dataclass_fields

from ..diagnostics import Report
from . import fields
from .dates import is_written_date, normalise_date
from .frontmatter import FrontMatter
from ..i18n import _

_KEY_LINE_RE = re.compile(r"[ \t]*(?P<key>[^\W\d_][\w'’-]*)[ \t]*(?P<colon>:)?[ \t]*(?P<value>.*?)[ \t]*")
_LABEL_RE = re.compile(r"[ \t]*(?P<key>[^\W\d_][\w'’-]*(?:[ \t]+[^\W\d_][\w'’-]*){1,2})[ \t]*:[ \t]*(?P<value>.*?)[ \t]*")


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
    date's line (the shipped file starts ` date 2022-02 "Nous avons...`). The header is read
    from the top down to the first blank line or the first line that is not a header line
    (see _understood); a line that looks like a header line but is not understood (an unknown
    or misspelt key) is left out of the text with a warning."""
    block = []
    for line in lines:
        if not line.strip():
            break
        block.append(line)
    parsed = [_key_line(line) for line in block]
    in_header = any(k is not None and _understood(k) for k in parsed)
    found: dict[str, Field] = {}
    used, rest = len(block), ""
    for number, k in enumerate(parsed, start=1):
        if k is None or not (_understood(k) or _looks_like_header(k, in_header)):
            used = number - 1
            break
        field, rest = _field(k, number, found, shown, report)
        if field is not None and k.name is not None:
            found[k.name] = field
        if rest:
            used = number
            break
    tags = found.pop("tags", None)
    return _header(found, fields.split_tags(tags.value) if tags else (), tags.line if tags else 0), used, rest


@dataclass(frozen=True, slots=True)
class _KeyLine:
    """A line of the form `key value` or `key: value`."""

    text: str
    """The line, stripped."""
    key: str
    """The key as written."""
    name: str | None
    """The key it stands for (fields.article_key), None for an unknown one."""
    colon: bool
    """Whether a colon follows the key."""
    value: str
    """The value, stripped ("" for none)."""


def _key_line(line: str) -> _KeyLine | None:
    """The line read as `key value` or `key: value` (an unknown key may be up to three words
    before a colon: `Date de publication : ...`); None when it has neither shape."""
    match = _KEY_LINE_RE.fullmatch(line)
    single = None
    if match and (match["colon"] or (match["value"] and line[match.end("key")] in " \t")):
        if not (match["colon"] and match["value"].startswith("//")):  # https://...
            single = _KeyLine(line.strip(), match["key"], fields.article_key(match["key"]), bool(match["colon"]), match["value"])
    if single is not None and (single.name is not None or single.colon):
        return single
    label = _LABEL_RE.fullmatch(line)
    if label and not label["value"].startswith("//"):
        return _KeyLine(line.strip(), label["key"], None, True, label["value"])
    return single


def _understood(k: _KeyLine) -> bool:
    """A header line: a known key (any case, English or French) and its value. A key written
    with a capital and no colon must be followed by a value that starts with a capital, a
    digit or http (`Tags UE`, `Date 2022-02`): `Source de tensions, ...` or `Date limite ...`
    is the first sentence of the text."""
    if k.name is None:
        return False
    if k.colon or k.key.islower():
        return True
    value = k.value
    return value[:1].isupper() or value[:1].isdigit() or value.startswith("http") or (
        k.name == "lang" and fields.is_lang_code(value))


def _looks_like_header(k: _KeyLine, in_header: bool) -> bool:
    """A line that is not understood but looks like a header line: a misspelt key written in
    lower case or before a colon (`autor Moi`, `Titel: ...`), or, in a header, any `key:`
    line or lower-case `key value` line (`publié le: ...`, `rubrique monde`)."""
    if not (k.colon or k.key.islower()):
        return False
    return in_header or _misspelt_key(k.key)


def _misspelt_key(word: str) -> bool:
    """A word of five letters or more within two edits of a key's name (`autor`, `titel`)."""
    word = word.casefold()
    return len(word) >= 5 and any(_distance(word, name) <= 2 for name in fields.ARTICLE_KEY_NAMES if len(name) >= 4)


def _distance(a: str, b: str) -> int:
    """Levenshtein distance between two short words."""
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        previous = current
    return previous[-1]


def _field(k: _KeyLine, number: int, found: dict[str, Field], shown: str, report: Report) -> tuple[Field | None, str]:
    """The field of one header line (None after a warning or an error), and text that starts
    on the same line (after a date)."""
    if k.name is None:
        report.warning(shown, number, _("{line!r} looks like a header line, but {key!r} is not a key Glose reads{nearest}, "
                                        "so the line was left out of the text; write one of {keys}, or delete the line").format(
                       line=k.text[:60], key=k.key, nearest=fields.nearest(k.key, fields.ARTICLE_KEY_NAMES), keys=_(fields.ARTICLE_KEYS_SHOWN)))
        return None, ""
    if not k.value:
        report.warning(shown, number, _("header line {line!r} has no value; write it after the key, or delete the line").format(line=k.text))
        return None, ""
    if k.name in found:
        report.error(shown, number, _("header key {key!r} appears twice (first on line {first}); keep only one").format(key=k.key, first=found[k.name].line))
        return None, ""
    token, _space, after = k.value.partition(" ")
    if k.name == "date" and after.strip() and fields.is_date_token(token):
        # A date takes one word; what follows starts the text (the shipped file is so).
        return Field(token, number), after.strip()
    if k.name == "date" and is_written_date(k.value):
        return Field(normalise_date(k.value), number), ""  # "3 mars 2024" -> 2024-03-03
    return Field(k.value, number), ""


def header_from_front_matter(front: FrontMatter, shown: str, report: Report) -> Header:
    """The header of a .md article: its front matter's keys (any case, English or French
    names, `tags` as a YAML list)."""
    found: dict[str, Field] = {}
    tags: tuple[str, ...] = ()
    tags_line = 0
    for key in front.data:
        line = front.lines.of(key)
        name = fields.article_key(str(key))
        if name is None:
            report.warning(shown, line, _("unknown front-matter key {key!r}{nearest} ignored; use one of {keys}").format(
                key=key, nearest=fields.nearest(key, fields.ARTICLE_KEY_NAMES), keys=_(fields.ARTICLE_KEYS_SHOWN)))
        elif name in found or (name == "tags" and tags_line):
            first = tags_line if name == "tags" else found[name].line
            report.error(shown, line, _("key {key!r} appears twice (first on line {first}); keep only one").format(key=key, first=first))
        elif name == "tags":
            tags, tags_line = fields.as_list(front.data, key, shown, line, report, front.lines), line
        else:
            found[name] = Field(fields.as_text(front.data, key, shown, line, report), line)
    return _header(found, tags, tags_line)
