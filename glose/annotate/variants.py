"""Glossary entries -> the forms the matcher looks for.

Each entry gives, in this order of precedence (the first form given wins a tie):

1. its term and aliases as written, each with its case rule (`case_sensitive: true` for the
   entry, or `case_sensitive: [Alliance]` for some forms only);
2. its English name(s) (`english: NATO (North Atlantic Treaty Organization)` gives "NATO" and
   "North Atlantic Treaty Organization"), unless `match_english: false`;
3. variants written nowhere: the French plural of each form (unless `plurals: false`) and the
   form with two long words joined ("battle group" -> "battlegroup"). (The matcher finds the
   dotted spelling of an acronym itself: "OTAN" -> "O.T.A.N.".)

Its `exclude:` forms, and their variants, are given to the matcher apart: a hit of the entry
inside one of them is dropped. Hyphens need no variant: the matcher reads a hyphen as a space.
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator

from ..folding import fold_key
from ..model import Term
from .words import COMMON_WORDS, FUNCTION_WORDS

Form = tuple[str, str, bool]
"""(slug, form as written, case_sensitive): what matching.Matcher indexes."""

_PARTS = re.compile(r"[ \-]+")
_JOINABLE = re.compile(r"[^\W\d_]{4,}")
"""A word that may be glued to its neighbour: letters only, at least four of them."""

# Plurals that are not the regular "s": -al -> -aux except these, -au/-eau/-eu -> x except
# these, seven -ou -> x, and -ail -> -aux for a few.
_AL_S = frozenset("bal bancal cal carnaval chacal festival récital régal naval fatal natal banal final étal".split())
_EU_S = frozenset("bleu pneu émeu landau sarrau".split())
_OU_X = frozenset("bijou caillou chou genou hibou joujou pou".split())
_AIL_AUX = frozenset("bail corail émail soupirail travail vantail vitrail".split())


def matcher_forms(terms: Iterable[Term]) -> tuple[list[Form], list[Form]]:
    """(forms, exclusions) of every entry, forms in order of precedence (module docstring)."""
    terms = list(terms)
    written = [form for t in terms for form in _written(t)]
    english = [(t.slug, name, t.case_sensitive) for t in terms if t.match_english
               for name in english_names(t.english)]
    derived = [variant for t in terms for form in _written(t)
               for variant in variants(form, t.plurals)]
    exclusions = [variant for t in terms for text in t.exclude
                  for form in [(t.slug, text, t.case_sensitive)]
                  for variant in [form, *variants(form, t.plurals)]]
    return written + english + derived, exclusions


def _written(term: Term) -> Iterator[Form]:
    """The term and its aliases, each with its own case rule."""
    exact = {fold_key(form) for form in term.case_sensitive_forms}
    for form in term.forms:
        yield term.slug, form, term.case_sensitive or fold_key(form) in exact


def english_names(english: str) -> list[str]:
    """The names an `english` value gives: the text outside brackets and each bracket's, split
    on commas, semicolons and slashes. A name that is a common French word is left out
    ("Force" would find every "force")."""
    inside = re.findall(r"\(([^)]*)\)", english)
    names = []
    for part in [re.sub(r"\([^)]*\)", " ", english), *inside]:
        for piece in re.split(r"[;,/]", part):
            name = " ".join(piece.split())
            if any(ch.isalnum() for ch in name) and fold_key(name) not in COMMON_WORDS:
                names.append(name)
    return names


def variants(form: Form, plurals: bool = True) -> list[Form]:
    """The variants of one form that the text may use (see the module docstring)."""
    slug, text, case_sensitive = form
    spellings = [text]
    if plurals and (many := plural(text)):
        spellings.append(many)
    found = spellings[1:]
    for spelling in spellings:
        found += joined(spelling)
    return [(slug, variant, case_sensitive) for variant in found]


def joined(text: str) -> list[str]:
    """The form with one gap between two long words removed, for each such gap (forms of two to
    four words): "battle group" -> "battlegroup"; "Atlantique nord" -> "Atlantiquenord"."""
    words = _PARTS.split(text.strip())
    if not 2 <= len(words) <= 4:
        return []
    return [" ".join(words[:i - 1] + [words[i - 1] + words[i]] + words[i + 1:])
            for i in range(1, len(words)) if _JOINABLE.fullmatch(words[i - 1]) and _JOINABLE.fullmatch(words[i])]


def plural(text: str) -> str | None:
    """The French plural of a form, or None when it has none of its own: each word of its head
    (the words before the first preposition, article, number or elided word) in the plural.

    "groupement tactique" -> "groupements tactiques", "bataillon multinational" ->
    "bataillons multinationaux", "fer de lance" -> "fers de lance", "article 4" -> "articles 4".
    None for "pays baltes" (already plural), an acronym ("OTAN"), a name whose head has a
    capital after its first word ("Tod Wolters", "enhanced Forward Presence"), or a one-word
    plural that is a common French word ("cour" would give "cours").
    """
    pieces = re.split(r"([ \-]+)", text.strip())
    head = _head(pieces[0::2])
    if not head or any(word[:1].isupper() for word in pieces[2:2 * head:2]):
        return None
    out = [_plural_word(p) if i % 2 == 0 and i < 2 * head else p for i, p in enumerate(pieces)]
    result = "".join(out)
    if result == text.strip() or (len(pieces) == 1 and fold_key(result) in COMMON_WORDS):
        return None
    return result


def _head(words: list[str]) -> int:
    """How many words, from the first, agree in number with the noun."""
    for count, word in enumerate(words):
        lower = word.lower()
        if (lower in FUNCTION_WORDS or not word.isalpha() or any(ch.isupper() for ch in word[1:])):
            return count
    return len(words)


def _plural_word(word: str) -> str:
    """One French noun or adjective in the plural (lower case rules; the case is kept)."""
    lower = word.lower()
    if lower[-1] in "sxz":
        return word
    if lower.endswith("al") and lower not in _AL_S:
        return word[:-2] + "aux"
    if lower.endswith(("au", "eu")) and lower not in _EU_S:
        return word + "x"
    if lower in _OU_X:
        return word + "x"
    if lower in _AIL_AUX:
        return word[:-3] + "aux"
    return word + "s"
