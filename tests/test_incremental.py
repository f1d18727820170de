"""Incremental builds (issue 7): after one article changes, the build writes only the files of
docs/ whose bytes changed; every other file is hard-linked from the previous docs/ and keeps
its inode. On a small project made by bench/corpus.py."""

from __future__ import annotations

import os
import signal
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from glose import pipeline
from glose.diagnostics import Report
from glose.output.survey import MANIFEST

from support import REPO, generate
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
    corpus, _ = generate(root)
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


# Pages kept from the last build (glose/output/keys.py): a build that keeps pages must write exactly
# what a build from nothing writes, whatever was edited.


def fresh_docs(root: Path, tmp_path: Path) -> dict[str, bytes]:
    """docs/ as a build from nothing makes it: the same sources, no docs/ and no .glose/."""
    import shutil

    from support import copy_sources

    copy = tmp_path / "fresh"
    shutil.rmtree(copy, ignore_errors=True)
    copy_sources(root, copy)
    pipeline.build(copy, with_site=False)
    return contents(copy / "docs")


def contents(docs: Path) -> dict[str, bytes]:
    return {p.relative_to(docs).as_posix(): p.read_bytes() for p in docs.rglob("*") if p.is_file()}


def kept_and_rendered(root: Path) -> tuple[int, int]:
    """(pages the next build keeps, pages it renders), as generate reports them: the pages
    keyed by output/keys.py (listings, keyed by their context, are left out: is_listing)."""
    from glose.model import KeptPage

    _, pages = generate(root)
    pages = [p for p in pages if not is_listing(p.path)]
    return sum(isinstance(p, KeptPage) for p in pages), sum(not isinstance(p, KeptPage) and bool(p.key) for p in pages)


def is_listing(path: str) -> bool:
    return path in ("index.md", "articles/index.md", "glossary/index.md") or path.startswith("tags/")


def edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text, (path, old)
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


def new_summary(path: Path, summary: str) -> None:
    import yaml

    _, front, body = path.read_text(encoding="utf-8").split("---\n", 2)
    data = yaml.safe_load(front)
    data["summary"] = summary
    path.write_text(f"---\n{yaml.safe_dump(data, allow_unicode=True)}---\n{body}", encoding="utf-8")


def ten_edits(root: Path, article: Path) -> list:
    """(name, change) of eleven kinds of edit: text, mention, titles, a date, notes, an entry's
    summary, site_url, a new and a removed article, a new entry."""
    corpus, _ = generate(root)
    by_slug = {a.article.slug: a for a in corpus.articles}
    annotated = by_slug[slug_of(article)]
    related = annotated.related[0].slug  # an article whose page lists this one
    term = next(t.term for t in corpus.terms if t.term.slug in annotated.counts and not t.term.case_sensitive)
    other_term = next(t.term for t in corpus.terms if t.term.slug not in annotated.counts and not t.term.case_sensitive)
    first_para = annotated.article.paragraphs[0].text
    quote = " ".join(first_para.split()[:3])
    header = article.read_text(encoding="utf-8").split("\n", 1)[0]
    related_path = root / next(a.article.path for a in corpus.articles if a.article.slug == related)
    return [
        ("new text", lambda: article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")),
        ("new mention", lambda: article.write_text(article.read_text(encoding="utf-8") + f"\nxyxy {other_term.term} zyx.\n", encoding="utf-8")),
        ("new title", lambda: edit(article, header, "title Un titre tout neuf")),
        # The charts of the entries it mentions place it by its date.
        ("new date", lambda: edit(article, next(line for line in article.read_text(encoding="utf-8").splitlines()
                                                if line.startswith("date ")), "date 2031-07")),
        ("title of a related article", lambda: related_path.write_text(
            related_path.read_text(encoding="utf-8").replace("title ", "title Encore ", 1)
            if related_path.suffix == ".txt" else related_path.read_text(encoding="utf-8").replace("title: ", "title: Encore ", 1),
            encoding="utf-8")),
        ("notes", lambda: article.with_name(f"{slug_of(article)}.notes.yml").write_text(
            f"- quote: {quote!r}\n  note: Une note.\n", encoding="utf-8")),
        ("summary of an entry", lambda: new_summary(root / term.path, "Autrement dit, une autre définition.")),
        ("site_url", lambda: edit(root / "mkdocs.yml", "site_name: Glose", "site_name: Glose\nsite_url: https://example.org/glose")),
        ("new article", lambda: (root / "corpus" / "nouveau.txt").write_text(
            f"title Nouveau\ndate 2030-01-01\n\n{term.term} et {other_term.term}.\n", encoding="utf-8")),
        ("removed article", lambda: related_path.unlink()),
        # A new form may be found in any text: every page is rendered again.
        ("new entry", lambda: (root / "glossary" / "xyxy.md").write_text(
            "---\nterm: xyxy\nsummary: Un mot de test.\n---\nUn mot de test.\n", encoding="utf-8")),
    ]


def test_kept_pages_are_what_a_fresh_build_writes(project, tmp_path):
    """Edit after edit (see ten_edits), the docs/ of a build that keeps pages is byte for byte the
    docs/ of a build from nothing; and the build did keep most pages, except after a new entry."""
    root, article = project
    for name, change in ten_edits(root, article):
        change()
        kept, rendered = kept_and_rendered(root)
        if name == "new entry":
            assert kept == 0 and rendered > 0
        else:
            assert kept > rendered, (name, kept, rendered)
        pipeline.build(root, with_site=False)
        assert contents(root / "docs") == fresh_docs(root, tmp_path), name


def test_kept_site_files_are_what_a_fresh_build_writes(project, tmp_path):
    """The same for site/ (glose/site/reuse.py): after each of the ten edits, the site/ of a
    build that kept files of the previous site/ is byte for byte that of a build from nothing;
    (The build's own record, site/.glose-site.json, holds dates and inodes: left out.) It
    kept most files, except after mkdocs.yml changed (every page may show it). (After a new
    entry, Glose renders every page of docs/ again, but most come out the same, and site/
    follows the bytes of docs/.)"""
    import shutil

    from glose.site.reuse import STATE_FILE, read_state
    from support import copy_sources

    root, article = project
    first = pipeline.build(root)
    assert first.site_kept == 0
    for name, change in ten_edits(root, article):
        change()
        result = pipeline.build(root)
        files = len(read_state(root / "site").files)  # what MkDocs makes: pages, assets, theme
        if name == "site_url":
            assert result.site_kept == 0, name
        else:
            assert result.site_kept > files // 2, (name, result.site_kept, files)
        copy = tmp_path / "fresh-site"
        shutil.rmtree(copy, ignore_errors=True)
        copy_sources(root, copy)
        pipeline.build(copy)
        published = lambda site: {k: v for k, v in contents(site).items() if k != STATE_FILE}  # noqa: E731
        assert published(root / "site") == published(copy / "site"), name


def test_a_new_version_of_glose_renders_every_page_again(project, monkeypatch):
    from glose.annotate import mentions

    root, _ = project
    assert kept_and_rendered(root)[1] == 0
    from glose.model import KeptPage
    from glose.render import templating

    monkeypatch.setattr(mentions, "code_digest", lambda: "another version")  # in every page key (keys.py)
    monkeypatch.setattr(templating, "code_digest", lambda: "another version")
    _, pages = generate(root)
    assert not any(isinstance(p, KeptPage) for p in pages)


def test_listings_are_kept_while_what_they_show_is_the_same(project):
    """Indexes, tag pages and the home page are keyed by their template's context
    (templating.render_keyed): a sentence more in an article keeps them all; a new title
    renders the listings that show titles again, with it."""
    from glose.model import KeptPage

    root, article = project
    pipeline.build(root, with_site=False)
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    _, pages = generate(root)
    listings = {p.path: p for p in pages if is_listing(p.path)}
    assert {"index.md", "articles/index.md", "glossary/index.md", "tags/index.md"} <= set(listings)
    assert all(isinstance(p, KeptPage) for p in listings.values())
    pipeline.build(root, with_site=False)
    edit(article, "title ", "title Retitré ") if article.suffix == ".txt" else edit(article, "title: ", "title: Retitré ")
    _, pages = generate(root)
    fresh = {p.path: p for p in pages if is_listing(p.path) and not isinstance(p, KeptPage)}
    assert {"index.md", "articles/index.md"} <= set(fresh) and "glossary/index.md" not in fresh
    assert "Retitré" in fresh["articles/index.md"].content.decode("utf-8")


@pytest.mark.parametrize("racy_ns", [None, 0], ids=["just-built", "built-long-ago"])
def test_a_generated_page_edited_by_hand_is_seen_even_with_its_old_size_and_dates(project, monkeypatch, racy_ns):
    """docs/ is read again only for files whose size, dates or inode changed since the last
    build: an edit that keeps the size and puts the old dates back still changes the change
    time, so it is still refused, never overwritten. (RACY_NS 0: as if the build were old,
    so that the dates are trusted.)"""
    from glose.output import survey

    if racy_ns is not None:
        monkeypatch.setattr(survey, "RACY_NS", racy_ns)
    root, article = project
    page = root / "docs" / "articles" / f"{slug_of(article)}.md"
    stat = page.stat()
    data = page.read_bytes()
    page.write_bytes(data.replace(b"<p", b"<P", 1))
    os.utime(page, ns=(stat.st_atime_ns, stat.st_mtime_ns))
    assert page.stat().st_size == stat.st_size and page.stat().st_mtime_ns == stat.st_mtime_ns
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    from glose.diagnostics import InputError

    with pytest.raises(InputError) as failure:
        pipeline.build(root, with_site=False)
    assert [d.path for d in failure.value.report.errors] == [f"docs/articles/{slug_of(article)}.md"]
    assert page.read_bytes() == data.replace(b"<p", b"<P", 1)


def test_survey_reads_only_the_files_that_changed(project, monkeypatch):
    from glose.output import survey

    root, article = project
    monkeypatch.setattr(survey, "RACY_NS", 0)  # as if the last build were old
    read = []
    digest = survey.file_digest
    monkeypatch.setattr(survey, "file_digest", lambda path: read.append(path) or digest(path))
    page = root / "docs" / "articles" / f"{slug_of(article)}.md"
    assert survey.survey(root / "docs", root / pipeline.STATS).is_own(f"articles/{slug_of(article)}.md")
    assert read == []
    page.write_bytes(page.read_bytes() + b"\n")
    found = survey.survey(root / "docs", root / pipeline.STATS)
    assert read == [str(page)] and found.is_hand_written(f"articles/{slug_of(article)}.md")


def test_docs_stats_are_recorded_once_the_previous_docs_are_gone(project, monkeypatch):
    """pipeline._record: the docs/ a build replaced is set aside in .glose/, and removed by
    the next build in another process (files.Removal); docs/'s stats are recorded once that
    removal is over (unlinking changes the change time of the files docs/ shares with the
    trash), so that the survey reads no file again, however late the removal ends: here it
    runs only when waited for."""
    from glose.output import files, survey

    monkeypatch.setattr(files.Removal, "start", lambda self, folders: setattr(self, "folders", folders))
    root, article = project
    for sentence in (NOWHERE, NOWHERE + " Encore."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        pipeline.build(root, with_site=False)
    monkeypatch.setattr(survey, "RACY_NS", 0)  # as if the last build were old
    read = []
    digest = survey.file_digest
    monkeypatch.setattr(survey, "file_digest", lambda path: read.append(path) or digest(path))
    survey.survey(root / "docs", root / pipeline.STATS)
    assert read == []


def test_a_failed_build_records_again_what_its_survey_found(project, monkeypatch):
    """A build that fails after it began removing the last build's trash (whose files docs/
    shares: their change time changes) records the stats of docs/'s files again
    (pipeline._record_unchanged), so that the next survey still reads none of them; a file
    changed by hand meanwhile is left out, and read again."""
    from glose.diagnostics import InputError
    from glose.output import survey

    root, article = project
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    pipeline.build(root, with_site=False)
    assert list((root / ".glose").glob(pipeline.TRASH + "*"))
    (root / "glossary" / "bad.md").write_text("---\nterm: [\n---\n", encoding="utf-8")
    real_survey = survey.survey

    def survey_then_edit(*args, **kwargs):
        found = real_survey(*args, **kwargs)
        csv = next((root / "docs").rglob("*.csv"))
        csv.write_bytes(csv.read_bytes() + b"x\n")  # by hand, during the build
        return found

    monkeypatch.setattr(survey, "survey", survey_then_edit)
    with pytest.raises(InputError):
        pipeline.build(root, with_site=False)
    monkeypatch.setattr(survey, "survey", real_survey)
    assert not list((root / ".glose").glob(pipeline.TRASH + "*"))  # removed, though the build failed
    monkeypatch.setattr(survey, "RACY_NS", 0)  # as if the last record were old
    read = []
    digest = survey.file_digest
    monkeypatch.setattr(survey, "file_digest", lambda path: read.append(path) or digest(path))
    survey.survey(root / "docs", root / pipeline.STATS)
    assert [Path(p).suffix for p in read] == [".csv"]


def test_the_docs_and_site_a_build_replaced_are_removed_by_the_next(project):
    """The previous docs/ and site/ wait in .glose/trash-*, hard links to the files the live
    ones share with them; the next build removes them (in another process) and sets its own
    aside."""
    root, article = project
    trash = lambda: sorted(p.name for p in (root / ".glose").glob(pipeline.TRASH + "*"))  # noqa: E731
    seen = []
    for sentence in (NOWHERE, NOWHERE + " Encore."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        pipeline.build(root)
        seen.append(trash())
        assert len(seen[-1]) == 1 and (root / ".glose" / seen[-1][0] / "old" / "docs" / "articles").is_dir()
    assert seen[0] != seen[1] and (root / ".glose" / seen[1][0] / "old" / "site" / "articles").is_dir()


def identities(folder: Path) -> dict[str, tuple[int, int]]:
    """File -> (inode, change time): a file linked or unlinked anywhere gets a new change time."""
    return {p.relative_to(folder).as_posix(): (p.lstat().st_ino, p.lstat().st_ctime_ns)
            for p in folder.rglob("*") if p.is_file() and not p.is_symlink()}


def test_a_build_after_an_edit_touches_no_unchanged_file(project):
    """publish.recycle: a build starts its docs/ and site/ from those the last build replaced,
    where the files it keeps are already (hard links to the live ones), instead of linking
    them all again into new folders and removing the old ones (each link and unlink sets a
    file's change time). So the files of docs/ and site/ a build keeps are not touched at all:
    the same inode and the same change time. (The search index's files of site/search/ that
    stay the same are linked again: they are written beside the engine's, search_index.py.)"""
    root, article = project
    for sentence in (NOWHERE, NOWHERE + " Encore."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        pipeline.build(root)
    before = {name: identities(root / name) for name in ("docs", "site")}
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE} Enfin.\n", encoding="utf-8")
    result = pipeline.build(root)
    assert result.changed and result.site_kept
    for name in ("docs", "site"):
        after = identities(root / name)
        same_inode = [rel for rel in after if rel in before[name] and after[rel][0] == before[name][rel][0]]
        assert len(same_inode) > (len(after) // 2 if name == "docs" else result.site_kept), name
        assert [rel for rel in same_inode if after[rel] != before[name][rel] and not rel.startswith("search/")] == [], name


def test_what_lies_in_the_trash_never_reaches_docs_or_site(project, tmp_path):
    """The folders a build recycles are .glose/'s, which anyone may have changed: a file there
    that is not the live one (other bytes, a link to a file elsewhere, a link where a folder
    goes, a file more) is removed, never followed or published, and the build writes what a
    build from nothing writes; the files elsewhere are untouched."""
    from glose.site.reuse import STATE_FILE
    from support import copy_sources

    root, article = project
    for sentence in (NOWHERE, NOWHERE + " Encore."):
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        pipeline.build(root)
    [trash] = (root / ".glose").glob(pipeline.TRASH + "*")
    outside = tmp_path / "outside"
    (outside / "folder").mkdir(parents=True)
    (outside / "file.md").write_text("ailleurs\n", encoding="utf-8")
    for name in ("docs", "site"):
        old = trash / "old" / name
        pages = sorted(p for p in (old / "articles").iterdir() if p.is_file())
        pages[0].unlink()
        pages[0].write_text("<script>alert(1)</script>\n", encoding="utf-8")  # another file, not the live one
        pages[1].unlink()
        pages[1].symlink_to(outside / "file.md")
        (old / "articles" / "extra.md").write_text("de trop\n", encoding="utf-8")
        shutil.rmtree(old / "glossary")
        (old / "glossary").symlink_to(outside / "folder", target_is_directory=True)
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE} Enfin.\n", encoding="utf-8")
    pipeline.build(root)
    fresh = copy_sources(root, tmp_path / "fresh")
    pipeline.build(fresh)
    assert contents(root / "docs") == contents(fresh / "docs")
    published = lambda site: {k: v for k, v in contents(site).items() if k != STATE_FILE}  # noqa: E731
    assert published(root / "site") == published(fresh / "site")
    assert (outside / "file.md").read_text(encoding="utf-8") == "ailleurs\n" and not any((outside / "folder").iterdir())


def test_prune_keeps_what_is_asked_and_follows_no_link(tmp_path):
    from glose.output.files import prune

    folder, elsewhere = tmp_path / "staged", tmp_path / "elsewhere"
    (folder / "a" / "b").mkdir(parents=True)
    (folder / "empty").mkdir()
    elsewhere.mkdir()
    (elsewhere / "kept.txt").write_text("x", encoding="utf-8")
    (folder / "a" / "keep.txt").write_text("k", encoding="utf-8")
    (folder / "a" / "b" / "drop.txt").write_text("d", encoding="utf-8")
    (folder / "a" / "link").symlink_to(elsewhere, target_is_directory=True)
    inode = (folder / "a" / "keep.txt").stat().st_ino
    left, folders = prune(str(folder), lambda rel, ino: rel == "a/keep.txt" and ino == inode)
    assert left == {"a/keep.txt"}
    assert sorted(p.relative_to(folder).as_posix() for p in folder.rglob("*")) == ["a", "a/keep.txt"]
    assert folders == {str(folder), str(folder / "a")}
    assert (elsewhere / "kept.txt").read_text(encoding="utf-8") == "x"


_SURVEY_PIDS = """
import os, sys
from pathlib import Path
from glose import pipeline
from glose.output import survey
root, jobs, log = Path(sys.argv[1]), int(sys.argv[2]), sys.argv[3]
real = survey.survey
def logged(*args, **kwargs):
    with open(log, "a", encoding="utf-8") as out:
        out.write(f"{os.getpid()} {os.getppid()}\\n")
    return real(*args, **kwargs)
survey.survey = logged
result = pipeline.build(root, with_site=False, jobs=jobs)
print(os.getpid(), " ".join(result.changed))
"""


def test_the_survey_of_docs_is_taken_in_a_fork_while_the_cache_is_read(project, tmp_path):
    """pipeline._survey_ahead: with two jobs, in a process that runs no thread (a build's: this
    one runs in a new process), the survey of docs/ runs in a fork while the build reads its
    cache, and the build goes on from what it found, as from its own; with one job it is
    taken in the build's process."""
    root, article = project
    for jobs, sentence in ((2, NOWHERE), (1, NOWHERE + " Encore.")):
        log = tmp_path / f"survey-{jobs}"
        before = snapshot(root / "docs")
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        run = subprocess.run([sys.executable, "-c", _SURVEY_PIDS, str(root), str(jobs), str(log)],
                             capture_output=True, text=True, check=True, cwd=REPO)
        pid, changed = run.stdout.split()
        assert changed == f"articles/{slug_of(article)}.md"
        [(surveyed_in, parent)] = [line.split() for line in log.read_text(encoding="utf-8").splitlines()]
        assert (surveyed_in != pid and parent == pid) if jobs == 2 else surveyed_in == pid
        after = snapshot(root / "docs")
        assert {rel for rel in after if before.get(rel) != after[rel]} == {changed}


def test_unreadable_stats_only_cost_time(project):
    root, article = project
    (root / pipeline.STATS).write_text("{not json", encoding="utf-8")
    before = snapshot(root / "docs")
    assert pipeline.build(root, with_site=False).changed == ()
    assert snapshot(root / "docs") == before


# What is written must not depend on how many processes wrote it: glose/parallel.py.
# Workers are forks of a process that runs one thread; elsewhere all is done in the process
# itself. The tests below run both ways.


@pytest.fixture(params=["fork", "in-process"])
def way(request, monkeypatch):
    """Run parallel_map by forks of this process, or as if forking were not safe."""
    from glose import parallel

    if request.param == "fork" and not parallel.fork_is_safe():
        pytest.skip("forks are used on Linux in a process with one thread only: "
                    "test_the_fork_cases_run_in_a_process_without_threads runs them")
    monkeypatch.setattr(parallel, "fork_is_safe", lambda: request.param == "fork")
    return request.param


FORK_CASES = [f"{name}[fork]" for name in (
    "test_parallel_map_keeps_order_and_passes_the_shared_context", "test_worker_error_reaches_the_caller",
    "test_pages_rendered_on_two_processes_are_the_same", "test_docs_are_the_same_whatever_the_jobs",
    "test_a_background_call_runs_in_another_process_and_gives_back_its_result_or_error",
    "test_a_project_read_on_two_processes_is_the_same", "test_standby_workers_prepare_then_run_one_call_each",
    "test_a_site_built_by_the_engine_workers_is_the_one_built_here")] + [
    "test_forking_is_safe_again_right_after_a_pool_shut_down"]


@pytest.mark.skipif(sys.platform != "linux", reason="forks are used on Linux only")
def test_the_fork_cases_run_in_a_process_without_threads():
    """After the browser tests this process runs threads (their servers), and the [fork] cases
    are skipped in it: here they run in a new pytest process, which has none."""
    cases = [f"{__file__}::{name}" for name in FORK_CASES]
    run = subprocess.run([sys.executable, "-m", "pytest", "-q", "-rs", "-p", "no:cacheprovider", *cases],
                         capture_output=True, text=True, cwd=Path(__file__).parent.parent, timeout=600)
    assert run.returncode == 0, run.stdout[-3000:]
    assert f"{len(FORK_CASES)} passed" in run.stdout and "skipped" not in run.stdout, run.stdout[-3000:]


@pytest.mark.skipif(sys.platform != "linux", reason="forks are used on Linux only")
def test_forking_is_safe_again_right_after_a_pool_shut_down():
    """A pool's thread, joined, may still be counted by the kernel for a moment: the next
    fork must not be refused for it (20 times in 50 it was, before fork_is_safe waited)."""
    import multiprocessing
    from concurrent.futures import ProcessPoolExecutor

    from glose import parallel

    if not parallel.fork_is_safe():
        pytest.skip("this process runs threads: test_the_fork_cases_run_in_a_process_without_threads runs it")
    for _ in range(20):
        with ProcessPoolExecutor(1, mp_context=multiprocessing.get_context("fork")) as pool:
            pool.submit(pid_of, 0).result()
        assert parallel.fork_is_safe()


def test_a_project_read_on_two_processes_is_the_same(tmp_path, monkeypatch, way):
    """read_project reads the files its cache does not cover on two processes: the same
    project and the same diagnostics, in the same order, as on one; the cache filled, so that
    the next read reads nothing."""
    from glose import parallel, read
    from glose.cache import Cache
    from glose.read import read_project

    monkeypatch.setattr(parallel, "MIN_ITEMS", 1)
    load_bench_corpus().make_project(tmp_path / "p", articles=12, terms=10, seed=3)
    root = tmp_path / "p"
    (root / "corpus" / "vide.txt").write_text("   \n", encoding="utf-8")  # an error
    (root / "glossary" / "a.md").write_text("---\nterm: A\n---\n", encoding="utf-8")  # no summary
    one, two, three, cache = Report(), Report(), Report(), Cache()
    alone = read_project(root, one, None, 1)
    assert one.errors and len(alone.articles) == 12 and len(alone.terms) >= 10
    for found in (alone.articles, alone.terms):  # each file's own result, in the order of the files
        assert [x.slug for x in found] == sorted(x.slug for x in found) and all(x.slug in x.path for x in found)
    monkeypatch.setattr("glose.cache.RACY_NS", 0)  # the files were written a moment ago
    assert read_project(root, two, cache, 2) == alone and two.items == one.items
    cache.save()  # in memory (no folder): what the next build of `serve` reads from
    for name in ("read_article", "read_term"):
        monkeypatch.setattr(read, name, lambda *args, **kwargs: pytest.fail("read again"))
    assert read_project(root, three, cache, 2) == alone and three.items == one.items


def add_and_pid(offset: int, n: int) -> tuple[int, int]:
    return n + offset, os.getpid()


SET_BY_THE_PARENT: list[str] = []


def set_by_the_parent(n: int) -> list[str]:
    return SET_BY_THE_PARENT


def pid_of(n: int) -> int:
    return os.getpid()


def fail_on_item(bad: int, n: int) -> int:
    if n == bad:
        raise ValueError(f"bad item {n}")
    return n


def slug_and_count(annotated) -> tuple[str, int]:
    return annotated.article.slug, sum(map(len, annotated.mentions))


def test_parallel_map_keeps_order_and_passes_the_shared_context(way):
    from glose import parallel

    items = list(range(parallel.MIN_ITEMS + 31))
    assert parallel.parallel_map(add_and_pid, items, 1, shared=(7,)) == [(n + 7, os.getpid()) for n in items]
    for jobs in (2, 3):
        results = parallel.parallel_map(add_and_pid, items, jobs, shared=(7,))
        assert [n for n, _ in results] == [n + 7 for n in items]
        pids = {pid for _, pid in results}
        if way == "fork":  # this process takes slices too, and the first ones are left to the forks
            assert pids - {os.getpid()}
        else:
            assert pids == {os.getpid()}


def test_parallel_map_stays_in_process_for_few_items_or_one_job():
    from glose import parallel

    few = list(range(parallel.MIN_ITEMS - 1))
    assert {pid for pid in parallel.parallel_map(pid_of, few, 2)} == {os.getpid()}
    many = list(range(parallel.MIN_ITEMS))
    assert {pid for pid in parallel.parallel_map(pid_of, many, 1)} == {os.getpid()}


def test_worker_error_reaches_the_caller(way):
    from glose import parallel

    for failing in range(3):  # with forks, item 0 is in the first fork's first slice, 1 and 2 in slices whoever comes first takes
        with pytest.raises(ValueError, match="bad item"):
            parallel.parallel_map(fail_on_item, list(range(parallel.MIN_ITEMS + 5)), 2, shared=(failing,))


def test_parallel_map_starts_no_fork_of_a_threaded_process():
    """serve and the tests run threads: a fork would copy their locks without them (Python
    3.12+ warns about it), so a threaded process renders in itself."""
    import threading
    import warnings

    from glose import parallel

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", DeprecationWarning)
            results = parallel.parallel_map(add_and_pid, list(range(parallel.MIN_ITEMS)), 2, shared=(0,))
    finally:
        stop.set()
        thread.join()
    assert {pid for _, pid in results} == {os.getpid()}


def test_pages_rendered_on_two_processes_are_the_same(tmp_path, way):
    from glose import parallel
    from glose.annotate.mentions import annotate_article, build_matcher
    from glose.read import read_project

    load_bench_corpus().make_project(tmp_path / "p", articles=parallel.MIN_ITEMS + 10, terms=60, seed=5)
    project = read_project(tmp_path / "p", Report())
    matcher = build_matcher(project.terms)
    serial = tuple(annotate_article(a, matcher) for a in project.articles)
    pages = parallel.parallel_map(slug_and_count, serial, 2)
    assert pages == [(a.article.slug, sum(map(len, a.mentions))) for a in serial]


def test_docs_are_the_same_whatever_the_jobs(tmp_path, way):
    from glose import parallel

    load_bench_corpus().make_project(tmp_path / "p", articles=parallel.MIN_ITEMS + 10, terms=60, seed=6)
    _, serial = generate(tmp_path / "p", jobs=1)
    _, forked = generate(tmp_path / "p", jobs=2)
    assert [(p.path, p.content) for p in forked] == [(p.path, p.content) for p in serial]


def test_a_site_file_edited_by_hand_is_built_again(project):
    """site/ is the build's own: a kept file must still be the one the last build wrote."""
    root, article = project
    pipeline.build(root)
    page = root / "site" / "articles" / f"{slug_of(article)}.html"
    built = page.read_bytes()
    page.write_bytes(built.replace(b"</body>", b"<p>hand edit</p></body>"))
    result = pipeline.build(root)
    assert page.read_bytes() == built
    assert result.site_kept > 0  # the others were kept


@pytest.mark.parametrize("jobs", [1, 2])
def test_kept_site_files_are_not_written_again(project, monkeypatch, jobs):
    """A kept output is a hard link to the live site's file: MkDocs must leave it alone (the
    plugin answers its is_modified), or it would write into the previous site/ through the
    link. After an edit, every file of site/ that is the previous one (same inode) still has
    its date, in one process and in shares."""
    from glose.site import shares
    from glose.site.reuse import read_state

    monkeypatch.setattr(shares, "MIN_PAGES", 1)  # shares even for a small project
    root, article = project
    pipeline.build(root, jobs=jobs)
    site = root / "site"
    files = lambda: {p: os.stat(p) for p in site.rglob("*") if p.is_file()}  # noqa: E731
    for sentence in (NOWHERE, NOWHERE + " Encore."):  # the second build starts from the recycled site/
        before = {path.relative_to(site): (info.st_ino, info.st_mtime_ns) for path, info in files().items()}
        article.write_text(article.read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        result = pipeline.build(root, jobs=jobs)
        after = {path.relative_to(site): (info.st_ino, info.st_mtime_ns) for path, info in files().items()}
        same = [rel for rel in after if before.get(rel, (None,))[0] == after[rel][0]]
        assert result.site_kept > len(read_state(site).files) // 2 and len(same) >= result.site_kept
        assert [rel for rel in same if after[rel] != before[rel]] == []


def test_recorded_site_stats_are_those_of_the_files(project, monkeypatch):
    """After an edit, site/'s recorded stats are every output's own (reuse.record_stats), though
    those of the outputs kept are taken from the previous record instead of looked at again."""
    from glose.site import STATS, reuse

    root, article = project
    pipeline.build(root)
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    result = pipeline.build(root)
    site, target = root / "site", root / STATS
    recorded = reuse.read_stats(target)
    assert result.site_kept > 0 and set(recorded) == {dest for dest in reuse.read_state(site).files if (site / dest).exists()}
    assert recorded == {dest: reuse.signature(os.stat(site / dest)) for dest in recorded}
    outputs, one = set(reuse.read_state(site).files), sorted(recorded)[0]
    looked: list[str] = []
    real_stat = os.stat
    monkeypatch.setattr(reuse.os, "stat", lambda path, *a, **k: looked.append(str(path)) or real_stat(path, *a, **k))
    reuse.record_stats(site, target, kept=frozenset(outputs - {one}))
    monkeypatch.undo()
    unwritten = outputs - set(recorded)  # in MkDocs' list, not copied (hidden files)
    assert sorted(p for p in looked if p.startswith(str(site))) == sorted(os.path.join(site, d) for d in {one, *unwritten})
    assert reuse.read_stats(target) == recorded


def test_a_site_built_in_shares_is_the_one_built_in_one_process(tmp_path, monkeypatch):
    """glose/site/shares.py: with several processes, each renders a share of the pages and the
    shares are merged; site/ must be byte for byte what one process builds, from nothing and
    after an edit that keeps most files."""
    from glose.site import shares

    monkeypatch.setattr(shares, "MIN_PAGES", 1)  # shares even for a small project
    made = load_bench_corpus().make_project(tmp_path / "one", articles=40, terms=30, seed=8)
    (tmp_path / "one" / "docs").mkdir(exist_ok=True)
    (tmp_path / "one" / "docs" / "about.md").write_text("# À propos\n\nUne page écrite à la main.\n", encoding="utf-8")
    import shutil

    shutil.copytree(tmp_path / "one", tmp_path / "two")
    published = lambda root: {k: v for k, v in contents(root / "site").items() if k != ".glose-site.json"}  # noqa: E731
    pipeline.build(tmp_path / "one", jobs=1)
    assert pipeline.build(tmp_path / "two", jobs=2).site_kept == 0
    assert published(tmp_path / "one") == published(tmp_path / "two")
    article = next(p for p in made.paths if p.endswith(".txt"))
    for sentence in (NOWHERE, NOWHERE + " Encore."):  # the second one starts from the recycled site/
        for root in (tmp_path / "one", tmp_path / "two"):
            (root / article).write_text((root / article).read_text(encoding="utf-8") + f"\n{sentence}\n", encoding="utf-8")
        pipeline.build(tmp_path / "one", jobs=1)
        assert pipeline.build(tmp_path / "two", jobs=2).site_kept > 0
        assert published(tmp_path / "one") == published(tmp_path / "two")


@pytest.mark.skipif(sys.platform != "linux", reason="forks are used on Linux only")
def test_finding_related_articles_starts_no_thread():
    """numpy's OpenBLAS starts a thread per core on import; with it, render could not fork."""
    code = ("import os; from glose.annotate.related import related_articles; related_articles(()); "
            "import numpy; print(len(os.listdir('/proc/self/task')))")
    env = {k: v for k, v in os.environ.items() if not k.endswith("_NUM_THREADS")}
    run = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env, check=True)
    assert run.stdout == "1\n"


def test_a_background_call_runs_in_another_process_and_gives_back_its_result_or_error(way):
    """The search index is written by a Background worker while the pages are rendered and
    MkDocs runs: a fork of this process where forking is safe (it inherits the sections:
    nothing to pickle out; no thread left here), a fork server's worker elsewhere."""
    from glose import workers

    big = list(range(100_000))  # a fork inherits it; a fork server's worker gets it pickled
    call = workers.Background(add_and_pid, 5, len(big))
    assert workers._background_task is None  # only the fork's to hold
    if way == "fork":  # no thread here meanwhile (a pool's would be): the pages' renderers can still fork
        assert len(os.listdir("/proc/self/task")) == 1
    total, pid = call.result()
    assert total == len(big) + 5 and pid != os.getpid()
    SET_BY_THE_PARENT.append("set")  # only a fork sees it: a fork server's worker imports this module afresh
    try:
        seen = workers.Background(set_by_the_parent, 0).result()
    finally:
        SET_BY_THE_PARENT.clear()
    assert seen == (["set"] if way == "fork" else [])
    failing = workers.Background(fail_on_item, 3, 3)
    with pytest.raises(ValueError, match="bad item 3"):
        failing.result()
    # stop: a build that failed does not wait for the index (a fork is stopped at once; a
    # fork server's worker, which cannot be, is waited for: it must not write after cleaning up)
    if way == "fork":
        endless = workers.Background(signal.pause)
        endless.stop()
        assert not endless._process.is_alive() and endless._process.exitcode == -signal.SIGTERM
    else:
        workers.Background(add_and_pid, 1, 1).stop()


PREPARED: list[int] = []


def prepare_here() -> None:
    PREPARED.append(os.getpid())


def prepared_and_pid(offset: int, n: int) -> tuple[list[int], int, int]:
    return list(PREPARED), n + offset, os.getpid()


def test_standby_workers_prepare_then_run_one_call_each(way):
    """workers.Standby: forks made first, each preparing (site.engine_workers: MkDocs
    imported) before it runs the one call it is sent, in a process of its own; an error
    reaches the caller; the workers not used are stopped by close. Where a fork is not safe
    there are none, and the caller does the work itself."""
    from glose.workers import Standby

    workers = Standby(3, prepare_here, prepared=2)
    try:
        if way == "in-process":
            assert len(workers) == 0 and Standby(1).__len__() == 0
            return
        assert len(workers) == 3 and PREPARED == []  # prepared in the workers only
        processes = [process for process, _ in workers._workers]
        [(first, total, pid), (second, _, other)] = workers.run(prepared_and_pid, [(5, 1), (0, 0)])
        assert first == [pid] and second == [other] and total == 6 and os.getpid() not in (pid, other) and pid != other
        with pytest.raises(ValueError, match="2 calls for 1 standing workers"):
            workers.run(prepared_and_pid, [(0, 0), (0, 1)])  # never fewer answers than calls
        assert len(workers) == 1 and workers.run(prepared_and_pid, [(0, 0)])[0][0] == []  # the third: not prepared
        workers = Standby(2, prepare_here)
        processes += [process for process, _ in workers._workers]
        with pytest.raises(ValueError, match="bad item 3"):
            workers.run(fail_on_item, [(3, 3)])
        assert len(workers) == 1
    finally:
        workers.close()
    assert not any(process.is_alive() for process in processes) and len(workers) == 0


def test_a_site_built_by_the_engine_workers_is_the_one_built_here(tmp_path, way, monkeypatch):
    """site.engine_workers: with two jobs, the site is built in the workers started at the
    beginning of the build (one, or both as shares): the same site/, byte for byte, as MkDocs
    run in this process (one job), from nothing and after an edit; MkDocs' problems reach
    the report from a worker too."""
    from glose.site import SiteError, shares
    from glose.site import mkdocs as engine

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    real_build, where = engine.build, tmp_path / "engine-pids"

    def build_and_say_where(*args, **kwargs):
        with open(where, "a", encoding="utf-8") as pids:  # from whichever process runs MkDocs
            pids.write(f"{os.getpid()}\n")
        return real_build(*args, **kwargs)

    monkeypatch.setattr(engine, "build", build_and_say_where)
    made = load_bench_corpus().make_project(tmp_path / "a", articles=12, terms=10, seed=4)
    shutil.copytree(tmp_path / "a", tmp_path / "b")
    article = next(p for p in made.paths if p.endswith(".txt"))
    sites = {}
    for name, jobs, pages in (("a", 1, shares.MIN_PAGES), ("b", 2, 1)):
        root = tmp_path / name
        monkeypatch.setattr(shares, "MIN_PAGES", pages)  # "b": from nothing, in two shares
        pipeline.build(root, jobs=jobs)
        monkeypatch.setattr(shares, "MIN_PAGES", shares.MIN_PAGES if name == "a" else 10_000)  # then one worker
        (root / article).write_text((root / article).read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
        pipeline.build(root, jobs=jobs)
        sites[name] = {p.relative_to(root / "site").as_posix(): p.read_bytes()
                       for p in sorted((root / "site").rglob("*")) if p.is_file()}
        pids = where.read_text(encoding="utf-8").split()
        where.unlink()
        here = str(os.getpid())
        if jobs == 1:
            assert pids == [here, here]
        elif way == "fork":  # two shares, then one worker: the workers started with the build
            assert len(set(pids)) == 3 and here not in pids
        else:  # no fork here: two shares in a fork server's workers (without this patch), then here
            assert pids == [here]
    assert sites["a"] == sites["b"] and len(sites["a"]) > 30
    (tmp_path / "b" / "mkdocs.yml").write_text((tmp_path / "b" / "mkdocs.yml").read_text(encoding="utf-8")
                                               + "\nnav:\n  - Ailleurs: nulle-part.md\n", encoding="utf-8")
    with pytest.raises(SiteError) as failed:
        pipeline.build(tmp_path / "b", jobs=2)
    assert "nulle-part.md" in str(failed.value)


def test_in_workers_runs_each_item_in_a_worker_even_beside_a_thread():
    """The site's shares run in workers of their own whether this process has threads or not
    (the search index may be written by a Background worker meanwhile)."""
    import threading

    from glose import workers

    stop = threading.Event()
    thread = threading.Thread(target=stop.wait)
    thread.start()
    try:
        results = workers.in_workers(add_and_pid, [1, 2], shared=(10,))
    finally:
        stop.set()
        thread.join()
    assert [n for n, _ in results] == [11, 12]
    assert os.getpid() not in {pid for _, pid in results}


@pytest.mark.parametrize("background", [False, True], ids=["in-process", "worker"])
def test_search_files_of_unchanged_sections_are_kept_from_the_previous_site(project, tmp_path, monkeypatch, background):
    """glose/site/search_files.py: after a sentence more in one article, the search index's
    text files that hold none of its sections are the previous site's (hard links), the one
    that holds it is written again, also when a worker writes the index (it then gets the
    other sections without their text); site/search/ is byte for byte what a build from
    nothing writes; a file edited by hand is written again."""
    import glose.site
    from support import copy_sources

    if background:
        monkeypatch.setattr(glose.site, "INDEX_IN_BACKGROUND", 0)
    root, article = project
    search = root / "site" / "search"
    inodes = lambda: {p.relative_to(search).as_posix(): os.stat(p).st_ino for p in search.glob("te*/*.js")}  # noqa: E731
    pipeline.build(root, jobs=2)
    before = inodes()
    assert len(before) > 3
    article.write_text(article.read_text(encoding="utf-8") + f"\n{NOWHERE}\n", encoding="utf-8")
    pipeline.build(root, jobs=2)
    after = inodes()
    assert set(after) == set(before)
    assert len([name for name in after if after[name] != before[name]]) == 1
    copy = tmp_path / "fresh"
    copy_sources(root, copy)
    pipeline.build(copy, jobs=2)
    assert contents(search) == contents(copy / "site" / "search")
    kept = next(name for name in after if after[name] == before[name])
    (search / kept).write_text("GloseSearch.text(0, []);\n", encoding="utf-8")
    pipeline.build(root, jobs=2)
    assert contents(search) == contents(copy / "site" / "search")


@pytest.mark.parametrize("jobs", [1, 2])
def test_generated_data_files_are_linked_into_the_site(project, monkeypatch, jobs):
    """The data files Glose generates into docs/ (CSV, decks) are hard-linked into site/, not
    copied; a file the user put into docs/ is copied (site/ never shares an inode with it);
    after an edit, site/ and docs/ still hold what a build from nothing writes."""
    from glose.site import shares

    monkeypatch.setattr(shares, "MIN_PAGES", 1)  # shares even for a small project
    root, article = project
    (root / "docs" / "photo.png").write_bytes(b"\x89PNG a teacher's image")
    pipeline.build(root, jobs=jobs)
    docs, site = root / "docs", root / "site"
    data = sorted(p.relative_to(docs) for p in docs.rglob("*") if p.suffix in (".csv", ".apkg"))
    assert len(data) > 30
    assert all(os.stat(site / rel).st_ino == os.stat(docs / rel).st_ino for rel in data)
    assert os.stat(site / "photo.png").st_ino != os.stat(docs / "photo.png").st_ino
    assert (site / "photo.png").read_bytes() == (docs / "photo.png").read_bytes()
    article.write_text(article.read_text(encoding="utf-8") + "\nUne phrase de plus.\n", encoding="utf-8")
    pipeline.build(root, jobs=jobs)
    assert all(os.stat(site / rel).st_ino == os.stat(docs / rel).st_ino for rel in data)
    fresh = root.with_name("fresh")
    shutil.copytree(root, fresh, ignore=shutil.ignore_patterns("site", ".glose"))
    for rel in set(snapshot(fresh / "docs")) - {"photo.png"}:
        (fresh / "docs" / rel).unlink()
    pipeline.build(fresh, jobs=jobs)
    for folder in ("docs", "site"):
        ours = {p.relative_to(root / folder): p.read_bytes() for p in (root / folder).rglob("*") if p.is_file()}
        theirs = {p.relative_to(fresh / folder): p.read_bytes() for p in (fresh / folder).rglob("*") if p.is_file()}
        assert ours.keys() == theirs.keys() and all(ours[k] == theirs[k] for k in ours), folder


def test_a_data_file_changed_through_site_is_reported_then_made_again(project):
    """A CSV changed in place in site/ is changed in docs/ too (one file, two names): the next
    build says so, names the docs/ file and what to do, and writes nothing; once the file is
    deleted, the build makes it again."""
    from glose.diagnostics import InputError

    root, _ = project
    pipeline.build(root)
    rel = next(p.relative_to(root / "docs") for p in (root / "docs").rglob("*.csv"))
    made = (root / "docs" / rel).read_bytes()
    with open(root / "site" / rel, "ab") as handle:
        handle.write(b"x;y\n")
    with pytest.raises(InputError) as raised:
        pipeline.build(root)
    messages = [str(d) for d in raised.value.report.errors]
    assert messages == [f"docs/{rel.as_posix()}: was changed after Glose generated it (here, or through its other name, "
                        "the same file in site/), and Glose would overwrite the changes; Glose makes it from corpus/ "
                        "and glossary/: keep a copy elsewhere if you need the changes, then delete this file"]
    (root / "docs" / rel).unlink()
    pipeline.build(root)
    assert (root / "docs" / rel).read_bytes() == (root / "site" / rel).read_bytes() == made
