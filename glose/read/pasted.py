"""Warnings on a plain-text article that catch a pasted mistake, each at its line. The text
stays as written (a .txt article is literal): the warning says what to do.

- HTML markup (`<p>`, `<div class="...">`, `&nbsp;`): the source of a web page was pasted, or
  a page was saved and renamed .txt; a text starting with `<!DOCTYPE html` or `<html` is a
  whole page. Either way: import the page instead.
- Words cut at a line end and copied from a PDF: a letter, a hyphen (or the Unicode hyphen
  U+2010, maybe after a space, as browsers print it), then a space or a line break and a
  lower-case letter ("dé- borde", "dé-" + "borde"), unless the next word is "et", "ou" or
  "à" ("pré- et post-opératoire").
- A paragraph that is only a page number ("3", "- 3 -", "Page 3", "3/12", "page 3 sur 12").
"""

from __future__ import annotations

import re

from ..diagnostics import Report
from ..model import Paragraph
from ..i18n import _, ngettext

_PAGE = re.compile(r"[\W_]*(?:(?:page|p\.)\s*\d{1,4}|\d{1,3})(?:\s*(?:/|sur|of|de)\s*\d{1,4})?[\W_]*", re.IGNORECASE)
_CUT_WORD = re.compile(r"(?<=[^\W\d_])(?:-|[ ]?\u2010)[ ]+(?=[a-zà-öø-ÿœ])(?!(?:et|ou|à)\b)")
_WORD_AROUND = re.compile(r"[^\W\d_]+(?:-|[ ]?\u2010)[ ]+[^\W\d_]+")
_TAG = re.compile(
    r"</?(?:html|head|body|div|span|p|a|br|hr|img|script|style|meta|link|ul|ol|li|h[1-6]|strong|em|b|i|u|"
    r"table|tbody|thead|tr|td|th|figure|figcaption|section|article|aside|nav|header|footer|main|iframe|noscript|"
    r"button|form|input|label|svg|picture|source|time|blockquote|sup|sub|small|title)\b[^<>]{0,300}/?>"
    r"|&(?:nbsp|amp|quot|lt|gt|eacute|egrave|agrave|ccedil|rsquo|lsquo|ldquo|rdquo|laquo|raquo|hellip|mdash|ndash"
    r"|#\d{2,6}|#x[0-9a-f]{2,5});",
    re.IGNORECASE,
)
_WHOLE_PAGE = re.compile(r"\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def check_pasted(paragraphs: tuple[Paragraph, ...], text: str, shown: str, report: Report) -> None:
    """Warn about markup, words cut at a line end and page numbers (see the module docstring)."""
    _markup(paragraphs, text, shown, report)
    # The patterns are only run where they can match: they cost 1 s at 2,000 articles otherwise.
    cuts = [(p.line_at(m.start()), _WORD_AROUND.search(p.text, max(0, m.start() - 30), m.end() + 30))
            for p in paragraphs if "- " in p.text or "\u2010" in p.text for m in _CUT_WORD.finditer(p.text)]
    if cuts:
        line, word = cuts[0]
        others = [c[0] for c in cuts[1:]]
        more = ngettext(" (and {count} more, on line {lines})", " (and {count} more, on lines {lines})", len(set(others))).format(
            count=len(others), lines=_lines(others)) if others else ""
        example = repr(word.group()) if word else _("a hyphen and a space")
        report.warning(shown, line, _("a word cut at a line end, as copied from a PDF: {example}{more}; join the two halves "
                                      "(\"déborde\"), or import the PDF itself: `python build.py import FILE.pdf` rejoins them").format(example=example, more=more))
    for paragraph in paragraphs:
        if _PAGE.fullmatch(paragraph.text):
            report.warning(shown, paragraph.line, _("paragraph {text!r} is only a page number (copied from a "
                                                    "PDF?); delete it").format(text=paragraph.text))


def _markup(paragraphs: tuple[Paragraph, ...], text: str, shown: str, report: Report) -> None:
    """One warning for HTML markup: at its first line, with the number of lines holding some."""
    if _WHOLE_PAGE.match(text):
        report.warning(shown, 1, _("is a web page (HTML) saved as text: it would be shown as raw markup; import it: "
                                   "`python build.py import {path}` turns it into a clean article (the page goes to originals/)").format(path=shown))
        return
    found = [(p.line_at(m.start()), m.group()) for p in paragraphs if "<" in p.text or "&" in p.text
             for m in _TAG.finditer(p.text)]
    if found:
        lines = sorted({line for line, _ in found})
        count = _(" on {count} lines").format(count=len(lines)) if len(lines) > 1 else ""
        report.warning(shown, found[0][0], _("HTML markup {markup!r} in a plain-text article{count}, shown as "
                                             "typed; import the page instead (`python build.py import PAGE.html`), or delete the markup").format(
                       markup=found[0][1][:40], count=count))


def _lines(numbers: list[int]) -> str:
    """Line numbers for a message: the first five, then "...". """
    shown = ", ".join(str(n) for n in sorted(set(numbers))[:5])
    return shown + (", ..." if len(set(numbers)) > 5 else "")
