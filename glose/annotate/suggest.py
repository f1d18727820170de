"""The glossary assistant (`build.py suggest`): what the corpus says that the glossary misses.

It reads the annotated corpus and proposes, each with its count and its first two places:

- acronyms with the expansion the text itself gives: "Force de réaction de l'OTAN (NRF)",
  "SHAPE (Grand Quartier général ...)": a new entry when the acronym has none, an alias when
  the expansion is not yet a form of the acronym's entry;
- recurring capitalised names ("Mark Rutte") and multiword phrases ("flanc oriental") that
  no entry finds (nearmiss.py has the other two kinds);
- near-misses of existing forms and forms that may over-match (nearmiss.py).

Nothing is written here; stubs.py writes the proposals for review. proposals.py holds what a
proposal is.
"""

from __future__ import annotations

import re
from collections import Counter

from ..folding import fold_key
from ..model import Corpus
from .lint import PRESS_ACRONYMS
from .nearmiss import near_misses, over_matches
from .proposals import PLACES, Span, Suggestion, paragraphs, span
from .variants import matcher_forms
from .words import COMMON_WORDS, FUNCTION_WORDS, GRAMMAR_WORDS
from ..i18n import _

def suggest(corpus: Corpus, minimum: int = 3) -> list[Suggestion]:
    """Every proposal, kind by kind; names and phrases used fewer than `minimum` times are left out."""
    known = {fold_key(form): slug for slug, form, _ in matcher_forms(t.term for t in corpus.terms)[0]}
    return (acronyms(corpus, known) + names(corpus, known, minimum) + phrases(corpus, known, minimum)
            + near_misses(corpus) + over_matches(corpus))


_IN_BRACKETS = re.compile(r"\(\s*([A-ZÀ-Þ][A-Za-zÀ-ÿ]*[A-Z][A-Za-z]*)\s*\)")
_EXPANDED = re.compile(r"(?<![\w])([A-ZÀ-Þ]{2,})\s*\(([^()]{8,90})\)")
_WORD = re.compile(r"[^\W_]+(?:['’][^\W_]+)*['’]?|[«»\"“”]")
_DETERMINERS = frozenset("la le les un une sa son ses leur leurs cette ce cet notre nos votre vos".split())
"""Words before an expansion ("des" is not one: it is also "de les" inside a name)."""


def acronyms(corpus: Corpus, known: dict[str, str]) -> list[Suggestion]:
    """Acronyms given with their expansion, when the glossary lacks one or the other."""
    found: dict[tuple[str, str], list[Span]] = {}
    written: dict[tuple[str, str], str] = {}
    for path, text, _mentions, paragraph in paragraphs(corpus):
        pairs = [(m.group(1), _expansion_before(text[:m.start()], m.group(1)), m.start(1), m.end(1))
                 for m in _IN_BRACKETS.finditer(text)]
        pairs += [(m.group(1), " ".join(m.group(2).split()), m.start(1), m.end(1)) for m in _EXPANDED.finditer(text)]
        for acronym, expansion, start, end in pairs:
            if len(expansion.split()) >= 2 and expansion[0].isalpha():
                written.setdefault((acronym, fold_key(expansion)), expansion)
                found.setdefault((acronym, fold_key(expansion)), []).append(span(path, paragraph, start, end))
    counts = _acronym_counts(corpus, {acronym for acronym, _ in found})
    suggestions = []
    for (acronym, folded), spans in found.items():
        expansion = written[(acronym, folded)]
        owner = known.get(fold_key(acronym), "")
        if acronym.upper() in PRESS_ACRONYMS:
            continue
        if owner and known.get(fold_key(expansion)) == owner:
            continue
        detail = _("expansion: {text}").format(text=expansion)
        suggestions.append(Suggestion("acronym", acronym if not owner else expansion, owner, detail,
                                      counts[acronym], tuple(s.place() for s in spans[:PLACES])))
    return sorted(suggestions, key=lambda s: (-s.count, s.text))


def _expansion_before(before: str, acronym: str) -> str:
    """The words just before "(ACR)" that it abbreviates: the quoted words if they are quoted,
    else the shortest run whose initials are the acronym's letters, else the run back to the
    nearest article or punctuation (at most ten words)."""
    words = [w for w in _WORD.findall(before[-200:])]
    if words and words[-1] in "»\"”":
        opening = max((i for i, w in enumerate(words) if w in "«\"“"), default=-1)
        return " ".join(words[opening + 1:-1]) if opening >= 0 else ""
    tail = re.split(r"[.;:!?,«»\"“”()]", before)[-1]
    words = tail.split()[-10:]
    for size in range(1, len(words) + 1):
        initials = "".join(w[0] for w in words[-size:] if fold_key(w) not in FUNCTION_WORDS and not w.endswith(("'", "’")))
        if initials.upper() == acronym.upper() and fold_key(words[-size]) not in FUNCTION_WORDS:
            return " ".join(words[-size:])
    start = max((i + 1 for i, w in enumerate(words) if fold_key(w).split("'")[-1] in _DETERMINERS
                 or fold_key(w) in ("d'une", "d'un", "l'une")), default=0)
    run = words[start:]
    while run and not run[0][0].isupper():
        run = run[1:]
    return " ".join(run) if len(run) >= 2 else ""


def _acronym_counts(corpus: Corpus, acronyms: set[str]) -> Counter[str]:
    """How often each acronym stands alone in the corpus."""
    counts: Counter[str] = Counter()
    if acronyms:
        pattern = re.compile(r"(?<![\w])(" + "|".join(map(re.escape, sorted(acronyms, key=len, reverse=True))) + r")(?![\w])")
        for _, text, _, _ in paragraphs(corpus):
            counts.update(pattern.findall(text))
    return counts


_CAPITALISED = r"[A-ZÀ-Þ][^\W\dA-ZÀ-Þ_]+(?:-[A-ZÀ-Þ]?[^\W\dA-ZÀ-Þ_]+)*"
_NAME = re.compile(rf"(?<![\w'’]){_CAPITALISED}(?:(?: (?:de |du |des |d['’]|la |von |van |el )?){_CAPITALISED}){{0,3}}")


def names(corpus: Corpus, known: dict[str, str], minimum: int) -> list[Suggestion]:
    """Capitalised names (one to four words) that no entry finds, used at least `minimum` times;
    a lone word that opens a sentence is left out (it is capitalised for that reason)."""
    found: dict[str, list[Span]] = {}
    for path, text, mentions, paragraph in paragraphs(corpus):
        for match in _NAME.finditer(text):
            start, name = match.start(), match.group(0)
            first = name.split(" ", 1)[0]
            if " " in name and fold_key(first) in GRAMMAR_WORDS and _opens_sentence(text, start):
                start, name = start + len(first) + 1, name.split(" ", 1)[1]  # "La France répond": France
            if " " not in name and (fold_key(name) in COMMON_WORDS or _opens_sentence(text, start)):
                continue
            if fold_key(name) in known or _overlaps(mentions, start, match.end()):
                continue
            found.setdefault(fold_key(name), []).append(span(path, paragraph, start, match.end()))
    return _ranked("name", found, minimum)


def _opens_sentence(text: str, start: int) -> bool:
    """True when only punctuation, quotes or spaces stand between a sentence's end and `start`."""
    before = text[:start].rstrip(" «\"“(—–-\u00a0")
    return not before or before[-1] in ".!?:»\""


def phrases(corpus: Corpus, known: dict[str, str], minimum: int) -> list[Suggestion]:
    """Lower-case phrases of two to four words (a noun and its adjective or complement) used at
    least `minimum` times in two articles or more, that no entry finds."""
    found: dict[str, list[Span]] = {}
    for path, text, mentions, paragraph in paragraphs(corpus):
        words = list(_LOWER_WORD.finditer(text))
        for i, first in enumerate(words):
            for size in (2, 3, 4):
                if i + size > len(words):
                    break
                last = words[i + size - 1]
                piece = text[first.start():last.end()]
                if not _is_phrase(piece, size) or _overlaps(mentions, first.start(), last.end()):
                    continue
                found.setdefault(fold_key(piece), []).append(span(path, paragraph, first.start(), last.end()))
    found = {k: v for k, v in found.items() if k not in known and len({s.path for s in v}) >= 2}
    return _ranked("phrase", found, minimum)[:20]


_LOWER_WORD = re.compile(r"(?<![\w'’])[^\W\dA-ZÀ-Þ_]+(?:['’][^\W\dA-ZÀ-Þ_]+)?(?![\w])")


def _is_phrase(piece: str, size: int) -> bool:
    """Words separated by single spaces, the first and last ones long and not grammar words."""
    words = piece.split(" ")
    if len(words) != size or any(not w for w in words):
        return False
    first, last = fold_key(words[0]), fold_key(words[-1])
    inner_ok = all(fold_key(w) in FUNCTION_WORDS or len(w) > 3 for w in words[1:-1])
    return (len(first) > 3 and len(last) > 3 and first not in GRAMMAR_WORDS and last not in GRAMMAR_WORDS
            and "'" not in first and inner_ok)


def _overlaps(mentions: list[tuple[int, int, str]], start: int, end: int) -> bool:
    """True when a mention overlaps [start, end)."""
    return any(s < end and start < e for s, e, _ in mentions)


def _ranked(kind: str, found: dict[str, list[Span]], minimum: int) -> list[Suggestion]:
    """Suggestions used at least `minimum` times, the most frequent first."""
    kept = [Suggestion(kind, spans[0].text[spans[0].start:spans[0].end], "", "", len(spans),
                       tuple(s.place() for s in spans[:PLACES]))
            for spans in found.values() if len(spans) >= minimum]
    return sorted(kept, key=lambda s: (-s.count, s.text))
