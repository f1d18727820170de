"""A long concordance in parts: a glossary page shows the passages of its first articles (at
least FIRST passages, whole articles), and the rest goes to data files beside it
(glossary/<slug>-passages-<n>.js, about PER_FILE passages each), which the page's script
(site/js/concordance.js) loads on demand and shows with textContent. The files are scripts,
not JSON, so they load from `file://` too; each hands its data to the <script> element that
loaded it, through an event: no global name.

The parts are planned from the number of mentions of the entry in each article (the
AnnotatedArticle counts), known before any passage is cut out: so the names of the data files,
which the build needs to keep or remove them, are known for every entry, rendered or kept.
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Article, Corpus, Page, Passage
from .escaping import french_date

FIRST = 200
"""Passages a glossary page shows itself (whole articles: it may show a few more)."""
PER_FILE = 1000
"""Passages per data file (whole articles)."""

_UNSAFE_IN_SCRIPT = (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


def plan(counts: Sequence[int]) -> tuple[int, list[tuple[int, int]]]:
    """Given each article's number of passages (in the concordance's order): how many articles
    the page shows, and the (first, last + 1) articles of each data file."""
    shown, total = 0, 0
    while shown < len(counts) and total < FIRST:
        total += counts[shown]
        shown += 1
    files: list[tuple[int, int]] = []
    start = shown
    while start < len(counts):
        end, size = start, 0
        while end < len(counts) and (size < PER_FILE or end == start):
            size += counts[end]
            end += 1
        files.append((start, end))
        start = end
    return shown, files


def file_path(slug: str, number: int) -> str:
    """The path in docs/ of an entry's n-th data file (n from 1)."""
    return f"glossary/{slug}-passages-{number}.js"


def data_files(corpus: Corpus) -> dict[str, list[str]]:
    """Glossary page path -> the data files of its concordance, for every entry that has some."""
    counts: dict[str, list[int]] = {}
    for annotated in corpus.articles:  # the concordance's order: articles newest first
        for slug, count in annotated.counts.items():
            counts.setdefault(slug, []).append(count)
    found = {}
    for slug, per_article in counts.items():
        files = plan(per_article)[1]
        if files:
            found[f"glossary/{slug}.md"] = [file_path(slug, n) for n in range(1, len(files) + 1)]
    return found


def data_file(slug: str, number: int, groups: Sequence[tuple[Article, Sequence[Passage]]]) -> Page:
    """One data file: [article slug, title, date as shown, [[§, left, mention, right], ...]] per
    article, handed to the script element that loads it (see the module docstring)."""
    data = [[article.slug, article.title, french_date(article.date) if article.date else "",
             [[p.paragraph, p.left, p.mention, p.right] for p in passages]] for article, passages in groups]
    body = json.dumps(data, ensure_ascii=False, separators=(",", ":"))
    for unsafe, escaped in _UNSAFE_IN_SCRIPT:
        body = body.replace(unsafe, escaped)
    text = f'document.currentScript.dispatchEvent(new CustomEvent("glose:passages",{{detail:{body}}}));\n'
    return Page(file_path(slug, number), text.encode("utf-8"))
