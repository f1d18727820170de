"""Plain text (.txt) and Markdown (.md) files in any encoding.

charset-normalizer finds the encoding of a file that is not UTF-8: it is the detector that
pip and requests use, pure Python, maintained, and it reports one best guess with its name.
Markdown is turned into text with Markdown (already a dependency of Glose) and lxml.
"""

from __future__ import annotations

import codecs
import re
from pathlib import Path

import yaml

from . import ImportProblem, register
from .common import finish

_BOMS = ((codecs.BOM_UTF32_LE, "utf-32"), (codecs.BOM_UTF32_BE, "utf-32"), (codecs.BOM_UTF8, "utf-8-sig"),
         (codecs.BOM_UTF16_LE, "utf-16"), (codecs.BOM_UTF16_BE, "utf-16"))
_NAMES = {
    "cp1252": "windows-1252", "latin_1": "ISO-8859-1", "iso8859_15": "ISO-8859-15", "mac_roman": "mac-roman",
    "cp850": "cp850", "utf_16": "UTF-16", "utf_32": "UTF-32", "cp1250": "windows-1250", "iso8859_2": "ISO-8859-2",
}
_HEADER_KEYS = ("title", "date", "source", "author", "url", "tags", "lang")
_HEADER_LINE = re.compile(r"^(" + "|".join(_HEADER_KEYS) + r")[ \t]+(\S.*)$")
_FRONT_MATTER = re.compile(r"\A---[ \t]*\n(.*?\n)---[ \t]*(?:\n|\Z)", re.DOTALL)


def decode(data: bytes, name: str) -> tuple[str, list[str]]:
    """The text of a file and notes on its encoding: UTF-8 (with or without a byte-order
    mark) as is, any other encoding detected by charset-normalizer."""
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                notes = [] if encoding == "utf-8-sig" else [f"encoding: {_human(encoding)} (byte-order mark)"]
                return data.decode(encoding), notes
            except UnicodeDecodeError:
                break
    try:
        return data.decode("utf-8"), []
    except UnicodeDecodeError:
        pass
    if b"\x00" in data:
        raise ImportProblem(
            f"{name}: not a text file",
            "save the document as plain text, or import the original file",
        )
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise ImportProblem(
            f"{name}: the encoding of the text could not be recognised",
            "re-save it as UTF-8 in a text editor",
        )
    encoding = codecs.lookup(best.encoding).name
    if encoding in ("latin_1", "iso8859-1") and re.search(rb"[\x80-\x9f]", data):
        # C1 control codes are never text: such bytes are Windows-1252 punctuation (’ œ …).
        encoding = "cp1252"
    try:
        text = data.decode(encoding)
    except UnicodeDecodeError:
        text = str(best)
    return text, [f"encoding detected: {_human(encoding)}"]


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


def _header(text: str) -> tuple[dict, str]:
    """The Glose header lines ("title ...", "date ...") at the top of a .txt file, and the rest."""
    fields: dict = {}
    lines = text.lstrip("\ufeff").split("\n")
    index = 0
    while index < len(lines):
        match = _HEADER_LINE.match(lines[index].strip())
        if not match:
            break
        fields[match.group(1)] = match.group(2).strip()
        index += 1
    return fields, "\n".join(lines[index:])


def _front_matter(source: str) -> dict | None:
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
        key.value: value.value
        for key, value in node.value
        if isinstance(key, yaml.ScalarNode) and isinstance(value, yaml.ScalarNode)
    }


@register(".txt")
class TextImporter:
    """A .txt file: an optional Glose header, then paragraphs."""

    def __call__(self, path: Path):
        text, notes = decode(path.read_bytes(), path.name)
        text = text.replace("\r\n", "\n").replace("\r", "\n")
        fields, body = _header(text)
        return finish(
            _paragraphs(body), source=path.name, title=fields.get("title", ""), date=fields.get("date", ""),
            author=fields.get("author", ""), site=fields.get("source", ""), url=fields.get("url", ""), notes=notes,
        )


@register(".md")
class MarkdownImporter:
    """A .md file: optional YAML front matter, then Markdown rendered to plain paragraphs; a
    leading level-1 heading is the title when the front matter has none."""

    def __call__(self, path: Path):
        import markdown
        from lxml import html as lxml_html

        text, notes = decode(path.read_bytes(), path.name)
        text = text.replace("\r\n", "\n").replace("\r", "\n").lstrip("\ufeff")
        fields: dict | None = {}
        match = _FRONT_MATTER.match(text)
        if match:
            fields = _front_matter(match.group(1))
            if fields is not None:
                text = text[match.end():]
        fields = fields or {}
        rendered = markdown.markdown(text, extensions=["tables"])
        blocks = []
        title = fields.get("title", "")
        if rendered.strip():
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
        return finish(
            blocks, source=path.name, title=title, date=fields.get("date", ""), author=fields.get("author", ""),
            site=fields.get("source", ""), url=fields.get("url", ""), notes=notes,
        )
