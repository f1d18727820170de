"""Golden tests: each tests/golden/<case>/input/ project must generate exactly
tests/golden/<case>/docs/. After a deliberate change, rewrite them with
`GLOSE_UPDATE_GOLDEN=1 python -m pytest tests/test_golden.py` and review the diff."""

from __future__ import annotations

import os
import shutil
from pathlib import Path

import pytest

from glose import pipeline
from glose.output.survey import MANIFEST

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = Path(__file__).resolve().parent / "golden"
CASES = sorted(p.name for p in GOLDEN.iterdir() if (p / "input").is_dir())
# Static assets are copies of glose/site/static/ and the manifest holds their hashes: compared
# elsewhere (test_pipeline), not frozen here.
SKIPPED = ("assets/", MANIFEST)
# Anki decks are binary (SQLite in a zip): their content is checked by tests/test_decks.py.
BINARY = (".apkg",)


def generated_tree(docs: Path) -> dict[str, bytes]:
    """Every generated file of a docs/ folder, minus the static assets."""
    return {
        p.relative_to(docs).as_posix(): p.read_bytes()
        for p in sorted(docs.rglob("*"))
        if p.is_file() and not p.relative_to(docs).as_posix().startswith(SKIPPED) and not p.name.endswith(BINARY)
    }


@pytest.mark.parametrize("case", CASES)
def test_golden_docs(case: str, tmp_path: Path) -> None:
    project = tmp_path / case
    shutil.copytree(GOLDEN / case / "input", project)
    shutil.copy(ROOT / "mkdocs.yml", project / "mkdocs.yml")
    pipeline.build(project, with_site=False)
    actual = generated_tree(project / "docs")
    expected_dir = GOLDEN / case / "docs"
    if os.environ.get("GLOSE_UPDATE_GOLDEN") == "1":
        shutil.rmtree(expected_dir, ignore_errors=True)
        for rel, data in actual.items():
            (expected_dir / rel).parent.mkdir(parents=True, exist_ok=True)
            (expected_dir / rel).write_bytes(data)
    expected = generated_tree(expected_dir)
    assert sorted(actual) == sorted(expected)
    for rel in expected:
        assert actual[rel].decode("utf-8") == expected[rel].decode("utf-8"), rel
