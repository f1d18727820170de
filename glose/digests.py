"""Short, stable digests of text: what the reader records of each source and what page keys
are made of (output/keys.py)."""

from __future__ import annotations

import hashlib


def digest(*parts: str) -> str:
    """A short, stable digest of strings (blake2b, 128 bits); the parts are length-prefixed,
    so ("ab", "c") and ("a", "bc") differ."""
    h = hashlib.blake2b(digest_size=16)
    for part in parts:
        data = part.encode("utf-8", "surrogatepass")
        h.update(len(data).to_bytes(8, "little"))
        h.update(data)
    return h.hexdigest()
