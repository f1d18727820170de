"""`build.py serve`: a live preview. MkDocs serves docs/ with live reload; a watcher thread
regenerates docs/ when corpus/ or glossary/ change. Only files whose content changed are
written, so MkDocs rebuilds once per edit and never loops on our own writes."""

from __future__ import annotations

import sys
import threading
from pathlib import Path

from . import pipeline
from .diagnostics import InputError
from .site import serve_site

POLL_SECONDS = 1.0
"""How often the sources are checked for changes."""


def serve(root: Path, dev_addr: str) -> int:
    """Generate docs/, then serve the site until Ctrl-C, regenerating on every source change."""
    try:
        _regenerate(root)
    except InputError:
        return 1
    stop = threading.Event()
    watcher = threading.Thread(target=_watch, args=(root, stop), daemon=True)
    watcher.start()
    try:
        serve_site(root / "mkdocs.yml", dev_addr)
    except KeyboardInterrupt:
        pass
    finally:
        stop.set()
    return 0


def snapshot(root: Path) -> dict[str, tuple[int, int]]:
    """(mtime, size) of every file of corpus/ and glossary/: what changes when a source does."""
    found = {}
    for folder in ("corpus", "glossary"):
        for path in (root / folder).rglob("*"):
            if path.is_file():
                stat = path.stat()
                found[str(path)] = (stat.st_mtime_ns, stat.st_size)
    return found


def _watch(root: Path, stop: threading.Event) -> None:
    """Poll the sources (no extra dependency, works on every file system, USB sticks included)."""
    last = snapshot(root)
    while not stop.wait(POLL_SECONDS):
        now = snapshot(root)
        if now != last:
            last = now
            try:
                _regenerate(root)
            except InputError:
                pass  # already printed; the previous docs/ stays served


def _regenerate(root: Path) -> None:
    """Regenerate docs/ in place, printing every problem."""
    try:
        result = pipeline.regenerate_in_place(root)
    except InputError as err:
        for diagnostic in err.report.sorted():
            print(diagnostic, file=sys.stderr)
        print("glose: fix the errors above; the preview shows the last good version", file=sys.stderr)
        raise
    for diagnostic in result.report.sorted():
        print(diagnostic, file=sys.stderr)
    print(f"glose: docs/ regenerated ({len(result.changed)} file(s) written)", file=sys.stderr)
