"""Document importers: a saved web page, a Word or OpenDocument file, a PDF with a text layer,
or a .txt/.md file in any encoding, turned into one clean article (``extract(path)``).

Each format lives in its own module of this package and registers its importer for its file
suffixes with ``@register(".suffix", ...)``: a new format is a new module, found by itself
(every module of the package is imported the first time the table is needed).
"""

from __future__ import annotations

import importlib
import pkgutil
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True)
class Imported:
    """One article read from a document. ``date`` is "YYYY", "YYYY-MM", "YYYY-MM-DD" or "";
    ``notes`` are remarks for a person ("encoding detected: windows-1252")."""

    title: str
    date: str
    author: str
    site: str
    url: str
    paragraphs: tuple[str, ...]
    notes: tuple[str, ...] = ()


class ImportProblem(Exception):
    """A file that cannot be imported: ``message`` says what is wrong, ``hint`` what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message} ({self.hint})" if self.hint else self.message


Importer = Callable[[Path], Imported]
_IMPORTERS: dict[str, Importer] = {}
_LOADED = False


def register(*suffixes: str) -> Callable[[Importer], Importer]:
    """Class or function decorator: the importer reads files with these suffixes."""

    def add(importer):
        reader = importer() if isinstance(importer, type) else importer
        for suffix in suffixes:
            if suffix.lower() in _IMPORTERS:
                raise ValueError(f"two importers for {suffix}")
            _IMPORTERS[suffix.lower()] = reader
        return importer

    return add


def importers() -> dict[str, Importer]:
    """The table of importers by file suffix (".html", ".pdf", ...)."""
    global _LOADED
    if not _LOADED:
        _LOADED = True
        for module in pkgutil.iter_modules(__path__):
            importlib.import_module(f"{__name__}.{module.name}")
    return dict(_IMPORTERS)


def extract(path: Path) -> Imported:
    """The article in the document at ``path``, chosen by its suffix; ImportProblem when the
    file is of an unknown type, unreadable, corrupt, protected or holds no text."""
    path = Path(path)
    table = importers()
    importer = table.get(path.suffix.lower())
    if importer is None:
        known = ", ".join(sorted(table))
        raise ImportProblem(f"{path.name}: unknown type of file", f"files that can be imported: {known}")
    if not path.is_file():
        raise ImportProblem(f"{path.name}: no such file", "check the path")
    try:
        return importer(path)
    except OSError as error:
        raise ImportProblem(
            f"{path.name}: cannot be read ({error.strerror or error})",
            "check the file's permissions",
        ) from error
