"""`build.py serve` (issue 2): regenerates docs/ when a source changes, writing only the files
whose content changed, so MkDocs' own watcher never loops on our writes."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

from glose import pipeline
from glose.serve import snapshot
from support import ARTICLE, REPO, TERM_OTAN, write_project


def test_regenerate_in_place_writes_only_what_changed(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": "title B\n\nAutre texte.\n"},
                         glossary={"otan.md": TERM_OTAN})
    first = pipeline.regenerate_in_place(root)
    assert "articles/a.md" in first.changed
    assert pipeline.regenerate_in_place(root).changed == ()  # nothing changed: nothing written
    before = snapshot(root)
    (root / "corpus" / "b.txt").write_text("title B\n\nAutre texte, avec l'Otan.\n", encoding="utf-8")
    assert snapshot(root) != before
    changed = set(pipeline.regenerate_in_place(root).changed)
    # The article, its vocabulary, the index (its number of terms) and the concordance of the
    # term it now mentions; not a.md (OTAN is in both articles: idf 0, so not related).
    assert changed == {"articles/b.md", "articles/b-vocabulaire.csv", "articles/index.md", "glossary/otan.md"}


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def _get(url: str) -> str | None:
    try:
        with urllib.request.urlopen(url, timeout=2) as response:
            return response.read().decode("utf-8")
    except OSError:
        return None


def _wait_for(condition, seconds: float = 60.0):
    """Poll until condition() is truthy (no fixed sleep: returns as soon as it holds)."""
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.1)
    raise AssertionError("condition not met in time")


def test_serve_previews_and_follows_edits(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    port = _free_port()
    server = subprocess.Popen([sys.executable, str(REPO / "build.py"), "serve", "--project", str(root),
                               "--dev-addr", f"127.0.0.1:{port}"],
                              stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, text=True,
                              env={**os.environ, "PYTHONUNBUFFERED": "1"})
    try:
        url = f"http://127.0.0.1:{port}/articles/a.html"
        page = _wait_for(lambda: _get(url))
        assert 'class="term"' in page and "Un second paragraphe" in page
        (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second paragraphe", "Un paragraphe modifié"), encoding="utf-8")
        _wait_for(lambda: "Un paragraphe modifié" in (_get(url) or ""))
    finally:
        server.terminate()
        server.wait(timeout=30)


def test_the_watcher_survives_files_that_vanish_and_failed_regenerations(tmp_path: Path, monkeypatch) -> None:
    """Issue 11, item 7: 20,000 files made and deleted in corpus/ while serving killed the
    watcher (FileNotFoundError in snapshot); later edits were never regenerated. A failed
    regeneration is kept in the Preview, for the error overlay of issue 17."""
    from glose import serve as serve_module
    from glose.serve import Preview, check_once

    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "gone.txt": "title G\n\nTexte.\n"}, glossary={"otan.md": TERM_OTAN})
    real_stat = os.stat

    def vanishing(path, *args, **kwargs):  # gone.txt is deleted between the listing and its stat
        if str(path).endswith("gone.txt"):
            raise FileNotFoundError(2, "No such file or directory", str(path))
        return real_stat(path, *args, **kwargs)

    monkeypatch.setattr(os, "stat", vanishing)
    assert str(root / "corpus" / "a.txt") in snapshot(root)
    monkeypatch.setattr(os, "stat", real_stat)
    preview = Preview()
    last = check_once(root, {}, preview)
    assert not preview.failed and (root / "docs" / "articles" / "gone.md").is_file()

    (root / "corpus" / "a.txt").write_text("title A\ndate demain\n\nTexte.\n", encoding="utf-8")
    last = check_once(root, last, preview)
    assert preview.failed and [str(d) for d in preview.diagnostics] == [
        "corpus/a.txt:2: bad date 'demain'; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-24"]

    def full(root, progress=None):
        raise OSError(28, "No space left on device")

    monkeypatch.setattr(serve_module.pipeline, "regenerate_in_place", full)
    (root / "corpus" / "a.txt").write_text(ARTICLE, encoding="utf-8")
    last = check_once(root, last, preview)  # did not raise: the watcher goes on
    assert preview.failed and "No space left on device" in str(preview.diagnostics[0])
    monkeypatch.undo()
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    check_once(root, last, preview)
    assert not preview.failed and "Un autre" in (root / "docs" / "articles" / "a.md").read_text(encoding="utf-8")
