"""The words of the search index, section by section (search_index.py writes the files).

A section's words are its text split on the search separator, each part folded; what a
section adds to the index (`index_section`) is kept by the build's cache, so that a build
after a small edit folds and counts again only the sections that changed (`cached`,
`remember`); `postings` puts the sections' entries together, in order.
"""

from __future__ import annotations

import hashlib
import re
from array import array
from collections import Counter
from collections.abc import Sequence

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


def postings(entries: Sequence[Indexed], written_as: dict[str, str] | None = None) -> dict[str, dict[str, list[int]]]:
    """Shard key -> word -> [section gap, value, ...] of the sections whose entries are given,
    in order. `written_as` receives how each word that is written other than as indexed is
    written: its first spelling in lower case ("défense" rather than "Défense" at the start
    of a sentence), else its first spelling."""
    found: dict[str, list[int]] = {}  # word -> [its last section, gap, value, gap, value, ...]
    written_as = {} if written_as is None else written_as
    capitalised: set[str] = set()  # words written so far with a capital only
    for number, (joined, values, spellings) in enumerate(entries):
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
                    written_as[word] = spelled[word]
                    if not spelled[word].islower():
                        capitalised.add(word)
            else:
                entry += (number - entry[0], value)
                entry[0] = number
                if word in capitalised and value > 1:  # in the text, not in the title alone
                    spelling = spelled.get(word, word)  # not given: written as indexed, in lower case
                    if spelling.islower():
                        written_as[word] = spelling
                        capitalised.discard(word)
    shards: dict[str, dict[str, list[int]]] = {}
    for word in sorted(found):
        shards.setdefault(shard_key(word), {})[word] = found[word][1:]
    return shards


def _pairs(joined: str) -> dict[str, str]:
    if not joined:
        return {}
    items = iter(joined.split("\0"))
    return dict(zip(items, items))


def cached(cache: Cache, sections: Sequence[Section], separator: str) -> list[Indexed | None]:
    """What the last build made of each section (glose/cache.py), None where its title, text
    or the separator changed."""
    return [cache.get("search", s.location, _check(s, separator)) for s in sections]


def remember(cache: Cache, sections: Sequence[Section], separator: str, made: dict[int, Indexed]) -> None:
    """Keep for the next build what was made of sections (`made`: number -> entry)."""
    for number, entry in made.items():
        cache.put("search", sections[number].location, _check(sections[number], separator), entry)


def _check(section: Section, separator: str) -> bytes:
    return hashlib.blake2b(f"{separator}\0{section.title}\0{section.text}".encode("utf-8", "surrogatepass"),
                           digest_size=16).digest()
