"""Which files of corpus/ and glossary/ are sources, and the page name (slug) each one gets."""

from __future__ import annotations

import os
import re
import unicodedata
from collections.abc import Collection
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..folding import slugify
from .sources import relpath, special_kind
from ..i18n import N_, _

NOTES_SUFFIXES = (".notes.yml", ".notes.yaml")
"""Names of teacher notes files (in lower case): read.notes reads them, or reports them."""
SLUG_MAX = 200
"""The longest page name: <slug>-vocabulaire.csv must fit in a file name (255 bytes)."""
RESERVED_SLUGS = frozenset({"index"})
"""Slugs that would collide with the generated index pages."""

IMPORTED_SUFFIXES = {
    ".html": N_("a saved web page"), ".htm": N_("a saved web page"), ".docx": N_("a Word document"),
    ".odt": N_("an OpenDocument text"), ".pdf": N_("a PDF document"),
}
"""Documents that `build.py import` turns into articles (the build reads only .txt and .md)."""

_UNCLEAN_NAME_RE = re.compile("[\x00-\x1f\x7f-\x9f\u202a-\u202e\u2066-\u2069\ud800-\udfff]")
"""Surrogates, the characters of Unicode category Cc (C0, DEL, C1) and the bidirectional
controls that reorder text (a name shows in messages and pages)."""


@dataclass(frozen=True, slots=True)
class Source:
    """A file found in corpus/ or glossary/, with the slug its page will get."""

    path: Path
    """The file on disk."""
    shown: str
    """Its path as messages show it: relative to the project root."""
    slug: str
    """The page name its file name gives (articles/<slug>.html or glossary/<slug>.html)."""


def discover(root: Path, folder: str, suffixes: Collection[str], report: Report) -> list[Source]:
    """Every readable file of a folder (recursively), sorted by slug, with slugs checked for
    collisions; `suffixes` are the file types read there (lower case, with the dot)."""
    base = root / folder
    if not base.is_dir():
        report.warning(folder, 0, _("folder {folder}/ does not exist; create it and put your files there").format(folder=folder))
        return []
    found: dict[str, Source] = {}
    for parts, entry in walk(base):
        path = Path(entry.path)
        if _is_dir(entry):
            if entry.is_symlink():
                report.warning(relpath(path, root), 0, _("is a link to a folder, which Glose does not follow; move the files into {folder}/ instead").format(folder=folder))
            continue
        source = _accept(path, parts, entry, folder, tuple(suffixes), report)
        if source is None:
            continue
        if source.slug in found:
            other = found[source.slug].shown
            report.error(source.shown, 0, _("gives the same page name {slug!r} as {other}; rename one of them").format(slug=source.slug, other=other))
            continue
        found[source.slug] = source
    return [found[slug] for slug in sorted(found)]


def walk(base: Path) -> list[tuple[tuple[str, ...], os.DirEntry]]:
    """Every entry under `base` as `sorted(base.rglob("*"))` lists them (links to folders
    listed, not followed; a folder that cannot be read skipped), each with its path's parts
    below `base`: as strings and directory entries, whose types the listing already knows
    (3,000 files at 2,000 articles: a third of the time of Path objects)."""
    found: list[tuple[tuple[str, ...], os.DirEntry]] = []

    def visit(folder: str, parts: tuple[str, ...]) -> None:
        try:
            with os.scandir(folder) as entries:
                listed = list(entries)
        except OSError:
            return
        for entry in listed:
            below = (*parts, entry.name)
            found.append((below, entry))
            if _is_dir(entry) and not entry.is_symlink():
                visit(entry.path, below)

    visit(str(base), ())
    found.sort(key=lambda item: item[0])  # as Paths sort: part by part
    return found


def _is_dir(entry: os.DirEntry) -> bool:
    try:
        return entry.is_dir()
    except OSError:
        return False


def _accept(path: Path, parts: tuple[str, ...], entry: os.DirEntry, folder: str, suffixes: tuple[str, ...],
            report: Report) -> Source | None:
    """A Source for a file we read, None (with a warning where useful) for anything else.
    `parts`: its path below the folder; `entry`: its directory entry."""
    shown = "/".join((folder, *parts))
    name = parts[-1]
    if any(part.startswith(".") for part in parts) or name.endswith("~"):
        return None  # hidden files and editor backups: .DS_Store, .notes.swp, draft.txt~
    kind = _special(entry)
    if kind:
        report.warning(_printable(shown), 0, _("skipped: {kind}, not a file (reading it could wait forever); "
                                               "delete it, or put the text in a regular file").format(kind=kind))
        return None
    if name.lower().endswith(NOTES_SUFFIXES) and folder == "corpus":
        return None  # teacher notes are read with their article (or reported as read by none)
    if not _is_clean_name(shown):
        report.error(_printable(shown), 0, _("the file name is not valid UTF-8 or holds a line break or control character; rename the file"))
        return None
    if path.suffix.lower() not in suffixes:
        _skip(path, shown, folder, suffixes, report)
        return None
    return _named(path, shown, folder, report)


def _skip(path: Path, shown: str, folder: str, suffixes: tuple[str, ...], report: Report) -> None:
    """Say why a file of another type is not read, and what to do: import it, or save it as text."""
    if folder == "corpus" and path.suffix.lower() in IMPORTED_SUFFIXES:
        report.warning(shown, 0, _("skipped: {kind} is not an article yet; import it: "
                                   "`python build.py import {path}` writes its text to corpus/ as a .txt article").format(
                       kind=_(IMPORTED_SUFFIXES[path.suffix.lower()]), path=shown))
        return
    formats = _(" and ").join(suffixes)
    kind = _("a {suffix} file").format(suffix=path.suffix) if path.suffix else _("a file without extension")
    report.warning(shown, 0, _("skipped: {kind}, and Glose reads only {formats} files here; "
                               "save it as plain text ({suffix}, UTF-8) to include it").format(kind=kind, formats=formats, suffix=suffixes[0]))


def _named(path: Path, shown: str, folder: str, report: Report) -> Source | None:
    """The Source of a file of a type we read, once its name gives a usable page name."""
    stem = path.name[: -len(path.suffix)]
    slug = slugify(stem)
    if not slug:
        report.error(shown, 0, _("the file name has no letter or digit to make a page name from; rename the file"))
        return None
    if len(slug) > SLUG_MAX:
        report.error(shown, 0, _("the file name is too long: its page name would be {length} characters, and file names "
                                 "stop at 255 (Glose adds -vocabulaire.csv); rename the file to at most {limit} characters").format(length=len(slug), limit=SLUG_MAX))
        return None
    if slug in RESERVED_SLUGS:
        report.error(shown, 0, _("the page name {slug!r} is taken by the list of all pages of {folder}/; rename the file").format(slug=slug, folder=folder))
        return None
    if slug != stem:
        page = "articles" if folder == "corpus" else "glossary"
        report.warning(shown, 0, _("file name is not a URL name; its page is {page}/{slug}.html (rename it {slug}{suffix} to silence this)").format(page=page, slug=slug, suffix=path.suffix.lower()))
    return Source(path, shown, slug)


def _special(entry: os.DirEntry) -> str:
    """What an entry is when it (or the file its link leads to) is a FIFO, a socket or a device."""
    try:
        return special_kind(entry.stat().st_mode)
    except OSError:
        return ""  # a broken link: reading it says what is wrong


def _is_clean_name(shown: str) -> bool:
    """Names go into pages and messages: they must be text (a name that is not UTF-8 comes
    back from the file system with surrogates) without control characters."""
    return not _UNCLEAN_NAME_RE.search(shown)


def _printable(shown: str) -> str:
    """A path fit for a one-line message: bad bytes as U+FFFD, controls as "?"."""
    text = shown.encode("utf-8", "surrogateescape").decode("utf-8", "replace")
    return "".join("?" if unicodedata.category(ch) == "Cc" or _UNCLEAN_NAME_RE.match(ch) else ch for ch in text)
