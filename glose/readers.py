"""corpus/ and glossary/ files -> Article and Term objects. All parsing and validation of
source files lives here and in the modules it calls (sources, frontmatter, fields, terms)."""

from __future__ import annotations

import re
import unicodedata
from itertools import accumulate
from dataclasses import dataclass, replace
from pathlib import Path

from . import fields
from .diagnostics import Report
from .folding import slugify
from .frontmatter import split_front_matter
from .keys import digest
from .markdown_blocks import split_blocks
from .model import Article, Paragraph, Project
from .sources import read_text, relpath
from .terms import read_term, check_glossary

ARTICLE_SUFFIXES = (".txt", ".md")
NOTES_SUFFIX = ".notes.yml"
RESERVED_SLUGS = frozenset({"index"})
"""Slugs that would collide with the generated index pages."""

_HEADER_RE = re.compile(r"[ \t]*([a-z][a-z_]*)[ \t]+(\S.*?)[ \t]*$")
_TITLE_MAX = 90


@dataclass(frozen=True, slots=True)
class Source:
    """A file found in corpus/ or glossary/, with the slug its page will get."""

    path: Path
    shown: str
    slug: str


def read_project(root: Path, report: Report) -> Project:
    """Read and validate every article and glossary entry of the project at root."""
    articles = []
    for source in _discover(root, "corpus", ARTICLE_SUFFIXES, report):
        article = read_article(source, root, report)
        if article is not None:
            articles.append(article)
    terms = []
    for source in _discover(root, "glossary", (".md",), report):
        text = read_text(source.path, root, report)
        if text is not None:
            term = read_term(source.slug, source.shown, text, report)
            if term is not None:
                terms.append(term)
    check_glossary(terms, report)
    return Project(tuple(articles), tuple(terms))


def _discover(root: Path, folder: str, suffixes: tuple[str, ...], report: Report) -> list[Source]:
    """Every readable file of a folder (recursively), sorted, with slugs checked for collisions."""
    base = root / folder
    if not base.is_dir():
        report.warning(folder, 0, f"folder {folder}/ does not exist; create it and put your files there")
        return []
    found: dict[str, Source] = {}
    for path in sorted(base.rglob("*")):
        if path.is_dir():
            if path.is_symlink():
                report.warning(relpath(path, root), 0, f"is a link to a folder, which Glose does not follow; move the files into {folder}/ instead")
            continue
        source = _accept(path, root, folder, suffixes, report)
        if source is None:
            continue
        if source.slug in found:
            other = found[source.slug].shown
            report.error(source.shown, 0, f"gives the same page name {source.slug!r} as {other}; rename one of them")
            continue
        found[source.slug] = source
    return [found[slug] for slug in sorted(found)]


def _accept(path: Path, root: Path, folder: str, suffixes, report: Report) -> Source | None:
    """A Source for a file we read, None (with a warning where useful) for anything else."""
    shown = relpath(path, root)
    name = path.name
    if any(part.startswith(".") for part in path.relative_to(root / folder).parts) or name.endswith("~"):
        return None  # hidden files and editor backups: .DS_Store, .notes.swp, draft.txt~
    if name.endswith(NOTES_SUFFIX) and folder == "corpus":
        return None  # teacher notes are read with their article
    if not _is_clean_name(shown):
        report.error(_printable(shown), 0, "the file name is not valid UTF-8 or holds a line break or control character; rename the file")
        return None
    if path.suffix.lower() not in suffixes:
        formats = " and ".join(suffixes)
        kind = f"a {path.suffix} file" if path.suffix else "a file without extension"
        report.warning(shown, 0, f"skipped: {kind}, and Glose reads only {formats} files here; "
                       f"save it as plain text ({suffixes[0]}, UTF-8) to include it")
        return None
    stem = name[: -len(path.suffix)]
    slug = slugify(stem)
    if not slug:
        report.error(shown, 0, "the file name has no letter or digit to make a page name from; rename the file")
        return None
    if slug in RESERVED_SLUGS:
        report.error(shown, 0, f"the page name {slug!r} is taken by the list of all pages of {folder}/; rename the file")
        return None
    if slug != stem:
        page = "articles" if folder == "corpus" else "glossary"
        report.warning(shown, 0, f"file name is not a URL name; its page is {page}/{slug}.html (rename it {slug}{path.suffix.lower()} to silence this)")
    return Source(path, shown, slug)


def _is_clean_name(shown: str) -> bool:
    """Names go into pages and messages: they must be text (a name that is not UTF-8 comes
    back from the file system with surrogates) without control characters."""
    return not _UNCLEAN_NAME_RE.search(shown)


_UNCLEAN_NAME_RE = re.compile("[\x00-\x1f\x7f-\x9f\ud800-\udfff]")
"""Surrogates and the characters of Unicode category Cc (C0, DEL, C1)."""


def _printable(shown: str) -> str:
    """A path fit for a one-line message: bad bytes as U+FFFD, controls as "?"."""
    text = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if unicodedata.category(ch) == "Cc" else ch for ch in text)


def read_article(source: Source, root: Path, report: Report) -> Article | None:
    """Read one .txt or .md article; None after reporting when it cannot be used."""
    text = read_text(source.path, root, report)
    if text is None:
        return None
    article = parse_article(source, text, report)
    return article and replace(article, digest=digest(source.shown, source.slug, text))


def parse_article(source: Source, text: str, report: Report) -> Article | None:
    """An article from its text as sources.decode_text gives it; the suffix of source.path
    picks the format."""
    if source.path.suffix.lower() == ".md":
        return _read_markdown_article(source, text, report)
    return _read_text_article(source, text, report)


def _read_text_article(source: Source, text: str, report: Report) -> Article | None:
    """A plain-text article: optional `key value` header lines, then literal paragraphs."""
    lines = text.split("\n")
    header, lines_used, first_body = _parse_header(lines, source.shown, report)
    body_lines = ([first_body] if first_body else []) + lines[lines_used:]
    start = lines_used if first_body else lines_used + 1
    paragraphs = tuple(_split_paragraphs(body_lines, start))
    if not paragraphs and header:
        end = max(line for _, line in header.values())
        report.error(source.shown, end, "has a header but no text; add the article's text after a blank line below the header")
        return None
    return _make_article(source, header, paragraphs, "txt", report)


def _parse_header(lines: list[str], shown: str, report: Report) -> tuple[dict, int, str]:
    """Header fields (key -> (value, line)), lines consumed, and text that shares the date's line."""
    block = []
    for line in lines:
        if not line.strip():
            break
        block.append(line)
    matches = [_HEADER_RE.match(line) for line in block]
    whole_block = bool(block) and all(matches) and any(m[1] in fields.ARTICLE_KEYS for m in matches)
    header: dict = {}
    for number, match in enumerate(matches, start=1):
        if not match or (match[1] not in fields.ARTICLE_KEYS and not whole_block):
            return header, number - 1, ""
        key, value = match[1], match[2]
        if key not in fields.ARTICLE_KEYS:
            report.warning(shown, number, f"unknown header key {key!r} ignored; use one of {', '.join(fields.ARTICLE_KEYS)}")
            continue
        if key in header:
            report.error(shown, number, f"header key {key!r} appears twice (first on line {header[key][1]}); keep only one")
            continue
        if key == "date":
            token, _, rest = value.partition(" ")
            if rest.strip() and fields.is_date_token(token):
                # A date takes one word; what follows starts the text (the shipped file is so).
                header[key] = (token, number)
                return header, number, rest.strip()
        header[key] = (value, number)
    return header, len(block), ""


def _split_paragraphs(lines: list[str], first_line: int) -> list[Paragraph]:
    """Blank lines separate paragraphs; a single newline inside a paragraph is a space."""
    paragraphs, current, start = [], [], 0
    for offset, line in enumerate(lines + [""]):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line.strip())
        elif current:
            text = " ".join(current)
            breaks = tuple(accumulate(len(part) + 1 for part in current[:-1]))
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, start, "text", breaks))
            current = []
    return paragraphs


def _make_article(source: Source, header: dict, paragraphs, fmt: str, report: Report) -> Article | None:
    """Check the fields shared by both formats and build the Article."""
    shown = source.shown
    if not paragraphs:
        end = max((line for _, line in header.values()), default=0)
        report.error(shown, end, "has no text; add the article's text (or delete the file)")
        return None
    value = {key: v for key, (v, _) in header.items()}
    line = {key: n for key, (_, n) in header.items()}
    date = fields.check_date(value["date"], shown, line["date"], report) if value.get("date") else ""
    url = fields.check_url(value["url"], shown, line["url"], report) if value.get("url") else ""
    title = value.get("title", "")
    tags = header["tags"][0] if "tags" in header else ()
    return Article(
        slug=source.slug, path=shown, title=title or title_from_text(paragraphs[0].text),
        title_from_header=bool(title), date=date, paragraphs=paragraphs,
        source=value.get("source", ""), author=value.get("author", ""), url=url,
        tags=fields.split_tags(tags) if isinstance(tags, str) else tags,
        lang=fields.check_lang(value["lang"], shown, line["lang"], report) if value.get("lang") else "fr",
        format=fmt,
    )


def title_from_text(text: str) -> str:
    """The first sentence, cut at a word boundary to at most 90 characters with an ellipsis."""
    text = re.sub(r"[*_`#>\[\]]", "", text) if text.startswith(("#", ">")) else text
    sentence = re.split(r"(?<=[.!?…])\s", " ".join(text.split()), maxsplit=1)[0]
    if len(sentence) <= _TITLE_MAX:
        return sentence
    cut = sentence[: _TITLE_MAX - 1].rsplit(" ", 1)[0].rstrip(" ,;:")
    return cut + "…"


def _read_markdown_article(source: Source, text: str, report: Report) -> Article | None:
    """A Markdown article: YAML front matter with the same keys, then Markdown blocks."""
    front = split_front_matter(text, source.shown, report)
    if front is None:
        return None
    header = {}
    for key, value in front.data.items():
        line = front.lines.get(key, 1)
        if key not in fields.ARTICLE_KEYS:
            report.warning(source.shown, line, f"unknown front-matter key {key!r} ignored; use one of {', '.join(fields.ARTICLE_KEYS)}")
        elif key == "tags":
            header[key] = (fields.as_list(front.data, key, source.shown, line, report, front.lines), line)
        else:
            header[key] = (fields.as_text(front.data, key, source.shown, line, report), line)
    blocks = split_blocks(front.body, front.body_line)
    if "title" not in header and blocks and blocks[0].kind == "heading" and blocks[0].level == 1:
        # The page shows the title as its heading: a leading `# Title` would show it twice.
        header["title"] = (blocks[0].text, blocks[0].line)
        blocks = blocks[1:]
    return _make_article(source, header, tuple(_number_blocks(blocks)), "md", report)


def _number_blocks(blocks) -> list[Paragraph]:
    """Prose blocks are numbered §1, §2 ...; headings and code keep number 0."""
    paragraphs, number = [], 0
    for block in blocks:
        if block.kind == "prose":
            number += 1
            paragraphs.append(Paragraph(number, block.source, block.line, "prose"))
        else:
            paragraphs.append(Paragraph(0, block.source, block.line, "verbatim"))
    return paragraphs
