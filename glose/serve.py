"""`build.py serve`: a live preview. MkDocs serves docs/ with live reload; a watcher thread
regenerates docs/ when corpus/ or glossary/ change. Only files whose content changed are
written, so MkDocs rebuilds once per edit and never loops on our own writes."""

from __future__ import annotations

import os
import stat
import sys
import threading
from dataclasses import dataclass
from pathlib import Path

from . import pipeline
from .diagnostics import Diagnostic, InputError
from .site import serve_site

POLL_SECONDS = 1.0
"""How often the sources are checked for changes."""


@dataclass
class Preview:
    """How serve's last regeneration of docs/ went: the hook for an error overlay in the
    browser (issue 17), which reads it; updated by every regeneration, from the watcher thread."""

    failed: bool = False
    """True when the last regeneration failed: the preview shows the last good docs/."""
    diagnostics: tuple[Diagnostic, ...] = ()
    """Every diagnostic of the last regeneration, errors first when it failed."""


def serve(root: Path, dev_addr: str, preview: Preview | None = None) -> int:
    """Generate docs/, then serve the site until Ctrl-C, regenerating on every source change."""
    preview = preview or Preview()
    _regenerate(root, preview)
    if preview.failed:
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, stop, preview), daemon=True)
    watcher.start()
    try:
        serve_site(root / "mkdocs.yml", dev_addr)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file of corpus/ and glossary/: what changes when a source does.
    A file or folder that vanishes while it is taken is left out (os.walk skips a folder it
    cannot list): 20,000 files made and deleted during serve killed the watcher."""
    found = {}
    for folder in ("corpus", "glossary"):
        for base, _, files in os.walk(root / folder):
            for name in files:
                path = os.path.join(base, name)
                try:
                    info = os.stat(path)
                except OSError:
                    continue
                if stat.S_ISREG(info.st_mode):
                    found[path] = (info.st_mtime_ns, info.st_size)
    return found


def _watch(root: Path, stop: threading.Event, preview: Preview) -> None:
    """Poll the sources (no extra dependency, works on every file system, USB sticks included)."""
    last = snapshot(root)
    while not stop.wait(POLL_SECONDS):
        last = check_once(root, last, preview)


def check_once(root: Path, last: dict[str, tuple[int, int]], preview: Preview) -> dict[str, tuple[int, int]]:
    """Regenerate docs/ when the sources differ from `last`; returns the sources as seen now.
    Never raises: the watcher must outlive anything a regeneration meets."""
    try:
        now = snapshot(root)
        if now != last:
            _regenerate(root, preview)
        return now
    except Exception as err:  # noqa: BLE001 - a full disk, a bug: said, and the watch goes on
        print(f"glose: docs/ could not be regenerated ({type(err).__name__}: {err}); "
              "the preview shows the last good version, and the next change is tried again", file=sys.stderr)
        preview.failed, preview.diagnostics = True, (Diagnostic("glose", 0, f"{type(err).__name__}: {err}; "
                                                                 "save a source again to retry"),)
        return snapshot(root)


def _regenerate(root: Path, preview: Preview) -> None:
    """Regenerate docs/ in place, printing every problem and keeping them in `preview`."""
    try:
        result = pipeline.regenerate_in_place(root)
    except InputError as err:
        for diagnostic in err.report.sorted():
            print(diagnostic, file=sys.stderr)
        print("glose: fix the errors above; the preview shows the last good version", file=sys.stderr)
        preview.failed, preview.diagnostics = True, tuple(err.report.errors + err.report.warnings)
        return
    for diagnostic in result.report.sorted():
        print(diagnostic, file=sys.stderr)
    print(f"glose: docs/ regenerated ({len(result.changed)} file(s) written)", file=sys.stderr)
    preview.failed, preview.diagnostics = False, tuple(result.report.items)
