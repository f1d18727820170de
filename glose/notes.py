"""Teacher notes: corpus/<slug>.notes.yml -> Note objects anchored to exact quotes.

A quote is compared with the article's text after the same whitespace and apostrophe
folding as the matcher (a line break or a no-break space equals a space, ’ equals '),
nothing else: a note is about these exact words."""

from __future__ import annotations

import re
from pathlib import Path

import yaml

from .diagnostics import Report
from .folding import APOSTROPHES
from .frontmatter import compose_yaml, plain_value
from .model import Article, Mention, Note
from .sources import read_text, relpath

KINDS = ("note", "question", "vocabulaire")
"""The kinds of note a teacher may write."""

_KEYS = ("quote", "prefix", "suffix", "note", "kind")
_APOS = str.maketrans({c: "'" for c in APOSTROPHES})


def notes_path(root: Path, article: Article) -> Path:
    """Where an article's notes live: beside it, named <stem>.notes.yml."""
    source = root / article.path
    return source.with_name(source.name[: -len(source.suffix)] + ".notes.yml")


def read_notes(root: Path, article: Article, mentions, report: Report) -> tuple[Note, ...]:
    """Read and anchor the notes of one article; report every quote that cannot be placed."""
    path = notes_path(root, article)
    if not path.is_file():
        return ()
    text = read_text(path, root, report)
    if text is None:
        return ()
    shown = relpath(path, root)
    items = _load(text, shown, report)
    # Each paragraph is folded once, whatever the number of notes looking into it.
    folded = [(i, *_fold_with_offsets(p.text)) for i, p in enumerate(article.paragraphs) if p.annotated]
    notes = []
    for item, line in items:
        note = _anchor(item, line, article, folded, mentions, shown, report)
        if note is not None:
            notes.append(note)
    return tuple(sorted(notes, key=lambda n: (n.paragraph, n.start)))


def _load(text: str, shown: str, report: Report) -> list[tuple[dict, int]]:
    """The list of notes with the line of each, checked for shape."""
    node = compose_yaml(text, shown, report, what="the notes file")
    if not node:
        return []
    if not isinstance(node, yaml.SequenceNode):
        report.error(shown, 1, "notes must be a list: start each note with `- quote: ...`")
        return []
    items = []
    for child in node.value:
        line = child.start_mark.line + 1
        ok, data = plain_value(child, shown, report)
        if ok and _valid(data, line, shown, report):
            items.append((data, line))
    return items


def _valid(data, line: int, shown: str, report: Report) -> bool:
    """A note needs a quote and a note; kind, if given, is one of KINDS."""
    if not isinstance(data, dict):
        report.error(shown, line, "a note must be `quote: ...` and `note: ...` lines; see the README")
        return False
    ok = True
    for key in data:
        if key not in _KEYS:
            report.error(shown, line, f"unknown key {key!r} in a note; use {', '.join(_KEYS)}")
            ok = False
    for key in ("quote", "note"):
        if not isinstance(data.get(key), str) or not data[key].strip():
            report.error(shown, line, f"a note needs `{key}:` with some text")
            ok = False
    if data.get("kind", "note") not in KINDS:
        report.error(shown, line, f"kind {data.get('kind')!r} is not one of {', '.join(KINDS)}")
        ok = False
    return ok


def _anchor(item: dict, line: int, article: Article, paragraphs, mentions, shown: str,
            report: Report) -> Note | None:
    """Find the one place of the article the quote designates; `paragraphs` holds
    (index, folded text, offsets) of each annotated paragraph."""
    quote = _squeeze(item["quote"])
    prefix, suffix = _squeeze(item.get("prefix") or ""), _squeeze(item.get("suffix") or "")
    found = []
    for index, folded, offsets in paragraphs:
        for match in re.finditer(_pattern(quote), folded):
            before, after = folded[: match.start()].rstrip(), folded[match.end():].lstrip()
            if before.endswith(prefix) and after.startswith(suffix):
                found.append((index, offsets[match.start()], offsets[match.end() - 1] + 1))
    short = item["quote"] if len(item["quote"]) <= 60 else item["quote"][:59] + "…"
    if not found:
        report.error(shown, line, f'quote "{short}" not found in {article.path}; copy the words exactly as in the article')
        return None
    if len(found) > 1:
        report.error(shown, line, f'quote "{short}" found {len(found)} times in {article.path}; add prefix or suffix')
        return None
    index, start, end = found[0]
    start, end = _widen(start, end, mentions[index])
    return Note(index, start, end, item["note"].strip(), item.get("kind", "note"), line)


def _pattern(quote: str) -> str:
    """The quote as a regex that never starts or ends inside a word ("Otan" not in "Otanie")."""
    head = r"(?<!\w)" if quote[:1].isalnum() else ""
    tail = r"(?!\w)" if quote[-1:].isalnum() else ""
    return head + re.escape(quote) + tail


def _squeeze(text: str) -> str:
    """Whitespace runs -> one space, apostrophes -> ', ends stripped."""
    return " ".join(text.translate(_APOS).split())


def _fold_with_offsets(text: str) -> tuple[str, list[int]]:
    """_squeeze for a paragraph, with the original offset of each kept character."""
    out, offsets, space = [], [], False
    for i, ch in enumerate(text):
        if ch.isspace():
            if not space and out:
                out.append(" ")
                offsets.append(i)
            space = True
            continue
        space = False
        out.append(ch.translate(_APOS))
        offsets.append(i)
    return "".join(out), offsets


def _widen(start: int, end: int, mentions: tuple[Mention, ...]) -> tuple[int, int]:
    """Grow the highlighted span to whole term mentions, so the term's link stays whole."""
    for m in mentions:
        if m.start < start < m.end:
            start = m.start
        if m.start < end < m.end:
            end = m.end
    return start, end
