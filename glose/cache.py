"""What one build can hand to the next: parsed sources and found mentions, so that after a small
edit only what changed is read and searched again (issue 15).

The cache is a folder of pickles, .glose/cache/. Loading a pickle runs code the pickle names,
so a cache that came with a project copied from someone else must never be loaded: every file
is signed with HMAC-SHA256 under a key that never leaves this user's account (in
$XDG_CACHE_HOME/glose/key, else ~/.cache/glose/key, created on first use, readable by the user
only). A file without a valid signature is ignored: the build makes what it held again, as
without a cache. Nothing in it is needed: delete it, or .glose/, to start afresh.

Entries are looked up by kind and name, and used only when their `check` (the source file's
size, dates and inode, or a digest of what the result depends on) is the one given; a cache
saved by another version of Glose, or in another language (entries keep their messages), is
not used at all. A save keeps only the entries the build used or made.

The entries of each kind are spread over PARTS files by their name, and a signed list, `parts`,
names the files of the last save (each file's name holds the start of its signature, so a
name always means the same content). A save writes the parts whose entries changed, then the
list, then deletes the files it no longer names: after one article changed, it writes about
one part in PARTS of the articles, mentions and search words (0.05 s instead of 0.45 s at
2,000 articles), and a save interrupted half-way leaves the last list valid.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
import time
import zlib
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import jinja2

from .digests import code_digest
from .i18n import language

CACHE_DIR = ".glose/cache"
"""Where a project's cache lives."""
PARTS = 16
"""Files each kind of entry is spread over (see the module docstring)."""
RACY_NS = 3_000_000_000
"""A file changed less than this before the cache was saved is read again (its dates could
be the same after another change in the same clock tick; FAT keeps times to 2 s)."""

_SIGNATURE = 32
_LIST = "parts"
_LEGACY = ".glose/cache.pickle"  # one file, before the cache had parts: deleted by a save

Entries = dict[tuple[str, str], tuple[Hashable, Any]]


class Cache:
    """Results of the last build, by (kind, name); see the module docstring."""

    def __init__(self, path: Path | None = None, key: bytes | None = None,
                 parts: dict[str, tuple[str, Entries]] | None = None, saved_ns: int = 0):
        self.path, self.key, self.saved_ns = path, key, saved_ns
        self._parts = parts or {}  # part -> (its file, "" when not on disk; its entries)
        self._old: Entries = {k: v for _file, entries in self._parts.values() for k, v in entries.items()}
        self._new: Entries = {}

    @classmethod
    def open(cls, root: Path) -> "Cache":
        """The project's cache, or an empty one (no key, no list, a bad signature: no cache);
        a part that is missing or not signed is left out."""
        key = _user_key()
        folder = root / CACHE_DIR
        if key is None:
            return cls()
        try:
            saved_ns, version, listed = _read(folder / _LIST, key)
            if version != _version():
                return cls(folder, key)
            parts = {}
            for part, name in listed.items():
                entries = _read(folder / name, key, name.split(".")[-2])
                if entries is not None:
                    parts[part] = (name, entries)
            return cls(folder, key, parts, saved_ns)
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return cls(folder, key)

    def get(self, kind: str, name: str, check: Hashable) -> Any | None:
        """The value saved for (kind, name) when its check is `check`, else None."""
        found = self._old.get((kind, name))
        if found is None or found[0] != check:
            return None
        self._new[(kind, name)] = found
        return found[1]

    def put(self, kind: str, name: str, check: Hashable, value: Any) -> None:
        """Keep a value for the next build."""
        self._new[(kind, name)] = (check, value)

    def file_check(self, path: Path) -> Hashable | None:
        """The check of a source file: its size, dates and inode; None when it cannot be
        trusted (unreadable, or changed too close to the last save)."""
        try:
            info = os.stat(path)
        except OSError:
            return None
        if info.st_mtime_ns >= self.saved_ns - RACY_NS and self._old:
            return None
        return (info.st_size, info.st_mtime_ns, info.st_ctime_ns, info.st_ino)

    def start(self) -> None:
        """Before a build that reuses this object (`serve`): forget what a build that failed
        may have used or made (the last saved entries stay)."""
        self._new = {}

    def save(self) -> None:
        """Write the parts whose entries changed, then the list (a failure only costs time next
        build). This object then holds what was saved, as Cache.open would read it back:
        `serve` keeps it between builds instead of loading it again (0.3 s at 2,000 articles)."""
        saved_ns = time.time_ns()
        grouped: dict[str, Entries] = {}
        for entry_key, entry in self._new.items():
            grouped.setdefault(_part(entry_key), {})[entry_key] = entry
        parts = {part: (self._kept_file(part, entries), entries) for part, entries in grouped.items()}
        if self.path is not None and self.key is not None:
            try:
                self.path.mkdir(parents=True, exist_ok=True)
                for part, (name, entries) in parts.items():
                    if not name:
                        parts[part] = (_write(self.path, part, self.key, entries), entries)
                _write(self.path, _LIST, self.key, (saved_ns, _version(), {p: n for p, (n, _e) in parts.items()}))
                _sweep(self.path, {n for n, _e in parts.values()})
            except OSError:
                parts = {part: ("", entries) for part, (_n, entries) in parts.items()}  # all written again next time
        self._parts, self._old, self._new, self.saved_ns = parts, self._new, {}, saved_ns

    def _kept_file(self, part: str, entries: Entries) -> str:
        """The file of `part` when it holds these very entries (those the build got, unchanged),
        else ""."""
        name, old = self._parts.get(part, ("", {}))
        if name and len(old) == len(entries) and all(old.get(k) is v for k, v in entries.items()):
            return name
        return ""


def _part(entry_key: tuple[str, str]) -> str:
    kind, name = entry_key
    return f"{kind}-{zlib.crc32(name.encode('utf-8', 'surrogatepass')) % PARTS}"


def _write(folder: Path, part: str, key: bytes, data: Any) -> str:
    """Write `data` signed; the file's name (for a part, it holds the signature's start)."""
    body = pickle.dumps(data, protocol=pickle.HIGHEST_PROTOCOL)
    signature = hmac.new(key, body, hashlib.sha256).digest()
    name = part if part == _LIST else f"{part}.{signature[:12].hex()}.pickle"
    tmp = folder / f"{name}.tmp"
    tmp.write_bytes(signature + body)
    os.replace(tmp, folder / name)
    return name


def _read(path: Path, key: bytes, named: str | None = None) -> Any:
    """What `path` holds if this user signed it (and its signature starts with `named`, the
    hex its name gives); raise ValueError for the list, None for a part."""
    data = path.read_bytes() if named is None or path.is_file() else b""
    signature, body = data[:_SIGNATURE], data[_SIGNATURE:]
    if not hmac.compare_digest(signature, hmac.new(key, body, hashlib.sha256).digest()) or (
            named is not None and signature[:12].hex() != named):
        if named is None:
            raise ValueError(f"{path}: not signed by this user")
        return None
    return pickle.loads(body)  # signed by this user's key: our own


def _sweep(folder: Path, kept: set[str]) -> None:
    """Delete the files of `folder` that the list no longer names (and the one-file cache of
    earlier versions)."""
    for entry in os.scandir(folder):
        if entry.name != _LIST and entry.name not in kept:
            try:
                os.unlink(entry.path)
            except OSError:
                pass
    try:
        os.unlink(folder.parent.parent / _LEGACY)
    except OSError:
        pass


def _version() -> str:
    """What every entry depends on: Glose's code, and the language of the messages it keeps."""
    return f"{code_digest()} {language()}"


def _user_folder() -> Path:
    """This user's folder of Glose's caches: $XDG_CACHE_HOME/glose, else ~/.cache/glose."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "glose"


def template_cache() -> jinja2.BytecodeCache | None:
    """Compiled Jinja templates kept between builds, for Glose's templates and Material's (half
    a second a build, whatever the corpus's size). Kept in this user's cache folder, never in
    the project: a compiled template is code, and a project copied from someone else must not
    bring code that runs. Jinja checks each one against its template's text and writes them
    atomically. None when the folder cannot be made: templates are then compiled each time."""
    folder = _user_folder() / "templates"
    try:
        folder.mkdir(mode=0o700, parents=True, exist_ok=True)
        info = folder.stat()
        if info.st_uid != os.getuid() or info.st_mode & 0o022:
            return None  # someone else could put code there
    except (OSError, AttributeError):  # AttributeError: no getuid (Windows)
        return None
    return jinja2.FileSystemBytecodeCache(str(folder))


def _user_key() -> bytes | None:
    """This user's signing key, made on first use; None when there is nowhere to keep one."""
    base = _user_folder()
    path = base / "key"
    try:
        key = path.read_bytes()
        if len(key) == 32:
            return key
    except OSError:
        pass
    try:
        base.mkdir(parents=True, exist_ok=True)
        key = secrets.token_bytes(32)
        fd = os.open(path, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
        with os.fdopen(fd, "wb") as handle:
            handle.write(key)
        return key
    except FileExistsError:  # another build made it meanwhile
        return _user_key() if path.stat().st_size == 32 else None
    except OSError:
        return None
