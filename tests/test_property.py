"""Property: whatever the text of a .txt paragraph (accents, punctuation, HTML, Markdown and
template syntax, glossary terms anywhere), the rendered paragraph shows exactly that text
(whitespace collapsed) and holds no element but the § anchor and one link per mention.

Pages are made with glose.readers / glose.linking / glose.render for a one-article project and
turned into HTML by Python-Markdown with the extensions of mkdocs.yml (plus those MkDocs adds
by default), without a MkDocs build: hundreds of examples take a few seconds."""

from __future__ import annotations

from pathlib import Path

import markdown
import yaml
from bs4 import BeautifulSoup
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from support import REPO
from glose.annotate import mentions as linking
from glose.render import pages as render
from glose.diagnostics import Report
from glose.read.articles import parse_article
from glose.read.cleaning import clean_text
from glose.read.discover import Source
from glose.read.sources import decode_text
from glose.read.terms import read_term

TERMS = {
    "otan": ("Otan", ["Alliance atlantique"]),
    "defense": ("défense collective", []),
    "article-4": ("article 4", []),
    "interfax": ("Interfax-Ukraine", []),
    "rue": ("rue d'Arras", []),
}
SUMMARY = 'Résumé <b>x</b> `c` [l](javascript:alert(1)) *e* { .k } & &amp; " \' | {{ j }}'
SYNTAX = ["<script>alert(1)</script>", "<img src=x onerror=alert(1)>", "javascript:", "[a](b)", "**",
          "{ .class onclick=x }", '--8<-- "README.md"', "{{ jinja }}", "{% x %}", "&amp;", "&lt;",
          "&#60;", "| a | b |", "`", "\\", "<!--", "-->", "</p>", "<div markdown>", "(1)", "[^1]",
          "# ", "> ", "- ", "1. ", "    ", "~~", "==", "^^", "!!! note", "***", "___", "<", ">", "&"]
ALPHABET = st.characters(
    whitelist_categories=("Lu", "Ll", "Nd", "Po", "Ps", "Pe", "Pd", "Sm", "Sc", "Sk", "So", "Zs", "Mn"),
    whitelist_characters="éèêëàâäîïôöùûüçœæÉÈÀÇŒ’«»…—–\u00a0\u202f",
    blacklist_characters="\u2028\u2029\u00ad",
)
TOKENS = st.one_of(
    st.sampled_from(SYNTAX),
    st.sampled_from([t for t, _ in TERMS.values()] + ["L'Otan", "l’Alliance atlantique", "OTAN", "Défense Collective"]),
    st.text(ALPHABET, min_size=1, max_size=12),
)
PARAGRAPHS = st.lists(st.tuples(TOKENS, st.sampled_from([" ", " ", "", "\n"])), min_size=1, max_size=25).map(
    lambda parts: "".join(token + sep for token, sep in parts)
).filter(lambda text: all(line.strip() for line in clean_text(text).text.strip().split("\n")))
# one paragraph: no blank line once cleaned (a line of soft hyphens alone is blank: read/cleaning.py removes them)


def _glossary():
    """The Term objects of TERMS, read as real glossary files would be."""
    report, terms = Report(), []
    for slug, (term, aliases) in TERMS.items():
        forms = "".join(f"\n  - {a}" for a in aliases)
        text = f"---\nterm: {term}\naliases:{forms or ' []'}\nsummary: '{SUMMARY.replace(chr(39), chr(39) * 2)}'\n---\nDéfinition.\n"
        terms.append(read_term(slug, f"glossary/{slug}.md", text, report))
    assert not report.items, report.items
    return tuple(terms)


def _markdown() -> markdown.Markdown:
    """Python-Markdown set up as MkDocs sets it up from mkdocs.yml."""
    config = yaml.load((REPO / "mkdocs.yml").read_text(encoding="utf-8"), Loader=_AnyTagLoader)
    names, configs = ["toc", "tables", "fenced_code"], {}
    for item in config.get("markdown_extensions", []):
        name, options = next(iter(item.items())) if isinstance(item, dict) else (item, None)
        names.append(name)
        configs[name] = options or {}
    return markdown.Markdown(extensions=list(dict.fromkeys(names)), extension_configs=configs)


class _AnyTagLoader(yaml.SafeLoader):
    """mkdocs.yml may use tags such as !!python/name: (read as None, never run)."""


_AnyTagLoader.add_multi_constructor("", lambda loader, suffix, node: None)

GLOSSARY = _glossary()
TERM_BY_SLUG = {t.slug: t for t in GLOSSARY}
MATCHER = linking.build_matcher(GLOSSARY)
MD = _markdown()


def render_paragraph(body: str):
    """(first paragraph element of the page, mentions of that paragraph) for an article whose
    text is `body`, read from UTF-8 bytes like a file of corpus/."""
    report = Report()
    text = decode_text(f"title T\n\n{body}\n".encode("utf-8"), "corpus/a.txt", report)
    article = parse_article(Source(Path("corpus/a.txt"), "corpus/a.txt", "a"), text, report)
    annotated = linking.annotate_article(article, MATCHER)
    page = render.render_article(annotated, TERM_BY_SLUG, {"a": article})
    html = MD.reset().convert(page.content.decode("utf-8"))
    return BeautifulSoup(html, "html.parser").find(id="p1"), annotated.mentions[0], article


@settings(max_examples=400, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(PARAGRAPHS)
def test_paragraph_shows_its_text_and_only_our_elements(body):
    element, mentions, article = render_paragraph(body)
    assert len(article.paragraphs) == 1
    expected = " ".join(clean_text(body).text.split())  # the text every reader cleans (read/cleaning.py)
    assert element is not None and element.name == "p"
    assert " ".join(element.get_text().split()) == f"§1 {expected}"
    inner = element.find_all(True)
    assert inner[0].name == "a" and inner[0]["class"] == ["glose-pnum"] and inner[0].get_text() == "§1"
    links = inner[1:]
    assert [a.get_text() for a in links] == [m.text for m in mentions]
    for a, m in zip(links, mentions):
        assert a.name == "a" and "term" in a["class"] and a["data-term"] == m.slug
        assert a["aria-describedby"] == f"glose-def-{m.slug}" and a["href"] == f"../glossary/{m.slug}.html"
        assert "title" not in a.attrs  # Material would make a tooltip of it, with innerHTML
        assert a.find(True) is None


def test_the_property_sees_mentions_and_syntax():
    """A fixed example, so that the property cannot pass by finding nothing to check."""
    element, mentions, _ = render_paragraph("L'Otan <b>et</b> la défense collective `x` {{ y }}")
    assert [m.text for m in mentions] == ["Otan", "défense collective"]
    assert [a.get_text() for a in element.select("a.term")] == ["Otan", "défense collective"]
    assert " ".join(element.get_text().split()) == "§1 L'Otan <b>et</b> la défense collective `x` {{ y }}"
