"""Short, stable digests of text: what the reader records of each source and what page keys
are made of (output/keys.py); and the digest of Glose's own code."""

from __future__ import annotations

import hashlib
import os
import sqlite3
from functools import lru_cache
from importlib import metadata
from pathlib import Path


def digest(*parts: str) -> str:
    """A short, stable digest of strings (blake2b, 128 bits); the parts are length-prefixed,
    so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()


def versions(packages: tuple[str, ...]) -> list[str]:
    """"name=version" of each installed package ("name=?" for one that is not)."""
    found = []
    for name in packages:
        try:
            found.append(f"{name}={metadata.version(name)}")
        except metadata.PackageNotFoundError:
            found.append(f"{name}=?")
    return found


_LIBRARIES = ("ahocorasick-rs", "anyascii", "genanki", "jinja2", "markupsafe", "pyyaml")
"""Libraries whose version could change what a page holds."""


@lru_cache(maxsize=1)
def code_digest() -> str:
    """Glose's modules, templates and static files, and the versions of the libraries that
    render pages: a new version of any of them renders every page again."""
    parts = [f"sqlite={sqlite3.sqlite_version}", *versions(_LIBRARIES)]  # sqlite: the bytes of the decks
    package = Path(__file__).parent  # glose/
    for folder, dirs, files in os.walk(package):
        dirs[:] = sorted(d for d in dirs if not d.startswith((".", "__")))
        for name in sorted(files):
            if not name.startswith("."):
                path = Path(folder, name)
                parts.append(f"{path.relative_to(package).as_posix()}:{hashlib.sha256(path.read_bytes()).hexdigest()}")
    return digest(*parts)
