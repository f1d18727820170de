"""Raw HTML in a teacher's note, kept from breaking the page around it.

Notes are Markdown the teacher writes, like a .md article or a definition: raw HTML in them is
kept (README, "Teacher notes"). But a note sits inside the article's own elements, so an end
tag it did not open (`</div>`) would close them, and an element it leaves open (`<div>`,
`<script>`, `<!--`) would swallow the rest of the page. `balanced` shows the first kind as
text and closes the second kind at the end of the note. Code (spans and fenced blocks) is left
as it is: Markdown shows it literally."""

from __future__ import annotations

import re

_VOID = frozenset("area base br col embed hr img input link meta source track wbr".split())
"""Elements that have no end tag."""

_CODE = re.compile(r"^ {0,3}(`{3,}|~{3,})[^\n]*\n.*?(?:^ {0,3}\1[ \t]*$|\Z)|(`+).*?\2", re.M | re.S)
_TAG = re.compile(r"<(/?)([a-zA-Z][\w-]*)((?:\s[^<>]*)?)>|<!--(?:.*?-->)?", re.S)


def balanced(markdown: str) -> str:
    """The note with every end tag it did not open shown as text, and every element it left
    open closed at its end."""
    out: list[str] = []
    opened: list[str] = []
    pos = 0
    for code in _CODE.finditer(markdown):
        out.append(_balance(markdown[pos:code.start()], opened))
        out.append(code.group())
        pos = code.end()
    out.append(_balance(markdown[pos:], opened))
    out.extend(f"</{name}>" for name in reversed(opened))
    return "".join(out)


def _balance(text: str, opened: list[str]) -> str:
    """`text` (Markdown outside code) with its tags balanced against `opened`, the elements
    open so far (updated). A comment is kept whole; one never closed shows as text."""

    def one(match: re.Match) -> str:
        if match.group().startswith("<!--"):
            return match.group() if match.group().endswith("-->") and len(match.group()) >= 7 else "&lt;!--"
        closing, name = match.group(1), match.group(2).lower()
        if not closing:
            if name not in _VOID and not match.group(3).rstrip().endswith("/"):
                opened.append(name)
            return match.group()
        if name not in opened:
            return "&lt;" + match.group()[1:]
        inner = []
        while opened[-1] != name:  # close what was opened inside it first
            inner.append(f"</{opened.pop()}>")
        opened.pop()
        return "".join(inner) + match.group()

    return _TAG.sub(one, text)
