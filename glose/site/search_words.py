"""The words of the search index, section by section (search_index.py writes the files).

A section's words are its text split on the search separator, each part folded; what a
section adds to the index (`index_section`) is kept by the build's cache, so that a build
after a small edit folds and counts again only the sections that changed (`cached`,
`remember`). The entries of BLOCK sections in a row are put together as a Block, which the
cache keeps too, with its words' numbers already written as text, and `merge` puts the
blocks together, in order: after an edit, the index joins the texts of 20 blocks at 2,000
articles instead of folding and counting 5,000 sections' words again.
"""

from __future__ import annotations

import hashlib
import pickle
import re
from array import array
from collections import Counter
from collections.abc import Sequence
from typing import NamedTuple

from ..cache import Cache
from ..folding import fold_word
from ..model import SearchSection as Section

EDGES = re.compile(r"^[\W_]+|[\W_]+$")  # anything but letters and digits, at either end


SUGGESTED_MIN = 3
"""Words shorter than this are never suggested."""


def words(text: str, separator: re.Pattern) -> list[str]:
    """The words of `text` as the index holds them: split on the search separator, each part
    folded (`fold_word`: "Défense" -> "defense"), with anything but letters and digits trimmed
    off both ends; empty parts are dropped. The worker splits a query the same way."""
    return [word for word in map(_word, _parts(text, separator)) if word]


def _parts(text: str, separator: re.Pattern) -> list[str]:
    return separator.split(text)[:: separator.groups + 1]  # without what a group captured


def _word(part: str) -> str:
    return EDGES.sub("", fold_word(part))


class Folded(dict):
    """Part of a text -> its word ("" for none): each spelling is folded once."""

    def __missing__(self, part: str) -> str:
        word = self[part] = _word(part)
        return word


def shard_key(word: str) -> str:
    """Name of the shard file that holds `word`: its first two characters, UTF-8, in hex."""
    return word[:2].encode("utf-8").hex()


Indexed = tuple[str, bytes, str]
"""What one section adds to the index, kept by the cache between builds (three objects a
section, quick to save and load): its words joined by NUL, in the order they first occur;
their values (2 x count in the text + 1 if in the title) as unsigned numbers of one byte
each when they all fit, else of four (the length tells which); and,
joined by NUL in pairs, how the words of SUGGESTED_MIN characters or more that it writes
other than as indexed are written (its first lower-case spelling, else its first)."""


def index_section(section: Section, separator: re.Pattern, folded: Folded | None = None) -> Indexed:
    """What `section` adds to the index (`folded`: spellings already folded). A NUL in its text
    separates words (no one types it in a query)."""
    folded = Folded() if folded is None else folded
    counts: dict[str, int] = {}
    spelled: dict[str, str] = {}
    # Counted at C speed, then folded once per spelling.
    for part, count in Counter(_parts(section.text.replace("\0", " "), separator)).items():
        word = folded[part]
        if not word:
            continue
        counts[word] = counts.get(word, 0) + count
        if len(word) >= SUGGESTED_MIN:
            first = spelled.get(word)
            if first is None or (part.islower() and not first.islower()):
                spelled[word] = part
    titled = set(words(section.title.replace("\0", " "), separator))
    for word in titled.difference(counts):
        counts[word] = 0
    found = [2 * count + (word in titled) for word, count in counts.items()]
    values = array("B" if max(found, default=0) < 256 else "I", found)  # one byte a word, mostly
    return "\0".join(counts), values.tobytes(), "\0".join(x for w, s in spelled.items() if s != w for x in (w, s))


BLOCK = 256
"""Sections whose entries are put together as one block (`block_postings`), which the cache keeps:
after an edit, only the blocks of the sections that changed are put together again, and the
index merges blocks, not sections (4 times fewer steps: a block holds each word once)."""


class Block(NamedTuple):
    """What BLOCK sections in a row (fewer at the end) add to the index, with each word's numbers
    already written as the shard files write them (`merge` joins texts instead of writing
    300,000 lists of numbers again on every build: 0.25 s instead of 0.65 s at 2,000 articles).
    Pickled with its sections as arrays (`__reduce__`), and loaded as arrays."""

    size: int
    """How many sections."""
    words: tuple[str, ...]
    """Its words, in the order they first occur."""
    firsts: Sequence[int]
    """The first section of each word (sections numbered from the index's first)."""
    lasts: Sequence[int]
    """The last section of each word."""
    rests: str
    """Of each word, separated by a space: its value in its first section, then the gap to the
    next section and its value, and so on, as the text of numbers joined by commas."""
    first_written: dict[str, str]
    """Word -> how its first section writes it, when not as indexed."""
    lower_written: dict[str, str]
    """Word -> its first lower-case spelling in a text (not a title alone), when not as indexed."""
    no_lower: frozenset[str]
    """The words that no section of the block writes in lower case in its text."""

    def __reduce__(self):
        return Block, (self.size, self.words, _array(self.firsts), _array(self.lasts), self.rests, self.first_written,
                       self.lower_written, self.no_lower)


def _array(numbers: Sequence[int]) -> array:
    return numbers if isinstance(numbers, array) else array("I", numbers)


def block_postings(entries: Sequence[Indexed], start: int) -> Block:
    """The Block of `entries`, the first of which is section number `start`."""
    found: dict[str, list[int]] = {}  # word -> [its last section, its first, value, gap, value, ...]
    first_written: dict[str, str] = {}
    lower_written: dict[str, str] = {}
    no_lower: set[str] = set()
    for number, (joined, values, spellings) in enumerate(entries, start):
        if not joined:
            continue
        listed = joined.split("\0")
        numbers = array("B" if len(values) == len(listed) else "I")  # one byte a word, or four
        numbers.frombytes(values)
        spelled = _pairs(spellings)
        for word, value in zip(listed, numbers):
            entry = found.get(word)
            if entry is None:
                found[word] = [number, number, value]
                if word in spelled:
                    first_written[word] = spelled[word]
                no_lower.add(word)
            else:
                entry += (number - entry[0], value)
                entry[0] = number
            if value > 1 and word in no_lower:  # in the text, not in the title alone
                spelling = spelled.get(word, word)  # not given: written as indexed, in lower case
                if spelling.islower():
                    no_lower.discard(word)
                    if spelling != word:
                        lower_written[word] = spelling
    listed_numbers = found.values()
    return Block(len(entries), tuple(found), [n[1] for n in listed_numbers], [n[0] for n in listed_numbers],
                 " ".join(",".join(map(str, n[2:])) for n in listed_numbers), first_written, lower_written,
                 frozenset(no_lower))


def merge(blocks: Sequence[Block], written_as: dict[str, str] | None = None) -> dict[str, dict[str, str]]:
    """Shard key -> word -> its postings as the shard files write them (section gap, value, ...,
    joined by commas) of the sections of `blocks`, in order (the blocks are left as they are).
    `written_as` receives how each word that is written other than
    as indexed is written: its first spelling in lower case ("défense" rather than "Défense" at
    the start of a sentence), else its first spelling. A word
    first written with a capital takes its first lower-case spelling in a text of a later section,
    if any: in its first block, that can only be after its first section (a spelling with a
    capital is not one in lower case)."""
    found: dict[str, list] = {}  # word -> [its last section, its postings' texts, block by block]
    written_as = {} if written_as is None else written_as
    capitalised: set[str] = set()  # words written so far with a capital only
    for block in blocks:
        no_lower, lower_written, first_written = block.no_lower, block.lower_written, block.first_written
        for word, first, last, rest in zip(block.words, _list(block.firsts), _list(block.lasts), block.rests.split(" ")):
            entry = found.get(word)
            if entry is None:
                found[word] = [last, f"{first},{rest}"]  # the gap of a first section is its number
                spelling = first_written.get(word)
                if spelling is not None:
                    written_as[word] = spelling
                    if not spelling.islower():
                        capitalised.add(word)
            else:
                entry.append(f"{first - entry[0]},{rest}")
                entry[0] = last
            if capitalised and word in capitalised and word not in no_lower:
                written_as[word] = lower_written.get(word, word)
                capitalised.discard(word)
    shards: dict[str, dict[str, str]] = {}
    for word in sorted(found):
        texts = found[word]
        shards.setdefault(shard_key(word), {})[word] = texts[1] if len(texts) == 2 else ",".join(texts[1:])
    return shards


def sections_holding(postings: str) -> int:
    """How many sections a word's postings (as `merge` gives them) name."""
    return (postings.count(",") + 1) // 2


def _list(numbers: Sequence[int]) -> list[int]:
    return numbers.tolist() if isinstance(numbers, array) else list(numbers)  # arrays: quicker as lists


def _pairs(joined: str) -> dict[str, str]:
    if not joined:
        return {}
    items = iter(joined.split("\0"))
    return dict(zip(items, items))


def pack(block: Block) -> bytes:
    """A Block as the cache keeps it: pickled. The build's own process only hands kept blocks
    to the index's worker, which unpacks them: loading the cache takes 20 byte strings at
    2,000 articles instead of 170,000 words (0.05 s), and a fork server's worker receives
    them at the speed of a copy."""
    return pickle.dumps(block, protocol=pickle.HIGHEST_PROTOCOL)


def unpack(packed: bytes) -> Block:
    """The Block `pack` gave these bytes for (they come from the build's signed cache)."""
    block = pickle.loads(packed)
    if not isinstance(block, Block):
        raise TypeError(f"not a search block: {type(block).__name__}")
    return block


class Kept(NamedTuple):
    """What the last build made of the index's sections (glose/cache.py): each section's entry and
    each block's (packed), None where it changed."""

    entries: list[Indexed | None]
    blocks: list[bytes | None]


def section_checks(sections: Sequence[Section], separator: str) -> list[bytes]:
    """What each section's entry depends on: its title, its text and the separator (digests).
    A section that is the very object of the last call's (render/search.py hands `serve`'s
    builds the same sections for the articles that did not change) keeps its digest."""
    made: dict[int, tuple[Section, str, bytes]] = {}
    checks = []
    for section in sections:
        held = _CHECKED.get(id(section))
        check = held[2] if held is not None and held[0] is section and held[1] == separator else _check(section, separator)
        made[id(section)] = (section, separator, check)
        checks.append(check)
    _CHECKED.clear()
    _CHECKED.update(made)
    return checks


_CHECKED: dict[int, tuple[Section, str, bytes]] = {}
"""section_checks' last digests, by the id of their section, held with it (and the separator)."""


def cached(cache: Cache, sections: Sequence[Section], checks: list[bytes]) -> Kept:
    """What the last build made of each block of `sections` (glose/cache.py), and of each section
    of the other blocks, None where a title, a text or the separator changed (`checks`: the
    sections' section_checks)."""
    entries = [cache.get("search", s.location, c) for s, c in zip(sections, checks)]  # each kept for the next build
    blocks = [cache.get("search-block", str(start), _block_check(checks, start)) for start in range(0, len(sections), BLOCK)]
    # The entries of a block that is kept are not needed (nor sent to a fork server's worker).
    return Kept([None if blocks[n // BLOCK] else entry for n, entry in enumerate(entries)], blocks)


def remember(cache: Cache, sections: Sequence[Section], checks: list[bytes], made: dict[int, Indexed],
             blocks: dict[int, Block]) -> None:
    """Keep for the next build what was made of sections (`made`: number -> entry) and of blocks
    (`blocks`: number of their first section -> block); `checks`: the sections' section_checks."""
    for number, entry in made.items():
        cache.put("search", sections[number].location, checks[number], entry)
    for start, block in blocks.items():
        cache.put("search-block", str(start), _block_check(checks, start), pack(block))


def _block_check(checks: list[bytes], start: int) -> bytes:
    """What a block depends on: where it starts, and its sections' checks."""
    return hashlib.blake2b(b"".join([str(start).encode(), *checks[start:start + BLOCK]]), digest_size=16).digest()


def _check(section: Section, separator: str) -> bytes:
    return hashlib.blake2b(f"{separator}\0{section.title}\0{section.text}".encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()
