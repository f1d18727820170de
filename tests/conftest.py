"""Fixtures shared by the tests: thin wrappers over tests/support.py.

The tests speak English: the messages they compare word for word are the code's own. LANGUAGE
(the first variable gettext reads) is set to `en` for this process and every build.py it
starts, and each test begins in English; a test of the French messages asks for them with
`--lang fr` (or LANGUAGE=fr in a subprocess's environment).
"""

from __future__ import annotations

import os

import pytest

os.environ["LANGUAGE"] = "en"

from glose import i18n  # noqa: E402  (after LANGUAGE is set)

from support import run_build_cli, tree_snapshot, write_project


@pytest.fixture
def make_project():
    """`make_project(tmp_path, corpus=..., glossary=..., docs=..., files=...)` -> root."""
    return write_project


@pytest.fixture
def snapshot():
    """`snapshot(folder)` -> {relative path: (bytes, inode, mtime_ns)}."""
    return tree_snapshot


@pytest.fixture
def run_cli():
    """`run_cli(root, *args)` -> (exit code, stderr) of build.py, run in this process."""
    return run_build_cli


@pytest.fixture(autouse=True)
def english():
    """Every test starts in English, whatever an earlier test asked build.py for."""
    i18n.use("en")
