"""The MkDocs engine: docs/ -> site/ with `mkdocs build --strict`, Glose's Material overrides
(theme/) installed where mkdocs.yml's `custom_dir` points, and MkDocs' own messages turned
into diagnostics. Only this module imports MkDocs."""

from __future__ import annotations

import importlib
import logging
import os
import re
from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass
from importlib import resources
from pathlib import Path

from ..diagnostics import Report
from ..output.files import own_folder, write_file
from ..read.sources import read_regular
from ..i18n import _

THEME_DIR = ".glose/theme"
"""Where the overrides are installed: mkdocs.yml's `theme.custom_dir`."""
SEARCH_WORKER = "assets/glose/search-worker.js"
"""The search worker that reads the prebuilt index (assembled from glose/site/js/: scripts.py)."""


def build(config_file: Path, docs: Path, site: Path, report: Report, previous: Path | None = None,
          digests: Mapping[str, str] | None = None, generated: frozenset[str] = frozenset(),
          stats: dict[str, tuple[int, int, int]] | None = None, share: tuple[int, int] = (0, 1)) -> Built | None:
    """Run `mkdocs build --strict` on `docs`, writing into `site` (a new folder), with Glose's
    plugin (plugin.py): files of the `previous` site that cannot have changed are kept and
    MkDocs builds only the others ("dirty"; `stats`: the previous site's, see reuse.py); the
    `generated` pages are left out of Material's search index; with `share` (k, n), only the
    k-th of n shares of the pages is built (shares.py). Returns what was kept, or None after
    reporting every problem MkDocs logged, and what stopped it, to `report`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every run
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.exceptions import MkDocsException

    from ..digests import code_digest
    from .plugin import GlosePlugin

    install_theme(config_file.parent)
    collector = _Collector(docs)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    _quiet_mkdocs()
    plugin = GlosePlugin(previous if previous and previous.is_dir() and stats else None, stats or {}, code_digest(),
                         digests or {}, generated, share)
    try:
        config = _config(config_file, docs, site, plugin)
        with _dirty_notice_dropped():
            mkdocs_build(config, dirty=plugin.previous_site is not None or share[1] > 1)
    except (MkDocsException, SystemExit) as err:  # mkdocs.exceptions.Abort is both
        collector.report_to(report, _("MkDocs failed: {error}").format(error=err))
        return None
    except OSError:  # a full disk, a folder it may not write: build.py names the file
        raise
    except Exception as err:  # a plugin or theme bug: still one readable message, exit 1
        collector.report_to(report, _("MkDocs failed ({kind}: {error})").format(kind=type(err).__name__, error=err))
        return None
    finally:
        logger.removeHandler(collector)
    return Built(plugin.kept)


WARM_UP = ("mkdocs.commands.build", "mkdocs.config.defaults", "mkdocs.theme", "mkdocs.localization",
           "mkdocs.structure.pages", "glose.site.plugin", "material.plugins.search.plugin",
           "material.plugins.offline.plugin", "markdown.extensions.attr_list", "markdown.extensions.md_in_html",
           "markdown.extensions.toc", "markdown.extensions.admonition", "markdown.extensions.tables",
           "pymdownx.details", "pygments.formatters.html")
"""What a build of the shipped mkdocs.yml imports (MkDocs, Material's plugins, the Markdown
extensions): 0.15 to 0.2 s a process."""


def warm_up() -> None:
    """Import WARM_UP, in a worker that builds later (site.engine_workers). Not by loading the
    project's mkdocs.yml, which Glose checks first (an alias bomb there would hang MkDocs'
    loader): a project's other plugins and extensions are imported by its build, as before."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    for module in WARM_UP:
        try:
            importlib.import_module(module)
        except ImportError:  # another version of a library: the build imports what it needs
            pass


@dataclass(frozen=True, slots=True)
class Built:
    """What a build that succeeded did."""

    kept: frozenset[str]
    """Outputs of the previous site kept as they were (hard links: reuse.keep)."""


def _config(config_file: Path, docs: Path, site: Path, plugin):
    """MkDocs' configuration for a build of `docs` into `site`, strict, with Glose's plugin."""
    from mkdocs.config import load_config

    config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True)
    config.extra["glose_search_worker"] = SEARCH_WORKER  # read by theme/main.html
    config.plugins["glose"] = plugin
    return config


@contextmanager
def _dirty_notice_dropped() -> Iterator[None]:
    """MkDocs warns that a "dirty" build may leave pages with a stale navigation: Glose keeps a
    page only when the navigation it shows has not changed (reuse.py), so the warning (which
    strict mode would count as an error) is dropped, and only it."""
    logger = logging.getLogger("mkdocs.commands.build")
    drop = logging.Filter()
    drop.filter = lambda record: not record.getMessage().startswith("A 'dirty' build")  # type: ignore[method-assign]
    logger.addFilter(drop)
    try:
        yield
    finally:
        logger.removeFilter(drop)


def install_theme(root: Path) -> None:
    """Copy Glose's Material overrides to .glose/theme/ (mkdocs.yml's custom_dir), writing only
    the files that changed."""
    target = root / THEME_DIR
    for rel, data in package_files("theme"):
        path = target / rel
        own_folder(path.parent, root / ".glose")  # a link there is removed: .glose/ is the build's own
        if path.is_symlink() or not path.is_file() or read_regular(path) != data:
            write_file(path, data)


def package_files(folder: str, node=None, prefix: str = ""):
    """(relative path, bytes) of every file under a folder of glose/site/, sorted."""
    node = node if node is not None else resources.files("glose.site") / folder
    if not node.is_dir():
        return
    for child in sorted(node.iterdir(), key=lambda c: c.name):
        if child.name.startswith((".", "__")):
            continue
        rel = f"{prefix}{child.name}"
        if child.is_dir():
            yield from package_files(folder, child, rel + "/")
        else:
            yield rel, child.read_bytes()


class _Collector(logging.Handler):
    """Keeps MkDocs' warnings and errors, to report them as `docs/<page>: ...` diagnostics."""

    def __init__(self, docs: Path):
        super().__init__(logging.WARNING)
        self.docs = str(docs)
        self.lines: dict[tuple[str, str], None] = {}

    def emit(self, record: logging.LogRecord) -> None:
        message = " ".join(record.getMessage().replace(self.docs, "docs").split())
        found = _DOC_FILE_RE.search(message)
        page = found.group(1) if found else ""
        source = _source_of(Path(self.docs) / page) if page else ""
        level = _("MkDocs warning") if record.levelno < logging.ERROR else _("MkDocs error")
        if source:  # a generated page exists only in the stage: name what it is made from
            self.lines[(source, _("{level} on its page {page}: {message}; fix it in {source} (or in its notes file)").format(
                level=level, page=page, message=message.rstrip("."), source=source))] = None
            return
        where = f"docs/{page}" if page else "mkdocs.yml"
        self.lines[(where, _("{level}: {message}; fix it in that file").format(level=level, message=message.rstrip(".")))] = None

    def report_to(self, report: Report, last: str) -> None:
        """Every problem MkDocs logged, then what stopped it."""
        for where, message in self.lines:
            report.error(where, 0, message)
        what = _("fix the problems above and build again") if self.lines else _("check mkdocs.yml, then build again")
        report.error("mkdocs.yml", 0, f"{last}; {what}")


_DOC_FILE_RE = re.compile(r"'([^'\s]+\.md)'")
_GENERATED_RE = re.compile(rb"<!-- Generated by Glose from (.+?): edit that file")


def _source_of(page: Path) -> str:
    """The source a generated page names in its `Generated by Glose from ...` comment, or ""."""
    try:
        found = _GENERATED_RE.search(read_regular(page)[:2048])
    except OSError:
        return ""
    return found.group(1).decode("utf-8", "replace") if found else ""


def _quiet_mkdocs() -> None:
    """MkDocs' info lines are not shown; its warnings and errors are reported by build."""
    logger = logging.getLogger("mkdocs")
    logger.setLevel(logging.INFO)  # strict mode counts warnings through a handler of its own
    logger.propagate = False
