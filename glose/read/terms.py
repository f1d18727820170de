"""Glossary entries: glossary/<slug>.md -> Term, and the checks that span the whole glossary."""

from __future__ import annotations

from . import fields
from ..diagnostics import Report
from ..folding import fold_key
from .frontmatter import split_front_matter
from ..model import Lines, Term
from ..i18n import _


def read_term(slug: str, shown: str, text: str, report: Report) -> Term | None:
    """Read and validate one glossary entry; None after reporting when it cannot be used."""
    front = split_front_matter(text, shown, report)
    if front is None:
        return None
    data, lines = front.data, front.lines
    before = len(report.errors)
    if not data:
        report.error(shown, 1, _("has no front matter; start the file with `---`, `term: ...`, `summary: ...`, `---`"))
        return None
    for key in data:
        if key not in fields.TERM_KEYS:
            report.error(shown, lines.of(key), _("unknown key {key!r}{nearest}; use one of {keys}").format(
                key=key, nearest=fields.nearest(key, fields.TERM_KEYS), keys=", ".join(fields.TERM_KEYS)))
    get = lambda key: fields.as_text(data, key, shown, lines.of(key), report)  # noqa: E731
    many = lambda key: fields.as_list(data, key, shown, lines.of(key), report, lines)  # noqa: E731
    term, summary = get("term"), get("summary")
    aliases = fields.list_items(data, "aliases", shown, lines.of("aliases"), report, lines)
    _check_fields(term, summary, aliases, lines, shown, report)
    definition = front.body.strip()
    if not definition:
        report.error(shown, max(1, front.body_line - 1), _("has no definition; write it in Markdown after the closing `---`"))
    kept = _unique(aliases, term)
    entry = Term(
        slug=slug, path=shown, term=term, summary=summary, definition=definition,
        definition_line=front.body_line + _leading_blank_lines(front.body),
        aliases=tuple(alias for _, alias in kept), english=get("english"), see_also=many("see_also"),
        tags=many("tags"), lines=_item_lines(lines, kept),
        **_matching_fields(data, lines, (term, *(alias for _, alias in kept)), shown, report),
    )
    return entry if len(report.errors) == before else None


def _matching_fields(data: dict, lines: Lines, forms: tuple[str, ...], shown: str, report: Report) -> dict:
    """The keys that change how the entry is found: case rules, exclusions, plurals, English."""
    flag = lambda key, default: fields.as_bool(data, key, shown, lines.of(key), report, default)  # noqa: E731
    case_sensitive, case_forms = False, tuple[str, ...]()
    if isinstance(data.get("case_sensitive"), list):
        case_forms = _case_forms(data, lines, forms, shown, report)
    else:
        case_sensitive = flag("case_sensitive", False)
    exclude = fields.list_items(data, "exclude", shown, lines.of("exclude"), report, lines)
    for i, form in exclude:
        if not _has_letter(form):
            report.error(shown, lines.of("exclude", i), _("exclude {form!r} has no letter or digit; remove it or write the words").format(form=form))
    return {"case_sensitive": case_sensitive, "case_sensitive_forms": case_forms,
            "exclude": tuple(form for _, form in exclude), "plurals": flag("plurals", True),
            "match_english": flag("match_english", True)}


def _case_forms(data: dict, lines: Lines, forms: tuple[str, ...], shown: str, report: Report) -> tuple[str, ...]:
    """`case_sensitive: [Alliance]`: each item must be the term or one of the aliases."""
    keys = {fold_key(form): form for form in forms}
    found = []
    for i, item in fields.list_items(data, "case_sensitive", shown, lines.of("case_sensitive"), report, lines):
        if fold_key(item) not in keys:
            report.error(shown, lines.of("case_sensitive", i), _("case_sensitive lists {item!r}, which is neither the term nor an alias; add it under aliases, or write `case_sensitive: true` for every form").format(item=item))
        else:
            found.append(keys[fold_key(item)])
    return tuple(found)


def _check_fields(term: str, summary: str, aliases: list[tuple[int, str]], lines: Lines, shown: str, report: Report) -> None:
    """The required fields are there, the summary is short, every form has a letter."""
    _require(term, "term", _("term: the name as it should be displayed"), shown, report)
    _require(summary, "summary", _("summary: one sentence shown as the tooltip"), shown, report)
    if len(summary) > fields.SUMMARY_MAX:
        report.error(shown, lines.of("summary"), _("summary is {length} characters long; shorten it to {limit} at most (it is the tooltip)").format(length=len(summary), limit=fields.SUMMARY_MAX))
    if term and not _has_letter(term):
        report.error(shown, lines.of("term"), _("term {term!r} has no letter or digit; write the word as it appears in the articles").format(term=term))
    _check_forms(aliases, lines, shown, report)


def _has_letter(form: str) -> bool:
    """A form is matched on its letters and digits: without any it would match nothing."""
    return bool(fold_key(form)) and any(ch.isalnum() for ch in form)


def _leading_blank_lines(body: str) -> int:
    """How many empty lines come before the definition's first line."""
    return body[: len(body) - len(body.lstrip())].count("\n")


def _require(value: str, key: str, example: str, shown: str, report: Report) -> None:
    """Report a missing required key."""
    if not value:
        report.error(shown, 1, _("{key!r} is missing; add a line `{example}` to the front matter").format(key=key, example=example))


def _check_forms(aliases: list[tuple[int, str]], lines: Lines, shown: str, report: Report) -> None:
    """An alias must contain a letter or a digit: an empty one would match nothing or everything."""
    for i, alias in aliases:
        if not _has_letter(alias):
            report.error(shown, lines.of("aliases", i), _("alias {alias!r} has no letter or digit; remove it or write the word").format(alias=alias))


def claim_key(form: str) -> str:
    """The key under which two forms are the same for the matcher: folded (case, accents),
    a hyphen the same as a space ("Atlantique-Nord" = "Atlantique nord")."""
    return " ".join(fold_key(form).replace("-", " ").split())


def _unique(aliases: list[tuple[int, str]], term: str) -> list[tuple[int, str]]:
    """(index in the file, alias) of the aliases kept: no repeats, nor the term itself
    (compared as the matcher does: claim_key)."""
    seen = {claim_key(term)}
    kept = []
    for i, alias in aliases:
        key = claim_key(alias)
        if key and key not in seen:
            seen.add(key)
            kept.append((i, alias))
    return kept


def _item_lines(lines: Lines, kept: list[tuple[int, str]]) -> Lines:
    """Term.lines, with item j of "aliases" the line of Term.aliases[j] (repeats were dropped)."""
    items = [item for item in lines.items if item[0] != "aliases"]
    items += [("aliases", j, lines.of("aliases", i)) for j, (i, _) in enumerate(kept)]
    return Lines(lines.keys, tuple(items))


def check_glossary(terms: list[Term], report: Report) -> None:
    """Checks across entries: no form claimed twice, every see_also names an entry."""
    owner: dict[str, Term] = {}
    slugs = {t.slug for t in terms}
    for term in terms:
        for form in term.forms:
            key = claim_key(form)
            other = owner.get(key)
            if other is not None and other.slug != term.slug:
                report.error(term.path, _form_line(term, form), _("{form!r} is also a name or alias of {other} (case, accents and hyphens are ignored); keep it in one entry only").format(form=form, other=f"{other.path}:{_form_line(other, key)}"))
            owner.setdefault(key, term)
        for i, target in enumerate(term.see_also):
            if target not in slugs:
                report.error(term.path, term.lines.of("see_also", i), _("see_also names {target!r}, which is not a glossary entry; use the file name of an entry in glossary/ without .md").format(target=target))


def _form_line(term: Term, form: str) -> int:
    """The file line of a form of an entry (given as written or folded): its alias item's
    line, else the `term:` line."""
    key = claim_key(form)
    for i, alias in enumerate(term.aliases):
        if claim_key(alias) == key:
            return term.lines.of("aliases", i)
    return term.lines.of("term")
