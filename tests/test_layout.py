"""The house shows the pipeline (issue 12): glose/ is grouped by stage, imports only point to
the same or an earlier stage, modules and functions stay short, and mypy checks glose/ clean
at the level pyproject.toml sets."""

from __future__ import annotations

import ast
import subprocess
import sys
from pathlib import Path

import pytest

PACKAGE = Path(__file__).resolve().parent.parent / "glose"

STAGES = {
    "glose": 0, "glose.model": 0, "glose.diagnostics": 0, "glose.folding": 0, "glose.digests": 0, "glose.config": 0,
    "glose.cache": 0, "glose.i18n": 0, "glose.parallel": 0, "glose.workers": 0,
    "glose.read": 1,
    "glose.annotate": 2,
    "glose.render": 3,
    "glose.output": 4,
    "glose.site": 5,
    "glose.pipeline": 6, "glose.importing": 6, "glose.scaffold": 6,
    "glose.serve": 7,
}
"""Each top-level module or sub-package of glose/ and its place in the pipeline: a module may
import from its own stage or an earlier one, never from a later one."""

MODULE_LINES = 300
FUNCTION_LINES = 40


def modules() -> list[tuple[str, Path]]:
    """(dotted name, path) of every module of glose/."""
    found = []
    for path in sorted(PACKAGE.rglob("*.py")):
        parts = path.relative_to(PACKAGE.parent).with_suffix("").parts
        name = ".".join(parts[:-1] if parts[-1] == "__init__" else parts)
        found.append((name, path))
    return found


def stage_of(module: str) -> int:
    """The stage of a module: that of its longest prefix in STAGES."""
    parts = module.split(".")
    for end in range(len(parts), 0, -1):
        if ".".join(parts[:end]) in STAGES:
            return STAGES[".".join(parts[:end])]
    raise AssertionError(f"{module} belongs to no stage: add it to STAGES in tests/test_layout.py")


def imported(name: str, path: Path) -> list[tuple[int, str]]:
    """(line, module) of every glose module that `path` imports, relative imports resolved."""
    package = name if path.name == "__init__.py" else name.rpartition(".")[0]
    found = []
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        if isinstance(node, ast.Import):
            found += [(node.lineno, a.name) for a in node.names if a.name.split(".")[0] == "glose"]
        elif isinstance(node, ast.ImportFrom):
            if node.level:
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                target = ".".join(base + ([node.module] if node.module else []))
            else:
                target = node.module or ""
            if target.split(".")[0] == "glose":
                # `from . import sources` imports a module; `from .sources import X`, a name of one
                found += [(node.lineno, target if node.module else f"{target}.{a.name}") for a in node.names]
    return found


@pytest.mark.parametrize("name,path", modules(), ids=[name for name, _ in modules()])
def test_imports_point_to_the_same_or_an_earlier_stage(name, path):
    own = stage_of(name)
    later = [f"{path.relative_to(PACKAGE.parent)}:{line}: imports {target}"
             for line, target in imported(name, path) if stage_of(target) > own]
    assert not later, "\n".join(later)


def test_every_module_belongs_to_a_stage():
    for name, _ in modules():
        stage_of(name)


def test_the_layout_check_sees_a_backward_import(tmp_path):
    """The check itself: a reader that imports the renderer is caught."""
    bad = tmp_path / "glose" / "read" / "x.py"
    bad.parent.mkdir(parents=True)
    bad.write_text("from ..render import pages\nfrom glose.site import mkdocs\nfrom . import sources\n", encoding="utf-8")
    targets = [target for _, target in imported("glose.read.x", bad)]
    assert targets == ["glose.render", "glose.site", "glose.read.sources"]
    assert [stage_of(t) > stage_of("glose.read.x") for t in targets] == [True, True, False]


def test_modules_and_functions_stay_short():
    long = []
    for name, path in modules():
        source = path.read_text(encoding="utf-8")
        if source.count("\n") > MODULE_LINES:
            long.append(f"{name}: {source.count(chr(10))} lines (at most {MODULE_LINES})")
        for node in ast.walk(ast.parse(source)):
            if isinstance(node, (ast.FunctionDef, ast.AsyncFunctionDef)):
                size = node.end_lineno - node.lineno + 1
                if size > FUNCTION_LINES:
                    long.append(f"{name}.{node.name}: {size} lines (at most {FUNCTION_LINES})")
    assert not long, "\n".join(long)


def test_mypy_finds_nothing():
    result = subprocess.run([sys.executable, "-m", "mypy"], cwd=PACKAGE.parent, capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
