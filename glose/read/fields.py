"""The header and front-matter fields we accept, declared once, with their checks."""

from __future__ import annotations

import datetime
import difflib
import re

from ..diagnostics import Report
from ..model import Lines, Term
from ..i18n import N_, _

ARTICLE_KEYS = ("date", "title", "source", "author", "url", "tags", "lang")
"""Keys of a .txt header or of a .md article's front matter."""

ARTICLE_KEY_NAMES = {
    "title": "title", "titre": "title", "date": "date", "source": "source", "author": "author", "auteur": "author",
    "url": "url", "lien": "url", "tags": "tags", "tag": "tags", "étiquettes": "tags", "etiquettes": "tags",
    "étiquette": "tags", "etiquette": "tags", "lang": "lang", "langue": "lang",
}
"""The names an article's key may be written with (any case), English or French -> the key."""

ARTICLE_KEYS_SHOWN = N_("title (titre), date, source, author (auteur), url (lien), tags (étiquettes), lang (langue)")
"""The keys as messages list them (translated where they are shown)."""


_FRENCH_NAMES = {
    "terme": "term", "résumé": "summary", "resume": "summary", "définition": "summary", "anglais": "english",
    "voir_aussi": "see_also", "voir aussi": "see_also", "exclure": "exclude", "exclusions": "exclude",
    "pluriels": "plurals", "majuscules": "case_sensitive", "citation": "quote", "genre": "kind", "type": "kind",
    "avant": "prefix", "après": "suffix", "texte": "note",
}
"""The French word a teacher may write for a key that has none (entries and notes take English
keys only): what `nearest` suggests for it."""


def nearest(word: object, known) -> str:
    """" (did you mean `x`?)" for the known key nearest a misspelt one (difflib, as Python's own
    "did you mean" does) or for the French word of a key, "" when none is near enough."""
    if not isinstance(word, str):
        return ""
    french = _FRENCH_NAMES.get(word.casefold().strip())
    close = [french] if french in known else difflib.get_close_matches(word.casefold(), list(known), n=1, cutoff=0.6)
    return _(" (did you mean `{key}`?)").format(key=close[0]) if close else ""


def article_key(name: str) -> str | None:
    """The key an article's header name stands for ("Titre" -> "title"), or None."""
    return ARTICLE_KEY_NAMES.get(name.casefold())


TERM_KEYS = ("term", "aliases", "summary", "english", "see_also", "tags", "case_sensitive", "exclude",
             "plurals", "match_english")
"""Keys of a glossary entry's front matter."""

SUMMARY_MAX = 200
"""A summary is a tooltip: one sentence, at most this many characters."""

FORM_WORDS_MAX = 12
"""Words in a term's name or alias at most. Every text is searched for every form: nested
forms of hundreds of words ("mot", "mot mot", ...) found hundreds of candidates at each word
(200 of them on 400 KB: 3 GB and 20 s); a bound on the words bounds the candidates."""

_DATE_RE = re.compile(r"(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?")
_URL_RE = re.compile(r"https?://[^\s<>\"'`]+", re.IGNORECASE)
_LANG_RE = re.compile(r"[a-z]{2,3}(?:-[A-Za-z0-9]{2,8})*")


def check_date(value: str, shown: str, line: int, report: Report) -> str:
    """Return the date if it is YYYY, YYYY-MM or YYYY-MM-DD and exists; else report and return ""."""
    match = _DATE_RE.fullmatch(value)
    if match:
        year, month, day = (int(g) if g else 1 for g in match.groups())
        try:
            datetime.date(year, month, day)
            return value
        except ValueError:
            pass
    report.error(shown, line, _("bad date {value!r}; write YYYY, YYYY-MM or YYYY-MM-DD, e.g. 2022-02-24").format(value=value))
    return ""


def is_date_token(value: str) -> bool:
    """True when value has the shape of a date (validity is checked by check_date)."""
    return _DATE_RE.fullmatch(value) is not None


def check_url(value: str, shown: str, line: int, report: Report) -> str:
    """Warn about anything but an http(s) address: the page shows it as text, never as a
    link (a `javascript:` URL must not become one). The value is kept as written."""
    if not is_web_address(value):
        report.warning(shown, line, _("url {value!r} is not a web address; it is shown as text, not as a link: write the full address, starting with https://").format(value=value[:60]))
    return value


def is_web_address(value: str) -> bool:
    """True for an http:// or https:// address, the only kind the pages link to."""
    return _URL_RE.fullmatch(value) is not None


def is_lang_code(value: str) -> bool:
    """True for a language code such as fr, en or pt-BR."""
    return _LANG_RE.fullmatch(value) is not None


def check_lang(value: str, shown: str, line: int, report: Report) -> str:
    """A language code such as fr, en or pt-BR; anything else is reported and "fr" is used."""
    if _LANG_RE.fullmatch(value):
        return value
    report.warning(shown, line, _("lang {value!r} is not a language code; write a code such as fr, en or de (fr is used)").format(value=value[:30]))
    return "fr"


def as_text(data: dict, key: str, shown: str, line: int, report: Report) -> str:
    """A scalar field as text ("" when absent); lists and mappings are reported."""
    value = data.get(key)
    if value is None:
        return ""
    if isinstance(value, (list, dict)):
        kind = _("a list") if isinstance(value, list) else _("a set of `name: value` pairs")
        report.error(shown, line, _("{key!r} should be a single value, not {kind}; write `{key}: value` on one line").format(key=key, kind=kind))
        return ""
    if isinstance(value, (datetime.date, datetime.datetime)):
        return value.isoformat()[:10]
    return " ".join(str(value).split())


def as_list(data: dict, key: str, shown: str, line: int, report: Report, lines: Lines = Lines()) -> tuple[str, ...]:
    """A list field as a tuple of stripped strings; a lone string is reported (it is a common
    slip). `lines` (FrontMatter.lines) lets a bad item be reported at its own line."""
    return tuple(text for _, text in list_items(data, key, shown, line, report, lines))


def list_items(data: dict, key: str, shown: str, line: int, report: Report, lines: Lines = Lines()) -> list[tuple[int, str]]:
    """Like as_list, with the position of each item in the file's list (bad items, reported,
    are left out, so positions may skip): `lines.of(key, i)` is the item's line."""
    value = data.get(key)
    if value is None:
        return []
    if not isinstance(value, list):
        report.error(shown, line, _("{key!r} should be a list; write one `  - item` line per item under `{key}:`").format(key=key))
        return []
    items = []
    for i, item in enumerate(value):
        if isinstance(item, (list, dict)) or item is None:
            what = _("an empty item") if item is None else _("an item that is not plain text")
            report.error(shown, lines.of(key, i, line), _("{key!r} has {what}; write `  - text`, one item a line, or remove it").format(key=key, what=what))
            continue
        items.append((i, " ".join(str(item).split())))
    return items


def as_bool(data: dict, key: str, shown: str, line: int, report: Report, default: bool = False) -> bool:
    """A yes/no field; anything but true or false is reported."""
    value = data.get(key)
    if value is None:
        return default
    if isinstance(value, bool):
        return value
    report.error(shown, line, _("{key!r} should be true or false, not {value}; write `{key}: true` or `{key}: false`").format(key=key, value=describe(value)))
    return False


def describe(value: object, limit: int = 40) -> str:
    """A value as a message shows it: text quoted and cut to `limit` characters, a list or a
    mapping named, never printed (it could be huge)."""
    if isinstance(value, list):
        return _("a list")
    if isinstance(value, dict):
        return _("a set of `name: value` pairs")
    text = str(value)
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def split_tags(value: str) -> tuple[str, ...]:
    """Tags of a .txt header: comma-separated."""
    return tuple(t for t in (" ".join(part.split()) for part in value.split(",")) if t)


def check_form_length(term: Term, report: Report) -> None:
    """Report a name or alias of more than FORM_WORDS_MAX words, at its line."""
    for i, form in enumerate(term.forms):
        words = len(form.split())
        if words > FORM_WORDS_MAX:
            line = term.lines.of("aliases", i - 1) if i else term.lines.of("term")
            report.error(term.path, line, (_("alias {form} has {words} words; ") if i else _("term {form} has {words} words; ")).format(form=describe(form), words=words)
                         + _("a name or an alias has at most {limit}: shorten it (it is looked for in every text)").format(limit=FORM_WORDS_MAX))
