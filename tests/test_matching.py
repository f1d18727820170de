"""Tests of glose.matching: the fixture cases, then properties on random texts."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from glose.annotate.matching import Matcher
from glose.annotate.mentions import build_matcher
from glose.folding import fold, is_word_char
from glose.model import Term

FIXTURE = Path(__file__).parent / "fixtures" / "matching.txt"
_ESCAPE = re.compile(r"\\(u[0-9a-fA-F]{4}|n|t|\\)")
_EXPECTED = re.compile(r'(\S+) "([^"]*)"')


@dataclass
class Case:
    """One block of the fixture file."""

    line: int
    terms: tuple[Term, ...]
    text: str
    expect: list[tuple[str, str]]
    skip: frozenset[str] = frozenset()


def _unescape(value: str) -> str:
    """Turn \\uXXXX, \\n, \\t and \\\\ into the characters they name."""
    names = {"n": "\n", "t": "\t", "\\": "\\"}
    return _ESCAPE.sub(lambda m: names.get(m[1]) or chr(int(m[1][1:], 16)), value)


def _pairs(value: str) -> dict[str, list[str]]:
    """Parse `slug=Form|Form ; slug=Form` into {slug: [forms]} (unescaped)."""
    found: dict[str, list[str]] = {}
    for entry in filter(None, (e.strip() for e in value.split(" ; "))):
        slug, _, written = entry.partition("=")
        found.setdefault(slug, []).extend(_unescape(form) for form in written.split("|"))
    return found


def _parse_terms(fields: dict[str, str]) -> tuple[Term, ...]:
    """The glossary of a block: `glossary:` entries with their prefixes (cs: np: ne:) and
    case-sensitive forms (cs:Form), plus the `english:` and `exclude:` lines."""
    english, exclude = _pairs(fields.get("english", "")), _pairs(fields.get("exclude", ""))
    terms = []
    for entry in filter(None, (e.strip() for e in fields["glossary"].split(" ; "))):
        *flags, rest = entry.split(":", entry.partition("=")[0].count(":"))
        slug, _, written = rest.partition("=")
        forms = [_unescape(form) for form in written.split("|")]
        plain = [form.removeprefix("cs:") for form in forms]
        terms.append(Term(
            slug=slug, path=f"glossary/{slug}.md", term=plain[0], summary="s", definition="d",
            definition_line=1, aliases=tuple(plain[1:]), english=" ; ".join(english.get(slug, [])),
            case_sensitive="cs" in flags, plurals="np" not in flags, match_english="ne" not in flags,
            case_sensitive_forms=tuple(f.removeprefix("cs:") for f in forms if f.startswith("cs:")),
            exclude=tuple(exclude.get(slug, []))))
    return tuple(terms)


def _parse_expect(value: str) -> list[tuple[str, str]]:
    """Parse `slug "text" ; slug "text"` (or `none`) into (slug, text) pairs."""
    if value.strip() == "none":
        return []
    return [(slug, _unescape(text)) for slug, text in _EXPECTED.findall(value)]


def _parse_block(lines: list[tuple[int, str]]) -> Case:
    """Turn the numbered lines of one block into a Case."""
    fields, text_line = {}, 0
    for number, line in lines:
        name, _, value = line.partition(":")
        fields[name] = value.removeprefix(" ")
        text_line = number if name == "text" else text_line
    return Case(line=text_line, terms=_parse_terms(fields), text=_unescape(fields["text"]),
                expect=_parse_expect(fields["expect"]), skip=frozenset(fields.get("skip", "").split()))


def load_cases(path: Path = FIXTURE) -> list[Case]:
    """Read every block of the fixture file (comment lines are skipped)."""
    blocks: list[list[tuple[int, str]]] = [[]]
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
        if not line.strip():
            blocks.append([])
        elif not line.startswith("#"):
            blocks[-1].append((number, line))
    return [_parse_block(block) for block in blocks if block]


CASES = load_cases()


def check_invariants(text: str, mentions: list) -> None:
    """Every mention is the text's own characters, whole words, sorted, disjoint."""
    for mention in mentions:
        assert text[mention.start:mention.end] == mention.text
        assert mention.start < mention.end
        assert mention.start == 0 or not is_word_char(text[mention.start - 1])
        # a form that ends with punctuation ("l'", "(NRF)") ends its own word
        assert mention.end == len(text) or not is_word_char(text[mention.end]) or not is_word_char(text[mention.end - 1])
    for before, after in zip(mentions, mentions[1:]):
        assert before.end <= after.start


def test_fixture_has_enough_cases():
    assert len(CASES) >= 30


@pytest.mark.parametrize("case", CASES, ids=[f"line{case.line}" for case in CASES])
def test_fixture_case(case: Case):
    mentions = build_matcher(case.terms).find(case.text, exclude=case.skip)
    assert [(m.slug, m.text) for m in mentions] == case.expect
    check_invariants(unicodedata.normalize("NFC", case.text), mentions)


def test_a_matcher_read_back_from_a_pickle_finds_the_same():
    """The build's cache keeps the matcher (glose/cache.py): pickled without its automaton,
    which is made again on first use, it finds what the matcher it was made from finds, in
    every case of the fixture (exclusions, dotted acronyms, coordinated numbers...)."""
    import pickle

    for case in CASES:
        matcher = build_matcher(case.terms)
        copy = pickle.loads(pickle.dumps(matcher))
        assert copy.find(case.text, exclude=case.skip) == matcher.find(case.text, exclude=case.skip), case.line
    assert pickle.loads(pickle.dumps(Matcher([]))).find("Otan") == []


def test_nfd_offsets_refer_to_the_nfc_text():
    text = "la de\u0301fense"
    [mention] = Matcher([("d", "défense", False)]).find(text)
    assert (mention.start, mention.end, mention.text) == (3, 10, "défense")


def test_offsets_after_collapsed_spaces():
    text = "a  b   Otan  c\n\n l'Otan"
    mentions = Matcher([("otan", "Otan", False)]).find(text)
    assert [(m.start, m.end) for m in mentions] == [(7, 11), (19, 23)]


def test_empty_matcher_finds_nothing():
    assert Matcher([]).find("Otan") == []
    assert Matcher([("x", " ... ", False)]).find("...") == []


# A second, naive implementation of the same rules, for the properties below.
def reference_find(forms, text, exclude=frozenset()):
    """Try every form at every word start, then keep the leftmost-longest."""
    text = unicodedata.normalize("NFC", text)
    folded = {True: fold(text).replace("-", " "), False: fold(text, case=False).replace("-", " ")}
    seen, hits = set(), []
    for order, (slug, form, case_sensitive) in enumerate(forms):
        key = " ".join(fold(unicodedata.normalize("NFC", form), not case_sensitive).replace("-", " ").split())
        if (case_sensitive, key) in seen or not any(map(is_word_char, key)):
            continue
        seen.add((case_sensitive, key))
        for start in range(len(text)):
            end = _match_at(folded[not case_sensitive], start, key)
            if end is not None and slug not in exclude:
                hits.append((start, -end, order, slug))
    chosen, taken = [], 0
    for start, negative_end, _order, slug in sorted(hits):
        if start >= taken:
            chosen.append((start, -negative_end, slug))
            taken = -negative_end
    return chosen


def _match_at(folded: str, start: int, key: str):
    """Return the end of `key` matched at `start` as a whole word (spaces: any run)."""
    if start > 0 and is_word_char(folded[start - 1]):
        return None
    i = start
    for ch in key:
        if ch == " ":
            if not folded.startswith(" ", i):
                return None
            while folded.startswith(" ", i):
                i += 1
        elif folded.startswith(ch, i):
            i += 1
        else:
            return None
    return None if i < len(folded) and is_word_char(folded[i]) and is_word_char(key[-1]) else i


FORMS = [("otan", "OTAN", False), ("otan", "Otan", False),
         ("sg", "secrétaire général de l'Otan", False), ("us", "US", True),
         ("ifx", "Interfax-Ukraine", False), ("tw", "Tod D. Wolters", False),
         ("def", "défense", False), ("dc", "défense collective", False),
         ("def2", "Défense", True), ("g7", "G7", False), ("nrf", "(NRF)", False)]
PIECES = ["Otan", "OTAN", "otan", "Otanie", "secrétaire", "général", "de", "l'", "l’",
          "défense", "de\u0301fense", "DÉFENSE", "Défense", "collective", "US", "us", "G7",
          "G75", "Interfax", "Ukraine", "-", "Tod", "D.", "D", "Wolters", "(NRF)", "NRF",
          "Столтенберг", "«", "»", ",", ".", "é", "2"]
SPACES = ["", " ", "  ", "\n", "\u00a0", "\u202f", "\t", "'", "-"]


@st.composite
def texts(draw):
    """Random sequences of words, forms, punctuation and spaces of every kind."""
    parts = draw(st.lists(st.tuples(st.sampled_from(PIECES), st.sampled_from(SPACES)),
                          max_size=30))
    return "".join(piece + space for piece, space in parts)


@settings(max_examples=400, deadline=None)
@given(texts(), st.sets(st.sampled_from(["otan", "sg", "def", "dc", "us"]), max_size=2))
def test_matches_the_reference_implementation(text, exclude):
    mentions = Matcher(FORMS).find(text, exclude=frozenset(exclude))
    check_invariants(unicodedata.normalize("NFC", text), mentions)
    expected = reference_find(FORMS, text, frozenset(exclude))
    assert [(m.start, m.end, m.slug) for m in mentions] == expected


@settings(max_examples=300, deadline=None)
@given(st.text(max_size=60), st.lists(st.text(min_size=1, max_size=8), max_size=5))
def test_invariants_hold_for_arbitrary_text_and_forms(text, written):
    forms = [(f"s{i}", form, i % 3 == 0) for i, form in enumerate(written)]
    text = text + " " + " ".join(written)
    mentions = Matcher(forms).find(text)
    check_invariants(unicodedata.normalize("NFC", text), mentions)
    assert [(m.start, m.end, m.slug) for m in mentions] == reference_find(forms, text)


# find_all: the paragraphs of an article searched in one pass, as if one by one.
NUMBERED = [("a4", "article 4", False), ("a5", "article 5", False), ("a6", "article 6", False),
            ("can", "Conseil de l'Atlantique Nord", False), ("otan", "Otan", False)]


def test_find_all_never_joins_two_paragraphs():
    matcher = Matcher(NUMBERED, exclusions=[("otan", "Otan adjoint", False)])
    paragraphs = ["Le Conseil de", "l'Atlantique Nord siège.", "Selon les articles 4", "5 et 6 du traité",
                  "l'Otan", "adjoint", ""]
    found = matcher.find_all(paragraphs)
    assert [[(m.slug, m.text) for m in mentions] for mentions in found] == [
        [], [], [], [], [("otan", "Otan")], [], []]
    assert found == [matcher.find(p) for p in paragraphs]
    assert matcher.find_all([]) == []
    assert Matcher([]).find_all(["Otan", "Otan"]) == [[], []]


def test_find_all_offsets_are_each_paragraphs_own():
    paragraphs = ["la de\u0301fense et l'Otan", "Otan", "  articles 4 et 5  "]
    found = Matcher([*NUMBERED, ("d", "défense", False)]).find_all(paragraphs)
    assert [[(m.start, m.end, m.slug) for m in mentions] for mentions in found] == [
        [(3, 10, "d"), (16, 20, "otan")], [(0, 4, "otan")], [(2, 12, "a4"), (16, 17, "a5")]]


@settings(max_examples=300, deadline=None)
@given(st.lists(texts(), max_size=6), st.sets(st.sampled_from(["otan", "sg", "def", "dc", "us"]), max_size=2))
def test_find_all_equals_find_one_by_one(paragraphs, exclude):
    matcher = Matcher(FORMS + NUMBERED[:3])
    assert matcher.find_all(paragraphs, frozenset(exclude)) == [matcher.find(p, frozenset(exclude)) for p in paragraphs]


@settings(max_examples=200, deadline=None)
@given(st.lists(st.text(max_size=30), max_size=5), st.lists(st.text(min_size=1, max_size=8), min_size=1, max_size=5))
def test_find_all_equals_find_for_arbitrary_text_and_forms(paragraphs, written):
    matcher = Matcher([(f"s{i}", form, i % 3 == 0) for i, form in enumerate(written)])
    paragraphs = [p + " " + " ".join(written) if i % 2 else p for i, p in enumerate(paragraphs)]
    assert matcher.find_all(paragraphs) == [matcher.find(p) for p in paragraphs]
