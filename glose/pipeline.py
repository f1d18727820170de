"""The one place that orders the stages: read -> annotate -> lint -> render -> write -> site."""

from __future__ import annotations

import fcntl
import os
import shutil
import sys
import time
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from . import linking, parallel, render, writers
from .diagnostics import InputError, Report
from .keys import PageKeys
from .lint import lint
from .model import Corpus, Page
from .notes import read_notes
from .readers import read_project
from .site import build_site, recover, swap

WORK_DIR = ".glose"
"""The build's own folder in the project: lock, staging folders, theme overrides (git-ignored)."""
STATS = f"{WORK_DIR}/docs-stats.json"
"""Size, dates and digest of each generated file of docs/ after the last build (writers.survey)."""


@dataclass(frozen=True, slots=True)
class Result:
    """What a run did."""

    report: Report
    """Every diagnostic (warnings only, when the run succeeded)."""
    changed: tuple[str, ...] = ()
    """Files of docs/ that were written (relative to docs/)."""
    removed: tuple[str, ...] = ()
    """Generated files of docs/ that were deleted."""


def generate(root: Path, report: Report, progress=None, jobs: int | None = None,
             before: writers.Survey | None = None) -> tuple[Corpus, list[Page]]:
    """Read, check, annotate and render; raise InputError (nothing written) on any error.
    Article and glossary pages are rendered on `jobs` processes (default: one per core).
    With `before` (the survey of docs/), pages whose key shows they have not changed since
    the last build are not rendered again (keys.py): they come back without content."""
    step = progress or (lambda message: None)
    jobs = jobs or parallel.default_jobs()
    project = read_project(root, report)
    step(f"read {len(project.articles)} articles and {len(project.terms)} glossary entries")
    if report.errors:
        raise InputError(report)
    corpus = linking.annotate(project)
    notes = {a.article.slug: read_notes(root, a.article, a.mentions, report) for a in corpus.articles}
    if report.errors:
        raise InputError(report)
    site_url = _site_url(root)
    keys = PageKeys(corpus, site_url)
    kept = before.kept_key if before else (lambda path: "")
    stale = {t.term.slug for t in corpus.terms if kept(f"glossary/{t.term.slug}.md") != keys.term_page(t)}
    corpus = linking.link(corpus, notes, concordance_for=stale)
    lint(corpus, report)
    step(f"found {sum(sum(a.counts.values()) for a in corpus.articles)} mentions")
    hand_written = before.is_hand_written if before else (lambda rel: writers.is_hand_written(root / "docs", rel))
    with_home = not hand_written("index.md")
    pages = render.render_site(corpus, _setting(root, "site_name") or "Glose", site_url,
                               with_home=with_home, jobs=jobs, keys=keys, kept=kept) + static_pages()
    step(f"rendered {sum(p.content is not None for p in pages)} pages, kept {sum(p.content is None for p in pages)}")
    return corpus, pages


def check(root: Path, jobs: int | None = None) -> Result:
    """Validate everything, write nothing."""
    report = Report()
    before = writers.survey(root / "docs", root / STATS)
    _, pages = generate(root, report, jobs=jobs, before=before)
    writers.plan(root / "docs", pages, report, before)
    if report.errors:
        raise InputError(report)
    return Result(report)


def build(root: Path, with_site: bool = True, progress=None, jobs: int | None = None) -> Result:
    """Generate docs/ and build site/ in staging folders, then swap them in together."""
    step = progress or (lambda message: None)
    with build_lock(root, step):
        recover(root / WORK_DIR, root)  # a build killed by SIGKILL may have left a swap half-done
        report = Report()
        before = writers.survey(root / "docs", root / STATS)
        _, pages = generate(root, report, step, jobs, before)
        plan = writers.plan(root / "docs", pages, report, before)
        if report.errors:
            raise InputError(report)
        work = root / WORK_DIR / f"stage-{os.getpid()}"
        shutil.rmtree(work, ignore_errors=True)
        try:
            staged = writers.stage(root / "docs", work / "docs", plan)
            pairs = [(work / "docs", root / "docs")]
            if with_site:
                started = time.perf_counter()
                install_theme(root)
                build_site(root / "mkdocs.yml", work / "docs", work / "site")
                step(f"built site/ with MkDocs in {time.perf_counter() - started:.1f} s")
                pairs.append((work / "site", root / "site"))
            swap(pairs, work / "old")
        finally:
            shutil.rmtree(work, ignore_errors=True)
        writers.record_stats(root / "docs", plan.digests, root / STATS, staged)
        return Result(report, plan.changed, plan.removed)


def regenerate_in_place(root: Path, progress=None) -> Result:
    """For `serve`: update docs/ in place, writing only the files whose content changed.
    On one process: serve runs threads, and a fork copies none of them but their locks."""
    report = Report()
    before = writers.survey(root / "docs", root / STATS)
    _, pages = generate(root, report, progress, jobs=1, before=before)
    plan = writers.plan(root / "docs", pages, report, before)
    if report.errors:
        raise InputError(report)
    writers.write_in_place(root / "docs", plan)
    writers.record_stats(root / "docs", plan.digests, root / STATS)
    install_theme(root)
    return Result(report, plan.changed, plan.removed)


def static_pages() -> list[Page]:
    """Files of glose/static/ (scripts, styles, search language), mirrored into docs/."""
    base = resources.files("glose") / "static"
    return [Page(rel, data) for rel, data in _walk(base, "")]


def install_theme(root: Path) -> None:
    """Copy Glose's Material overrides to .glose/theme/ (mkdocs.yml's custom_dir)."""
    target = root / WORK_DIR / "theme"
    for rel, data in _walk(resources.files("glose") / "theme", ""):
        path = target / rel
        if not path.is_file() or path.read_bytes() != data:
            path.parent.mkdir(parents=True, exist_ok=True)
            path.write_bytes(data)


def _walk(node, prefix: str):
    """(relative path, bytes) of every file under a package resource folder, sorted."""
    if not node.is_dir():
        return
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name.startswith((".", "__")):
            continue
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            yield from _walk(child, rel + "/")
        else:
            yield rel, child.read_bytes()


def _setting(root: Path, key: str) -> str:
    """A top-level scalar of mkdocs.yml, read without MkDocs (whose loader knows custom tags)."""
    try:
        for line in (root / "mkdocs.yml").read_text(encoding="utf-8").splitlines():
            if line.startswith(f"{key}:"):
                return line.split(":", 1)[1].split(" #")[0].strip().strip("'\"")
    except OSError:
        pass
    return ""


def _site_url(root: Path) -> str:
    """site_url with a final slash (for absolute links in CSV files), or "" when not set."""
    url = _setting(root, "site_url")
    return url if not url or url.endswith("/") else url + "/"


@contextmanager
def build_lock(root: Path, step):
    """One build at a time per project: a second one waits for the first to finish."""
    path = root / WORK_DIR / "lock"
    path.parent.mkdir(parents=True, exist_ok=True)
    with open(path, "a+") as handle:
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            print("glose: another build of this project is running; waiting for it to finish…", file=sys.stderr)
            fcntl.flock(handle, fcntl.LOCK_EX)
        handle.seek(0)
        handle.truncate()
        handle.write(f"{os.getpid()}\n")
        handle.flush()
        yield
