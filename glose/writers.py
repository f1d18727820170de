"""Pages -> docs/. The build owns only the files it generated (listed in docs/.glose-manifest.json);
it never overwrites or deletes any other file. A new docs/ is staged beside the old one, with
unchanged files hard-linked, so the swap is the only moment docs/ changes."""

from __future__ import annotations

import hashlib
import json
import os
import shutil
from dataclasses import dataclass
from pathlib import Path

from .diagnostics import Report
from .model import Page

MANIFEST = ".glose-manifest.json"
"""Name of the manifest in docs/: MkDocs ignores dot-files, so it is never published."""


@dataclass(frozen=True, slots=True)
class Plan:
    """What writing a set of pages into docs/ will do."""

    pages: tuple[Page, ...]
    """The pages to have in docs/ afterwards."""
    changed: tuple[str, ...]
    """Paths (relative to docs/) whose bytes differ from docs/ now, new files included."""
    removed: tuple[str, ...]
    """Generated paths of the previous build that are no longer generated."""
    hand_written: frozenset[str]
    """Files of docs/ that the build did not generate: never touched."""


def read_manifest(docs: Path) -> dict[str, str]:
    """Generated path -> sha256 of what was written, from the last build ({} when none)."""
    try:
        data = json.loads((docs / MANIFEST).read_text(encoding="utf-8"))
        return {str(k): str(v) for k, v in data.get("files", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}


def hand_written_files(docs: Path) -> frozenset[str]:
    """Every file of docs/ that the last build did not generate."""
    owned = read_manifest(docs)
    if not docs.is_dir():
        return frozenset()
    found = (p.relative_to(docs).as_posix() for p in docs.rglob("*") if p.is_file() or p.is_symlink())
    return frozenset(p for p in found if p not in owned and p != MANIFEST)


def plan(docs: Path, pages: list[Page], report: Report) -> Plan:
    """Compare the pages with docs/; a page that would replace a hand-written file is an error."""
    owned = read_manifest(docs)
    hand = hand_written_files(docs)
    kept = []
    for page in pages:
        if page.path in hand:
            report.error(f"docs/{page.path}", 0, "is a hand-written file where Glose generates a page; rename or move it (Glose never overwrites it)")
            continue
        kept.append(page)
    changed = tuple(p.path for p in kept if not _same_content(docs / p.path, p.content))
    removed = tuple(sorted(set(owned) - {p.path for p in kept} - hand))
    return Plan(tuple(kept), changed, removed, hand)


def stage(docs: Path, staged: Path, plan_: Plan) -> None:
    """Build the new docs/ in `staged`: hand-written and unchanged files hard-linked, others written."""
    staged.mkdir(parents=True)
    for rel in plan_.hand_written:
        _link_or_copy(docs / rel, staged / rel)
    changed = set(plan_.changed)
    for page in plan_.pages:
        target = staged / page.path
        if page.path in changed:
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_bytes(page.content)
        else:
            _link_or_copy(docs / page.path, target)
    _write_manifest(staged, plan_.pages)


def write_in_place(docs: Path, plan_: Plan) -> None:
    """Update docs/ directly (for `serve`): write changed pages, delete pages no longer generated."""
    for page in plan_.pages:
        if page.path in plan_.changed:
            target = docs / page.path
            target.parent.mkdir(parents=True, exist_ok=True)
            tmp = target.with_name(f".{target.name}.tmp")
            tmp.write_bytes(page.content)
            os.replace(tmp, target)
    for rel in plan_.removed:
        (docs / rel).unlink(missing_ok=True)
    _write_manifest(docs, plan_.pages)


def _write_manifest(docs: Path, pages) -> None:
    """Record what the build generated, so that the next one knows what it may replace."""
    files = {p.path: _digest(p.content) for p in sorted(pages, key=lambda p: p.path)}
    text = json.dumps({"generator": "glose", "files": files}, indent=1, ensure_ascii=False)
    tmp = docs / f"{MANIFEST}.tmp"
    docs.mkdir(parents=True, exist_ok=True)
    tmp.write_text(text + "\n", encoding="utf-8")
    os.replace(tmp, docs / MANIFEST)


def _link_or_copy(source: Path, target: Path) -> None:
    """Hard-link (the file keeps its inode and date: it was not rewritten), else copy."""
    target.parent.mkdir(parents=True, exist_ok=True)
    try:
        os.link(source, target, follow_symlinks=False)
    except OSError:
        shutil.copy2(source, target, follow_symlinks=False)


def _same_content(path: Path, content: bytes) -> bool:
    """True when the file on disk already holds exactly these bytes (edits by hand count)."""
    try:
        return path.stat().st_size == len(content) and path.read_bytes() == content
    except OSError:
        return False


def _digest(content: bytes) -> str:
    return hashlib.sha256(content).hexdigest()
