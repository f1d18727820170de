"""Teacher notes: corpus/<stem>.notes.yml -> NoteSource objects (the quote, the note, where it is
written). Placing each quote in the article's text is annotate/anchoring.py's job."""

from __future__ import annotations

import difflib
import stat
from collections.abc import Collection
from pathlib import Path

import yaml

from ..diagnostics import Report
from ..model import NoteSource
from .discover import NOTES_SUFFIXES, walk
from . import fields
from .fields import describe
from .frontmatter import compose_yaml, plain_value
from .sources import read_text, relpath
from ..i18n import _

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
    if _identity(path) is None:
        return "", ()
    shown = relpath(path, root)
    text = read_text(path, root, report)
    if text is None:
        return shown, ()
    return shown, tuple(_load(text, shown, report))


def _identity(path: Path) -> tuple[int, int] | None:
    """(device, inode) of a regular file, None when there is none (nor can be: a name too
    long for the file system). Compared, not names: on macOS x.NOTES.yml is x.notes.yml."""
    try:
        info = path.stat()
    except (OSError, ValueError):
        return None
    return (info.st_dev, info.st_ino) if stat.S_ISREG(info.st_mode) else None


def check_unused_notes(root: Path, article_suffixes: Collection[str], report: Report) -> None:
    """Report each notes file of corpus/ that no article reads (its notes would be lost
    without a word), naming the article it is most likely for. `article_suffixes`: the
    suffixes of article files, in lower case."""
    files = _visible_files(root / "corpus")
    articles = {(p.parent, p.stem): p for p in files if p.suffix.lower() in article_suffixes}
    stems = {p.stem: relpath(p, root) for p in articles.values()}
    unused = []
    for path in files:
        stem = _notes_stem(path.name)
        article = articles.get((path.parent, stem)) if stem is not None else None
        if stem is not None and (article is None or _identity(notes_path(root, relpath(article, root))) != _identity(path)):
            unused.append((path, stem, article))
    for number, (path, stem, article) in enumerate(unused):
        report.error(relpath(path, root), 0, _unused(stem, article, root, stems, guess=number < _GUESSES))


_GUESSES = 50
"""Unused notes files for which the nearest article name is looked for (each costs a scan)."""


def _visible_files(base: Path) -> list[Path]:
    """The regular files of a folder at any depth, sorted, hidden files and backups left out
    (as discover leaves them)."""
    found = []
    for parts, entry in walk(base) if base.is_dir() else []:
        hidden = any(part.startswith(".") for part in parts) or parts[-1].endswith("~")
        if not hidden and _identity(path := Path(entry.path)):
            found.append(path)
    return found


def _notes_stem(name: str) -> str | None:
    """The article stem a notes file's name gives (x.NOTES.yml -> x); None for other files."""
    suffix = next((s for s in NOTES_SUFFIXES if name.lower().endswith(s)), None)
    return name[: -len(suffix)] if suffix else None


def _unused(stem: str, article: Path | None, root: Path, stems: dict[str, str], guess: bool) -> str:
    """Why a notes file is read by no article, and what to do: the article beside it, one of
    its name elsewhere, or the one whose name is nearest."""
    if article is not None:
        return _("is not read: a notes file is named exactly <article>.notes.yml; rename it {stem}.notes.yml").format(stem=stem)
    if stem in stems:
        return _("is not read: notes are read beside their article; move it to the folder of {article}").format(article=stems[stem])
    near = _nearest(stem, stems) if guess else None
    if near:
        return _("is not read: no article is named {stem}.txt or {stem}.md; if these are the notes of "
                 "{article}, rename it {near}.notes.yml").format(stem=stem, article=stems[near], near=near)
    return _("is not read: no article is named {stem}.txt or {stem}.md; name it after its article "
             "(<article>.notes.yml, beside it), or delete it").format(stem=stem)


def _nearest(stem: str, stems: dict[str, str]) -> str | None:
    """The article stem nearest to `stem`, case aside (difflib's ratio of at least 0.6), or None."""
    folded = {name.casefold(): name for name in stems}
    near = difflib.get_close_matches(stem.casefold(), list(folded), n=1, cutoff=0.6)
    return folded[near[0]] if near else None


def _load(text: str, shown: str, report: Report) -> list[NoteSource]:
    """The list of notes with the line of each, checked for shape."""
    node = compose_yaml(text, shown, report, what=_("the notes file"))
    if not node:
        return []
    if not isinstance(node, yaml.SequenceNode):
        report.error(shown, 1, _("notes must be a list: start each note with `- quote: ...`"))
        return []
    notes = []
    for child in node.value:
        line = child.start_mark.line + 1
        ok, data = plain_value(child, shown, report)
        if not ok:
            continue
        if not isinstance(data, dict):
            report.error(shown, line, _("a note must be `quote: ...` and `note: ...` lines; see the README"))
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
            report.error(shown, lines.get(key, line), _("unknown key {key} in a note{nearest}; use {keys}").format(
                key=describe(key), nearest=fields.nearest(key, _KEYS), keys=", ".join(_KEYS)))
    quote, note = (_text(data, key, lines.get(key, line), shown, report, required=True) for key in ("quote", "note"))
    prefix, suffix = (_text(data, key, lines.get(key, line), shown, report) for key in ("prefix", "suffix"))
    kind = data.get("kind", "note")
    if kind not in KINDS:
        report.error(shown, lines.get("kind", line), _("kind {kind} is not one of {kinds}{nearest}; write `kind: note`, "
                                                       "`kind: question` or `kind: vocabulaire` (or leave it out)").format(
                     kind=describe(kind), kinds=", ".join(KINDS), nearest=fields.nearest(kind, KINDS)))
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
            report.error(shown, line, _("a note needs `{key}:` with some text; add it (see the README)").format(key=key))
    elif isinstance(value, bool):
        report.error(shown, line, _("`{key}: {value}` reads as yes/no, not as text; put the words in quotes: "
                                    "`{key}: \"{value}\"`").format(key=key, value=str(value).lower()))
    else:
        report.error(shown, line, _("`{key}:` should be text, not {value}; write `{key}: words` on one line").format(key=key, value=describe(value)))
    return ""
