"""`build.py serve`: a live preview on the same path as `build.py build` (glose/serve.py). It
follows edits of the sources, shows a failed build over the page until it is fixed, and keeps
following edits whatever files appear and vanish meanwhile."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from support import ARTICLE, REPO, TERM_OTAN, write_project


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except urllib.error.HTTPError as err:
        return err.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, seconds: float = 90.0):
    """Poll until condition() is truthy (no fixed sleep: returns as soon as it holds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


@pytest.fixture
def served(tmp_path: Path):
    """(project root, base URL) of a `build.py serve` running on a small project."""
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--project", str(root),
                               "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        yield root, f"http://127.0.0.1:{port}"
    finally:
        server.terminate()
        server.wait(timeout=60)


def test_serve_previews_the_built_site_and_follows_edits(served) -> None:
    root, base = served
    page = _wait_for(lambda: _get(f"{base}/articles/a.html"))
    assert 'class="term"' in page and "Un second paragraphe" in page
    assert "livereload" in page  # the served page reloads itself after a build
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second paragraphe", "Un paragraphe modifié"), encoding="utf-8")
    _wait_for(lambda: "Un paragraphe modifié" in (_get(f"{base}/articles/a.html") or ""))
    # What is served is site/ itself: the preview is what a build publishes.
    assert "Un paragraphe modifié" in (root / "site" / "articles" / "a.html").read_text(encoding="utf-8")


def test_a_failed_build_shows_its_problems_over_the_page_until_fixed(served) -> None:
    root, base = served
    url = f"{base}/articles/a.html"
    _wait_for(lambda: "Un second paragraphe" in (_get(url) or ""))
    (root / "glossary" / "otan.md").write_text(TERM_OTAN.replace("summary:", "resume:"), encoding="utf-8")
    page = _wait_for(lambda: (lambda p: p if p and "glose-build-errors" in p else None)(_get(url)))
    assert "glossary/otan.md:" in page and "Un second paragraphe" in page  # the old page, with the problems
    (root / "glossary" / "otan.md").write_text(TERM_OTAN, encoding="utf-8")
    _wait_for(lambda: "glose-build-errors" not in (_get(url) or "glose-build-errors"))


def test_serve_keeps_following_edits_while_files_appear_and_vanish(served) -> None:
    """Issue 11, item 7: thousands of files created and deleted in corpus/ while serving used to
    kill the watcher; later edits were never built."""
    root, base = served
    url = f"{base}/articles/a.html"
    _wait_for(lambda: "Un second paragraphe" in (_get(url) or ""))
    junk = root / "corpus" / "junk"
    junk.mkdir()
    for round_ in range(3):
        names = [junk / f"f{round_}-{n}.tmp~" for n in range(1500)]
        for name in names:
            name.write_text("x", encoding="utf-8")
        for name in names:
            name.unlink()
    junk.rmdir()
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second paragraphe", "Toujours suivi"), encoding="utf-8")
    _wait_for(lambda: "Toujours suivi" in (_get(url) or ""), seconds=180)


def test_the_watcher_does_not_look_during_a_build_and_sees_what_changed_meanwhile(tmp_path: Path) -> None:
    """glose/serve.py's _polling_paused: while a build runs, the polling watcher cannot take a
    look (its emitter's lock is held: its looks took the interpreter's lock from the build);
    a file saved during the build is reported once the build is over."""
    from watchdog.events import FileSystemEventHandler
    from watchdog.observers.polling import PollingObserver

    from glose.serve import _polling_paused

    (tmp_path / "a.txt").write_text("avant", encoding="utf-8")
    seen: list[str] = []
    handler = FileSystemEventHandler()
    handler.on_any_event = lambda event: seen.append(os.fsdecode(event.src_path))  # type: ignore[method-assign]
    observer = PollingObserver(timeout=0.05)
    observer.schedule(handler, str(tmp_path), recursive=True)
    observer.start()
    try:
        (emitter,) = observer.emitters
        with _polling_paused(observer):
            assert not emitter._lock.acquire(blocking=False)  # a look would wait
            (tmp_path / "a.txt").write_text("pendant la construction", encoding="utf-8")
        assert emitter._lock.acquire(blocking=False)
        emitter._lock.release()
        _wait_for(lambda: str(tmp_path / "a.txt") in seen, seconds=30)
    finally:
        observer.stop()
        observer.join()
