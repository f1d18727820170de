"""What docs/ holds before a build: the manifest of the last build (what it wrote there, and
each page's key) and the digest of every file now, without reading files that have not
changed since the last build (their size, dates and inode are recorded, as git trusts its
index)."""

from __future__ import annotations

import hashlib
import json
import os
import stat as file_modes
import time
from dataclasses import dataclass, field
from pathlib import Path

from ..read.sources import read_regular
from .files import write_file

MANIFEST = ".glose-manifest.json"
"""Name of the manifest in docs/: MkDocs ignores dot-files, so it is never published."""


@dataclass(frozen=True, slots=True)
class Survey:
    """What docs/ holds before a build: taken once, used to keep pages and to plan."""

    manifest: dict[str, str]
    """Path -> sha256 of what the last build wrote there."""
    keys: dict[str, str]
    """Path -> key of the page the last build wrote there (keys.py)."""
    current: dict[str, str]
    """Path -> sha256 of every file of docs/ now (a link: "link:" and its target)."""
    folders: frozenset[str] = frozenset()
    """Every folder of docs/ now (not links to folders: those are in `current`)."""
    signatures: dict[str, tuple[int, int, int]] = field(default_factory=dict)
    """Path -> (size, mtime_ns, inode) of every regular file of docs/ when surveyed."""

    def is_own(self, rel: str) -> bool:
        """True when docs/<rel> holds exactly what the last build wrote there."""
        return rel in self.current and self.manifest.get(rel) == self.current[rel]

    def is_hand_written(self, rel: str) -> bool:
        """True when docs/<rel> exists and is not the build's own (see is_hand_written)."""
        return rel in self.current and not self.is_own(rel)

    def kept_key(self, rel: str) -> str:
        """The key of the page at `rel` when its file can be kept as it is, else ""."""
        return self.keys.get(rel, "") if self.is_own(rel) else ""


def survey(docs: Path, stats: Path | None = None) -> Survey:
    """Read the manifest and take the digest of every file of docs/.

    With `stats` (the file record_stats wrote after the last build), a file is not read
    again when its size, dates and inode are those recorded, and its modification time is
    older than the record by more than RACY_NS (a file changed in the same clock tick as it
    was recorded could keep the same dates; FAT file systems, USB sticks, keep times to 2 s):
    it still holds the bytes whose digest was recorded. That is how git trusts its index. Any
    write changes a file's change time, which no program can set back, so an edit is seen."""
    files, keys = _read_manifest(docs)
    folders: set[str] = set()
    signatures: dict[str, tuple[int, int, int]] = {}
    current = _digests(docs, _read_stats(stats), folders, signatures)
    return Survey(files, keys, current, frozenset(folders), signatures)


def read_manifest(docs: Path) -> dict[str, str]:
    """Generated path -> sha256 of what was written, from the last build ({} when none)."""
    return _read_manifest(docs)[0]


def _read_manifest(docs: Path) -> tuple[dict[str, str], dict[str, str]]:
    """(path -> sha256, path -> page key) from the manifest; empty when there is none or it is
    not ours (the manifest is only a hint: a path outside docs/ is ignored)."""
    try:
        data = json.loads(read_regular(docs / MANIFEST).decode("utf-8"))
        files = {str(k): str(v) for k, v in data.get("files", {}).items()}
        keys = {str(k): str(v) for k, v in data.get("keys", {}).items()}
    except (OSError, ValueError, AttributeError):
        return {}, {}
    files = {rel: digest for rel, digest in files.items() if _is_plain_relative(rel)}
    return files, {rel: key for rel, key in keys.items() if rel in files}


RACY_NS = 3_000_000_000
"""A file modified less than this before its stats were recorded is read again (survey)."""


def record_stats(docs: Path, digests: dict[str, str], target: Path, staged: dict[str, tuple] | None = None) -> None:
    """After a build: write to `target` the size, dates, inode and digest of each generated
    file of docs/ as it is now, so that the next survey need not read the file. (Not in the
    manifest: these change with every build, and docs/ must be the same for the same sources.)

    `staged`: each file's (size, mtime_ns, inode) when it was staged (stage's result). A file
    that changed since, edited during the build, is left out: the next survey reads it. Its
    change time cannot be taken at staging: removing the previous docs/ unlinks one of its
    names, which sets it. Only a hint: a failure to write it is ignored."""
    entries, root = {}, str(docs)
    for rel, digest in digests.items():
        try:
            stat = os.lstat(os.path.join(root, rel))
        except OSError:
            continue
        if staged is None or staged.get(rel) == (stat.st_size, stat.st_mtime_ns, stat.st_ino):
            entries[rel] = [*_signature(stat), digest]
    try:
        target.parent.mkdir(exist_ok=True)
        write_file(target, json.dumps({"recorded_ns": time.time_ns(), "files": entries}).encode("utf-8"))
    except OSError:
        pass


@dataclass(frozen=True, slots=True)
class _Stats:
    files: dict[str, tuple]
    """Path -> ((size, mtime_ns, ctime_ns, inode), sha256) when recorded."""
    recorded_ns: int
    """When they were recorded (time.time_ns())."""


def _read_stats(path: Path | None) -> _Stats:
    """What record_stats wrote; empty when there is nothing usable (it is only a hint)."""
    if path is None:
        return _Stats({}, 0)
    try:
        data = json.loads(read_regular(path).decode("utf-8"))
        files = {str(rel): (tuple(int(n) for n in entry[:4]), str(entry[4])) for rel, entry in data["files"].items()}
        return _Stats(files, int(data["recorded_ns"]))
    except (OSError, ValueError, AttributeError, TypeError, KeyError, IndexError):
        return _Stats({}, 0)


def _digests(docs: Path, stats: _Stats, folders: set[str], signatures: dict[str, tuple[int, int, int]]) -> dict[str, str]:
    """Path (relative to docs/) -> sha256 of every file of docs/ (the recorded one for a file
    that has not changed since: see survey); a link's digest is that of its target's name,
    so a link is never mistaken for a generated file. Each folder is added to `folders`, each
    regular file's (size, mtime_ns, inode) to `signatures`."""
    if not docs.is_dir():
        return {}
    found = {}
    recent = stats.recorded_ns - RACY_NS
    root = str(docs)
    for folder, dirs, files in os.walk(root):  # paths as strings: 7,000 files at 2,000 articles
        dirs.sort()
        prefix = folder[len(root) + 1:].replace(os.sep, "/") + "/" if folder != root else ""
        links = [d for d in dirs if os.path.islink(os.path.join(folder, d))]
        folders.update(prefix + d for d in dirs if d not in links)
        for name in [*files, *links]:
            path, rel = os.path.join(folder, name), prefix + name
            info = os.lstat(path)
            if file_modes.S_ISLNK(info.st_mode):
                found[rel] = "link:" + os.readlink(path)
            elif rel == MANIFEST:
                found[rel] = "manifest"  # the build's own, always rewritten: never compared
            elif file_modes.S_ISREG(info.st_mode):
                signatures[rel] = (info.st_size, info.st_mtime_ns, info.st_ino)
                if rel in stats.files and stats.files[rel][0] == _signature(info) and info.st_mtime_ns < recent:
                    found[rel] = stats.files[rel][1]
                else:
                    found[rel] = file_digest(path)
    return found


def _signature(stat: os.stat_result) -> tuple[int, int, int, int]:
    return stat.st_size, stat.st_mtime_ns, stat.st_ctime_ns, stat.st_ino


def file_digest(path: str | Path) -> str:
    """The sha256 of a file's bytes ("unreadable" when it cannot be read)."""
    try:
        with open(path, "rb") as handle:
            return content_digest(handle.read())
    except OSError:
        return "unreadable"


def _is_plain_relative(rel: str) -> bool:
    """A manifest entry must name a file inside docs/ (the manifest is only a hint)."""
    parts = rel.split("/")
    return bool(rel) and not rel.startswith("/") and "\\" not in rel and ".." not in parts and "" not in parts



def content_digest(content: bytes) -> str:
    """The sha256 of bytes, as the manifest records it."""
    return hashlib.sha256(content).hexdigest()
