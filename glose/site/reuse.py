"""Which files of the previous site/ a build may keep: the incremental site build (issue 15).

A page of site/ is what MkDocs makes of one file of docs/ and of everything every page shares:
mkdocs.yml, the versions of MkDocs, Material and the Markdown extensions, Glose's own code and
theme overrides, and the navigation. The shared part is the build's *engine key*; each file of
docs/ has its *file key* (the digest of its bytes). A file of site/ is kept from the previous
build (hard-linked into the staged site/) when the engine key is the same, its file key is the
same, the previous file is still the one that build wrote (its size, modification time and
inode are those recorded after it, in .glose/site-stats.json: a hand edit of site/ is not
kept, nor is anything when that record is missing or out of date), and it is not older than its
source (so that MkDocs, told to skip files whose output is newer than their source, never
writes into a kept file, which is shared with the live site/ by the hard link). Everything
else is built again. The keys of a build are saved
in its site/ as .glose-site.json, so they always describe the site/ beside them (and, holding
no dates, they are the same for the same sources).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path

from ..digests import digest, versions
from ..output.files import recycle

STATE_FILE = ".glose-site.json"
"""The keys of a site/, inside it (MkDocs never cleans or copies dot-files)."""

_ENGINE_PACKAGES = ("mkdocs", "mkdocs-material", "pymdown-extensions", "markdown", "jinja2", "pygments")
"""Libraries whose version changes what any page looks like."""


@dataclass
class SiteState:
    """The keys a site/ was built with."""

    engine: str = ""
    """The engine key: what every page depends on."""
    files: dict[str, str] = field(default_factory=dict)
    """Path of an output file in site/ -> the key of what it is made from (its source's path and digest)."""


def engine_key(config_file: Path, code: str, nav: str) -> str:
    """What every page of the site depends on: mkdocs.yml, the engine's libraries, Glose's
    code (`code`: its digest, theme overrides included) and the navigation (`nav`)."""
    return digest(config_file.read_text(encoding="utf-8"), code, nav, *versions(_ENGINE_PACKAGES))


def file_key(path: str | Path, known: Mapping[str, str], rel: str) -> str:
    """The digest of a file of docs/: the one the build recorded for it, else its sha256."""
    found = known.get(rel)
    if found:
        return found
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def read_state(site: Path) -> SiteState:
    """The keys of an existing site/ (an empty state when there is none or it is unreadable:
    everything is then built again)."""
    try:
        data = json.loads((site / STATE_FILE).read_text(encoding="utf-8"))
        files = {str(k): str(v) for k, v in data["files"].items()}
        return SiteState(str(data["engine"]), files)
    except (OSError, ValueError, TypeError, KeyError, IndexError, AttributeError):
        return SiteState()


def write_state(site: Path, state: SiteState) -> None:
    """Save the keys of a staged site/ inside it."""
    data = {"engine": state.engine, "files": dict(sorted(state.files.items()))}
    (site / STATE_FILE).write_text(json.dumps(data, separators=(",", ":")), encoding="utf-8")


Stats = dict[str, tuple[int, int, int]]
"""Path of an output file of site/ -> its (size, mtime_ns, inode) after the build that wrote it."""


def signature(info: os.stat_result) -> tuple[int, int, int]:
    """What Stats records of a file: its size, modification time and inode."""
    return info.st_size, info.st_mtime_ns, info.st_ino


def record_stats(site: Path, target: Path, kept: frozenset[str] = frozenset()) -> None:
    """After a build is in place: the stats of every output of site/ that its keys name, saved
    to `target` (only a hint: a failure to write it only costs time). An output `kept` (a hard
    link to the previous site's file, made by keep after checking its stats against those
    `target` holds) still has them: they are not looked at again (7,000 files at 2,000
    articles: 0.1 s a build)."""
    previous = read_stats(target) if kept else {}
    stats = {}
    folder = os.path.join(site, "")
    for dest in read_state(site).files:
        if dest in kept and dest in previous:
            stats[dest] = list(previous[dest])
            continue
        try:
            info = os.stat(folder + dest)
        except OSError:
            continue
        stats[dest] = list(signature(info))
    try:
        target.parent.mkdir(parents=True, exist_ok=True)
        tmp = target.with_name(target.name + ".tmp")
        tmp.write_text(json.dumps(stats, separators=(",", ":")), encoding="utf-8")
        os.replace(tmp, target)
    except OSError:
        pass


def read_stats(path: Path) -> Stats:
    """What record_stats saved ({} when nothing usable: then nothing is kept)."""
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
        return {str(k): (int(v[0]), int(v[1]), int(v[2])) for k, v in data.items()}
    except (OSError, ValueError, TypeError, IndexError, AttributeError):
        return {}


def keep(previous_site: Path, previous: SiteState, stats: Stats, current: SiteState, staged: Path,
         sources: Mapping[str, str]) -> set[str]:
    """Hard-link into `staged` every output of `previous_site` that `current` may keep (see the
    module docstring; `stats`: what record_stats saved after the previous build; `sources`:
    output path -> its source file, for the outputs this build makes); returns the outputs
    kept, which MkDocs must then leave alone (plugin.py: it would otherwise write through the
    link into the live site). `staged` may hold the site/ an earlier build replaced
    (recycled): what is there is pruned to the outputs kept, those that are still the live
    files staying as they are (files.recycle), so that MkDocs finds exactly what it finds in
    a new folder: the outputs kept, nothing else."""
    inodes: dict[str, int] = {}
    if previous.engine and previous.engine == current.engine:
        for dest, key in current.files.items():
            if previous.files.get(dest) != key or dest not in sources:
                continue  # changed, or another share's (shares.py)
            try:
                info = os.stat(os.path.join(previous_site, dest))
            except OSError:
                continue  # not there any more: built again
            if stats.get(dest) == signature(info):
                inodes[dest] = info.st_ino  # else changed since it was written
    kept, made = recycle(staged, inodes, len(sources))
    for dest in inodes.keys() - kept:
        old, target = os.path.join(previous_site, dest), os.path.join(staged, dest)
        try:
            folder = os.path.dirname(target)
            if folder not in made:
                os.makedirs(folder, exist_ok=True)
                made.add(folder)
            os.link(old, target, follow_symlinks=False)
            kept.add(dest)
        except OSError:
            continue  # gone meanwhile, or no hard links here: built again
    return kept


def pages_to_build(previous_site: Path | None, docs: Path, known: Mapping[str, str]) -> int:
    """About how many pages of docs/ a build will render, before MkDocs runs: the Markdown files
    whose key the previous site/ does not hold (all of them without a previous site). Only
    an estimate, to choose between one process and several (shares.py): the navigation and
    the engine key are not looked at."""
    held = set(read_state(previous_site).files.values()) if previous_site else set()
    count = 0
    root = os.path.join(str(docs), "")
    for folder, _, files in os.walk(root):  # paths as strings: 5,000 pages at 2,000 articles
        prefix = folder[len(root):].replace(os.sep, "/")
        prefix = prefix + "/" if prefix else ""
        for name in files:
            if name.endswith(".md"):
                rel = prefix + name
                count += rel not in known or digest(rel, known[rel]) not in held
    return count
