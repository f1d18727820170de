"""What one build can hand to the next: parsed sources and found mentions, so that after a small
edit only what changed is read and searched again (issue 15).

The cache is a pickle in .glose/cache.pickle. Loading a pickle runs code the pickle names, so a
cache that came with a project copied from someone else must never be loaded: the file is
signed with HMAC-SHA256 under a key that never leaves this user's account (in
$XDG_CACHE_HOME/glose/key, else ~/.cache/glose/key, created on first use, readable by the user
only). A cache without a valid signature is ignored: the build reads everything, as without
a cache. Nothing in it is needed: delete it, or .glose/, to start afresh.

Entries are looked up by kind and name, and used only when their `check` (the source file's
size, dates and inode, or a digest of what the result depends on) is the one given; a cache
saved by another version of Glose, or in another language (entries keep their messages), is
not used at all. A save keeps only the entries the build used or made.
"""

from __future__ import annotations

import hashlib
import hmac
import os
import pickle
import secrets
from collections.abc import Hashable
from pathlib import Path
from typing import Any

import jinja2

from .digests import code_digest
from .i18n import language

CACHE_FILE = ".glose/cache.pickle"
"""Where a project's cache lives."""
RACY_NS = 3_000_000_000
"""A file changed less than this before the cache was saved is read again (its dates could
be the same after another change in the same clock tick; FAT keeps times to 2 s)."""

_SIGNATURE = 32


class Cache:
    """Results of the last build, by (kind, name); see the module docstring."""

    def __init__(self, path: Path | None = None, key: bytes | None = None, entries: dict | None = None,
                 saved_ns: int = 0):
        self.path, self.key, self.saved_ns = path, key, saved_ns
        self._old: dict[tuple[str, str], tuple[Hashable, Any]] = entries or {}
        self._new: dict[tuple[str, str], tuple[Hashable, Any]] = {}

    @classmethod
    def open(cls, root: Path) -> "Cache":
        """The project's cache, or an empty one (no key, no file, a bad signature: no cache)."""
        key = _user_key()
        path = root / CACHE_FILE
        if key is None:
            return cls()
        try:
            data = path.read_bytes()
            signature, body = data[:_SIGNATURE], data[_SIGNATURE:]
            if not hmac.compare_digest(signature, hmac.new(key, body, hashlib.sha256).digest()):
                return cls(path, key)
            saved_ns, code, entries = pickle.loads(body)  # signed by this user's key: our own
            if code != _version():
                return cls(path, key)
            return cls(path, key, entries, saved_ns)
        except (OSError, ValueError, TypeError, EOFError, pickle.UnpicklingError, AttributeError, ImportError):
            return cls(path, key)

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
        """Write what this build used or made, signed (a failure only costs time next build).
        This object then holds it as the next build's cache, as Cache.open would read it back:
        `serve` keeps it between builds instead of loading it again (0.4 s at 2,000 articles)."""
        import time

        saved_ns = time.time_ns()
        if self.path is not None and self.key is not None:
            body = pickle.dumps((saved_ns, _version(), self._new), protocol=pickle.HIGHEST_PROTOCOL)
            signature = hmac.new(self.key, body, hashlib.sha256).digest()
            try:
                tmp = self.path.with_name(self.path.name + ".tmp")
                tmp.write_bytes(signature + body)
                os.replace(tmp, self.path)
            except OSError:
                pass
        self._old, self._new, self.saved_ns = self._new, {}, saved_ns


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
