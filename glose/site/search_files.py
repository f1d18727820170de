"""Which files of the search index a build keeps from the previous site/ (issue 15).

The table and text files (search_index.py) hold the rows of a fixed run of sections: after an
edit, all but one or two of them are what the last build wrote. Each gets a key, the digest
of Glose's code and of its sections' locations and checks (search_words: title, text and
separator); the keys go into the site's state (.glose-site.json, reuse.py) beside the
engine's outputs, so that their size, modification time and inode are recorded after the
build as theirs are. A file whose key and record are the same in the previous site/ is
hard-linked (or copied) into the new one instead of being written, and the index's worker
is handed those sections without their text when nothing else needs it (a fork server's
worker in `serve` received 11 MB of text at 2,000 articles).
"""

from __future__ import annotations

import hashlib
import os
from collections.abc import Mapping, Sequence
from pathlib import Path

from ..digests import code_digest
from ..model import SearchSection
from .reuse import Stats, read_state, signature, write_state
from .search_index import TABLE_ROWS, TEXT_ROWS
from .search_words import BLOCK

ROWS = {"table": TABLE_ROWS, "text": TEXT_ROWS}
"""The folders of search/ whose files hold a run of sections, and how many each holds."""


def file_keys(sections: Sequence[SearchSection], checks: Sequence[bytes]) -> dict[str, str]:
    """Path in site/ of each table and text file -> its key."""
    located = [s.location.encode("utf-8", "surrogatepass") + b"\0" + check for s, check in zip(sections, checks)]
    code = code_digest().encode()
    keys = {}
    for folder, rows in ROWS.items():
        for start in range(0, len(located), rows):
            digest = hashlib.blake2b(code + b"\0" + folder.encode(), digest_size=16)
            for item in located[start:start + rows]:
                digest.update(item)
            keys[f"search/{folder}/{start // rows}.js"] = digest.hexdigest()
    return keys


def reusable(previous_site: Path | None, stats: Stats, keys: Mapping[str, str]) -> dict[str, str]:
    """The files of `keys` that the previous site/ holds as its build wrote them, with the same
    key: their path under search/ (as write_files names them: "text/3.js") -> the file."""
    if previous_site is None:
        return {}
    held = read_state(previous_site).files
    found = {}
    for dest, key in keys.items():
        if held.get(dest) != key:
            continue
        path = os.path.join(previous_site, dest)
        try:
            info = os.stat(path)
        except OSError:
            continue
        if stats.get(dest) == signature(info):
            found[dest.removeprefix("search/")] = path
    return found


def for_worker(sections: list[SearchSection], reused: Mapping[str, str],
               blocks: Sequence[bytes | None]) -> list[SearchSection]:
    """`sections`, without the text of those whose table and text files are reused and whose
    block is kept: the index's worker needs only their location and title (pages.js)."""
    def needs_text(n: int) -> bool:
        kept = n // BLOCK < len(blocks) and blocks[n // BLOCK] is not None
        return not kept or any(f"{folder}/{n // rows}.js" not in reused for folder, rows in ROWS.items())

    return [s if needs_text(n) else SearchSection(s.location, s.title, "") for n, s in enumerate(sections)]


def record(site: Path, keys: Mapping[str, str]) -> None:
    """Add the keys of the search files to the state of the staged `site` (none when it has no
    state: the engine failed to write it, and nothing of it will be kept)."""
    state = read_state(site)
    if not state.engine:
        return
    state.files.update(keys)
    write_state(site, state)
