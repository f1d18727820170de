"""The one place that orders the stages: read -> annotate -> render -> output -> site."""

from __future__ import annotations

import gc
import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from . import annotate, render
from .cache import Cache
from .config import Config, load_config
from .diagnostics import InputError, Report
from .model import Corpus, GeneratedFile, KeptPage, SearchSection
from .output import keys as page_keys
from .output import files, publish, survey, writers
from .read import read_project
from . import parallel
from .workers import Background, Standby
from .site import SearchIndex, assets, build_site, engine_workers, record_site
from .i18n import _

WORK_DIR = ".glose"
"""The build's own folder in the project: lock, staging folders, theme overrides (git-ignored)."""
TRASH = "trash-"
"""The start of the names of .glose/'s folders holding the docs/ and site/ a build replaced
(_record): the next build removes them (files.Removal)."""
STATS = f"{WORK_DIR}/docs-stats.json"
"""Size, dates and digest of each generated file of docs/ after the last build (survey.record_stats)."""

Progress = Callable[[str], None]
"""Receives a line about each step of a build."""


@dataclass(frozen=True, slots=True)
class Generated:
    """What the stages before the site make of a project."""

    corpus: Corpus
    """Every text and entry, annotated and linked."""
    pages: list[GeneratedFile]
    """Every file of docs/ the build generates (rendered, or kept from the last build)."""
    search: list[SearchSection]
    """What the site's search finds in those pages."""
    config: Config
    """The project's settings."""


@dataclass(frozen=True, slots=True)
class Result:
    """What a run did."""

    report: Report
    """Every diagnostic (warnings only, when the run succeeded)."""
    changed: tuple[str, ...] = ()
    """Files of docs/ that were written (relative to docs/)."""
    removed: tuple[str, ...] = ()
    """Generated files of docs/ that were deleted."""
    site_kept: int = 0
    """Files of site/ kept from the previous build (not built again)."""


def generate(root: Path, report: Report, before: survey.Survey, progress: Progress | None = None,
             jobs: int | None = None, cache: Cache | None = None,
             searched: Callable[[list[SearchSection], Config], None] | None = None) -> Generated:
    """Read, check, annotate and render; raise InputError (nothing written) on any error.
    Article and glossary pages are rendered on `jobs` processes (default: one per core).
    Pages whose key shows they have not changed since the last build (`before`: the survey
    of docs/) are not rendered again (output/keys.py): they come back as KeptPages. Sources
    and mentions unchanged since the last build come from its `cache` (cache.py).
    `searched` receives the search sections as soon as the corpus is annotated without errors,
    before it is linked and its pages rendered: build begins the search index with them, in a
    fork that uses the core this process leaves idle while it links and checks (1.5 to 2 s of a
    build from nothing at 2,000 articles)."""
    step = progress or (lambda message: None)
    jobs = jobs or parallel.default_jobs()
    config = load_config(root, report)
    project = read_project(root, report, cache, jobs)
    step(_("read {articles} articles and {terms} glossary entries").format(articles=len(project.articles), terms=len(project.terms)))
    if report.errors:
        raise InputError(report)
    corpus = annotate.annotate(project, cache=cache)
    notes = {a.article.slug: annotate.anchor_notes(a, report) for a in corpus.articles}
    if report.errors:
        raise InputError(report)
    with_home = not before.is_hand_written("index.md")
    search = render.search_sections(corpus, config, with_home, cache)
    if searched:
        searched(search, config)  # a fork writes the index while this process links and renders
    keys = page_keys.PageKeys(corpus, config.site_url, config.site_name)
    stale = {t.term.slug for t in corpus.terms if before.kept_key(f"glossary/{t.term.slug}.md") != keys.term_page(t)}
    corpus = annotate.link(corpus, notes, concordance_for=stale, cache=cache)
    annotate.lint(corpus, report, config.ignore_acronyms, cache)
    step(_("found {count} mentions").format(count=sum(sum(a.counts.values()) for a in corpus.articles)))
    pages = _render(corpus, config, _with_data_files(keys.all(corpus), corpus), before, with_home, jobs)
    fresh = sum(not isinstance(p, KeptPage) for p in pages)
    step(_("rendered {fresh} pages, kept {kept}").format(fresh=fresh, kept=len(pages) - fresh))
    return Generated(corpus, pages, search, config)


def _with_data_files(keys: dict[str, str], corpus: Corpus) -> dict[str, str]:
    """Page keys, with those of the data files of long concordances: their glossary page's."""
    for page, files in render.data_files(corpus).items():
        keys.update((path, keys[page]) for path in files)
    return keys


def _render(corpus: Corpus, config: Config, keys: dict[str, str], before: survey.Survey, with_home: bool,
            jobs: int) -> list[GeneratedFile]:
    """Every page of docs/: those whose file can be kept are not rendered again."""
    kept = {path for path, key in keys.items() if before.kept_key(path) == key}
    return render.render_site(corpus, config, with_home, jobs, keys, kept, before.kept_key) + assets()


def check(root: Path, jobs: int | None = None) -> Result:
    """Validate everything, write nothing."""
    report = Report()
    files.check_outputs(root, report)
    before = survey.survey(root / "docs", root / STATS)
    writers.plan(generate(root, report, before, jobs=jobs).pages, report, before)
    if report.errors:
        raise InputError(report)
    return Result(report)


def build(root: Path, with_site: bool = True, progress: Progress | None = None, jobs: int | None = None,
          cache: Cache | None = None) -> Result:
    """Generate docs/ and build site/ in staging folders, then swap them in together. `cache`:
    the one the last build of this process saved (`serve`), instead of reading .glose/'s.
    The engine's processes start first (site.engine_workers: forks, made while this process
    holds little), and prepare while the sources are read."""
    step = progress or (lambda message: None)
    _check_outputs(root)
    jobs = jobs or parallel.default_jobs()
    with publish.build_lock(root, WORK_DIR):
        publish.recover(root / WORK_DIR, root)  # a build killed by SIGKILL may have left a swap half-done
        ahead = _survey_ahead(root, cache is None and jobs > 1)
        workers = engine_workers(jobs if with_site else 0)
        try:
            with _long_lived(root, cache) as cache:
                return _build(root, with_site, step, jobs, cache, workers, ahead)
        finally:
            workers.close()
            if ahead is not None:
                ahead.stop()


def _survey_ahead(root: Path, worth_it: bool) -> Background | None:
    """The survey of docs/ (7,000 files at 2,000 articles: 0.1 s), taken in a fork while this
    process reads the cache (0.25 s), when `worth_it` (the cache is read from disk, and there
    are two cores) and forks are safe (else Background would start a fork server): None
    when it is taken in this process."""
    if not worth_it or not parallel.fork_is_safe():
        return None
    return Background(survey.survey, root / "docs", root / STATS)


def _build(root: Path, with_site: bool, step: Progress, jobs: int, cache: Cache, workers: Standby,
           ahead: Background | None) -> Result:
    """build, with the lock held (`ahead`: the survey of docs/, begun)."""
    report = Report()
    before = ahead.result() if ahead is not None else survey.survey(root / "docs", root / STATS)
    work = root / WORK_DIR / f"stage-{os.getpid()}"
    files.clear(work)
    trashes = sorted((root / WORK_DIR).glob(f"{TRASH}*"))
    recycled = publish.recycle(trashes, work)
    removal = files.Removal()
    removal.start(trashes)  # after the survey: see _record
    index: list[SearchIndex] = []  # begun inside generate, as soon as the search sections are known

    def begin_index(search: list[SearchSection], config: Config) -> None:
        index.append(SearchIndex(work / "site", search, jobs, config.search_separator, cache, root / "site"))

    try:
        try:
            generated = generate(root, report, before, step, jobs, cache, begin_index if with_site else None)
            plan, staged, kept = _publish(root, work, generated, report, before, index[0] if index else None, jobs,
                                          step, workers, recycled)
        finally:
            for begun in index:
                begun.close()
    except BaseException:
        files.clear(work)
        removal.wait()
        _record_unchanged(root, before)
        raise
    _record(root, work, cache, with_site, plan, staged, kept, removal)
    return Result(report, plan.changed, plan.removed, len(kept))


@contextmanager
def _long_lived(root: Path, cache: Cache | None) -> Iterator[Cache]:
    """The build's cache (`cache`, or .glose/'s, read with the garbage collector paused: 0.07 s
    of collections at 2,000 articles, while loading holds no garbage), started; during the
    build, the objects it holds and those the pages are made of are frozen (gc.freeze, also
    in _publish): they live as long as the build, and each full collection walked them all
    again (5 of them, 0.25 s of a build after an edit at 2,000 articles), and a forked worker
    (the search index's) no longer copies the memory collections would touch. Objects are
    still freed when no longer referenced; cycles among the frozen ones are collected once
    the build is over (gc.unfreeze)."""
    if cache is None:
        enabled = gc.isenabled()
        gc.disable()
        try:
            cache = Cache.open(root)
        finally:
            if enabled:
                gc.enable()
    cache.start()
    gc.freeze()
    try:
        yield cache
    finally:
        gc.unfreeze()


def _record(root: Path, work: Path, cache: Cache, with_site: bool, plan: writers.Plan, staged: dict[str, tuple],
            kept: frozenset[str], removal: files.Removal) -> None:
    """After the swap: set work/ aside as .glose/trash-*, with the previous docs/ and site/ it
    holds (14,000 files at 2,000 articles), for the next build to remove while it reads
    (`removal`, this build's: removing them here cost the end of each build 0.15 to 0.3 s),
    save the cache, record site/'s stats, and docs/'s once `removal` is over. Unlinking the
    files docs/ shares with a trash (the unchanged files, hard links; the data files site/
    holds too) changes their change time, which the survey checks: `removal` starts after
    this build's survey and ends before its record; this build's own trash changes nothing
    until the next build's survey is over (and a build that fails records again what its
    survey found: _record_unchanged)."""
    try:
        os.rename(work, root / WORK_DIR / f"{TRASH}{os.getpid()}-{time.time_ns()}")
    except OSError:
        files.clear(work)  # removed now, then: still before docs/'s stats are recorded
    cache.save()
    if with_site:
        record_site(root / "site", kept)
    removal.wait()
    survey.record_stats(root / "docs", plan.digests, root / STATS, staged)


def _record_unchanged(root: Path, before: survey.Survey) -> None:
    """After a build that failed (docs/ as it was, or as someone changed it meanwhile): record
    the stats of the files of docs/ the last build generated that are as the survey found them
    (their change time may have changed since: the removal of a trash, staging links)."""
    own = {rel: digest for rel, digest in before.current.items() if before.is_own(rel) and rel in before.signatures}
    survey.record_stats(root / "docs", own, root / STATS, before.signatures)


def _publish(root: Path, work: Path, generated: Generated, report: Report, before: survey.Survey,
             index: SearchIndex | None, jobs: int, step: Progress,
             workers: Standby, recycled: Path | None) -> tuple[writers.Plan, dict[str, tuple], frozenset[str]]:
    """Stage docs/ and (with an `index`) site/ in `work`, then swap them in: (the plan, the
    staged files' stats, the files of site/ kept); raise InputError or SiteError first.
    `recycled`: the site/ the last build replaced, for the engine to start from (publish.recycle)."""
    plan = writers.plan(generated.pages, report, before)
    if report.errors:
        raise InputError(report)
    gc.freeze()  # see _long_lived
    staged = writers.stage(root / "docs", work / "docs", plan, before.signatures)
    pairs = [(work / "docs", root / "docs")]
    kept: frozenset[str] = frozenset()
    if index is not None:
        started = time.perf_counter()
        kept = build_site(root / "mkdocs.yml", work / "docs", work / "site", root / "site", plan.digests,
                          jobs=jobs, index=index, workers=workers, recycled=recycled)
        step(_("built site/ with MkDocs in {seconds:.1f} s ({kept} files kept)").format(seconds=time.perf_counter() - started, kept=len(kept)))
        pairs.append((work / "site", root / "site"))
    publish.swap(pairs, work / "old", empty_trash=False)  # build removes work/
    return plan, staged, kept


def suggest(root: Path, minimum: int = 3) -> tuple[Report, list]:
    """For `build.py suggest`: read and annotate the project, then propose glossary additions
    (annotate/suggest.py); write nothing."""
    from .annotate.suggest import suggest as propose

    report = Report()
    project = read_project(root, report)
    if report.errors:
        raise InputError(report)
    return report, propose(annotate.annotate(project), minimum)


def _check_outputs(root: Path) -> None:
    """Raise InputError when docs/, site/ or .glose/ is a link or a file (files.check_outputs)."""
    report = Report()
    files.check_outputs(root, report)
    if report.errors:
        raise InputError(report)
