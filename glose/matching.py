"""Text + glossary forms -> mentions: folded comparison, whole words, longest match.

How `Matcher.find` searches a text:

1. The text is normalised to NFC when it is not already (so NFD accents match); offsets
   and `Mention.text` then refer to the normalised text.
2. It is folded into a "view" of the same length (`glose.folding.fold_char`: no accents,
   lower case, one kind of space and of apostrophe). A second view keeps the case, and is
   only built when some form is case sensitive.
3. In the view, every non-word character that no form contains becomes `_SENTINEL`, runs
   of spaces become one space, and an index map leads back to the text's offsets.
4. An Aho-Corasick automaton holds every form once per character that may come before
   a word (the sentinel, a space, or a separator some form contains: ' - . ...). So it
   only reports forms that start a word, never "otan" inside "cotan": with short acronyms
   in a large glossary those tail hits would outnumber real ones a hundred to one. The
   character after each hit is checked in Python.
5. Hits of excluded slugs are dropped, then the leftmost, and at the same start the
   longest, wins; hits overlapping a chosen one are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable
from functools import partial

import ahocorasick

from glose.folding import CharFolder, fold, fold_char, is_word_char
from glose.model import Mention

_SENTINEL = "\x00"
"""Stands, in a view, for the start of the text and for every non-word character that
no form contains (quotes, brackets, most punctuation)."""

_SPACE_RUNS = re.compile(" {2,}")

# One hit: (start, -end, order of the form, slug), so that plain tuple order sorts the
# hits leftmost first, then longest first, then first-given form first.
_Hit = tuple[int, int, int, str]


class Matcher:
    """Finds glossary forms in texts; build it once, then call `find` for each text."""

    def __init__(self, forms: Iterable[tuple[str, str, bool]]):
        """Index `(slug, form, case_sensitive)` triples.

        Forms are compared folded (see the module docstring), case too unless
        `case_sensitive`. Forms without any letter or digit are ignored; when two slugs
        claim the same folded form, the first one given keeps it.
        """
        keys: dict[bool, dict[str, tuple[int, str]]] = {True: {}, False: {}}
        for order, (slug, form, case_sensitive) in enumerate(forms):
            key = _key_of(form, case=not case_sensitive)
            if key:
                keys[not case_sensitive].setdefault(key, (order, slug))
        separators = frozenset(" ").union(
            *(_separators_in(key) for table in keys.values() for key in table))
        self._searches = [_Search(table, separators, case)
                          for case, table in keys.items() if table]

    def find(self, text: str, exclude: frozenset[str] = frozenset()) -> list[Mention]:
        """Return the mentions of the indexed forms in `text`, sorted by start.

        Matches are whole words, never overlap, and the leftmost-longest wins. Slugs in
        `exclude` are never returned and leave their span to the other forms (a glossary
        entry links the terms its definition mentions, never itself). When `text` is not
        NFC, the offsets refer to `unicodedata.normalize("NFC", text)`.
        """
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        hits: list[_Hit] = []
        for search in self._searches:
            hits += search.hits(text, exclude)
        return _pick_longest(text, hits)


class _Search:
    """One automaton over one view of the text: case folded, or case kept."""

    def __init__(self, keys: dict[str, tuple[int, str]], separators: frozenset[str],
                 case: bool):
        self._view_of = CharFolder(partial(_view_char, case=case, keep=separators))
        self._automaton = ahocorasick.Automaton()
        for key, (order, slug) in keys.items():
            for before in separators | {_SENTINEL}:
                self._automaton.add_word(before + key, (len(key), order, slug))
        self._automaton.make_automaton()

    def hits(self, text: str, exclude: frozenset[str]) -> list[_Hit]:
        """Return the whole-word hits in `text` of slugs not in `exclude`."""
        view = _SENTINEL + self._view_of(text)
        marks: list[int] = []
        if "  " in view:
            view, marks, shifts = _collapse_spaces(view)
        found = []
        size = len(view)
        for last, (length, order, slug) in self._automaton.iter(view):
            after = last + 1
            if (after < size and view[after].isalnum()) or slug in exclude:
                continue
            if marks:  # the view lost spaces: map both ends back (-1: the sentinel)
                start = after - length
                start += shifts[bisect_right(marks, start)] - 1
                after += shifts[bisect_right(marks, last)] - 1
                found.append((start, -after, order, slug))
            else:
                found.append((after - length - 1, 1 - after, order, slug))
        return found


def _key_of(form: str, case: bool) -> str:
    """Return the folded, space-normalised form, or "" when it has no letter or digit."""
    key = " ".join(fold(unicodedata.normalize("NFC", form), case).split())
    if _SENTINEL in key or not any(is_word_char(ch) for ch in key):
        return ""
    return key


def _separators_in(key: str) -> set[str]:
    """Return the non-word characters of a key: they must stay distinct in the view."""
    return {ch for ch in key if not is_word_char(ch)}


def _view_char(ch: str, case: bool, keep: frozenset[str]) -> str:
    """Fold one character for a view; a non-word character no form holds -> sentinel."""
    folded = fold_char(ch, case)
    if is_word_char(folded) or folded in keep:
        return folded
    return _SENTINEL


def _collapse_spaces(view: str) -> tuple[str, list[int], list[int]]:
    """Replace each run of spaces by one space.

    Returns the new view, the position in it of each run's remaining space, and the
    number of spaces removed up to each run: an offset `i` of the new view that is not
    one of those spaces was `i + shifts[bisect_right(marks, i)]` in the old one.
    """
    pieces, marks, shifts = [], [], [0]
    last = removed = 0
    for run in _SPACE_RUNS.finditer(view):
        pieces.append(view[last:run.start() + 1])
        marks.append(run.start() - removed)
        removed += run.end() - run.start() - 1
        shifts.append(removed)
        last = run.end()
    pieces.append(view[last:])
    return "".join(pieces), marks, shifts


def _pick_longest(text: str, hits: list[_Hit]) -> list[Mention]:
    """Keep the leftmost-longest hits that do not overlap a hit already kept."""
    hits.sort()
    mentions: list[Mention] = []
    taken = 0
    for start, negative_end, _order, slug in hits:
        if start >= taken:
            taken = -negative_end
            mentions.append(Mention(start, taken, slug, text[start:taken]))
    return mentions
