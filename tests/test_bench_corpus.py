"""bench/corpus.py (issue 7): the generated project is valid input, reproducible from its seed,
and looks like the real thing (French punctuation, several years, .md articles, acronyms,
case-sensitive entries, about one mention every 25 words)."""

from __future__ import annotations

import importlib.util
import sys
from pathlib import Path

import pytest

from glose import pipeline

from support import generate

ROOT = Path(__file__).resolve().parent.parent


def load_bench_corpus():
    """bench/ is not a package: load bench/corpus.py by its path."""
    if "bench_corpus" not in sys.modules:
        spec = importlib.util.spec_from_file_location("bench_corpus", ROOT / "bench" / "corpus.py")
        module = importlib.util.module_from_spec(spec)
        sys.modules["bench_corpus"] = module
        spec.loader.exec_module(module)
    return sys.modules["bench_corpus"]


@pytest.fixture(scope="module")
def made(tmp_path_factory):
    path = tmp_path_factory.mktemp("bench") / "project"
    return path, load_bench_corpus().make_project(path, articles=60, terms=80, seed=3)


@pytest.fixture(scope="module")
def corpus(made):
    path, _ = made
    return generate(path)[0]


def tree(path: Path) -> dict[str, bytes]:
    return {p.relative_to(path).as_posix(): p.read_bytes() for p in sorted(path.rglob("*")) if p.is_file()}


def test_check_finds_no_error_nor_warning(made):
    path, _ = made
    result = pipeline.check(path)
    assert [str(d) for d in result.report.sorted()] == []


def test_same_seed_same_bytes_other_seed_other_bytes(made, tmp_path):
    path, _ = made
    bench = load_bench_corpus()
    bench.make_project(tmp_path / "again", articles=60, terms=80, seed=3)
    bench.make_project(tmp_path / "other", articles=60, terms=80, seed=4)
    assert tree(tmp_path / "again") == tree(path)
    assert tree(tmp_path / "other") != tree(path)


def test_project_has_the_requested_size_and_the_repository_settings(made):
    path, info = made
    assert len(list((path / "corpus").rglob("*.*"))) == info.articles == 60
    assert len(list((path / "glossary").glob("*.md"))) == info.terms == 80
    assert (path / "mkdocs.yml").read_bytes() == (ROOT / "mkdocs.yml").read_bytes()
    assert 500 <= info.words / info.articles <= 700


def test_text_looks_like_french_as_typed(made):
    path, _ = made
    text = "".join(p.read_text(encoding="utf-8") for p in sorted((path / "corpus").rglob("*.txt")))
    for needle in ("\u00a0:", "«\u00a0", "l’", "l'", "d’", "é", "è", "à"):
        assert needle in text, needle
    body_lines = [line for line in text.splitlines() if line and " " in line and not line.startswith(("title ", "url "))]
    assert max(len(line) for line in body_lines) <= 90  # hard-wrapped, as pasted from a PDF


def test_articles_span_years_months_tags_and_both_formats(made, corpus):
    _, info = made
    articles = [a.article for a in corpus.articles]
    assert len({a.date[:4] for a in articles if a.date}) >= 5
    assert len({a.date[:7] for a in articles if len(a.date) >= 7}) >= 20
    assert all(a.tags for a in articles)
    assert {a.format for a in articles} == {"txt", "md"}
    assert info.markdown_articles == sum(a.format == "md" for a in articles)


def test_glossary_has_every_kind_of_form(made, corpus):
    terms = [t.term for t in corpus.terms]
    forms = [f for t in terms for f in t.forms]
    assert any(t.case_sensitive for t in terms)
    assert any(f.isupper() and f.isalpha() for f in forms)  # acronyms
    assert any(" " in f for f in forms)  # multiword
    assert any(not f.isascii() for f in forms)  # accents
    assert sum(bool(t.aliases) for t in terms) >= len(terms) // 3


def test_mentions_found_at_about_the_inserted_density(made, corpus):
    _, info = made
    found = sum(sum(a.counts.values()) for a in corpus.articles)
    assert 18 <= info.words / found <= 32  # one mention every ~25 words
    assert abs(found - info.mentions) / info.mentions < 0.1


def test_case_sensitive_entries_skip_the_common_word(made, corpus):
    sensitive = {t.term.slug: t.term.term for t in corpus.terms if t.term.case_sensitive}
    for annotated in corpus.articles:
        for mentions in annotated.mentions:
            for m in mentions:
                if m.slug in sensitive:
                    assert m.text == sensitive[m.slug]
