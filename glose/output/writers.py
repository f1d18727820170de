"""Pages -> docs/. The build owns only the files it generated (listed in docs/.glose-manifest.json);
it never overwrites or deletes any other file. A new docs/ is staged beside the old one, with
unchanged files hard-linked, so the swap is the only moment docs/ changes."""

from __future__ import annotations

import json
import os
from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

from ..diagnostics import Report
from ..model import GeneratedFile, KeptPage, Page
from .files import link_or_copy, recycle, write_file
from .survey import MANIFEST, Survey, content_digest
from ..i18n import _


@dataclass(frozen=True, slots=True)
class Plan:
    """What writing a set of pages into docs/ will do."""

    pages: tuple[GeneratedFile, ...]
    """The pages to have in docs/ afterwards."""
    changed: tuple[str, ...]
    """Paths (relative to docs/) whose bytes differ from docs/ now, new files included."""
    removed: tuple[str, ...]
    """Generated paths of the previous build that are no longer generated."""
    hand_written: frozenset[str]
    """Files of docs/ that the build did not generate: never touched."""
    digests: dict[str, str]
    """Path -> sha256 of each page of `pages`: what the manifest will record."""
    keys: dict[str, str]
    """Path -> key of each page that has one (keys.py): recorded in the manifest too."""


def plan(pages: Sequence[GeneratedFile], report: Report, before: Survey) -> Plan:
    """Compare the pages with docs/ as `before` (its survey) found it; a page that would
    replace a hand-written file is an error.

    A file is the build's own only while it holds what the last build wrote there (the
    manifest keeps its sha256): one edited by hand is the user's and is never overwritten.
    A hand-written file that already holds exactly the page is simply adopted. A page kept
    from the last build (a KeptPage) is a file that is still the build's own."""
    manifest, current = before.manifest, before.current
    hand = frozenset(rel for rel, digest in current.items() if rel != MANIFEST and manifest.get(rel) != digest)
    page_digest = {  # each page hashed once
        page.path: manifest[page.path] if isinstance(page, KeptPage) else content_digest(page.content) for page in pages
    }
    kept = []
    for page in pages:
        if page.path in hand and current[page.path] != page_digest[page.path]:
            report.error(f"docs/{page.path}", 0, _collision(page.path in manifest, page.path.endswith(".md")))
            continue
        kept.append(page)
    _check_ways(kept, before, report)
    generated = {p.path for p in kept}
    hand = frozenset(hand - generated)
    changed = tuple(p.path for p in kept if current.get(p.path) != page_digest[p.path])
    removed = tuple(sorted(set(current) - hand - generated - {MANIFEST}))
    keys = {p.path: p.key for p in kept if p.key}
    return Plan(tuple(kept), changed, removed, hand, {p: page_digest[p] for p in sorted(generated)},
                dict(sorted(keys.items())))


def _check_ways(pages: Sequence[GeneratedFile], before: Survey, report: Report) -> None:
    """Report a folder of docs/ where a page goes, and a file or a link where a page's folder
    goes: the build never writes into a hand-written folder, nor through a link (one to a
    folder outside the project would receive the pages, however the build ends)."""
    blocked: dict[str, str] = {}
    for page in pages:
        if page.path in before.folders:
            blocked[page.path] = "is a folder where Glose generates a page; rename or move it (Glose never writes into it)"
        parts = page.path.split("/")
        for end in range(1, len(parts)):
            folder = "/".join(parts[:end])
            digest = before.current.get(folder)
            if digest is not None and folder not in blocked:
                blocked[folder] = _in_the_way(digest, folder)
    for rel, message in sorted(blocked.items()):
        report.error(f"docs/{rel}", 0, message)


def _in_the_way(digest: str, folder: str) -> str:
    """Why a file or a link of docs/ stops the build from writing the pages of `folder`."""
    if digest.startswith("link:"):
        return _("is a link where Glose writes the pages of {folder}/, and Glose never writes through a link; "
                 "replace it by a real folder, or remove it").format(folder=folder)
    return _("is a file where Glose needs a folder for the pages of {folder}/; rename or move it").format(folder=folder)


def _collision(was_generated: bool, markdown: bool = True) -> str:
    """Why a page cannot be written over a file of docs/, and what to do. A data file (CSV,
    deck, passages) has no comment naming its source, and its other name is in site/ (a hard
    link: site/plugin.py): changed there, it changed here."""
    if was_generated and not markdown:
        return _("was changed after Glose generated it (here, or through its other name, the same file in site/), "
                 "and Glose would overwrite the changes; Glose makes it from corpus/ and glossary/: keep a copy "
                 "elsewhere if you need the changes, then delete this file")
    if was_generated:
        return _("was edited by hand after Glose generated it, and Glose would overwrite the changes; "
                 "make them in the source file named in its `Generated by Glose` comment, then delete this file")
    return _("is a hand-written file where Glose generates a page; rename or move it (Glose never overwrites it)")


def stage(docs: Path, staged: Path, plan_: Plan, surveyed: Mapping[str, tuple[int, int, int]] | None = None,
          ) -> dict[str, tuple[int, int, int]]:
    """Build the new docs/ in `staged`: hand-written and unchanged files hard-linked, others
    written. Returns each generated file's (size, mtime_ns, inode), for record_stats. (Paths
    as strings, each folder made once: 7,000 files at 2,000 articles.)

    `staged` may hold already the docs/ an earlier build replaced (recycled: publish.recycle),
    with `surveyed`, the survey's (size, mtime_ns, inode) of the files of docs/: a file there
    that is the live one (the same inode) stays, everything else goes (files.prune), and only
    what differs is linked or written. When fewer than half the pages are kept, it is set
    aside whole instead (files.recycle)."""
    old, new = str(docs), str(staged)
    changed = frozenset(plan_.changed)
    keep = {rel: surveyed[rel] for rel in [*plan_.hand_written, *(p.path for p in plan_.pages if p.path not in changed)]
            if surveyed and rel in surveyed}
    left, made = recycle(staged, {rel: signature[2] for rel, signature in keep.items()}, len(plan_.pages))
    if not made:
        staged.mkdir(parents=True)
        made = {new}
    for rel in plan_.hand_written:
        if rel not in left:
            _link_or_copy(os.path.join(old, rel), os.path.join(new, rel), made)
    signatures = {}
    for page in plan_.pages:
        target = os.path.join(new, page.path)
        if page.path in left:
            signatures[page.path] = keep[page.path]  # as the survey found it: record_stats compares
            continue
        if page.path in changed:
            assert isinstance(page, Page), "a kept page is unchanged"
            _folder(target, made)
            _write_new(target, page.content)
        else:
            _link_or_copy(os.path.join(old, page.path), target, made)
        stat = os.lstat(target)
        signatures[page.path] = (stat.st_size, stat.st_mtime_ns, stat.st_ino)
    _write_manifest(staged, plan_)
    return signatures


def _write_manifest(docs: Path, plan_: Plan) -> None:
    """Record what the build generated (path -> sha256, sorted), so that the next build knows
    what it may replace, and each page's key, so that it knows what it may keep."""
    text = json.dumps({"generator": "glose", "files": plan_.digests, "keys": plan_.keys}, indent=1, ensure_ascii=False)
    docs.mkdir(parents=True, exist_ok=True)
    write_file(docs / MANIFEST, (text + "\n").encode("utf-8"))


def _link_or_copy(source: str, target: str, made: set[str]) -> None:
    """files.link_or_copy, into a folder of the staging made if needed."""
    _folder(target, made)
    link_or_copy(source, target)


def _write_new(target: str, content: bytes) -> None:
    """Write a file of the staging folder (new: nothing there to follow or overwrite)."""
    with open(target, "xb") as handle:
        handle.write(content)


def _folder(target: str, made: set[str]) -> None:
    """Make the folder of `target` unless this staging made it already."""
    folder = os.path.dirname(target)
    if folder not in made:
        os.makedirs(folder, exist_ok=True)
        made.add(folder)
