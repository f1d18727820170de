"""Document importers: a saved web page, a Word or OpenDocument file, a PDF with a text layer,
or a .txt/.md file in any encoding, turned into one clean article (``extract(path)``).

Each format lives in its own module of this package and registers its importer function for
its file suffixes with ``@register(".suffix", ...)``: a new format is a new module, found by
itself (every module of the package is imported the first time the table is needed).

A .txt or .md file whose content is a web page (it starts with ``<!DOCTYPE html`` or
``<html``: a page saved, then renamed) is read by the web-page importer.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
from collections.abc import Callable
from dataclasses import dataclass, replace
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
    """A file that cannot be imported: ``message`` says what is wrong (without the file's
    name, which the caller shows its own way), ``hint`` what to do."""

    def __init__(self, message: str, hint: str = ""):
        super().__init__(message)
        self.message = message
        self.hint = hint

    def __str__(self) -> str:
        return f"{self.message}; {self.hint}" if self.hint else self.message


Importer = Callable[[Path], Imported]
_IMPORTERS: dict[str, Importer] = {}
_LOADED = False
_WEB_PAGE = re.compile(rb"\A(?:\xef\xbb\xbf)?\s*(?:<!--.*?-->\s*)*<(?:!doctype\s+html|html[\s>])", re.IGNORECASE | re.DOTALL)


def register(*suffixes: str) -> Callable[[Importer], Importer]:
    """Function decorator: the importer reads files with these suffixes."""

    def add(importer: Importer) -> Importer:
        for suffix in suffixes:
            if suffix.lower() in _IMPORTERS:
                raise ValueError(f"two importers for {suffix}")
            _IMPORTERS[suffix.lower()] = importer
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
    suffix = path.suffix.lower()
    if not path.exists():
        raise ImportProblem("no such file or folder", "check the name and the folder you are in")
    if suffix not in table or not path.is_file():
        known = ", ".join(sorted(table))
        raise ImportProblem("not a kind of file that can be imported", f"import one of these: {known}")
    try:
        if suffix in (".txt", ".md") and is_web_page(path):
            article = table[".html"](path)
            return replace(article, notes=("the file is a web page (HTML): read as one", *article.notes))
        return table[suffix](path)
    except OSError as error:
        raise ImportProblem(f"cannot be read ({error.strerror or error})", "check the file's permissions") from error


def is_web_page(path: Path) -> bool:
    """Whether the file starts like an HTML page (a doctype or an <html> tag)."""
    with path.open("rb") as file:
        return bool(_WEB_PAGE.match(file.read(4096)))
