"""corpus/ files -> Article objects: one reader per file format, chosen by suffix (READERS)."""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import replace
from itertools import accumulate

from ..diagnostics import Report
from ..digests import digest
from ..folding import slugify
from ..model import Article, ArticleFormat, Paragraph, ParagraphKind
from . import fields, titles
from .discover import Source
from .frontmatter import split_front_matter
from .header import Field, Header, header_from_front_matter, parse_text_header
from .pasted import check_pasted
from .markdown_blocks import BlockKind, paragraphs_of, split_blocks
from .sources import read_text
from ..i18n import _

ArticleReader = Callable[[Source, str, Report], "Article | None"]
"""Parses an article from its checked text (sources.decode_text); None after reporting."""


ARTICLE_CHARS_MAX = 1_000_000
"""Characters of an article at most (about 160,000 words, a book of 500 pages): past that a page
is no reading text any more, and no browser shows it well."""
ARTICLE_PARAGRAPHS_MAX = 5_000
"""Paragraphs of an article at most: MkDocs took 307 s on a page of 100,000 short paragraphs."""


def read_article(source: Source, root, report: Report) -> Article | None:
    """Read one article with the reader of its suffix; None after reporting when it cannot be used."""
    text = read_text(source.path, root, report)
    if text is None:
        return None
    if len(text) > ARTICLE_CHARS_MAX:
        report.error(source.shown, 0, _("is {length:,} characters long; an article has at most {limit:,} "
                                        "(about 160,000 words): split it into several files").format(length=len(text), limit=ARTICLE_CHARS_MAX))
        return None
    article = parse_article(source, text, report)
    if article and len(article.paragraphs) > ARTICLE_PARAGRAPHS_MAX:
        report.error(source.shown, 0, _("has {count:,} paragraphs; an article has at most "
                                        "{limit:,}: split it into several files").format(count=len(article.paragraphs), limit=ARTICLE_PARAGRAPHS_MAX))
        return None
    return article and replace(article, digest=digest(source.shown, source.slug, text))


def parse_article(source: Source, text: str, report: Report) -> Article | None:
    """An article from its text as sources.decode_text gives it; the suffix of source.path
    picks the reader."""
    return READERS[source.path.suffix.lower()](source, text, report)


def _read_text_article(source: Source, text: str, report: Report) -> Article | None:
    """A plain-text article: optional `key value` header lines, then literal paragraphs."""
    lines = text.split("\n")
    header, lines_used, first_body = parse_text_header(lines, source.shown, report)
    body_lines = ([first_body] if first_body else []) + lines[lines_used:]
    start = lines_used if first_body else lines_used + 1
    paragraphs = tuple(_split_paragraphs(body_lines, start))
    check_pasted(paragraphs, text, source.shown, report)
    if not paragraphs and header:
        report.error(source.shown, header.last_line, _("has a header but no text; add the article's text after a blank line below the header"))
        return None
    return _make_article(source, header, paragraphs, "txt", report)


def _split_paragraphs(lines: list[str], first_line: int) -> list[Paragraph]:
    """Blank lines separate paragraphs; a single newline inside a paragraph is a space."""
    paragraphs: list[Paragraph] = []
    current: list[str] = []
    start = 0
    for offset, line in enumerate(lines + [""]):
        if line.strip():
            if not current:
                start = first_line + offset
            current.append(line.strip())
        elif current:
            text = " ".join(current)
            breaks = tuple(accumulate(len(part) + 1 for part in current[:-1]))
            paragraphs.append(Paragraph(len(paragraphs) + 1, text, start, ParagraphKind.TEXT, breaks))
            current = []
    return paragraphs


def _read_markdown_article(source: Source, text: str, report: Report) -> Article | None:
    """A Markdown article: YAML front matter with the same keys, then Markdown blocks."""
    front = split_front_matter(text, source.shown, report)
    if front is None:
        return None
    header = header_from_front_matter(front, source.shown, report)
    blocks = split_blocks(front.body, front.body_line)
    if blocks and blocks[0].kind is BlockKind.HEADING and blocks[0].level == 1 and _is_title(header, blocks[0].text):
        # The page shows the title as its heading: a leading `# Title` would show it twice.
        header = replace(header, title=header.title or Field(blocks[0].text, blocks[0].line))
        blocks = blocks[1:]
    return _make_article(source, header, tuple(paragraphs_of(blocks, numbered=True)), "md", report)


def _is_title(header: Header, heading: str) -> bool:
    """Whether a leading `# heading` is the article's title: there is no other, or it says the
    same (case, accents and punctuation aside)."""
    return header.title is None or slugify(header.title.value) == slugify(heading)


def _make_article(source: Source, header: Header, paragraphs: tuple[Paragraph, ...], fmt: ArticleFormat,
                  report: Report) -> Article | None:
    """Check the fields shared by both formats and build the Article."""
    shown = source.shown
    if not paragraphs:
        report.error(shown, header.last_line, _("has no text; add the article's text (or delete the file)"))
        return None
    date = fields.check_date(header.date.value, shown, header.date.line, report) if header.date and header.date.value else ""
    url = fields.check_url(header.url.value, shown, header.url.line, report) if header.url and header.url.value else ""
    lang = fields.check_lang(header.lang.value, shown, header.lang.line, report) if header.lang and header.lang.value else "fr"
    title = header.title.value if header.title else ""
    return Article(
        slug=source.slug, path=shown, title=title or derived_title(paragraphs),
        title_from_header=bool(title), date=date, paragraphs=paragraphs,
        source=header.source.value if header.source else "", author=header.author.value if header.author else "",
        url=url, tags=header.tags, lang=lang, format=fmt,
    )


def derived_title(paragraphs: tuple[Paragraph, ...]) -> str:
    """The title of an article without one: the first sentence of the first paragraph that is
    a sentence of the article (titles.derive_title skips captions, credits, datelines, bylines
    and lone dates), else the first sentence of the first paragraph."""
    texts = [_plain(p.text) for p in paragraphs]
    return titles.derive_title(texts) or title_from_text(texts[0])


def _plain(text: str) -> str:
    """A Markdown heading or quote without its marks."""
    return re.sub(r"[*_`#>\[\]]", "", text) if text.startswith(("#", ">")) else text


def title_from_text(text: str) -> str:
    """The first sentence, cut at a word boundary to at most 90 characters with an ellipsis."""
    return titles.shorten(titles.first_sentence(_plain(text)))


READERS: dict[str, ArticleReader] = {".txt": _read_text_article, ".md": _read_markdown_article}
"""The article reader of each file suffix of corpus/ (lower case): a new format is a new entry."""
