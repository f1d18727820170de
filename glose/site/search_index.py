"""The search index, prebuilt: the sections of every page (Glose's pages from its model,
render/search.py; hand-written pages as Material's search plugin extracted them) -> small
script files that the site's search worker loads a few at a time.

Material's own worker builds a lunr index of every section on every page opened (7 s at
2,000 articles). `write_search_shards` runs once per build instead, on the staged site/ right
after MkDocs (or `prepare_files`, in a worker process while MkDocs runs), and writes into
site/search/:

    shards/<key>.js  every word of every section, folded (`words`), grouped by its first two
                     characters (key: their UTF-8 bytes in hex; a one-character word has a key
                     of its own), each with the sections it occurs in, as a flat list
                     [section - previous section, 2 x count in the text + 1 if in the title, ...]
    table/<n>.js     location, title and opening of sections 256n to 256n + 255
    text/<n>.js      the plain text of sections 16n to 16n + 15 (excerpts around a match)
    pages.js         location and title of every page, in order (`page_rows`): the worker
                     lists every page a query finds, and needs table and text files only
                     for the best ones
    words/<key>.js   the words of three letters or more that start with a given character (key:
                     its UTF-8 bytes in hex), each [word, how it is written, sections]: a
                     query that finds nothing suggests the nearest ones ("Vouliez-vous dire
                     Stoltenberg ?"); loaded only then

Each file is a script that calls a function of the worker's global `GloseSearch`: it loads
with importScripts in a worker, and with a <script> tag in the iframe that runs the worker
from file:// (glose/site/static/assets/glose/iframe-worker.js). search_index.json and the offline
plugin's search_index.js, which Material's page loads on every page, keep the config (the
page highlights `?h=` words with its separator) and no documents; the config gains `glose`:
the shard keys and where each page starts (sections of a page follow it).
"""

from __future__ import annotations

import html
import json
import os
import re
from collections.abc import Callable, Mapping, Sequence
from pathlib import Path

from ..model import SearchSection
from ..output.files import link_or_copy
from .search_words import BLOCK, EDGES, SUGGESTED_MIN, Block, Folded, Indexed, Kept, block_postings, index_section, merge, sections_holding, shard_key, unpack, words
from ..i18n import _

TABLE_ROWS = 256
"""Sections per file of search/table/."""
TEXT_ROWS = 16
"""Sections per file of search/text/."""
OPENING = 160
"""At most this many characters of a section's text go to the table (cut at a space)."""
FUNCTION = "GloseSearch"
"""The worker's global object, whose functions the files call."""

_TAG = re.compile(r"<[^>]*>")
_UNSAFE_IN_SCRIPT = (("<", "\\u003c"), ("\u2028", "\\u2028"), ("\u2029", "\\u2029"))


class SearchIndexError(ValueError):
    """search_index.json cannot be turned into shards; the message says why and what to do."""


Section = SearchSection
"""One entry of the index: a page, or a section of a page (glose.model.SearchSection)."""


def write_search_shards(site: Path, written: list[Section] | None = None, ready: Path | None = None,
                        kept: Kept | None = None, reused: Mapping[str, str] = {}) -> tuple[dict[int, Indexed], dict[int, Block], bool]:
    """Write the shards, table, text and pages files under `site`/search/ and empty the documents of
    search_index.json (and .js); do nothing for a site without a search index. The sections are
    `written` (Glose's pages, from its model) followed by those the engine's search plugin
    found (the hand-written pages); without `written`, the engine's alone. `ready`: a folder
    where write_files already wrote them for `written` alone, while the engine ran: used when
    the engine found no page of its own to index. `kept`: what the last build made of the
    sections and blocks of `written` (search_words.cached); `reused`: the table and text files
    of `written` kept from the previous site (write_files). Returns what this call made of the
    others (sections, and blocks by their first section), for the cache, and whether the
    files hold `written` alone (the keys of search_files.py then name them)."""
    folder = site / "search"
    index_file = folder / "search_index.json"
    if not index_file.is_file():
        return {}, {}, False
    index = json.loads(index_file.read_text(encoding="utf-8"))
    engines = read_sections(index["docs"])
    made: dict[int, Indexed] = {}
    made_blocks: dict[int, Block] = {}
    if ready is not None and not engines and (ready / "glose.json").is_file():
        summary = json.loads((ready / "glose.json").read_text(encoding="utf-8"))
        for name in ("shards", "words", "table", "text", "pages.js"):
            os.replace(ready / name, folder / name)
    else:
        written = written or []
        kept = kept or Kept([], [])
        summary, made, made_blocks = write_files(folder, [*written, *engines], index["config"].get("separator", DEFAULT_SEPARATOR),
                                                 *kept, reused={} if engines else reused)
        made = {n: entry for n, entry in made.items() if n < len(written)}  # the engine's are not kept
        made_blocks = {n: block for n, block in made_blocks.items() if n + block.size <= len(written)}
    _write_index(folder, {**index, "config": {**index["config"], "glose": summary}, "docs": []})
    return made, made_blocks, not engines


DEFAULT_SEPARATOR = r"[\s\-]+"
"""Material's search separator when mkdocs.yml sets none."""


def write_files(folder: Path, sections: list[Section], separator_pattern: str, indexed: Sequence[Indexed | None] = (),
                blocks: Sequence[bytes | None] = (), reused: Mapping[str, str] = {}) -> tuple[dict, dict[int, Indexed], dict[int, Block]]:
    """The shards, words, table, text and pages files of `sections` in `folder`. Returns what
    the worker reads of them from search_index.json's config (`glose`: the shard and words
    keys, where each page starts, and the row sizes of the table and text files), and what
    was made of the sections and blocks that `indexed` and `blocks` (what the last build made:
    search_words.Kept) did not hold. `reused`: table and text files the previous site holds
    as they must be ("text/3.js" -> that file: search_files.py), linked instead of written."""
    made: dict[int, Indexed] = {}
    made_blocks: dict[int, Block] = {}
    every = _blocks(sections, _separator(separator_pattern), indexed, blocks, made, made_blocks)
    written_as: dict[str, str] = {}
    shards = merge(every, written_as)
    folder.mkdir(parents=True, exist_ok=True)
    _write_shards(folder / "shards", shards)
    suggested = vocabulary(shards, written_as)
    _write_scripts(folder / "words", "vocabulary", suggested)
    _write_rows(folder, "table", sections, TABLE_ROWS, lambda s: [s.location, s.title, _opening(s.text)], reused)
    _write_rows(folder, "text", sections, TEXT_ROWS, lambda s: s.text, reused)
    (folder / "pages.js").write_text(script("pages", 0, page_rows(sections)), encoding="utf-8")
    return ({"shards": sorted(shards), "words": sorted(suggested), "pages": _page_starts(sections),
             "sections": len(sections), "table_rows": TABLE_ROWS, "text_rows": TEXT_ROWS}, made, made_blocks)


def _blocks(sections: list[Section], separator: re.Pattern, indexed: Sequence[Indexed | None],
            blocks: Sequence[bytes | None], made: dict[int, Indexed], made_blocks: dict[int, Block]) -> list[Block]:
    """Every block of `sections`: those of `blocks` that still hold as many sections, the others
    made from the entries of their sections (those of `indexed`, or made). What is made goes
    into `made` and `made_blocks`."""
    folded = Folded()
    found = []
    for start in range(0, len(sections), BLOCK):
        size = min(BLOCK, len(sections) - start)
        packed = blocks[start // BLOCK] if start // BLOCK < len(blocks) else None
        block = unpack(packed) if packed is not None else None
        if block is None or block.size != size:  # a size differs when the engine's own sections follow
            entries = []
            for number in range(start, start + size):
                entry = indexed[number] if number < len(indexed) else None
                if entry is None:
                    entry = made[number] = index_section(sections[number], separator, folded)
                entries.append(entry)
            block = made_blocks[start] = block_postings(entries, start)
        found.append(block)
    return found


def prepare_files(folder: Path, sections: list[Section], separator_pattern: str, indexed: Sequence[Indexed | None] = (),
                  blocks: Sequence[bytes | None] = (), reused: Mapping[str, str] = {}) -> tuple[dict[int, Indexed], dict[int, Block]]:
    """write_files, with its summary saved beside (glose.json): for a worker process that makes
    the index of Glose's pages while the engine builds the site (write_search_shards's `ready`).
    Returns what it made of the sections and blocks not given, for the cache."""
    summary, made, made_blocks = write_files(folder, sections, separator_pattern, indexed, blocks, reused)
    (folder / "glose.json").write_text(json.dumps(summary), encoding="utf-8")
    return made, made_blocks


def read_sections(docs: list[dict]) -> list[Section]:
    """Material's entries as plain text, each page's sections right after the page (the
    worker finds a section's page by where pages start)."""
    pages: dict[str, list[Section]] = {}
    for doc in docs:
        section = Section(doc["location"], _plain(doc.get("title", "")), _plain(doc.get("text", "")))
        pages.setdefault(doc["location"].split("#")[0], []).append(section)
    return [section for page in pages.values() for section in page]


def page_rows(sections: list[Section]) -> list[list[str]]:
    """[location, title] of every page, in the order of the sections (the n-th row is the page
    that starts at the n-th place of `_page_starts`)."""
    return [[sections[n].location, sections[n].title] for n in _starts(sections)]


def vocabulary(shards: dict[str, dict[str, str]], written_as: dict[str, str]) -> dict[str, list]:
    """First character's key -> [[word, how it is written, sections], ...], words of
    SUGGESTED_MIN characters or more, for the worker's suggestions (`sections`: how many
    sections hold the word, which ranks two suggestions as near as each other)."""
    found: dict[str, list] = {}
    for words_ in shards.values():
        for word, postings_ in words_.items():
            if len(word) >= SUGGESTED_MIN:
                written = EDGES.sub("", written_as.get(word, word)) or word
                found.setdefault(shard_key(word[0]), []).append([word, written, sections_holding(postings_)])
    return found


def script(function: str, key: str | int, data) -> str:
    """A file that hands `data` to GloseSearch.<function>: JSON (a subset of JavaScript) with
    `<`, U+2028 and U+2029 escaped, so that no text can end a script or break a line."""
    return _script_of_json(function, key, json.dumps(data, ensure_ascii=False, separators=(",", ":")))


def _script_of_json(function: str, key: str | int, body: str) -> str:
    for unsafe, escaped in _UNSAFE_IN_SCRIPT:
        body = body.replace(unsafe, escaped)
    return f"{FUNCTION}.{function}({json.dumps(key)},{body});\n"


def _separator(separator: str) -> re.Pattern:
    """Material's separator, which Python must read as JavaScript does."""
    try:
        return re.compile(separator)
    except re.error as err:
        raise SearchIndexError(_("plugins.search.separator {separator!r} is not a regular expression Python "
                                 "can read ({error}); write it with the syntax JavaScript and Python share").format(separator=separator, error=err)) from err


def _plain(markup: str) -> str:
    return " ".join(html.unescape(_TAG.sub(" ", markup)).split())


def _opening(text: str) -> str:
    if len(text) <= OPENING:
        return text
    cut = text.rfind(" ", 0, OPENING)
    return text[:cut if cut > 0 else OPENING] + " …"


def _page_starts(sections: list[Section]) -> list[int]:
    """Where each page starts, as gaps: [0, 3, 1] means pages start at sections 0, 3 and 4."""
    starts = _starts(sections)
    return [b - a for a, b in zip([0, *starts], starts)]


def _starts(sections: list[Section]) -> list[int]:
    """The number of each page's first section (sections of a page follow it)."""
    return [n for n, s in enumerate(sections) if n == 0 or
            s.location.split("#")[0] != sections[n - 1].location.split("#")[0]]


def _write_shards(folder: Path, shards: dict[str, dict[str, str]]) -> None:
    """The shard files: each word's postings are already written (search_words.merge), the
    words are JSON strings; the same text as `script` makes of lists of numbers."""
    folder.mkdir(exist_ok=True)
    for key, postings_ in shards.items():
        body = ",".join(f"{json.dumps(word, ensure_ascii=False)}:[{listed}]" for word, listed in postings_.items())
        (folder / f"{key}.js").write_text(_script_of_json("shard", key, f"{{{body}}}"), encoding="utf-8")


def _write_rows(folder: Path, function: str, sections: list[Section], size: int, row: Callable[[Section], object],
               reused: Mapping[str, str]) -> None:
    """The files of folder/<function>/, each handing `size` sections' rows to the worker's
    `function`; those of `reused` hard-linked (or copied) from the previous site."""
    (folder / function).mkdir(exist_ok=True)
    for number, start in enumerate(range(0, len(sections), size)):
        name = f"{function}/{number}.js"
        if name in reused:
            link_or_copy(reused[name], folder / name)
            continue
        (folder / name).write_text(script(function, number, [row(s) for s in sections[start:start + size]]), encoding="utf-8")


def _write_scripts(folder: Path, function: str, files: dict) -> None:
    folder.mkdir(exist_ok=True)
    for key, data in files.items():
        (folder / f"{key}.js").write_text(script(function, key, data), encoding="utf-8")


def _write_index(folder: Path, index: dict) -> None:
    """search_index.json, and search_index.js as the offline plugin writes it, when it did."""
    text = json.dumps(index, separators=(",", ":"))
    (folder / "search_index.json").write_text(text, encoding="utf-8")
    if (folder / "search_index.js").is_file():
        (folder / "search_index.js").write_text(f"var __index = {text}", encoding="utf-8")
