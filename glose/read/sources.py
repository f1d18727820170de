"""Bytes on disk -> clean text: UTF-8 checked, then cleaning.clean_text (line ends, invisible
characters, ligatures, NFC), the one cleaning every reader shares. Every problem becomes a
diagnostic naming the line, never an exception."""

from __future__ import annotations

import errno
import functools
import os
import re
import stat
from pathlib import Path

from ..diagnostics import Report
from .cleaning import clean_text
from ..i18n import N_, _

# clean_text removes (with a warning) the C0 controls other than tab and newline: Python-Markdown
# uses \x02 and \x03 as placeholders, so letting them through could splice stashed HTML into
# the page; the C1 controls are the trace of a Windows-1252 file decoded as Latin-1.
_LINE_END_RE = re.compile(rb"\r\n|\r|\n")
_UTF8_HINT = N_(
    "re-save it as UTF-8 (in your editor: Save as, encoding UTF-8; "
    "or `iconv -f cp1252 -t utf-8 FILE > NEW`)"
)
_PLAIN_TEXT_HINT = N_("open it in its program and save it as plain text (.txt, UTF-8) or Markdown (.md)")
# File signatures of the documents people most often put in corpus/ by mistake.
_SIGNATURES = (
    (b"%PDF", N_("is a PDF document, not plain text")),
    (b"PK\x03\x04", N_("is a Word, OpenDocument or zip file, not plain text")),
    (b"\xd0\xcf\x11\xe0", N_("is an old Word (.doc) document, not plain text")),
    (b"{\\rtf", N_("is an RTF document (WordPad, TextEdit), not plain text")),
    (b"\x89PNG", N_("is a PNG image, not text")),
    (b"\xff\xd8\xff", N_("is a JPEG image, not text")),
    (b"GIF8", N_("is a GIF image, not text")),
)


def relpath(path: Path, root: Path) -> str:
    """The path as shown in messages: relative to the project root, with forward slashes."""
    try:
        return path.relative_to(root).as_posix()
    except ValueError:
        return path.as_posix()


def is_inside(path: Path, root: Path) -> bool:
    """True when path, once symlinks are resolved, stays inside root."""
    real, top = os.path.realpath(path), _real(str(root))
    return real == top or real.startswith(top.rstrip(os.sep) + os.sep)


@functools.lru_cache(maxsize=8)
def _real(root: str) -> str:
    """The real path of a project root, resolved once (is_inside runs for every source file)."""
    return os.path.realpath(root)


def read_text(path: Path, root: Path, report: Report) -> str | None:
    """Read a source file as NFC text with "\\n" line ends, or report why not and return None."""
    shown = relpath(path, root)
    if not is_inside(path, root):
        report.error(shown, 0, _("is a link to a file outside the project; copy the file into the project instead"))
        return None
    try:
        data = read_regular(path)
    except OSError as err:
        if err.errno == errno.EINVAL:  # not a file: a FIFO or a device made in the meantime
            report.error(shown, 0, _("is {kind}; Glose reads only regular files: delete it").format(kind=err.strerror))
        else:
            report.error(shown, 0, _("cannot be read ({problem}); check that the file exists and that you may read it").format(problem=err.strerror or err))
        return None
    return decode_text(data, shown, report)


def read_regular(path: Path) -> bytes:
    """The bytes of a regular file. Anything else raises OSError(EINVAL, what it is): reading a
    named pipe (FIFO) would wait forever for a writer, a device could never end. The file is
    opened without blocking, then checked, so nothing swapped in after a check can hang us."""
    fd = os.open(path, os.O_RDONLY | os.O_NONBLOCK | os.O_CLOEXEC)
    try:
        kind = special_kind(os.fstat(fd).st_mode)
        if kind:
            raise OSError(errno.EINVAL, kind, str(path))
        with open(fd, "rb", closefd=False) as handle:
            return handle.read()
    finally:
        os.close(fd)


def special_kind(mode: int) -> str:
    """What a file that is neither a regular file nor a folder is ("" for those two)."""
    if stat.S_ISFIFO(mode):
        return _("a named pipe (FIFO)")
    if stat.S_ISSOCK(mode):
        return _("a socket")
    if stat.S_ISCHR(mode) or stat.S_ISBLK(mode):
        return _("a device")
    return ""


def decode_text(data: bytes, shown: str, report: Report) -> str | None:
    """The bytes of a source file as clean text (see the module docstring), or None after
    reporting why they are not text."""
    kind = _binary_kind(data)
    if kind:
        importable = data.startswith((b"%PDF", b"PK\x03\x04"))
        report.error(shown, 0, f"{kind}; {_import_hint(shown) if importable else ''}{_(_PLAIN_TEXT_HINT)}")
        return None
    text = _decode(data, shown, report)
    if text is None:
        return None
    cleaned = clean_text(text)
    for removed in cleaned.removed:
        report.warning(shown, removed.line, _("invisible characters removed ({names}); "
                                              "check the text around them").format(names=", ".join(removed.names)))
    return cleaned.text


def _binary_kind(data: bytes) -> str:
    """What a non-text file is ("" for text): known signatures, UTF-16, or NUL bytes, which
    never occur in text files."""
    for signature, kind in _SIGNATURES:
        if data.startswith(signature):
            return _(kind)
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        return _("is saved as UTF-16 (\"Unicode\" in Notepad), not UTF-8")
    if b"\x00" in data[:8192]:
        return _("holds binary data (NUL bytes), not text")
    return ""


def _decode(data: bytes, shown: str, report: Report) -> str | None:
    """Decode UTF-8 (a byte-order mark is accepted and dropped); name the first bad line."""
    try:
        return data.decode("utf-8-sig")
    except UnicodeDecodeError as err:
        line = len(_LINE_END_RE.findall(data, 0, err.start)) + 1
        report.error(
            shown,
            line,
            _("is not UTF-8 (byte 0x{byte:02X} in {line!r}, probably Windows-1252 or Latin-1); ").format(
                byte=data[err.start], line=_line_around(data, err.start)) + _import_hint(shown) + _(_UTF8_HINT),
        )
        return None


def _import_hint(shown: str) -> str:
    """For an article of corpus/: the command that re-encodes it (`build.py import`)."""
    if shown.startswith("corpus/") and shown.lower().endswith(".txt"):
        return _("convert it with `python build.py import {path}`, or ").format(path=shown)
    return ""


def _line_around(data: bytes, offset: int) -> str:
    """The line holding data[offset], decoded as Windows-1252, cut to 60 characters."""
    starts = [m.end() for m in _LINE_END_RE.finditer(data, 0, offset)]
    start = starts[-1] if starts else 0
    end_match = _LINE_END_RE.search(data, offset)
    line = data[start : end_match.start() if end_match else len(data)]
    text = line.decode("cp1252", errors="replace").strip()
    column = len(data[start:offset].decode("cp1252", errors="replace").lstrip())
    return text[max(0, column - 30) : max(0, column - 30) + 60]
