"""Glossary entries: glossary/<slug>.md -> Term, and the checks that span the whole glossary."""

from __future__ import annotations

from . import fields
from .diagnostics import Report
from .folding import fold_key
from .frontmatter import split_front_matter
from .model import Term


def read_term(slug: str, shown: str, text: str, report: Report) -> Term | None:
    """Read and validate one glossary entry; None after reporting when it cannot be used."""
    front = split_front_matter(text, shown, report)
    if front is None:
        return None
    data, lines = front.data, front.lines
    before = len(report.errors)
    if not data:
        report.error(shown, 1, "has no front matter; start the file with `---`, `term: ...`, `summary: ...`, `---`")
        return None
    for key in data:
        if key not in fields.TERM_KEYS:
            report.error(shown, lines[key], f"unknown key {key!r}; use one of {', '.join(fields.TERM_KEYS)}")
    get = lambda key: fields.as_text(data, key, shown, lines.get(key, 1), report)  # noqa: E731
    many = lambda key: fields.as_list(data, key, shown, lines.get(key, 1), report)  # noqa: E731
    term, summary = get("term"), get("summary")
    _require(term, "term", "term: the name as it should be displayed", shown, report)
    _require(summary, "summary", "summary: one sentence shown as the tooltip", shown, report)
    if len(summary) > fields.SUMMARY_MAX:
        report.error(shown, lines["summary"], f"summary is {len(summary)} characters long; shorten it to {fields.SUMMARY_MAX} at most (it is the tooltip)")
    definition = front.body.strip()
    if not definition:
        report.error(shown, front.body_line, "has no definition; write it in Markdown after the closing `---`")
    aliases = many("aliases")
    _check_forms(aliases, lines, shown, report)
    entry = Term(
        slug=slug, path=shown, term=term, summary=summary, definition=definition,
        definition_line=front.body_line + _leading_blank_lines(front.body),
        aliases=_unique(aliases, term), english=get("english"), see_also=many("see_also"),
        tags=many("tags"), case_sensitive=fields.as_bool(data, "case_sensitive", shown, lines.get("case_sensitive", 1), report),
        lines=tuple(lines.items()),
    )
    return entry if len(report.errors) == before else None


def _leading_blank_lines(body: str) -> int:
    """How many empty lines come before the definition's first line."""
    return body[: len(body) - len(body.lstrip())].count("\n")


def _require(value: str, key: str, example: str, shown: str, report: Report) -> None:
    """Report a missing required key."""
    if not value:
        report.error(shown, 1, f"{key!r} is missing; add a line `{example}` to the front matter")


def _check_forms(aliases: tuple[str, ...], lines: dict, shown: str, report: Report) -> None:
    """An alias must contain a letter or a digit: an empty one would match nothing or everything."""
    for i, alias in enumerate(aliases):
        if not fold_key(alias) or not any(ch.isalnum() for ch in alias):
            line = lines.get(f"aliases[{i}]", lines.get("aliases", 1))
            report.error(shown, line, f"alias {alias!r} has no letter or digit; remove it or write the word")


def _unique(aliases: tuple[str, ...], term: str) -> tuple[str, ...]:
    """Aliases without repeats, nor the term itself (compared after folding)."""
    seen = {fold_key(term)}
    kept = []
    for alias in aliases:
        key = fold_key(alias)
        if key and key not in seen:
            seen.add(key)
            kept.append(alias)
    return tuple(kept)


def check_glossary(terms: list[Term], report: Report) -> None:
    """Checks across entries: no form claimed twice, every see_also names an entry."""
    owner: dict[str, Term] = {}
    slugs = {t.slug for t in terms}
    for term in terms:
        for form in term.forms:
            key = fold_key(form)
            other = owner.get(key)
            if other is not None and other.slug != term.slug:
                report.error(term.path, term.line_of("aliases" if form != term.term else "term"), f"{form!r} is also a name or alias of {other.path} (case and accents are ignored); keep it in one entry only")
            owner.setdefault(key, term)
        for i, target in enumerate(term.see_also):
            if target not in slugs:
                report.error(term.path, term.line_of(f"see_also[{i}]"), f"see_also names {target!r}, which is not a glossary entry; use the file name of an entry in glossary/ without .md")
