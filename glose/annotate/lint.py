"""Advice that does not stop a build: `build.py check` and every build print these as warnings.

- an article without a title header;
- an acronym of an article that no entry covers (a real gap: NATO, CAN, SHAPE ...), except the
  common press acronyms of PRESS_ACRONYMS (agencies, media, units, time zones ...), those the
  project lists in mkdocs.yml (`extra: glose: ignore_acronyms: [...]`), and capitals that are
  a heading or a dateline rather than an acronym ("LA HAYE", "CHISINAU, 15 avril.", a
  paragraph without a lower-case letter);
- a form of an entry that finds far more than the term: one letter ("l" made 40 links in the
  shipped article once), two that are not an acronym in capitals ("No"), or a common French word (words.COMMON_WORDS), unless it is
  case sensitive and written with a capital ("Alliance" in `case_sensitive: [Alliance]`).
"""

from __future__ import annotations

import functools
import re
from collections import Counter
from collections.abc import Callable, Collection

from ..cache import Cache
from ..diagnostics import Report
from ..digests import digest
from ..folding import fold_key, is_word_char
from ..model import AnnotatedArticle, Corpus, Term
from .mentions import glossary_key
from .variants import matcher_forms
from .words import COMMON_WORDS
from ..i18n import _

# Two or more capitals in a row, standing alone: NRF, VJTF, OTAN (not "L'Otan", not "A4").
_ACRONYM_RE = re.compile(r"(?<![\w])([A-ZÀ-ÖØ-Þ]{2,})(?![\w])")
# Capitals opening a paragraph before a comma, a bracket or a dash: a dateline.
_DATELINE_RE = re.compile(r"\s*[A-ZÀ-ÖØ-Þ][A-ZÀ-ÖØ-Þ'’.\- /]*(?=\s*[,(–—-])")
# An all-capitals word right before or after another: a heading or a credit, not an acronym.
_CAPITALS_BEFORE = re.compile(r"[A-ZÀ-ÖØ-Þ]{2,}[\s'’/-]+$")
_CAPITALS_AFTER = re.compile(r"^[\s'’/-]+[A-ZÀ-ÖØ-Þ]{2,}(?![a-zà-ÿ])")

PRESS_ACRONYMS = frozenset("""
AFP AP ANSA APS ATS BELGA DPA EFE KYODO MAP PAP RIA TASS UNIAN WAM XINHUA REUTERS
BBC BFM BFMTV CNN LCI NYT RFI RMC RTBF RTL RTS TF TV TVA ARTE
GMT UTC CET CEST HNE KM KG MW GW
NDLR PIB PDG CEO PME JO OK PDF USB SMS
UE ONU USA US UK URSS RDA RFA RDC EU UN
COVID SIDA ADN MIG
""".split())
"""Acronyms every French news text uses and a glossary about its subject rarely needs:
agencies, media, units, time zones, everyday abbreviations, a few countries and institutions.
A project adds its own in mkdocs.yml (`extra: glose: ignore_acronyms: [...]`)."""

SHORT_FORM = 2
"""A form of fewer letters is warned about, and one of this many unless it is written in
capitals (an acronym: "UE") or case sensitive."""


def lint(corpus: Corpus, report: Report, ignore_acronyms: Collection[str] = (), cache: Cache | None = None) -> None:
    """Warn about missing title headers, acronyms that no glossary entry covers, and forms
    that find far more than their term. With a `cache`, an article whose text, glossary and
    acronym settings are those of the last build gets its acronym warnings from it."""
    terms = [t.term for t in corpus.terms]
    cache = cache or Cache()
    glossary = glossary_key(terms)
    known = cache.get("known-forms", "all", glossary)
    if known is None:
        known = {fold_key(form) for _, form, _ in matcher_forms(terms)[0]}
        cache.put("known-forms", "all", glossary, known)
    quiet = PRESS_ACRONYMS | {word.upper() for word in ignore_acronyms}
    setting = digest(glossary, repr(sorted(quiet)))  # `known` follows from the glossary
    for annotated in corpus.articles:
        article = annotated.article
        if not article.title_from_header:
            key = "title:" if article.format == "md" else "title"
            report.warning(article.path, 1, _("has no title; it is shown as {title!r}: add a `{key} ...` line at the top").format(title=article.title, key=key))
        check = digest(article.digest, setting) if article.digest else None
        found = cache.get("acronyms", article.slug, check) if check else None
        if found is None:
            own = Report()
            _check_acronyms(annotated, known, quiet, own)
            found = tuple(own.items)
            if check:
                cache.put("acronyms", article.slug, check, found)
        report.items.extend(found)
    links = _link_counter(corpus)
    for term in terms:
        _check_forms(term, links, report)


def _link_counter(corpus: Corpus) -> Callable[[str, str], int]:
    """(entry, folded form) -> how many links that form made in the corpus: counted when a
    warning first needs it, for the entries warned about only (folding every mention of the
    corpus took 0.2 s at 2,000 articles)."""

    @functools.cache
    def texts() -> dict[str, list[str]]:
        found: dict[str, list[str]] = {}
        for annotated in corpus.articles:
            for mentions in annotated.mentions:
                for mention in mentions:
                    found.setdefault(mention.slug, []).append(mention.text)
        return found

    @functools.cache
    def forms_linked(slug: str) -> Counter[str]:
        return Counter(map(fold_key, texts().get(slug, ())))

    return lambda slug, key: forms_linked(slug)[key]


def _check_acronyms(annotated: AnnotatedArticle, known: set[str], quiet: frozenset[str], report: Report) -> None:
    """An acronym that is neither a form nor inside a mention probably deserves an entry: one
    warning per acronym and article, at its first line, with how often the article uses it."""
    first: dict[str, int] = {}
    seen: Counter[str] = Counter()
    for paragraph, mentions in zip(annotated.article.paragraphs, annotated.mentions):
        if not paragraph.annotated:
            continue
        text = paragraph.text
        if not any(ch.islower() for ch in text):
            continue  # a heading in capitals
        covered = [(m.start, m.end) for m in mentions]
        dateline = _DATELINE_RE.match(text)
        for match in _ACRONYM_RE.finditer(text):
            word = match.group(1)
            if word in quiet or fold_key(word) in known or (dateline and match.end() <= dateline.end()):
                continue
            if any(s <= match.start() and match.end() <= e for s, e in covered):
                continue
            if _CAPITALS_BEFORE.search(text, 0, match.start()) or _CAPITALS_AFTER.match(text[match.end():]):
                continue
            seen[word] += 1
            first.setdefault(word, paragraph.line_at(match.start()))
    for word, line in first.items():
        times = _(" ({count} times in this article)").format(count=seen[word]) if seen[word] > 1 else ""
        report.warning(annotated.article.path, line,
                       _('"{word}" looks like a term with no glossary entry{times}; add glossary/{name}.md '
                         "or an alias, or list it under `extra: glose: ignore_acronyms:` in mkdocs.yml").format(word=word, times=times, name=fold_key(word)))


def _check_forms(term: Term, count_links: Callable[[str, str], int], report: Report) -> None:
    """A form of one or two letters, or a common French word, finds far more than the term."""
    capitalised = {fold_key(form) for form in term.case_sensitive_forms}
    for index, form in enumerate(term.forms):
        key = fold_key(form)
        case_sensitive = term.case_sensitive or key in capitalised
        letters = sum(is_word_char(ch) for ch in key)
        short = letters < SHORT_FORM or (letters == SHORT_FORM and not form.isupper() and not case_sensitive)
        common = key in COMMON_WORDS and not (case_sensitive and form[:1].isupper())
        if not short and not common:
            continue
        line = term.lines.of("term") if index == 0 else term.lines.of("aliases", index - 1)
        what = _("name {form!r}").format(form=form) if index == 0 else _("alias {form!r}").format(form=form)
        count = count_links(term.slug, key)
        links = _(" ({count} link(s) in the corpus)").format(count=count) if count else ""
        if short:
            fix = _("write the full form") if letters < SHORT_FORM else _("write the full form, or make it case sensitive")
            report.warning(term.path, line, _("{what} has only {letters} letter(s): it is linked wherever it stands "
                                              "alone{links}; {fix}").format(what=what, letters=letters, links=links, fix=fix))
        else:
            report.warning(term.path, line, _("{what} is a common French word: it is linked wherever the word is "
                                              "used{links}; write a longer form, or list the capitalised form under `case_sensitive:`").format(what=what, links=links))
