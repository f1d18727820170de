"""Bytes on disk -> clean text: UTF-8 checked, BOM and line ends normalised, NFC, no control
characters. Every problem becomes a diagnostic naming the line, never an exception."""

from __future__ import annotations

import os
import re
import unicodedata
from pathlib import Path

from .diagnostics import Report

# C0 controls other than tab and newline: Python-Markdown uses \x02 and \x03 as placeholders,
# so letting them through could splice stashed HTML into the page. \v and \f come from Word's
# manual line and page breaks and are kept as line breaks.
_BREAKS = str.maketrans({"\v": "\n", "\f": "\n", "\u2028": "\n", "\u2029": "\n\n"})
_CONTROL_RE = re.compile(r"[\x00-\x08\x0e-\x1f\x7f]")
_UTF8_HINT = (
    "re-save it as UTF-8 (in your editor: Save as, encoding UTF-8; "
    "or `iconv -f cp1252 -t utf-8 FILE > NEW`)"
)


def relpath(path: Path, root: Path) -> str:
    """The path as shown in messages: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_inside(path: Path, root: Path) -> bool:
    """True when path, once symlinks are resolved, stays inside root."""
    try:
        Path(os.path.realpath(path)).relative_to(os.path.realpath(root))
        return True
    except ValueError:
        return False


def read_text(path: Path, root: Path, report: Report) -> str | None:
    """Read a source file as NFC text with "\\n" line ends, or report why not and return None."""
    shown = relpath(path, root)
    if not is_inside(path, root):
        report.error(shown, 0, "is a link to a file outside the project; copy the file into the project instead")
        return None
    data = path.read_bytes()
    if _looks_binary(data):
        report.error(shown, 0, "is not a text file (binary data); save the article as plain text (.txt) or Markdown (.md)")
        return None
    text = _decode(data, shown, report)
    if text is None:
        return None
    text = text.replace("\r\n", "\n").replace("\r", "\n").translate(_BREAKS)
    text = unicodedata.normalize("NFC", text)
    return _drop_controls(text, shown, report)


def _looks_binary(data: bytes) -> bool:
    """NUL bytes never occur in text files; PDF, DOCX (zip) and images all contain them."""
    return b"\x00" in data[:8192]


def _decode(data: bytes, shown: str, report: Report) -> str | None:
    """Decode UTF-8 (a byte-order mark is accepted and dropped); name the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = data[: err.start].count(b"\n") + 1
        byte = data[err.start]
        guess = data.decode("cp1252", errors="replace").splitlines()[line - 1] if data else ""
        report.error(
            shown,
            line,
            f"is not UTF-8 (byte 0x{byte:02X} in {guess.strip()[:60]!r}, probably Windows-1252 "
            f"or Latin-1); {_UTF8_HINT}",
        )
        return None


def _drop_controls(text: str, shown: str, report: Report) -> str:
    """Remove invisible control characters, with one warning per line that had some."""
    if not _CONTROL_RE.search(text):
        return text
    for number, line in enumerate(text.split("\n"), start=1):
        if _CONTROL_RE.search(line):
            report.warning(shown, number, "contains invisible control characters; they were removed")
    return _CONTROL_RE.sub("", text)
