"""Document importers: a saved web page, a Word or OpenDocument file, a PDF with a text layer,
or a .txt/.md file in any encoding, turned into one clean article (``extract(path)``).

Each format lives in its own module of this package and registers its importer function for
its file suffixes with ``@register(".suffix", ...)``: a new format is a new module, found by
itself (every module of the package is imported the first time the table is needed).

A .txt or .md file that is in fact a web page (it starts with ``<!DOCTYPE html`` or
``<html``), a PDF, a Word or an OpenDocument file (a document saved, then renamed) is read by
the importer of what it is.
"""

from __future__ import annotations

import importlib
import pkgutil
import re
import zipfile
from collections.abc import Callable
from dataclasses import dataclass, replace
from pathlib import Path
from ...i18n import N_, _


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
        # `_` again: a problem made once at import time (pdf._DAMAGED) holds the English text.
        return f"{_(self.message)}; {_(self.hint)}" if self.hint else _(self.message)


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
        raise ImportProblem(_("no such file or folder"), _("check the name and the folder you are in"))
    if suffix not in table or not path.is_file():
        known = ", ".join(sorted(table))
        raise ImportProblem(_("not a kind of file that can be imported"), _("import one of these: {suffixes}").format(suffixes=known))
    try:
        kind = sniff(path) if suffix in (".txt", ".md") else None
        if kind is not None:
            article = table[kind](path)
            return replace(article, notes=(_("the file is {kind}: read as one").format(kind=_(_KINDS[kind])), *article.notes))
        return table[suffix](path)
    except OSError as error:
        raise ImportProblem(_("cannot be read ({problem})").format(problem=error.strerror or error), _("check the file's permissions")) from error


def sniff(path: Path) -> str | None:
    """The suffix of the kind of document a file really is, by its first bytes: a web page,
    a PDF, a Word or an OpenDocument file (".html", ".pdf", ".docx", ".odt"); None for text."""
    with path.open("rb") as file:
        head = file.read(4096)
    if _WEB_PAGE.match(head):
        return ".html"
    if head.startswith(b"%PDF"):
        return ".pdf"
    if head.startswith(b"PK\x03\x04") and zipfile.is_zipfile(path):
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
            if "word/document.xml" in names:
                return ".docx"
            if "mimetype" in names and archive.read("mimetype").startswith(b"application/vnd.oasis.opendocument.text"):
                return ".odt"
    return None


_KINDS = {".html": N_("a web page (HTML)"), ".pdf": N_("a PDF document"), ".docx": N_("a Word document"), ".odt": N_("an OpenDocument text")}
