"""`build.py serve`: a live preview that takes the same path as `build.py build`.

Every change to corpus/, glossary/ or mkdocs.yml runs the whole build (pipeline.build): only
the pages whose sources changed are rendered again, in docs/ as in site/ (output/keys.py,
site/reuse.py), and site/ is what is served. So the preview is the site a build publishes,
search included. The cache of parsed sources and mentions (glose/cache.py) stays in memory
from one build to the next (each still saves it for `build.py`). The server is MkDocs'
live-reload server: it watches the folders (polling: it works on every file system, USB
sticks included, and files that appear or vanish while it looks are skipped), waits while a
build runs, then tells the open pages to reload. While a build runs, the watcher does not
look (_polling_paused): its looks held the interpreter's lock against the build's.

A build that fails leaves the previous site/ served, with its problems shown over every page
(`path:line: problem; what to do`, as in the terminal, in the same language: glose/i18n.py)
until a build succeeds again; the reload that follows the next good build shows the page alone.
"""

from __future__ import annotations

import gc
import html
import sys
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

from . import pipeline
from .cache import Cache
from .diagnostics import Diagnostic, InputError
from .site import SiteError
from .i18n import _, language

POLL_SECONDS = 0.25
"""How often the watched folders are looked at (MkDocs' default: 0.5 s). A look at 3,000
sources takes about 20 ms: 8 % of a core while nothing changes, for a build that starts
0.125 s sooner on average after a save."""
WATCHED = ("corpus", "glossary", "mkdocs.yml")
"""What a change to starts a build. (Not docs/: the build writes it.)"""


def serve(root: Path, dev_addr: str) -> int:
    """Build, then serve site/ on `dev_addr` ("host:port") until Ctrl-C, building again after
    every change to the sources."""
    from mkdocs.livereload import LiveReloadServer

    host, _colon, port = dev_addr.rpartition(":")
    problems: list[Diagnostic] = []

    class _Server(LiveReloadServer):
        def _inject_js_into_html(self, content: bytes, epoch: int) -> bytes:
            return super()._inject_js_into_html(_with_overlay(content, problems), epoch)

    cache = Cache.open(root)  # kept between builds: each saves it and holds it for the next

    def build() -> None:
        try:
            with _polling_paused(server.observer):
                problems[:] = _build(root, cache)
        finally:
            _collect_later()

    server = _Server(builder=build, host=host or "127.0.0.1", port=int(port), root=str(root / "site"),
                     polling_interval=POLL_SECONDS)
    server.error_handler = lambda code: _error_page(code, problems)
    build()
    for name in WATCHED:
        if (root / name).exists():
            server.watch(str(root / name))
    print(_("glose: serving on {url} (Ctrl-C to stop)").format(url=f"http://{host or '127.0.0.1'}:{port}/"), file=sys.stderr)
    try:
        server.serve()
    except KeyboardInterrupt:
        pass
    finally:
        server.shutdown()
    return 0


def _build(root: Path, cache: Cache) -> list[Diagnostic]:
    """One build; its problems (none when it succeeded), also printed."""
    try:
        result = pipeline.build(root, progress=None, cache=cache)
    except OSError as err:  # disk full, a folder that may not be written: as build.py says it
        return _print_problems([Diagnostic(str(err.filename or "glose"), 0, _("{problem}; check the permissions and the "
                                                                              "free space, then save again").format(problem=err.strerror or err))])
    except (InputError, SiteError) as err:
        return _print_problems(err.report.sorted() if isinstance(err, InputError) else err.report.items)
    for diagnostic in result.report.sorted():
        print(diagnostic, file=sys.stderr)
    print(_("glose: built ({written} file(s) of docs/ written, {kept} of site/ kept)").format(written=len(result.changed), kept=result.site_kept), file=sys.stderr)
    return []


@contextmanager
def _polling_paused(observer) -> Iterator[None]:
    """The watcher's looks at the sources held off while the block runs (a build). Each look
    lists and compares 3,000 files at 2,000 articles, in Python, every POLL_SECONDS: during
    a build, those looks took the interpreter's lock from it (builds 0.2 to 0.4 s longer,
    measured side by side). A look waits while its emitter's lock is held; the first one
    after the build compares the files with the last look before it, so a change saved
    during the build is still seen, and built. (The lock is watchdog's polling emitter's
    own; with an emitter that has none, nothing is held off.)"""
    locks = [lock for emitter in observer.emitters if (lock := getattr(emitter, "_lock", None)) is not None]
    for lock in locks:
        lock.acquire()
    try:
        yield
    finally:
        for lock in locks:
            lock.release()


COLLECT_AFTER = 2.0
"""Seconds after a build when the garbage it left is collected (_collect_later)."""


def _collect_later() -> None:
    """Collect the cycles a build left (its objects were frozen while it ran:
    pipeline._long_lived) a moment after it, once the browser has the reloaded page, rather
    than in the middle of the next build (a full collection takes about 0.2 s at 2,000
    articles)."""
    timer = threading.Timer(COLLECT_AFTER, gc.collect)
    timer.daemon = True
    timer.start()


def _print_problems(found: list[Diagnostic]) -> list[Diagnostic]:
    """Print the problems of a build that failed, and return them for the overlay."""
    for diagnostic in found:
        print(diagnostic, file=sys.stderr)
    print(_("glose: fix the problems above; the preview shows the last good version meanwhile"), file=sys.stderr)
    return list(found)


def _overlay(problems: list[Diagnostic]) -> bytes:
    """The box shown over a page while the last build failed: every problem, as text."""
    lines = "".join(f"<li>{html.escape(str(d))}</li>" for d in problems)
    heading = html.escape(_("The last build failed; this page shows the version before it. Fix:"))
    return (
        f'<div id="glose-build-errors" role="alert" lang="{language()}" style="position:fixed;inset:auto 0 0 0;z-index:10000;'
        "max-height:60vh;overflow:auto;margin:0;padding:1em 1.5em;background:#fff3f3;color:#5c0000;"
        'border-top:4px solid #b00020;font:15px/1.5 system-ui,sans-serif">'
        f'<p style="margin:0 0 .5em;font-weight:bold">{heading}</p>'
        f'<ul style="margin:0;padding-left:1.2em;font-family:monospace">{lines}</ul></div>'
    ).encode("utf-8")


def _with_overlay(content: bytes, problems: list[Diagnostic]) -> bytes:
    """A page with the overlay of the last build's problems, when it failed."""
    if not problems:
        return content
    end = content.rfind(b"</body>")
    end = len(content) if end < 0 else end
    return content[:end] + _overlay(problems) + content[end:]


def _error_page(code: int, problems: list[Diagnostic]) -> bytes | None:
    """A page for a path with nothing to serve: the problems of the first build, if it failed."""
    if not problems:
        return None
    # No page to reload: the error page asks again every 2 s, and shows the site once it is built.
    head = f'<!doctype html><html lang="{language()}"><meta charset="utf-8"><meta http-equiv="refresh" content="2">'
    return head.encode("utf-8") + b"<title>Glose</title><body>" + _overlay(problems) + b"</body></html>"
