"""docs/ -> site/ with MkDocs (strict), into a staging folder; and the swap that publishes it."""

from __future__ import annotations

import logging
import os
import shutil
import signal
from contextlib import contextmanager
from pathlib import Path

os.environ.setdefault("NO_MKDOCS_2_WARNING", "1")  # Material's end-of-life notice on every run


class SiteError(Exception):
    """MkDocs could not build the site; the message says why."""


def build_site(config_file: Path, docs: Path, site: Path) -> None:
    """Run `mkdocs build --strict` on `docs`, writing into `site`; raise SiteError on failure."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config
    from mkdocs.exceptions import MkDocsException

    _quiet_mkdocs()
    try:
        config = load_config(str(config_file), docs_dir=str(docs), site_dir=str(site), strict=True)
        build(config)
    except MkDocsException as err:
        raise SiteError(f"{config_file.name}: MkDocs failed: {err}; fix the problem above and build again") from err
    except SystemExit as err:  # mkdocs.exceptions.Abort derives from it in some versions
        raise SiteError(f"{config_file.name}: MkDocs stopped ({err})") from err


def _quiet_mkdocs() -> None:
    """Show MkDocs' warnings and errors (they explain a strict failure), not its info lines."""
    logger = logging.getLogger("mkdocs")
    if not any(getattr(h, "_glose", False) for h in logger.handlers):
        handler = logging.StreamHandler()
        handler.setFormatter(logging.Formatter("mkdocs: %(levelname)s: %(message)s"))
        handler.setLevel(logging.WARNING)
        handler._glose = True
        logger.addHandler(handler)
        logger.setLevel(logging.INFO)
        logger.propagate = False


@contextmanager
def signals_deferred():
    """Hold SIGINT and SIGTERM while folders are swapped: a kill lands before or after, never in
    the middle."""
    blocked = {signal.SIGINT, signal.SIGTERM}
    old = signal.pthread_sigmask(signal.SIG_BLOCK, blocked)
    try:
        yield
    finally:
        signal.pthread_sigmask(signal.SIG_SETMASK, old)


def swap(pairs: list[tuple[Path, Path]], trash: Path) -> None:
    """Replace each live folder by its staged twin; on failure put every live folder back."""
    trash.mkdir(parents=True, exist_ok=True)
    done: list[tuple[Path, Path]] = []
    with signals_deferred():
        try:
            for staged, live in pairs:
                old = trash / live.name
                if live.exists():
                    os.rename(live, old)
                done.append((live, old))
                os.rename(staged, live)
        except OSError:
            for live, old in reversed(done):
                if live.exists() and old.exists():
                    shutil.rmtree(live)
                if old.exists():
                    os.rename(old, live)
            raise
    shutil.rmtree(trash, ignore_errors=True)
