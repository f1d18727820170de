"""The site's scripts, assembled from their sources: each script that a page (or the search
worker) loads is the concatenation, in a fixed order, of files of glose/site/js/, one feature
a file. No bundler, no npm: each file runs in a function of its own, so its variables stay its
own, and receives `glose`, the one object through which the files of a script share what they
export (glose.fold, glose.onPage ...). A script is still one file to load, at the path
mkdocs.yml (or Material's configuration) names.
"""

from __future__ import annotations

from importlib import resources

from ..model import Page

SCRIPTS: dict[str, tuple[str, ...]] = {
    # Material loads this one at the end of every page (mkdocs.yml, extra_javascript).
    "assets/glose/glose.js": (
        "page.js",             # glose.onPage: per-page set-up after Material's own
        "fold.js",             # glose.fold: which characters a search counts as the same
        "self-test.js",        # the switch that hides the vocabulary
        "term-card.js",        # what a term shows on hover, focus and tap
        "paragraph-links.js",  # §n copies the paragraph's address
        "notes.js",            # names Material's note markers; notes open to print
        "search-marks.js",     # marks on the page the words a folded search found
        "concordance.js",      # the rest of a long concordance, loaded on demand
    ),
    # Loaded before Material's bundle, which starts the search worker as it runs: listens to
    # the worker's answers (theme/main.html; only with Glose's worker).
    "assets/glose/search-suggest.js": ("search-suggest.js",),
    # Material's page starts it as its search worker (theme/main.html, site/mkdocs.py); the
    # live preview serves the built site/, so it uses it too.
    "assets/glose/search-worker.js": ("fold.js", "search-worker.js"),
}
"""Path of each assembled script in docs/ -> its source files, in the order they run."""

SOURCE_DIR = "js"
"""The folder of glose/site/ that holds the sources."""


def scripts() -> list[Page]:
    """Every assembled script, as a page of docs/."""
    return [Page(path, assemble(path, [(name, source(name)) for name in names]).encode("utf-8"))
            for path, names in SCRIPTS.items()]


def assemble(path: str, sources: list[tuple[str, str]]) -> str:
    """The script at `path` made of `sources` ((file name, text) in order): one strict
    function around them all that holds `glose`, and one function per file that receives it."""
    names = ", ".join(name for name, _ in sources)
    parts = [
        f"/* Glose: {path.rsplit('/', 1)[-1]}, assembled by glose/site/scripts.py from these files of\n"
        f" * glose/site/{SOURCE_DIR}/: {names}. Edit them, not this one. */\n"
        '(function () {\n"use strict";\nvar glose = {};\n'
    ]
    for name, text in sources:
        parts.append(f"\n/* ---- {name} ---- */\n(function (glose) {{\n{text.rstrip()}\n}})(glose);\n")
    parts.append("})();\n")
    return "".join(parts)


def source(name: str) -> str:
    """The text of a source file of glose/site/js/."""
    return (resources.files("glose.site") / SOURCE_DIR / name).read_text(encoding="utf-8")
