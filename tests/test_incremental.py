"""Incremental builds (issue 7): after one article changes, the build writes only the files of
docs/ whose bytes changed; every other file is hard-linked from the previous docs/ and keeps
its inode. On a small project made by bench/corpus.py."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from glose import pipeline
from glose.diagnostics import Report
from glose.writers import MANIFEST

from test_bench_corpus import load_bench_corpus

NOWHERE = "xyxy zyx xyzzy."
"""Words no generated glossary form can match (the generator never uses x, y or z)."""


@pytest.fixture()
def project(tmp_path: Path):
    """A built project of 30 articles and 40 entries, and the file of one of its .txt articles."""
    made = load_bench_corpus().make_project(tmp_path / "p", articles=30, terms=40, seed=11)
    first = pipeline.build(tmp_path / "p", with_site=False)
    assert first.changed  # the first build writes everything
    article = next(p for p in made.paths if p.endswith(".txt"))
    return tmp_path / "p", tmp_path / "p" / article


def snapshot(docs: Path) -> dict[str, tuple[int, bytes]]:
    """Generated file -> (inode, bytes); the manifest, rewritten by every build, left out."""
    return {
        p.relative_to(docs).as_posix(): (os.stat(p).st_ino, p.read_bytes())
        for p in docs.rglob("*") if p.is_file() and p.name != MANIFEST
    }


def slug_of(path: Path) -> str:
    return path.stem


def check_only_changed_were_written(before: dict, after: dict, result) -> None:
    """Written = new or different bytes; everything else kept its inode (hard link)."""
    differ = {rel for rel in after if rel not in before or before[rel][1] != after[rel][1]}
    assert set(result.changed) == differ
    for rel, (inode, _) in after.items():
        if rel in differ:
            assert rel not in before or inode != before[rel][0], rel
        else:
            assert inode == before[rel][0], f"{rel} was rewritten with the same bytes"
    assert set(result.removed) == set(before) - set(after)


def test_rebuild_without_change_writes_nothing(project):
    root, _ = project
    before = snapshot(root / "docs")
    result = pipeline.build(root, with_site=False)
    assert result.changed == () and result.removed == ()
    assert snapshot(root / "docs") == before


def test_new_text_without_terms_rewrites_only_the_article(project):
    root, article = project
    before = snapshot(root / "docs")
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    result = pipeline.build(root, with_site=False)
    assert result.changed == (f"articles/{slug_of(article)}.md",)
    check_only_changed_were_written(before, snapshot(root / "docs"), result)


def test_new_mention_rewrites_the_article_and_the_term_page(project):
    root, article = project
    corpus, _ = pipeline.generate(root, Report())
    slug = slug_of(article)
    mentioned = next(set(a.counts) for a in corpus.articles if a.article.slug == slug)
    new = next(t.term for t in corpus.terms if t.term.slug not in mentioned and not t.term.case_sensitive)
    before = snapshot(root / "docs")
    article.write_text(article.read_text(encoding="utf-8") + f"\nxyxy {new.term} zyx.\n", encoding="utf-8")
    result = pipeline.build(root, with_site=False)
    after = snapshot(root / "docs")
    check_only_changed_were_written(before, after, result)
    assert {f"articles/{slug}.md", f"glossary/{new.slug}.md"} <= set(result.changed)
    assert slug in after[f"glossary/{new.slug}.md"][1].decode()  # its concordance names the article
    glossary_pages = {rel for rel in result.changed if rel.startswith("glossary/") and rel != "glossary/index.md"}
    assert glossary_pages <= {f"glossary/{s}.md" for s in mentioned | {new.slug}}
    assert len(result.changed) < len(after) // 4


def test_removed_article_removes_its_page_and_keeps_the_others(project):
    root, article = project
    before = snapshot(root / "docs")
    article.unlink()
    result = pipeline.build(root, with_site=False)
    after = snapshot(root / "docs")
    assert f"articles/{slug_of(article)}.md" in result.removed
    assert f"articles/{slug_of(article)}.md" not in after
    check_only_changed_were_written(before, after, result)


# What is written must not depend on how many processes wrote it: glose/parallel.py.


def test_fork_map_keeps_order_and_takes_closures():
    from glose import parallel

    offset = 7
    items = list(range(parallel.MIN_ITEMS + 31))
    assert parallel.fork_map(lambda n: (n + offset, os.getpid()), items, 1) == [(n + 7, os.getpid()) for n in items]
    results = parallel.fork_map(lambda n: (n + offset, os.getpid()), items, 2)
    assert [n for n, _ in results] == [n + 7 for n in items]
    assert os.getpid() not in {pid for _, pid in results}  # done by the workers


def test_fork_map_stays_in_process_for_few_items_or_one_job():
    from glose import parallel

    few = list(range(parallel.MIN_ITEMS - 1))
    assert {pid for pid in parallel.fork_map(lambda n: os.getpid(), few, 2)} == {os.getpid()}
    many = list(range(parallel.MIN_ITEMS))
    assert {pid for pid in parallel.fork_map(lambda n: os.getpid(), many, 1)} == {os.getpid()}


def test_worker_error_reaches_the_caller():
    from glose import parallel

    def fail(n):
        if n == parallel.MIN_ITEMS:
            raise ValueError(f"bad item {n}")
        return n

    with pytest.raises(ValueError, match="bad item"):
        parallel.fork_map(fail, list(range(parallel.MIN_ITEMS + 5)), 2)


def test_articles_annotated_on_two_processes_are_the_same(tmp_path):
    from glose import parallel
    from glose.linking import annotate_article, build_matcher
    from glose.readers import read_project

    load_bench_corpus().make_project(tmp_path / "p", articles=parallel.MIN_ITEMS + 10, terms=60, seed=5)
    project = read_project(tmp_path / "p", Report())
    matcher = build_matcher(project.terms)
    serial = tuple(annotate_article(a, matcher) for a in project.articles)
    assert parallel.annotate_articles(project.articles, project.terms, 2) == serial
    pages = parallel.render_pages(lambda a: (a.article.slug, sum(map(len, a.mentions))), serial, 2)
    assert pages == [(a.article.slug, sum(map(len, a.mentions))) for a in serial]


def test_docs_are_the_same_whatever_the_jobs(tmp_path):
    import inspect

    from glose import parallel

    if "jobs" not in inspect.signature(pipeline.generate).parameters:
        pytest.skip("pipeline.generate has no jobs option yet (patch in bench/README.md)")
    load_bench_corpus().make_project(tmp_path / "p", articles=parallel.MIN_ITEMS + 10, terms=60, seed=6)
    _, serial = pipeline.generate(tmp_path / "p", Report(), jobs=1)
    _, forked = pipeline.generate(tmp_path / "p", Report(), jobs=2)
    assert [(p.path, p.content) for p in forked] == [(p.path, p.content) for p in serial]
