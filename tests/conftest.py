"""Fixtures shared by the tests: thin wrappers over tests/support.py."""

from __future__ import annotations

import pytest

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
