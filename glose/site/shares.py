"""The site built on several cores. MkDocs renders pages one after the other in one process,
and its time is almost all Python (Markdown, the theme's templates). So a site with many pages
to render is built as n shares at once: each worker process runs the whole MkDocs build into a
folder of its own, rendering only every n-th page (sorted by output path): MkDocs, building
"dirty", skips the others (plugin.py). Then the shares are merged into the staged site/:
share 0's folder becomes it (it holds the static files and the files every share writes
alike: 404 page, sitemap, the keys), the other shares' own pages are moved in, and the
entries Material's search plugin made for hand-written pages are put together. Everything
happens in the staging folder: site/ is swapped in only afterwards.
"""

from __future__ import annotations

import json
import os
import shutil
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..diagnostics import Diagnostic, Report
from ..workers import Standby, in_workers
from . import mkdocs as engine

MIN_PAGES = 400
"""Fewer pages to render than this are built in one process (starting workers costs more)."""


def build_in_shares(config_file: Path, docs: Path, site: Path, report: Report, jobs: int,
                    previous: Path | None, digests: Mapping[str, str], generated: frozenset[str],
                    stats: dict[str, tuple[int, int, int]], workers: Standby | None = None) -> frozenset[str] | None:
    """engine.build on `jobs` processes (see the module docstring): `workers` when there are
    enough of them, else new ones; the outputs kept by all the shares, or None after
    reporting every problem of every share."""
    parts = [_share_folder(site, k) for k in range(jobs)]
    shared = (config_file, docs, parts, jobs, previous, digests, generated, stats)
    try:
        if workers is not None and len(workers) >= jobs:
            results = workers.run(build_share, [(*shared, k) for k in range(jobs)])
        else:
            results = in_workers(build_share, list(range(jobs)), shared=shared)
        _report(results, report)
        if any(built is None for built, _ in results):
            return None
        _merge(site, parts)
        return frozenset().union(*(built.kept for built, _ in results if built))
    finally:
        for part in parts:
            shutil.rmtree(part, ignore_errors=True)


def first_folder(site: Path) -> Path:
    """The folder build_in_shares builds its first share in (that share's folder becomes
    `site`, and holds the files every share writes alike)."""
    return _share_folder(site, 0)


def _share_folder(site: Path, number: int) -> Path:
    return site.with_name(f"{site.name}.share-{number}")


def build_in_worker(workers: Standby, config_file: Path, docs: Path, site: Path, report: Report,
                    previous: Path | None, digests: Mapping[str, str], generated: frozenset[str],
                    stats: dict[str, tuple[int, int, int]]) -> frozenset[str] | None:
    """engine.build as one share of one, into `site`, in one of `workers` (made ahead, the
    engine imported: site.engine_workers); the outputs kept, or None after reporting."""
    results = workers.run(build_share, [(config_file, docs, [site], 1, previous, digests, generated, stats, 0)])
    _report(results, report)
    [(built, _)] = results
    return built.kept if built else None


def build_share(config_file: Path, docs: Path, parts: Sequence[Path], jobs: int, previous: Path | None,
                digests: Mapping[str, str], generated: frozenset[str], stats: dict[str, tuple[int, int, int]],
                number: int) -> tuple[engine.Built | None, list[Diagnostic]]:
    """In a worker: build share `number` of `jobs` into its own folder (`parts[number]`); what
    it did and its problems."""
    report = Report()
    built = engine.build(config_file, docs, parts[number], report, previous, digests, generated, stats, (number, jobs))
    return built, report.items


def _report(results: Sequence[tuple[engine.Built | None, list[Diagnostic]]], report: Report) -> None:
    """Every problem found by the shares, each once (every share sees mkdocs.yml alike)."""
    seen: set[Diagnostic] = set()
    for _, diagnostics in results:
        for diagnostic in diagnostics:
            if diagnostic not in seen:
                seen.add(diagnostic)
                report.items.append(diagnostic)


def _merge(site: Path, parts: Sequence[Path]) -> None:
    """Share 0's folder becomes `site`; each other share's own outputs move into it."""
    os.rename(parts[0], site)
    entries = _search_entries(site)
    for part in parts[1:]:
        for folder, _, files in os.walk(part):
            for name in files:
                source = Path(folder, name)
                target = site / source.relative_to(part)
                if target.exists():
                    continue  # a file every share writes alike
                target.parent.mkdir(parents=True, exist_ok=True)
                os.rename(source, target)
        entries += _search_entries(part)
    _write_search_entries(site, entries)


def _search_entries(site: Path) -> list:
    """The entries Material's search plugin wrote for the pages it indexed ([] without an index)."""
    try:
        return json.loads((site / "search" / "search_index.json").read_text(encoding="utf-8"))["docs"]
    except (OSError, ValueError, KeyError, TypeError):
        return []


def _write_search_entries(site: Path, entries: list) -> None:
    """Put every share's entries into the merged search_index.json (the shard writer reads it)."""
    index_file = site / "search" / "search_index.json"
    if not index_file.is_file():
        return
    index = json.loads(index_file.read_text(encoding="utf-8"))
    index["docs"] = entries
    index_file.write_text(json.dumps(index, separators=(",", ":")), encoding="utf-8")
