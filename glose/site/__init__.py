"""Stage 5, the site: docs/ -> site/ through one engine (MkDocs with Material today, in
mkdocs.py), then the prebuilt search index (search_index.py). The rest of Glose knows only the
functions of this module: a second engine, or page-level caching, plugs in here."""

from __future__ import annotations

from pathlib import Path

from ..diagnostics import Report
from ..model import Page
from . import mkdocs as engine
from .scripts import scripts
from .search_index import SearchIndexError, write_search_shards

__all__ = ["SiteError", "assets", "build_site", "serve_site"]


class SiteError(Exception):
    """The site could not be built; `report` holds one diagnostic per problem, in the order found."""

    def __init__(self, report: Report):
        super().__init__("\n".join(str(d) for d in report.items))
        self.report = report


def build_site(config_file: Path, docs: Path, site: Path) -> None:
    """Build `docs` into `site` with the engine, then prebuild its search index for Glose's
    search worker; raise SiteError on failure."""
    report = Report()
    if not engine.build(config_file, docs, site, report):
        raise SiteError(report)
    try:
        write_search_shards(site)
    except SearchIndexError as err:
        report.error(config_file.name, 0, str(err))
        raise SiteError(report) from err


def serve_site(config_file: Path, dev_addr: str) -> None:
    """Serve docs/ with live reload until Ctrl-C."""
    engine.serve(config_file, dev_addr)


def install_theme(root: Path) -> None:
    """Install the engine's theme overrides in the project (done by every build)."""
    engine.install_theme(root)


def assets() -> list[Page]:
    """Glose's styles and search files (glose/site/static/), mirrored into docs/, and its
    scripts, assembled from glose/site/js/ (scripts.py)."""
    return [Page(rel, data) for rel, data in engine.package_files("static")] + scripts()
