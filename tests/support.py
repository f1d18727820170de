"""Shared helpers for tests that build throwaway projects.

Fixtures (each returns a function):

- `make_project(tmp_path, corpus={...}, glossary={...}, docs={...}, files={...})` writes a
  project under tmp_path/"project" and returns its root: a copy of the repository's
  mkdocs.yml, corpus/ and glossary/ (always created, maybe empty), and optional hand-written
  files in docs/ or anywhere else (`files`, paths relative to the root). Keys are file paths
  relative to their folder ("a.txt", "sub/b.md"); values are str (written as UTF-8, exactly
  as given: no newline added) or bytes (written as they are).
- `snapshot(folder)` returns {relative path: (bytes, inode, mtime_ns)} of every file and link
  under a folder ({} when it does not exist): compare two snapshots to prove that a failed
  build left docs/ and site/ exactly as they were, down to inodes and dates.
- `copy_sources(source, target)` copies a project's corpus/, glossary/ and mkdocs.yml (the
  repository's own, the shipped project, when `source` is REPO) into `target`.
- `build_in_subprocess(root, *args)` runs `python build.py --project root *args` in a new
  process, as a user does, and fails the test with its output when it exits non-zero.
- `generate(root, report=None, jobs=None)` runs the pipeline's generate stage on a project
  as a build would (with the survey of its docs/), writing nothing.
- `run_cli(root, *args)` runs `build.py --project root *args` in this process and returns
  (exit code, stderr text): fast, no MkDocs import unless a site is built.

`TERM_OTAN` and `ARTICLE` are a minimal valid glossary entry and article to start from.
"""

from __future__ import annotations

import contextlib
import io
import os
import shutil
import signal
import subprocess
import sys
from pathlib import Path


REPO = Path(__file__).resolve().parent.parent
if str(REPO) not in sys.path:
    sys.path.insert(0, str(REPO))  # build.py lives at the root, outside the glose package

TERM_OTAN = """---
term: Otan
aliases:
  - Alliance atlantique
summary: Organisation du traité de l'Atlantique nord, alliance militaire.
---
L'Otan est une alliance militaire fondée en 1949.
"""

ARTICLE = """title Un article
date 2022-02-24

L'Otan se réunit aujourd'hui.

Un second paragraphe.
"""


def write_project(tmp_path: Path, corpus=None, glossary=None, docs=None, files=None) -> Path:
    """Write a throwaway project (see the module docstring) and return its root."""
    root = tmp_path / "project"
    root.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(REPO / "mkdocs.yml", root / "mkdocs.yml")
    for folder, content in (("corpus", corpus), ("glossary", glossary), ("docs", docs), ("", files)):
        if folder in ("corpus", "glossary"):
            (root / folder).mkdir(exist_ok=True)
        for rel, data in (content or {}).items():
            path = root / folder / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data if isinstance(data, bytes) else data.encode("utf-8"))
    return root


def copy_sources(source: Path, target: Path) -> Path:
    """Copy corpus/, glossary/ and mkdocs.yml of the project at `source` into `target`; return it."""
    target.mkdir(parents=True, exist_ok=True)
    for name in ("corpus", "glossary"):
        shutil.copytree(source / name, target / name)
    shutil.copyfile(source / "mkdocs.yml", target / "mkdocs.yml")
    return target


def build_in_subprocess(root: Path, *args: str) -> None:
    """`python build.py --project root *args` in a new process (from the project folder, as a
    user runs it); the test fails with its output when it exits non-zero."""
    run = subprocess.run([sys.executable, str(REPO / "build.py"), "--project", str(root), *args],
                         capture_output=True, text=True, cwd=root)
    assert run.returncode == 0, f"build.py failed ({run.returncode}):\n{run.stdout}\n{run.stderr}"


def tree_snapshot(folder: Path) -> dict[str, tuple[bytes, int, int]]:
    """{relative path: (bytes, inode, mtime_ns)} of every file and link under folder."""
    if not folder.exists():
        return {}
    found = {}
    for path in sorted(folder.rglob("*")):
        if path.is_symlink() or path.is_file():
            info = path.lstat()
            data = os.readlink(path).encode() if path.is_symlink() else path.read_bytes()
            found[path.relative_to(folder).as_posix()] = (data, info.st_ino, info.st_mtime_ns)
    return found


def run_build_cli(root: Path, *args: str) -> tuple[int, str]:
    """`build.py --project root *args` in this process: (exit code, stderr)."""
    import build

    err = io.StringIO()
    handler = signal.getsignal(signal.SIGTERM)
    try:
        with contextlib.redirect_stderr(err):
            code = build.main(["--project", str(root), *args])
    finally:
        signal.signal(signal.SIGTERM, handler)  # build.main installs its own
    return code, err.getvalue()




def read_search_script(path: Path) -> tuple[str, object, object]:
    """(function, key, data) of a file of site/search/shards, table or text, or of
    site/search/pages.js, which reads `GloseSearch.<function>(<key as JSON>,<data as JSON>);`."""
    import json
    import re

    match = re.fullmatch(r"GloseSearch\.(\w+)\(((?:\d+|\"[0-9a-f]+\")),(.*)\);\n", path.read_text(encoding="utf-8"), re.S)
    assert match, f"{path} is not a search script"
    return match[1], json.loads(match[2]), json.loads(match[3])


def generate(root: Path, report=None, jobs=None):
    """pipeline.generate on `root` as a build calls it: (corpus, pages); nothing is written."""
    from glose import pipeline
    from glose.diagnostics import Report
    from glose.output import survey

    before = survey.survey(root / "docs", root / pipeline.STATS)
    generated = pipeline.generate(root, report if report is not None else Report(), before, jobs=jobs)
    return generated.corpus, generated.pages
