"""Advice that does not stop a build: `build.py check` and every build print these as warnings."""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..folding import fold_key
from ..model import Corpus

# Two or more capitals in a row, standing alone: NRF, VJTF, OTAN (not "L'Otan", not "A4").
_ACRONYM_RE = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ]{2,})(?![\w])")


def lint(corpus: Corpus, report: Report) -> None:
    """Warn about missing title headers and acronyms that no glossary entry covers."""
    known = {fold_key(form) for t in corpus.terms for form in t.term.forms}
    for annotated in corpus.articles:
        article = annotated.article
        if not article.title_from_header:
            key = "title:" if article.format == "md" else "title"
            report.warning(article.path, 1, f"has no title; it is shown as {article.title!r}: add a `{key} ...` line at the top")
        _check_acronyms(annotated, known, report)


def _check_acronyms(annotated, known: set[str], report: Report) -> None:
    """An acronym that is neither a term nor inside a mention probably deserves an entry."""
    warned: set[str] = set()
    for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions):
        if not paragraph.annotated:
            continue
        covered = [(m.start, m.end) for m in mentions]
        for match in _ACRONYM_RE.finditer(paragraph.text):
            word = match.group(1)
            if word in warned or fold_key(word) in known:
                continue
            if any(s <= match.start() and match.end() <= e for s, e in covered):
                continue
            warned.add(word)
            report.warning(annotated.article.path, paragraph.line_at(match.start()),
                           f'"{word}" looks like a term with no glossary entry; add glossary/{fold_key(word)}.md or an alias')

