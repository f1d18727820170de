"""Teacher notes: corpus/<stem>.notes.yml -> NoteSource objects (the quote, the note, where it is
written). Placing each quote in the article's text is annotate/anchoring.py's job."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import Report
from ..model import NoteSource
from .frontmatter import compose_yaml, plain_value
from .sources import read_text, relpath

KINDS = ("note", "question", "vocabulaire")
"""The kinds of note a teacher may write."""

_KEYS = ("quote", "prefix", "suffix", "note", "kind")


def notes_path(root: Path, article_path: str) -> Path:
    """Where an article's notes live: beside it, named <stem>.notes.yml."""
    source = root / article_path
    return source.with_name(source.name[: -len(source.suffix)] + ".notes.yml")


def read_notes(root: Path, article_path: str, report: Report) -> tuple[str, tuple[NoteSource, ...]]:
    """(the notes file as messages show it, or "" when there is none; its notes) for the
    article at `article_path`; every note that cannot be read is reported."""
    path = notes_path(root, article_path)
    if not path.is_file():
        return "", ()
    shown = relpath(path, root)
    text = read_text(path, root, report)
    if text is None:
        return shown, ()
    return shown, tuple(_load(text, shown, report))


def _load(text: str, shown: str, report: Report) -> list[NoteSource]:
    """The list of notes with the line of each, checked for shape."""
    node = compose_yaml(text, shown, report, what="the notes file")
    if not node:
        return []
    if not isinstance(node, yaml.SequenceNode):
        report.error(shown, 1, "notes must be a list: start each note with `- quote: ...`")
        return []
    notes = []
    for child in node.value:
        line = child.start_mark.line + 1
        ok, data = plain_value(child, shown, report)
        if ok and _valid(data, line, shown, report) and isinstance(data, dict):
            notes.append(NoteSource(data["quote"], data.get("prefix") or "", data.get("suffix") or "",
                                    data["note"].strip(), data.get("kind", "note"), line))
    return notes


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
