"""The MkDocs engine: docs/ -> site/ with `mkdocs build --strict`, Glose's Material overrides
(theme/) installed where mkdocs.yml's `custom_dir` points, and MkDocs' own messages turned
into diagnostics. Only this module imports MkDocs."""

from __future__ import annotations

import logging
import os
import re
from importlib import resources
from pathlib import Path

from ..diagnostics import Report
from ..output.files import own_folder, write_file
from ..read.sources import read_regular

THEME_DIR = ".glose/theme"
"""Where the overrides are installed: mkdocs.yml's `theme.custom_dir`."""
SEARCH_WORKER = "assets/glose/search-worker.js"
"""The search worker that reads the prebuilt index (glose/site/static/)."""


def build(config_file: Path, docs: Path, site: Path, report: Report) -> bool:
    """Run `mkdocs build --strict` on `docs`, writing into `site`; False after reporting every
    problem MkDocs logged, and what stopped it, to `report`."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every run
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    install_theme(config_file.parent)
    collector = _Collector(docs)
    logger = logging.getLogger("mkdocs")
    logger.addHandler(collector)
    _quiet_mkdocs()
    try:
        config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True)
        config.extra["glose_search_worker"] = SEARCH_WORKER  # read by theme/main.html
        mkdocs_build(config)
    except (MkDocsException, SystemExit) as err:  # mkdocs.exceptions.Abort is both
        collector.report_to(report, f"MkDocs failed: {err}")
        return False
    except OSError:  # a full disk, a folder it may not write: build.py names the file
        raise
    except Exception as err:  # a plugin or theme bug: still one readable message, exit 1
        collector.report_to(report, f"MkDocs failed ({type(err).__name__}: {err})")
        return False
    finally:
        logger.removeHandler(collector)
    return True


def serve(config_file: Path, dev_addr: str) -> None:
    """Serve docs/ with live reload until Ctrl-C (`mkdocs serve`)."""
    os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")
    from mkdocs.commands.serve import serve as mkdocs_serve

    install_theme(config_file.parent)
    logging.basicConfig(level=logging.INFO, format="mkdocs: %(message)s")
    mkdocs_serve(config_file=str(config_file), dev_addr=dev_addr, livereload=True)


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
        level = f"MkDocs {record.levelname.lower()}"
        if source:  # a generated page exists only in the stage: name what it is made from
            self.lines[(source, f"{level} on its page {page}: {message.rstrip('.')}; "
                        f"fix it in {source} (or in its notes file)")] = None
            return
        where = f"docs/{page}" if page else "mkdocs.yml"
        self.lines[(where, f"{level}: {message.rstrip('.')}; fix it in that file")] = None

    def report_to(self, report: Report, last: str) -> None:
        """Every problem MkDocs logged, then what stopped it."""
        for where, message in self.lines:
            report.error(where, 0, message)
        what = "fix the problems above and build again" if self.lines else "check mkdocs.yml, then build again"
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
