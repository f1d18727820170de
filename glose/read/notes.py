"""Teacher notes: corpus/<stem>.notes.yml -> NoteSource objects (the quote, the note, where it is
written). Placing each quote in the article's text is annotate/anchoring.py's job."""

from __future__ import annotations

from pathlib import Path

import yaml

from ..diagnostics import Report
from ..model import NoteSource
from .fields import describe
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
        if not ok:
            continue
        if not isinstance(data, dict):
            report.error(shown, line, "a note must be `quote: ...` and `note: ...` lines; see the README")
            continue
        note = _note(data, _key_lines(child), line, shown, report)
        if note is not None:
            notes.append(note)
    return notes


def _key_lines(node: yaml.Node) -> dict[str, int]:
    """Key -> the file line it is written on (a note's fields are reported there)."""
    pairs = node.value if isinstance(node, yaml.MappingNode) else []
    return {k.value: k.start_mark.line + 1 for k, _ in pairs if isinstance(k, yaml.ScalarNode)}


def _note(data: dict, lines: dict[str, int], line: int, shown: str, report: Report) -> NoteSource | None:
    """A NoteSource when every field has the right type (each problem reported at its line):
    quote and note are required text, prefix and suffix optional text, kind one of KINDS."""
    errors = len(report.errors)
    for key in data:
        if key not in _KEYS:
            report.error(shown, lines.get(key, line), f"unknown key {describe(key)} in a note; use {', '.join(_KEYS)}")
    quote, note = (_text(data, key, lines.get(key, line), shown, report, required=True) for key in ("quote", "note"))
    prefix, suffix = (_text(data, key, lines.get(key, line), shown, report) for key in ("prefix", "suffix"))
    kind = data.get("kind", "note")
    if kind not in KINDS:
        report.error(shown, lines.get("kind", line), f"kind {describe(kind)} is not one of {', '.join(KINDS)}; "
                     "write `kind: note`, `kind: question` or `kind: vocabulaire` (or leave it out)")
    if len(report.errors) > errors:
        return None
    return NoteSource(quote, prefix, suffix, note.strip(), kind, line)


def _text(data: dict, key: str, line: int, shown: str, report: Report, required: bool = False) -> str:
    """A text field of a note ("" when absent); anything else is reported."""
    value = data.get(key)
    if isinstance(value, str) and (value.strip() or not required):
        return value
    if value is None or isinstance(value, str):
        if required:
            report.error(shown, line, f"a note needs `{key}:` with some text; add it (see the README)")
    elif isinstance(value, bool):
        report.error(shown, line, f"`{key}: {str(value).lower()}` reads as yes/no, not as text; "
                     f"put the words in quotes: `{key}: \"{str(value).lower()}\"`")
    else:
        report.error(shown, line, f"`{key}:` should be text, not {describe(value)}; write `{key}: words` on one line")
    return ""
