"""The site's scripts, assembled from glose/site/js/ (glose/site/scripts.py): every source used,
each in a function of its own, in the order SCRIPTS gives."""

from __future__ import annotations

import re
from pathlib import Path

from glose.site import assets
from glose.site.scripts import SCRIPTS, assemble, scripts

JS = Path(__file__).resolve().parent.parent / "glose" / "site" / "js"
STATIC = JS.parent / "static"


def test_every_source_is_in_a_script_and_exists():
    used = {name for names in SCRIPTS.values() for name in names}
    assert used == {path.name for path in JS.glob("*.js")}


def test_mkdocs_yml_lists_the_page_script():
    config = (JS.parents[2] / "mkdocs.yml").read_text(encoding="utf-8")
    assert "  - assets/glose/glose.js" in config and "assets/glose/glose.js" in SCRIPTS


def test_each_file_runs_in_its_own_function_in_order():
    text = assemble("assets/x.js", [("a.js", "var a = 1;\nglose.a = a;\n"), ("b.js", "var a = 2;")])
    assert text.index("var a = 1;") < text.index("var a = 2;")
    assert text.count("(function (glose) {") == 2 and text.count("})(glose);") == 2
    wrapped = re.findall(r"\(function \(glose\) \{\n(.*?)\n\}\)\(glose\);", text, re.S)
    assert wrapped == ["var a = 1;\nglose.a = a;", "var a = 2;"]
    assert text.startswith("/* Glose: x.js, assembled by glose/site/scripts.py")
    assert '(function () {\n"use strict";\nvar glose = {};\n' in text and text.endswith("})();\n")


def test_scripts_are_assembled_from_the_current_sources():
    built = {page.path: page.content.decode("utf-8") for page in scripts()}
    assert set(built) == set(SCRIPTS)
    for path, names in SCRIPTS.items():
        positions = [built[path].index(f"/* ---- {name} ---- */") for name in names]
        assert positions == sorted(positions), path
        for name in names:
            assert (JS / name).read_text(encoding="utf-8").rstrip() in built[path], (path, name)


def test_no_static_file_has_the_path_of_a_script():
    """A script is written from its sources only: a stale copy in static/ would be written too."""
    paths = [page.path for page in assets()]
    assert len(paths) == len(set(paths))
    assert not [p for p in SCRIPTS if (STATIC / p).exists()]


def test_every_script_that_compares_words_folds_with_fold_js():
    """One fold per language: the worker (queries) and the page (marks) both carry fold.js, and
    no other file defines a fold."""
    for path in ("assets/glose/glose.js", "assets/glose/search-worker.js"):
        assert SCRIPTS[path].index("fold.js") < len(SCRIPTS[path]) - 1, path
    others = [path.name for path in JS.glob("*.js") if path.name != "fold.js"]
    for name in others:
        text = (JS / name).read_text(encoding="utf-8")
        assert not re.search(r"normalize\(\"NFK?D\"\)|toLowerCase\(\)\.normalize", text), name


def test_no_script_turns_text_into_markup():
    """The page's scripts build elements and set textContent: no HTML parsing of strings, so
    no text a teacher typed can become markup (issue 11.1)."""
    sinks = re.compile(r"innerHTML|outerHTML|insertAdjacentHTML|document\.write|createContextualFragment")
    assert {path.name: sinks.findall(path.read_text(encoding="utf-8"))
            for path in JS.glob("*.js") if sinks.search(path.read_text(encoding="utf-8"))} == {}
