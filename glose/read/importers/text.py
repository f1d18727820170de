"""Plain text (.txt) and Markdown (.md) files in any encoding.

charset-normalizer finds the encoding of a file that is not UTF-8: it is the detector that
pip and requests use, pure Python, maintained, and it reports one best guess with its name.
A .txt file's header is read by the ordinary reader's rules (header.parse_text_header: `key
value` or `key: value`, English or French keys). Markdown is turned into text with Markdown
(already a dependency of Glose) and lxml; its front matter takes the same keys.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from ...diagnostics import Report
from .. import fields
from ..header import parse_text_header
from . import Imported, ImportProblem, register
from .common import finish
from ...i18n import _

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NAMES = {
    "cp1252": "windows-1252", "latin_1": "ISO-8859-1", "iso8859_15": "ISO-8859-15", "mac_roman": "mac-roman",
    "cp850": "cp850", "utf_16": "UTF-16", "utf_32": "UTF-32", "cp1250": "windows-1250", "iso8859_2": "ISO-8859-2",
}
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)


def decode(data: bytes) -> tuple[str, list[str]]:
    """The text of a file and notes on its encoding: UTF-8 (with or without a byte-order
    mark) as is, any other encoding detected by charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                notes = [] if encoding == "utf-8-sig" else [_("encoding: {encoding}, from its byte-order mark (written as UTF-8)").format(encoding=_human(encoding))]
                return data.decode(encoding), notes
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ImportProblem(_("not a text file"), _("save the document as plain text, or import the original file"))
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportProblem(_("the encoding of the text could not be recognised"), _("re-save it as UTF-8 in a text editor"))
    encoding = codecs.lookup(best.encoding).name
    if encoding in ("latin_1", "iso8859-1") and re.search(rb"[\x80-\x9f]", data):
        # C1 control codes are never text: such bytes are Windows-1252 punctuation (’ œ …).
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = str(best)
    return text, [_("encoding detected: {encoding} (written as UTF-8)").format(encoding=_human(encoding))]


def _human(encoding: str) -> str:
    """The usual name of an encoding ("cp1252" -> "windows-1252")."""
    name = codecs.lookup(encoding).name
    return _NAMES.get(name.replace("-", "_"), name)


def _paragraphs(text: str) -> list[str]:
    """Paragraphs separated by blank lines; text with no blank line but a line longer than 150
    characters (no hard-wrapped text has one: a browser copies a paragraph per line) has a
    paragraph per line."""
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    lines = [line for line in text.split("\n") if line.strip()]
    has_blank = re.search(r"\n[ \t\u00a0]*\n", text.strip()) is not None
    if not has_blank and len(lines) > 1 and max(len(line) for line in lines) > 150:
        return lines
    return [block for block in re.split(r"\n[ \t\u00a0]*\n", text) if block.strip()]


def _header(text: str, notes: list[str]) -> tuple[dict[str, str], str]:
    """The header of a .txt file as the ordinary reader reads it, and the rest of the text;
    what the reader would warn about goes to the notes."""
    report = Report()
    lines = text.split("\n")
    header, used, rest = parse_text_header(lines, "", report)
    notes += [_("line {line}: {message}").format(line=d.line, message=d.message) for d in report.items]
    found = {key: field.value for key in ("title", "date", "source", "author", "url")
             if (field := getattr(header, key)) is not None}
    return found, "\n".join(([rest] if rest else []) + lines[used:])


def _front_matter(source: str) -> dict[str, str] | None:
    """The plain text values of a YAML front matter (nothing is built but strings, as the
    ordinary reader does: "date: 2024-03-07" stays "2024-03-07"), or None if it is not a
    mapping of YAML."""
    try:
        node = yaml.compose(source, Loader=yaml.SafeLoader)
    except (yaml.YAMLError, RecursionError):
        return None
    if not isinstance(node, yaml.MappingNode):
        return None
    return {
        name: value.value
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
        and (name := fields.article_key(str(key.value))) is not None
    }


@register(".txt")
def import_text(path: Path) -> Imported:
    """A .txt file: an optional Glose header, then paragraphs."""
    text, notes = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    fields_, body = _header(text, notes)
    return finish(
        _paragraphs(body), title=fields_.get("title", ""), date=fields_.get("date", ""), author=fields_.get("author", ""),
        site=fields_.get("source", ""), url=fields_.get("url", ""), notes=notes,
    )


@register(".md")
def import_markdown(path: Path) -> Imported:
    """A .md file: optional YAML front matter (same keys as a .txt header), then Markdown
    rendered to plain paragraphs; a leading level-1 heading is the title when the front
    matter has none."""
    text, notes = decode(path.read_bytes())
    text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
    found: dict[str, str] | None = {}
    match = _FRONT_MATTER.match(text)
    if match:
        found = _front_matter(match.group(1))
        if found is not None:
            text = text[match.end():]
    found = found or {}
    title, blocks = _markdown_blocks(text, found.get("title", ""))
    return finish(
        blocks, title=title, date=found.get("date", ""), author=found.get("author", ""),
        site=found.get("source", ""), url=found.get("url", ""), notes=notes,
    )


def _markdown_blocks(text: str, title: str) -> tuple[str, list[str]]:
    """The title (a leading level-1 heading when `title` is empty) and the text of each block
    of a Markdown text (paragraphs, headings, list items, code, table cells)."""
    import markdown
    from lxml import html as lxml_html

    rendered = markdown.markdown(text, extensions=["tables"])
    blocks: list[str] = []
    if not rendered.strip():
        return title, blocks
    root = lxml_html.fragment_fromstring(rendered, create_parent="div")
    tags = ("p", "h1", "h2", "h3", "h4", "h5", "h6", "li", "pre", "td", "th")
    for element in root.iter(*tags):
        if any(ancestor.tag in tags for ancestor in element.iterancestors()):
            continue  # its text is in the enclosing block
        content = element.text_content()
        if element.tag == "h1" and not title and not blocks:
            title = content
            continue
        blocks.append(content)
    return title, blocks
