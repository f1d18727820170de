"""Text + glossary forms -> mentions: folded comparison, whole words, longest match.

How `Matcher.find_all` searches the paragraphs of an article (`find`: one text):

1. Each text is normalised to NFC when it is not already (so NFD accents match); offsets
   and `Mention.text` then refer to the normalised text. The texts are joined by two
   sentinels (below) and searched as one: articles of five paragraphs on average matched
   about 1.1 times as fast as paragraph by paragraph (median of 15 pairs, bench/matching.py text).
2. It is folded into a "view" of the same length: letters and digits as
   `glose.folding.fold` gives them (no accents, lower case), whitespace and hyphens as " "
   (so "Atlantique-Nord" is "Atlantique Nord"), and every other character (apostrophes,
   quotes, punctuation) as `SENTINEL`. Runs of spaces then become one space, and an index
   map leads back to the text's offsets.
3. One Aho-Corasick automaton holds each form's view four times: after a space or the
   sentinel, and before a space or the sentinel (the view has one at each end). So it
   only reports whole words, never "otan" inside "cotan" nor "bal" at the start of
   "balte" (with short acronyms in a large glossary those hits would outnumber real ones
   a hundred to one, and each costs a turn of the Python loop), and its root has two
   children, which keeps the scan fast.
4. A form that ends with punctuation ends its own word ("flanc est l'" before "objet"):
   it is kept only after a space or the sentinel. A form with punctuation
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
from typing import NamedTuple

import ahocorasick_rs

from ..folding import fold
from ..model import Mention
from .view import BOUNDARIES, SENTINEL, collapse_spaces, has_separator, key_of, passes, view_folder

_JOIN = "\x00\x00"
"""Between two texts searched at once: two sentinels in the view, which the pattern of
coordinated numbers cannot cross; a form's key could only with two sentinels of its own
("l'«x") and would fail its comparison with the text, and a hit astride a join is dropped
anyway (`_pick_longest`)."""

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
            exact = key_of(form, case=not case_sensitive)
            owner = slug if slug.startswith(_BLOCK) else ""
            if exact and (case_sensitive, exact, owner) not in seen:
                seen.add((case_sensitive, exact, owner))
                key = view_folder()(key_of(form, case=True))
                check = exact if case_sensitive or has_separator(exact) else None
                entries.setdefault(key, []).append(_Entry(order, slug, check, case_sensitive))
                if not case_sensitive and not owner and (found := _NUMBERED.fullmatch(exact)):
                    numbered.setdefault((found[1], found[2]), (order, slug))
                if not owner and _ACRONYM.fullmatch(form):
                    self._acronyms.setdefault(exact, (order, slug))
        self._keys, self._values = _automaton_keys(entries)
        self._search: ahocorasick_rs.AhoCorasick | None = None  # built on first use: _searcher
        self._view_of = view_folder()
        self._numbered = numbered
        self._coordinated_re: re.Pattern[str] | None = None  # made on first use: _coordination

    def find(self, text: str, exclude: frozenset[str] = frozenset()) -> list[Mention]:
        """Return the mentions of the indexed forms in `text`, sorted by start.

        Matches are whole words, never overlap, and the leftmost-longest wins. Slugs in
        `exclude` are never returned and leave their span to the other forms (a glossary
        entry links the terms its definition mentions, never itself). When `text` is not
        NFC, the offsets refer to `unicodedata.normalize("NFC", text)`.
        """
        return self.find_all((text,), exclude)[0]

    def __getstate__(self) -> dict:
        """What a pickle of the matcher holds (the build's cache keeps it: glose/cache.py): its
        keys and values, not the automaton, a library object that does not pickle, nor the
        view's folder and the pattern of coordinated numbers: all are made again, the
        automaton and the pattern on first use (a build that searches no text needs neither)."""
        return {**self.__dict__, "_search": None, "_view_of": None, "_coordinated_re": None}

    def __setstate__(self, state: dict) -> None:
        self.__dict__.update(state)
        self._view_of = view_folder()

    def _coordination(self) -> re.Pattern[str]:
        """The pattern of coordinated numbers (made once: 30 ms at 1,000 entries)."""
        if self._coordinated_re is None:
            self._coordinated_re = _coordination_pattern({noun for noun, _ in self._numbered})
        return self._coordinated_re

    def _searcher(self) -> ahocorasick_rs.AhoCorasick:
        """The automaton of the view keys (built once)."""
        if self._search is None:
            self._search = ahocorasick_rs.AhoCorasick(self._keys, matchkind=ahocorasick_rs.MatchKind.Standard)
        return self._search

    def find_all(self, texts: Sequence[str], exclude: frozenset[str] = frozenset()) -> list[list[Mention]]:
        """`find` for each of `texts` (the paragraphs of an article), in one pass over them.

        The texts are searched as one, joined by `_JOIN`, which no form can cross (see the
        module docstring).
        """
        if not self._keys or not texts:
            return [[] for _ in texts]
        texts = [text if unicodedata.is_normalized("NFC", text) else unicodedata.normalize("NFC", text) for text in texts]
        text = _JOIN.join(texts)
        view = SENTINEL + self._view_of(text) + SENTINEL
        extra = self._coordinated(view, exclude) if self._numbered else []
        first_run = view.find("  ")
        if first_run == -1:
            hits, blocked = self._hits(text, view, exclude)
        else:
            view, marks, shifts = collapse_spaces(view, first_run)
            hits, blocked = self._hits(text, view, exclude, marks, shifts)
        if self._acronyms and _DOTTED_HINT.search(text):
            extra += self._dotted(text, exclude)
        if extra:
            hits += extra
        if blocked:
            hits = _unblocked(hits)
        return _pick_longest(text, hits, texts)

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
        hits = []
        for match in self._coordination().finditer(view):
            if view[match.start() - 1] not in BOUNDARIES:
                continue  # the noun is the end of a longer word (view[0] is the sentinel)
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

        A key found at view[start:end] holds a boundary before the form and `after - 1`
        after it (see `_build_automaton`); the view has the sentinel in front (view offset i
        is text offset i - 1), so the form is text[start:end - after], once moved past the
        collapsed spaces (see `collapse_spaces`) when the view has lost some.
        """
        hits = []
        blocked = False
        values = self._values
        for index, start, end in self._searcher().find_matches_as_indexes(view, overlapping=True):
            after, order, slug, entries, blocks = values[index]
            end -= after
            if marks:  # view[start + 1] and view[end] are the first and last character
                start += shifts[bisect_right(marks, start + 1)]
                end += shifts[bisect_right(marks, end)]
            if entries is None:  # one form, which the key alone decides: most keys
                hits.append((start, -end, order, slug))
                continue
            for order, slug, exact, case_sensitive in entries:
                if exact is None or passes(text[start:end], exact, case_sensitive):
                    hits.append((start, -end, order, slug))
                    blocked = blocked or blocks
        if exclude:  # a definition skips its own entry; articles skip none: kept out of the loop
            hits = [hit for hit in hits if hit[3] not in exclude]
        return hits, blocked


_Value = tuple[int, int, str, "tuple[_Entry, ...] | None", bool]
"""What a key of the automaton stands for: the boundary characters after the form, then for a
key of one form that needs no check its order and slug, and None; else 0, "", the forms, and
whether one is an exclusion's."""


def _automaton_keys(entries: dict[str, list[_Entry]]) -> tuple[list[str], list[_Value]]:
    """The keys of the automaton, and what each key stands for, by the key's index: each view
    key after a space and after the sentinel, and unless it ends with the sentinel, before a
    space and before the sentinel too (see module docstring)."""
    keys: list[str] = []
    values: list[_Value] = []
    for key, forms in entries.items():
        blocks = any(form.slug.startswith(_BLOCK) for form in forms)
        ends = ("",) if key.endswith(SENTINEL) else tuple(BOUNDARIES)
        simple = len(forms) == 1 and forms[0].exact is None and not blocks
        for end in ends:
            value: _Value = (len(end) + 1, forms[0].order, forms[0].slug, None, False) if simple else \
                (len(end) + 1, 0, "", tuple(forms), blocks)
            for start in BOUNDARIES:
                keys.append(start + key + end)
                values.append(value)
    return keys, values


def _coordination_pattern(nouns: set[str]) -> re.Pattern[str]:
    """Finds "<noun>(s) N(, N)* et|ou N" in a view (commas are sentinels), ending a word; the
    caller checks that it starts one: a lookbehind in front made the pattern 20 times slower
    (no literal prefix for the regex engine to search)."""
    alternatives = "|".join(" +".join(map(re.escape, noun.split())) for noun in sorted(nouns, key=len, reverse=True))
    return re.compile(rf"(?P<noun>{alternatives})s? +(?P<list>\d+(?: *{SENTINEL} *\d+)* +(?:et|ou) +\d+)(?![^ {SENTINEL}])")


def _unblocked(hits: list[_Hit]) -> list[_Hit]:
    """The hits of forms, less those of an entry that lie inside one of its exclusions."""
    blocks = [(start, -negative_end, slug[1:]) for start, negative_end, _, slug in hits if slug.startswith(_BLOCK)]
    return [hit for hit in hits if not hit[3].startswith(_BLOCK) and not any(
        slug == hit[3] and start <= hit[0] and -hit[1] <= end for start, end, slug in blocks)]


def _pick_longest(text: str, hits: list[_Hit], texts: Sequence[str]) -> list[list[Mention]]:
    """Keep the leftmost-longest hits that do not overlap a hit already kept, nor a join
    between two of `texts` (which `text` holds, joined by `_JOIN`); offsets become each one's."""
    hits.sort()
    found: list[list[Mention]] = [[] for _ in texts]
    index, base, limit = 0, 0, len(texts[0])
    mentions = found[0]
    taken = 0
    for start, negative_end, _order, slug in hits:
        if start >= taken:
            while start >= limit:  # the hit starts in a later text
                index += 1
                base, mentions = limit + len(_JOIN), found[index]
                limit = base + len(texts[index])
            if base <= start and -negative_end <= limit:  # not astride a join (see _JOIN)
                taken = -negative_end
                mentions.append(Mention(start - base, taken - base, slug, text[start:taken]))
    return found
