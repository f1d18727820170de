"""Text + glossary forms -> mentions: folded comparison, whole words, longest match.

How `Matcher.find` searches a text:

1. The text is normalised to NFC when it is not already (so NFD accents match); offsets
   and `Mention.text` then refer to the normalised text.
2. It is folded into a "view" of the same length: letters and digits as
   `glose.folding.fold` gives them (no accents, lower case), whitespace and hyphens as " "
   (so "Atlantique-Nord" is "Atlantique Nord"), and every other character (apostrophes,
   quotes, punctuation) as `_SENTINEL`. Runs of spaces then become one space, and an index
   map leads back to the text's offsets.
3. One Aho-Corasick automaton holds each form's view twice: after a space and after the
   sentinel. So it only reports forms that start a word, never "otan" inside "cotan"
   (with short acronyms in a large glossary those hits would outnumber real ones a
   hundred to one), and its root has two children, which keeps the scan fast.
4. The character after each hit must not be a letter or digit, unless the form ends with
   punctuation ("flanc est l'" before "objet"). A form with punctuation
   inside ("Tod D. Wolters", "O.T.A.N.") or a case-sensitive form is then compared with
   the folded text itself, so "Tod D Wolters" or "us" do not pass.
5. Dotted acronyms: a form of two to eight capitals ("OTAN") also finds its dotted spelling
   ("O.T.A.N.", "O.T.A.N"), looked for apart, only in a text that has ".X." in it: as keys
   of the automaton, they made every elision ("l'", "d'") walk into them, 7 % of the time.
6. Coordinated numbers: when some forms are a noun and a number ("article 4", "article 5"),
   "articles 4 et 5" or "les articles 4, 5 et 6" give one hit per number that is a form:
   the noun with the first number, then each other number alone.
7. Hits of excluded slugs are dropped, and so are the hits of an entry that lie inside one
   of that entry's exclusions ("secrétaire général" inside "secrétaire général adjoint");
   then the leftmost, and at the same start the longest, wins (then the form given first);
   hits overlapping a chosen one are dropped.
"""

from __future__ import annotations

import re
import unicodedata
from bisect import bisect_right
from collections.abc import Iterable, Sequence
from functools import cache
from typing import NamedTuple

import ahocorasick

from ..folding import CharFolder, fold, fold_char, is_word_char
from ..model import Mention

_SENTINEL = "\x00"
"""Stands, in a view, for the start of the text and for any character that is neither
a letter, a digit nor whitespace."""

_BOUNDARIES = " " + _SENTINEL
"""The characters of a view that are not part of a word."""

_BLOCK = "\x00"
"""Put before a slug, marks the hits of that entry's exclusions (a slug never starts so)."""

_NUMBERED = re.compile(r"([^\W\d_]+(?: [^\W\d_]+)*) (\d+)")
"""A form that is a noun and a number, folded: "article 4"."""
_DIGITS = re.compile(r"\d+")
_ACRONYM = re.compile(r"[A-ZÀ-Ý]{2,8}")
_DOTTED = re.compile(r"(?<![^\W_])(?:[^\W\d_]\.){1,7}[^\W\d_](?:\.|(?![^\W_]))")
_DOTTED_HINT = re.compile(r"\.[^\W\d_]\.")

# One hit: (start, -end, order of the form, slug), so that plain tuple order sorts the
# hits leftmost first, then longest first, then first-given form first.
_Hit = tuple[int, int, int, str]


class _Entry(NamedTuple):
    """One form behind a view key."""

    order: int
    """Position of the form in the Matcher's input: the first given wins a tie."""
    slug: str
    """Slug of the form's glossary entry."""
    exact: str | None
    """Folded form the text must equal (case kept when `case_sensitive`), or None when
    the view key alone decides."""
    case_sensitive: bool
    """Compare `exact` with the text folded without lowering its case."""


class Matcher:
    """Finds glossary forms in texts; build it once, then call `find` for each text."""

    def __init__(self, forms: Iterable[tuple[str, str, bool]],
                 exclusions: Iterable[tuple[str, str, bool]] = ()):
        """Index `(slug, form, case_sensitive)` triples, and the exclusions of each slug.

        Forms are compared folded (see the module docstring), case too unless
        `case_sensitive`. Forms without any letter or digit are ignored; when two slugs
        claim the same folded form, the first one given keeps it. A hit of a slug inside a
        match of one of its `exclusions` (same triples) is not a mention.
        """
        entries: dict[str, list[_Entry]] = {}
        seen: set[tuple[bool, str, str]] = set()
        self._acronyms: dict[str, tuple[int, str]] = {}
        numbered: dict[tuple[str, str], tuple[int, str]] = {}
        blocked = ((_BLOCK + slug, form, case) for slug, form, case in exclusions)
        for order, (slug, form, case_sensitive) in enumerate((*forms, *blocked)):
            form = unicodedata.normalize("NFC", form)
            exact = _key_of(form, case=not case_sensitive)
            owner = slug if slug.startswith(_BLOCK) else ""
            if exact and (case_sensitive, exact, owner) not in seen:
                seen.add((case_sensitive, exact, owner))
                key = _view()(_key_of(form, case=True))
                check = exact if case_sensitive or _has_separator(exact) else None
                entries.setdefault(key, []).append(_Entry(order, slug, check, case_sensitive))
                if not case_sensitive and not owner and (found := _NUMBERED.fullmatch(exact)):
                    numbered.setdefault((found[1], found[2]), (order, slug))
                if not owner and _ACRONYM.fullmatch(form):
                    self._acronyms.setdefault(exact, (order, slug))
        self._automaton = _build_automaton(entries) if entries else None
        self._view_of = _view()
        self._numbered = numbered
        self._coordinated_re = _coordination_pattern({noun for noun, _ in numbered}) if numbered else None
        # str.find is C speed: the pattern only runs on a view that holds one of the nouns.
        self._nouns = tuple({noun.split()[0] for noun, _ in numbered})

    def find(self, text: str, exclude: frozenset[str] = frozenset()) -> list[Mention]:
        """Return the mentions of the indexed forms in `text`, sorted by start.

        Matches are whole words, never overlap, and the leftmost-longest wins. Slugs in
        `exclude` are never returned and leave their span to the other forms (a glossary
        entry links the terms its definition mentions, never itself). When `text` is not
        NFC, the offsets refer to `unicodedata.normalize("NFC", text)`.
        """
        if self._automaton is None:
            return []
        if not unicodedata.is_normalized("NFC", text):
            text = unicodedata.normalize("NFC", text)
        view = _SENTINEL + self._view_of(text)
        extra = self._coordinated(view, exclude) if any(noun in view for noun in self._nouns) else []
        first_run = view.find("  ")
        if first_run == -1:
            hits, blocked = self._hits(text, view, exclude)
        else:
            view, marks, shifts = _collapse_spaces(view, first_run)
            hits, blocked = self._hits(text, view, exclude, marks, shifts)
        if self._acronyms and _DOTTED_HINT.search(text):
            extra += self._dotted(text, exclude)
        if extra:
            hits += extra
        if blocked:
            hits = _unblocked(hits)
        return _pick_longest(text, hits)

    def _dotted(self, text: str, exclude: frozenset[str]) -> list[_Hit]:
        """Hits of the acronyms written with dots ("O.T.A.N."), in the case their form asks."""
        hits = []
        for match in _DOTTED.finditer(text):
            letters = match[0].replace(".", "")
            for key in (fold(letters), fold(letters, case=False)):  # case-insensitive, then as written
                order, slug = self._acronyms.get(key, (0, ""))
                if slug and slug not in exclude:
                    hits.append((match.start(), -match.end(), order, slug))
                    break
        return hits

    def _coordinated(self, view: str, exclude: frozenset[str]) -> list[_Hit]:
        """Hits for "articles 4 et 5": the noun with the first number, then each number alone
        (offsets of the text: the view, not collapsed yet, has the sentinel in front)."""
        assert self._coordinated_re is not None
        hits = []
        for match in self._coordinated_re.finditer(view):
            nouns = (" ".join(match["noun"].split()), " ".join(match["noun"].split()).removesuffix("s"))
            for i, number in enumerate(_DIGITS.finditer(view, match.start("list"), match.end())):
                order, slug = self._numbered.get((nouns[0], number[0])) or self._numbered.get((nouns[1], number[0]), (0, ""))
                if slug and slug not in exclude:
                    start = match.start() if i == 0 else number.start()
                    hits.append((start - 1, 1 - number.end(), order, slug))
        return hits

    def _hits(self, text: str, view: str, exclude: frozenset[str],
              marks: Sequence[int] = (), shifts: Sequence[int] = ()) -> tuple[list[_Hit], bool]:
        """Return the whole-word hits of the view, in the text's offsets, and whether one of
        them is an exclusion's (one loop: hot).

        The view has the sentinel in front, so a key of `length` ending at view offset
        `last` is text[last - length:last], once moved past the collapsed spaces (see
        `_collapse_spaces`) when the view has lost some.
        """
        assert self._automaton is not None, "find() returns early without an automaton"
        hits = []
        blocked = False
        size = len(view)
        for last, (length, entries, blocks) in self._automaton.iter(view):
            if last + 1 < size and view[last + 1] not in _BOUNDARIES and view[last] != _SENTINEL:
                continue  # a longer word starts with the form (one ending in "'" or "." ends its word)
            start, end = last - length, last
            if marks:  # view[start + 1] and view[last] are the first and last character
                start += shifts[bisect_right(marks, start + 1)]
                end += shifts[bisect_right(marks, last)]
            for order, slug, exact, case_sensitive in entries:
                if exact is None or _passes(text[start:end], exact, case_sensitive):
                    hits.append((start, -end, order, slug))
                    blocked = blocked or blocks
        if exclude:  # a definition skips its own entry; articles skip none: kept out of the loop
            hits = [hit for hit in hits if hit[3] not in exclude]
        return hits, blocked


@cache
def _view() -> CharFolder:
    """Return the folder that turns a text into its view (built once, on first use)."""
    return CharFolder(_view_char)


def _view_char(ch: str) -> str:
    """Fold one character for a view: a letter, a digit, a space (a hyphen too) or the sentinel."""
    folded = fold_char(ch)
    if is_word_char(folded) or folded == " ":
        return folded
    return " " if folded == "-" else _SENTINEL


def _key_of(form: str, case: bool) -> str:
    """Return the folded, space-normalised form (a hyphen is a space), or "" when it has no
    letter or digit."""
    key = " ".join(fold(form, case).replace("-", " ").split())
    return key if any(is_word_char(ch) for ch in key) else ""


def _has_separator(key: str) -> bool:
    """True when the key holds a character that the view turns into the sentinel."""
    return not all(ch == " " or is_word_char(ch) for ch in key)


def _build_automaton(entries: dict[str, list[_Entry]]) -> ahocorasick.Automaton:
    """Index each view key after a space and after the sentinel (see module docstring)."""
    automaton = ahocorasick.Automaton()
    for key, forms in entries.items():
        value = (len(key), tuple(forms), any(form.slug.startswith(_BLOCK) for form in forms))
        automaton.add_word(" " + key, value)
        automaton.add_word(_SENTINEL + key, value)
    automaton.make_automaton()
    return automaton


def _passes(written: str, exact: str, case_sensitive: bool) -> bool:
    """True when the text of a hit, folded as the form was, equals the form."""
    folded = fold(written, case=not case_sensitive)
    # Most hits have single spaces already; only the others pay for the split.
    return folded == exact or " ".join(folded.replace("-", " ").split()) == exact


def _coordination_pattern(nouns: set[str]) -> re.Pattern[str]:
    """Finds "<noun>(s) N(, N)* et|ou N" in a view (whole words; commas are sentinels)."""
    alternatives = "|".join(" +".join(map(re.escape, noun.split())) for noun in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"(?<![^ {_SENTINEL}])(?P<noun>{alternatives})s? +(?P<list>\d+(?: *{_SENTINEL} *\d+)* +(?:et|ou) +\d+)(?![^ {_SENTINEL}])")


def _unblocked(hits: list[_Hit]) -> list[_Hit]:
    """The hits of forms, less those of an entry that lie inside one of its exclusions."""
    blocks = [(start, -negative_end, slug[1:]) for start, negative_end, _, slug in hits if slug.startswith(_BLOCK)]
    return [hit for hit in hits if not hit[3].startswith(_BLOCK) and not any(
        slug == hit[3] and start <= hit[0] and -hit[1] <= end for start, end, slug in blocks)]


def _collapse_spaces(view: str, start: int) -> tuple[str, list[int], list[int]]:
    """Replace each run of spaces by one space; `start` is where the first run starts.

    Returns the new view, the position in it of each run's remaining space, and the
    number of spaces removed up to each run: an offset `i` of the new view that is not
    one of those spaces was `i + shifts[bisect_right(marks, i)]` in the old one.
    """
    pieces, marks, shifts = [], [], [0]
    last = removed = 0
    while start != -1:  # str.find rather than a regex: 4 times faster on a paragraph
        end = start + 2
        while view.startswith(" ", end):
            end += 1
        pieces.append(view[last:start + 1])
        marks.append(start - removed)
        removed += end - start - 1
        shifts.append(removed)
        last = end
        start = view.find("  ", end)
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
