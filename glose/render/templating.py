"""The Jinja2 environment shared by the renderers: autoescape on, our escaping filters."""

from __future__ import annotations

import hashlib
import io
import pickle
from collections.abc import Callable
from dataclasses import dataclass

import jinja2

from ..cache import template_cache
from . import escaping
from .html import definition_id
from ..digests import code_digest, digest
from ..model import GeneratedFile, KeptPage, Page, quick_pickling

ENV = jinja2.Environment(
    loader=jinja2.PackageLoader("glose.render", "templates"),
    autoescape=True,
    keep_trailing_newline=True,
    undefined=jinja2.StrictUndefined,
    bytecode_cache=template_cache(),
)
ENV.filters["literal"] = escaping.literal
ENV.filters["french_date"] = escaping.french_date
ENV.filters["heading_id"] = escaping.heading_id
ENV.filters["prepared"] = escaping.prepared
ENV.filters["definition_id"] = definition_id


@quick_pickling  # context_key pickles thousands of rows a build
@dataclass(frozen=True, slots=True)
class Row:
    """A line of an index, a list or a vocabulary table (fields unused by a table stay empty)."""

    slug: str
    """Slug of the article, term or tag the row links to."""
    term: str = ""
    """A term's display name."""
    title: str = ""
    """An article's title (or a term's English name in the vocabulary)."""
    summary: str = ""
    """A term's summary, or a list of shared terms."""
    date: str = ""
    """An article's date."""
    count: int = 0
    """A number of mentions."""
    terms: int = 0
    """A number of distinct terms."""


def render_page(path: str, template: str, **context) -> Page:
    """Render a template into a Page at path (relative to docs/)."""
    return Page(path, ENV.get_template(template).render(**context).encode("utf-8"))


def render_keyed(path: str, template: str, previous: Callable[[str], str], **context) -> GeneratedFile:
    """render_page for a page that lists things, keyed by everything it is made from: Glose's
    code (its templates included) and the template's context, which holds only plain values
    (rows, entries, text: no object that could hide what it shows), as `context_key` writes
    it. When the last build wrote this key (`previous`: path -> key of the file kept in
    docs/, or ""), the file is kept and the page is not rendered."""
    key = digest(code_digest(), template, context_key(context))
    if previous(path) == key:
        return KeptPage(path, key)
    return Page(path, render_page(path, template, **context).content, key)


def context_key(context: dict) -> str:
    """The digest of a template's context, by value: its items pickled without the pickler's
    memo (`fast`), so that two contexts of equal values give the same bytes however their
    objects are shared (cached or just read). Twice as quick as their `repr`, which the key
    was made of until the glossary index's 1,000 entries took 0.1 s of every build."""
    buffer = io.BytesIO()
    pickler = pickle.Pickler(buffer, protocol=5)
    pickler.fast = True
    pickler.dump(sorted(context.items()))
    return hashlib.blake2b(buffer.getvalue(), digest_size=16).hexdigest()
