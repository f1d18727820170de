"""Stage 5, the site: docs/ -> site/ through one engine (MkDocs with Material today, in
mkdocs.py), then the prebuilt search index (search_index.py). The rest of Glose knows only the
functions of this module: a second engine, or page-level caching, plugs in here."""

from __future__ import annotations

import os
import shutil
from collections.abc import Mapping
from pathlib import Path

from ..cache import Cache
from ..diagnostics import Report
from ..model import Page, SearchSection
from ..output.files import real_folder
from ..workers import Background, Standby
from . import mkdocs as engine
from . import reuse, search_files, shares
from .scripts import scripts
from .search_index import DEFAULT_SEPARATOR, SearchIndexError, prepare_files, write_search_shards
from .search_words import Kept, cached, remember, section_checks

__all__ = ["SearchIndex", "SiteError", "assets", "build_site", "engine_workers", "record_site"]


class SiteError(Exception):
    """The site could not be built; `report` holds one diagnostic per problem, in the order found."""

    def __init__(self, report: Report):
        super().__init__("\n".join(str(d) for d in report.items))
        self.report = report


STATS = ".glose/site-stats.json"
"""Where the stats of site/'s files are recorded after each build (reuse.record_stats)."""


INDEX_IN_BACKGROUND = 3000
"""From this many search sections on, with several jobs, the index is written by a worker
process while the build goes on (SearchIndex)."""


class SearchIndex:
    """The prebuilt search index of the pages Glose generated, begun as soon as their search
    sections are known: from INDEX_IN_BACKGROUND sections on, with several jobs, a worker
    process writes it while the rest of the build goes on (the pages rendered, docs/ staged,
    the engine run), so that it is ready when the engine is done. build_site finishes it;
    `close` stops what a build that failed left."""

    def __init__(self, site: Path, search: list[SearchSection], jobs: int = 1, separator: str = DEFAULT_SEPARATOR,
                 cache: Cache | None = None, previous: Path | None = None):
        """`site`: the staged site/ the index goes into (it need not exist yet); `previous`: the
        live site/, whose table and text files it keeps where it may (search_files.py); the
        others as build_site's."""
        self.site, self.search, self.cache = site.absolute(), search, cache
        self.ready = self.site.with_name(self.site.name + ".search")
        self.checks = section_checks(search, separator)
        self.kept = cached(cache, search, self.checks) if cache is not None else Kept([], [])
        self.files = search_files.file_keys(search, self.checks)
        previous = previous.absolute() if previous is not None and previous.is_dir() else None
        stats = reuse.read_stats(previous.parent / STATS) if previous is not None else {}
        self.reused = search_files.reusable(previous, stats, self.files)
        self.background = (Background(prepare_files, self.ready, search_files.for_worker(search, self.reused, self.kept.blocks),
                                      separator, *self.kept, self.reused)
                           if jobs > 1 and len(search) >= INDEX_IN_BACKGROUND else None)

    def finish(self) -> None:
        """Write the index into the site the engine built (raise SearchIndexError), record the
        keys of its table and text files, and keep what was made of it in the cache."""
        background, self.background = self.background, None
        made, blocks = background.result() if background is not None else ({}, {})
        more, more_blocks, own = write_search_shards(self.site, self.search, self.ready if background else None,
                                                     self.kept, self.reused)
        if own:
            search_files.record(self.site, self.files)
        if self.cache is not None:
            remember(self.cache, self.search, self.checks, made | more, blocks | more_blocks)

    def close(self) -> None:
        """Stop a worker still running (its result is not used: the build failed, or finish
        took it) and remove what it wrote. Since the index begins before the pages are
        rendered, a build that fails later no longer waits for it."""
        background, self.background = self.background, None
        try:
            if background is not None:
                background.stop()
        finally:
            shutil.rmtree(self.ready, ignore_errors=True)


def engine_workers(jobs: int) -> Standby:
    """The processes the engine will build the site in (`jobs` of them, when more than one
    and where forks are safe: workers.Standby), started now, before the build reads
    anything: while this process reads and renders, the first imports the engine (0.15 to
    0.2 s), out of the way of the site's build. build_site takes it alone (after an edit),
    or all of them as shares; close them when the build is over. Only the first imports
    ahead: on two cores, a second one importing too slowed this process (reading the cache)
    by as much as the first saved, in the builds after an edit, which use one."""
    return Standby(jobs, engine.warm_up, prepared=1)


def build_site(config_file: Path, docs: Path, site: Path, previous: Path | None = None,
               digests: Mapping[str, str] | None = None, search: list[SearchSection] | None = None,
               jobs: int = 1, separator: str = DEFAULT_SEPARATOR, cache: Cache | None = None,
               index: SearchIndex | None = None, workers: Standby | None = None,
               recycled: Path | None = None) -> frozenset[str]:
    """Build `docs` into `site` (a new folder) with the engine, then prebuild its search index
    for Glose's search worker; raise SiteError on failure. Files of the `previous` site that
    cannot have changed are kept (reuse.py): returns their paths in `site`. `digests`: sha256 of files of
    docs/ already known (path -> digest). `search`: the search sections of the pages Glose
    generated, written from its model (those pages are then not parsed for the index).
    `jobs`: processes that may render pages (shares.py: used when there are many).
    `separator`: the search plugin's word separator (mkdocs.yml). `cache`: what the last build
    made of each search section (search_words.py), updated. `index`: the index of `search`
    into `site`, begun already (then `search`, `separator` and `cache` are its own).
    `workers`: engine_workers' (else the engine runs in this process, or in new ones).
    `recycled`: the site/ the last build replaced (publish.recycle), where the engine starts
    from when it keeps files of `previous` (reuse.keep prunes it to them)."""
    # MkDocs reads a relative docs_dir against the configuration file's folder: absolute paths
    # mean the same thing whatever folder the caller runs in.
    config_file, docs, site = config_file.absolute(), docs.absolute(), site.absolute()
    previous = previous.absolute() if previous else None
    report = Report()
    index = index or SearchIndex(site, search or [], jobs, separator, cache, previous)
    generated = frozenset(s.location.split("#")[0].removesuffix(".html") + ".md" for s in index.search)
    try:
        kept_files = _run_engine(config_file, docs, site, report, previous, digests or {}, generated, jobs, workers,
                                 recycled)
        if kept_files is None:
            raise SiteError(report)
        index.finish()
    except SearchIndexError as err:
        report.error(config_file.name, 0, str(err))
        raise SiteError(report) from err
    finally:
        index.close()
    return kept_files


def _run_engine(config_file: Path, docs: Path, site: Path, report: Report, previous: Path | None,
                digests: Mapping[str, str], generated: frozenset[str], jobs: int,
                workers: Standby | None, recycled: Path | None) -> frozenset[str] | None:
    """The engine's part of build_site, in one process (one of `workers` if any) or in
    shares; what it kept, or None. The `recycled` site/ becomes the folder of the first (or
    only) share, when there are files of `previous` to keep: else it is left where it is."""
    stats = reuse.read_stats(config_file.parent / STATS) if previous else {}
    previous = previous if previous and previous.is_dir() and stats else None
    in_shares = jobs > 1 and reuse.pages_to_build(previous, docs, digests) >= shares.MIN_PAGES
    if previous is not None and recycled is not None and real_folder(recycled):
        os.rename(recycled, shares.first_folder(site) if in_shares else site)
    if in_shares:
        return shares.build_in_shares(config_file, docs, site, report, jobs, previous, digests, generated, stats,
                                      workers)
    if workers:
        return shares.build_in_worker(workers, config_file, docs, site, report, previous, digests, generated, stats)
    built = engine.build(config_file, docs, site, report, previous, digests, generated, stats)
    return built.kept if built else None


def record_site(site: Path, kept: frozenset[str] = frozenset()) -> None:
    """After a build is in place: record what the next build needs to keep its files (the
    project is the folder holding `site`; `kept`: what build_site returned)."""
    reuse.record_stats(site, site.parent / STATS, kept)


def assets() -> list[Page]:
    """Glose's styles and search files (glose/site/static/), mirrored into docs/, and its
    scripts, assembled from glose/site/js/ (scripts.py)."""
    return [Page(rel, data) for rel, data in engine.package_files("static")] + scripts()
