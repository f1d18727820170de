"""The glossary assistant's last two kinds: near-misses and forms that may over-match.

A near-miss is a piece of text that an entry almost finds:

- a case-sensitive form written in another case ("ALLIANCE" for `case_sensitive: [Alliance]`),
  or the plural of an entry that turned plurals off: a second matcher looks for exactly those;
- one letter off (added, missing or changed) from a name of two words or more and eight
  letters or more ("forces alliée" for "forces alliées", "Marc Rutte" for "Mark Rutte"): each run of as many
  words as the form is compared through its one-letter deletions (symmetric deletion).

An alias may over-match when it is written with a capital but ignores case, and the corpus has
it in lower case too: the lower-case use may be a common noun ("alliance").
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterable

from ..folding import fold, fold_key
from ..model import Corpus, Term
from .matching import Matcher
from .proposals import PLACES, Span, Suggestion, paragraphs, span
from .variants import matcher_forms, plural
from ..i18n import _

LONG_FORM = 8
"""Forms of at least this many letters are compared one letter off."""
_TOKEN = re.compile(r"[^\W_]+")


def near_misses(corpus: Corpus) -> list[Suggestion]:
    """Near-misses of the forms of every entry, the most frequent first."""
    terms = [t.term for t in corpus.terms]
    found: dict[tuple[str, str, str], list[Span]] = {}
    ghosts = _ghost_matcher(terms)
    index = _deletion_index(terms)
    ends = _edge_words(index)
    for path, text, mentions, paragraph in paragraphs(corpus):
        taken = [(s, e) for s, e, _ in mentions]
        for hit in ghosts.find(text):
            if not any(s < hit.end and hit.start < e for s, e in taken):
                slug, why = hit.slug.split("|", 1)
                found.setdefault((hit.text, slug, why), []).append(span(path, paragraph, hit.start, hit.end))
        for start, end, slug, form in _one_letter_off(text, index, ends, taken):
            found.setdefault((text[start:end], slug, _("one letter off {form!r}").format(form=form)), []).append(span(path, paragraph, start, end))
    suggestions = [Suggestion("near-miss", written, slug, why, len(spans), tuple(s.place() for s in spans[:PLACES]))
                   for (written, slug, why), spans in found.items()]
    return sorted(suggestions, key=lambda s: (-s.count, s.slug, s.text))


def _ghost_matcher(terms: Iterable[Term]) -> Matcher:
    """Finds what the entries do not: their case-sensitive forms in any case, and the plurals
    of entries with `plurals: false` (the slug carries the reason after a "|")."""
    ghosts = []
    for slug, form, case_sensitive in matcher_forms(terms)[0]:
        if case_sensitive:
            ghosts.append((slug + "|" + _("case of {form!r}").format(form=form), form, False))
    for term in terms:
        if not term.plurals:
            ghosts += [(term.slug + "|" + _("plural of {form!r}").format(form=form), many, term.case_sensitive)
                       for form in term.forms if (many := plural(form))]
    return Matcher(ghosts)


def _deletion_index(terms: Iterable[Term]) -> dict[str, tuple[str, str, str]]:
    """Each long name's tokens (its term and aliases of two words or more, with eight letters
    or more: a one-word form one letter off is mostly its adjective, "moldave") joined by
    spaces, and each of its one-letter deletions -> (slug, form); the first entry keeps a key
    two claim."""
    index: dict[str, tuple[str, str, str]] = {}
    written = [(t.slug, form) for t in terms for form in t.forms]
    for slug, form in written:
        key = " ".join(_TOKEN.findall(fold_key(form)))
        if " " in key and sum(ch.isalpha() for ch in key) >= LONG_FORM and not any(ch.isdigit() for ch in key):
            for variant in (key, *_deletions(key)):
                index.setdefault(variant, (slug, form, key))
    return index


def _deletions(key: str) -> set[str]:
    """The key with one letter (not a space) removed, each way."""
    return {key[:i] + key[i + 1:] for i, ch in enumerate(key) if ch != " "}


def _one_letter_off(text: str, index: dict[str, tuple[str, str, str]], ends: dict[int, tuple[set[str], set[str]]],
                    taken: list[tuple[int, int]]) -> list[tuple[int, int, str, str]]:
    """(start, end, slug, form) of each run of words one letter away from a long name, outside
    the mentions. A letter changes one word, so the run's first or last word is a name's own
    first or last word: only those runs are compared."""
    tokens = list(_TOKEN.finditer(fold(text)))
    words = [t.group(0) for t in tokens]
    free = [not any(s < t.end() and t.start() < e for s, e in taken) and not t.group(0).isdigit() for t in tokens]
    hits = []
    for size, (firsts, lasts) in sorted(ends.items()):
        for i in range(len(tokens) - size + 1):
            if (words[i] not in firsts and words[i + size - 1] not in lasts) or not all(free[i:i + size]):
                continue
            key = " ".join(words[i:i + size])
            for probe in (key, *_deletions(key)):
                owner = index.get(probe)
                if owner and owner[2] != key and len(owner[2].split()) == size:
                    hits.append((tokens[i].start(), tokens[i + size - 1].end(), owner[0], owner[1]))
                    break
    return hits


def _edge_words(index: dict[str, tuple[str, str, str]]) -> dict[int, tuple[set[str], set[str]]]:
    """For each number of words, the first and the last words of the long names."""
    ends: dict[int, tuple[set[str], set[str]]] = {}
    for _, _, key in index.values():
        words = key.split()
        firsts, lasts = ends.setdefault(len(words), (set(), set()))
        firsts.add(words[0])
        lasts.add(words[-1])
    return ends


def over_matches(corpus: Corpus) -> list[Suggestion]:
    """Aliases written with a capital that ignore case, found in lower case too (the term is
    left out: it is written as the glossary shows it)."""
    suggestions = []
    for annotated_term in corpus.terms:
        term = annotated_term.term
        exact = {fold_key(f) for f in term.case_sensitive_forms}
        capitalised = {fold_key(f): f for f in term.aliases
                       if f[:1].isupper() and not f.isupper() and not term.case_sensitive and fold_key(f) not in exact}
        if not capitalised:
            continue
        counts: Counter[tuple[str, bool]] = Counter()
        lower: dict[str, list[Span]] = {}
        for path, text, mentions, paragraph in paragraphs(corpus):
            for start, end, slug in mentions:
                key = fold_key(text[start:end])
                if slug == term.slug and key in capitalised:
                    counts[(key, text[start].isupper())] += 1
                    if text[start].islower():
                        lower.setdefault(key, []).append(span(path, paragraph, start, end))
        for key, spans in lower.items():
            detail = _("{capital} with a capital, {lower} in lower case: write `case_sensitive: [{form}]` if the lower-case use is a common noun").format(
                capital=counts[(key, True)], lower=counts[(key, False)], form=capitalised[key])
            suggestions.append(Suggestion("over-match", capitalised[key], term.slug, detail,
                                          counts[(key, False)], tuple(s.place() for s in spans[:PLACES])))
    return sorted(suggestions, key=lambda s: (-s.count, s.text))
