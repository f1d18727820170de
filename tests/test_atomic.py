"""Atomic builds: docs/ and site/ are built in .glose/stage-<pid>/ and swapped in at the end,
so that a failure at any stage (bad input, a MkDocs error, SIGINT or SIGTERM in the middle)
leaves the previous ones exactly as they were; builds of one project run one at a time; and
the build never deletes or changes a file of docs/ that it did not generate."""

from __future__ import annotations

import fcntl
import shutil
import signal
import subprocess
import sys
import time

import pytest

from support import ARTICLE, REPO, TERM_OTAN, run_build_cli, tree_snapshot, write_project

PARAGRAPH = ("L'Otan a activé l'article 4 du traité ; la défense collective de l'Alliance atlantique "
             "est au cœur du sommet, et chaque allié y répond. ")


def big_corpus(count: int) -> dict[str, str]:
    """Enough articles for MkDocs to take a few seconds."""
    return {f"a{i:03}.txt": f"title Article {i}\ndate 2022-02-{1 + i % 28:02}\n\n" + "\n\n".join([PARAGRAPH * 4] * 6) + "\n"
            for i in range(count)}


@pytest.fixture(scope="module")
def big_built(tmp_path_factory):
    """A project of 150 articles, built once."""
    root = write_project(tmp_path_factory.mktemp("big"), corpus=big_corpus(150), glossary={"otan.md": TERM_OTAN})
    code, err = run_build_cli(root, "--quiet")
    assert code == 0, err
    return root


@pytest.fixture
def big(big_built, tmp_path):
    root = tmp_path / "project"
    shutil.copytree(big_built, root, symlinks=True)
    (root / "corpus" / "a000.txt").write_text("title Changé\n\nUn autre texte sur l'Otan.\n", encoding="utf-8")
    return root


def outputs(root) -> dict:
    return {name: tree_snapshot(root / name) for name in ("docs", "site")}


def stages(root) -> list:
    return sorted((root / ".glose").glob("stage-*"))


def start_build(root, *args: str) -> subprocess.Popen:
    return subprocess.Popen([sys.executable, str(REPO / "build.py"), "--project", str(root), "--quiet", *args],
                            stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True)


def wait_for(condition, process: subprocess.Popen, what: str, limit: float = 120.0) -> None:
    """Poll the file system until condition() holds (fail if the build ends first)."""
    deadline = time.monotonic() + limit
    while not condition():
        assert process.poll() is None, f"the build ended before {what}: {process.communicate()}"
        assert time.monotonic() < deadline, f"no {what} after {limit} s"
        time.sleep(0.002)


@pytest.mark.parametrize("signum, code", [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_kill_in_the_middle_leaves_docs_and_site_as_they_were(big, signum, code):
    before = outputs(big)
    process = start_build(big)
    stage = big / ".glose" / f"stage-{process.pid}"
    wait_for(stage.exists, process, "staging folder")
    process.send_signal(signum)
    _, err = process.communicate(timeout=120)
    assert process.returncode == code, err
    assert err.splitlines()[-1] == "glose: interrupted; docs/ and site/ are as they were before this build"
    assert outputs(big) == before
    assert stages(big) == []


def test_a_mkdocs_error_leaves_docs_and_site_as_they_were(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet")[0] == 0
    (root / "docs" / "about.md").write_text("# À propos\n\nVoir [la page](missing.md).\n", encoding="utf-8")
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    before = outputs(root)
    code, err = run_build_cli(root, "--quiet")
    assert code == 1
    lines = err.splitlines()
    assert lines[0].startswith("docs/about.md: MkDocs warning: Doc file 'about.md' contains a link 'missing.md', but the target is not found")
    assert lines[0].endswith("; fix it in that file")
    assert lines[-1] == "mkdocs.yml: MkDocs failed: Aborted with 1 warnings in strict mode!; fix the problems above and build again"
    assert outputs(root) == before
    assert stages(root) == []


def test_a_second_build_waits_for_the_lock(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    before = outputs(root)
    with open(root / ".glose" / "lock", "a+") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)  # as a running build holds it
        process = start_build(root, "--docs-only")
        line = process.stderr.readline()  # blocks until the build says it waits
        assert line == "glose: another build of this project is running; waiting for it to finish…\n"
        assert process.poll() is None and outputs(root) == before and stages(root) == []
    _, err = process.communicate(timeout=120)
    assert process.returncode == 0, err
    assert "Un autre paragraphe." in (root / "docs" / "articles" / "a.md").read_text(encoding="utf-8")


def test_two_builds_at_once_give_the_output_of_one(make_project, tmp_path):
    root = make_project(tmp_path, corpus=big_corpus(40), glossary={"otan.md": TERM_OTAN})
    first, second = start_build(root), start_build(root)
    results = [p.communicate(timeout=300) for p in (first, second)]
    assert [first.returncode, second.returncode] == [0, 0], results
    assert stages(root) == []
    together = {name: {rel: data for rel, (data, _, _) in tree_snapshot(root / name).items()} for name in ("docs", "site")}
    alone = make_project(tmp_path / "alone", corpus=big_corpus(40), glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(alone, "--quiet")[0] == 0
    assert together["docs"] == {rel: data for rel, (data, _, _) in tree_snapshot(alone / "docs").items()}
    assert sorted(together["site"]) == sorted(tree_snapshot(alone / "site"))


def test_hand_written_pages_survive_builds(make_project, tmp_path):
    about = "# À propos\n\nÉcrit à la main.\n"
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE, "b.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN},
                        docs={"about.md": about, "notes/plan.txt": "plan"})
    for _ in range(2):
        kept = {rel: entry for rel, entry in tree_snapshot(root / "docs").items() if not rel.startswith(("articles", "glossary", "assets", "tags", "index", "."))}
        code, err = run_build_cli(root, "--quiet")
        assert code == 0, err
        assert {rel: e for rel, e in tree_snapshot(root / "docs").items() if rel in kept} == kept  # same bytes, inode, date
    assert set(kept) == {"about.md", "notes/plan.txt"}
    assert "Écrit à la main." in (root / "site" / "about.html").read_text(encoding="utf-8")
    (root / "corpus" / "b.txt").unlink()
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    assert not (root / "docs" / "articles" / "b.md").exists()  # generated, no longer generated: removed
    assert (root / "docs" / "about.md").read_text(encoding="utf-8") == about


def test_a_hand_written_page_where_a_page_is_generated_is_an_error(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    (root / "corpus" / "c.txt").write_text(ARTICLE, encoding="utf-8")
    (root / "docs" / "articles" / "c.md").write_text("# Mon texte\n", encoding="utf-8")
    before = outputs(root)
    code, err = run_build_cli(root, "--quiet")
    assert code == 1
    assert err.splitlines() == [
        "docs/articles/c.md: is a hand-written file where Glose generates a page; rename or move it (Glose never overwrites it)",
        "glose: 1 error(s); nothing was written (docs/ and site/ are unchanged)",
    ]
    assert outputs(root) == before


def test_a_generated_page_edited_by_hand_is_never_overwritten(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    page = root / "docs" / "articles" / "a.md"
    page.write_text(page.read_text(encoding="utf-8") + "\nMa remarque.\n", encoding="utf-8")
    before = outputs(root)
    code, err = run_build_cli(root, "--quiet")
    assert code == 1
    assert err.splitlines()[0] == (
        "docs/articles/a.md: was edited by hand after Glose generated it, and Glose would overwrite the changes; "
        "make them in the source file named in its `Generated by Glose` comment, then delete this file")
    assert outputs(root) == before
    page.unlink()  # the advice works
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0 and page.exists()


def test_a_lost_manifest_adopts_identical_pages(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    (root / "docs" / ".glose-manifest.json").unlink()
    before = tree_snapshot(root / "docs")
    code, err = run_build_cli(root, "--quiet", "--docs-only")
    assert code == 0, err
    after = tree_snapshot(root / "docs")
    assert {rel: e for rel, e in after.items() if rel != ".glose-manifest.json"} == before  # not even rewritten


def _cut_swap(root, steps: int):
    """Leave the project as a build killed by SIGKILL after `steps` of the 4 renames of its swap
    leaves it; returns the bytes of the docs/ that build staged (docs/ and site/ are made by a
    real build of the edited sources, then staged)."""
    saved = root.parent / "saved"
    shutil.copytree(root / "docs", saved / "docs", symlinks=True)
    shutil.copytree(root / "site", saved / "site", symlinks=True)
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un nouveau"), encoding="utf-8")
    assert run_build_cli(root, "--quiet")[0] == 0
    stage, trash = root / ".glose" / "stage-999999", root / ".glose" / "stage-999999" / "old"
    trash.mkdir(parents=True)  # the swap's first step: its trash says the staged folders are complete
    for name in ("docs", "site"):
        (root / name).rename(stage / name)
        (saved / name).rename(root / name)
    staged = {rel: data for rel, (data, _, _) in tree_snapshot(stage / "docs").items()}
    renames = [(root / "docs", trash / "docs"), (stage / "docs", root / "docs"),
               (root / "site", trash / "site"), (stage / "site", root / "site")]
    for source, target in renames[:steps]:
        source.rename(target)
    return staged


@pytest.mark.parametrize("then", ["build", "serve"])
@pytest.mark.parametrize("steps", [1, 2, 3, 4])
def test_a_swap_cut_by_sigkill_is_finished_by_build_or_serve_and_keeps_every_hand_written_file(make_project, tmp_path, steps, then):
    """Issue 11, item 13: serve did not recover (it wrote a docs/ without the hand-written pages),
    and the next build, rolling the swap back, deleted docs/mine-new.md written after the cut."""
    from glose import pipeline

    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN}, docs={"about.md": "# À propos\n"})
    assert run_build_cli(root, "--quiet")[0] == 0
    staged = _cut_swap(root, steps)
    (root / "docs").mkdir(exist_ok=True)  # after step 1, docs/ is missing: the user makes it again
    (root / "docs" / "mine-new.md").write_text("# Écrit après la coupure\n", encoding="utf-8")
    if then == "build":
        assert run_build_cli(root, "--quiet", "--docs-only")[0] == 0
    else:
        pipeline.build(root)  # what serve runs after a change
    docs = {rel: data for rel, (data, _, _) in tree_snapshot(root / "docs").items()}
    assert docs.pop("mine-new.md") == "# Écrit après la coupure\n".encode("utf-8")
    assert docs == staged and docs["about.md"] == b"# \xc3\x80 propos\n"
    assert "Un nouveau paragraphe" in (root / "site" / "articles" / "a.html").read_text(encoding="utf-8")  # site/ agrees
    assert stages(root) == [] and not list(root.glob("*.kept-*"))


def test_a_folder_made_by_hand_after_a_cut_is_kept_whole(make_project, tmp_path):
    """What cannot join the docs/ put in place (a file where it has a folder) is kept aside, never deleted."""
    from glose.output.publish import recover

    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet")[0] == 0
    _cut_swap(root, 1)
    (root / "docs").mkdir()
    (root / "docs" / "articles").write_text("un fichier, pas un dossier", encoding="utf-8")
    assert recover(root / ".glose", root) == ["docs", "site"]
    assert (root / "docs.kept-stage-999999" / "articles").read_text(encoding="utf-8") == "un fichier, pas un dossier"
    assert (root / "docs" / "articles" / "a.md").is_file() and stages(root) == []


def test_a_stop_signal_during_the_swap_lets_the_swap_finish(capsys):
    import threading

    from glose.output.publish import signals_deferred

    def interrupt(signum, frame):
        raise KeyboardInterrupt(signum)

    previous = signal.signal(signal.SIGTERM, interrupt)
    try:
        with signals_deferred():
            # To this thread: with other threads alive (Playwright's, in the same test run), a
            # signal sent to the process could be taken by one of them. build.py has none then.
            signal.pthread_kill(threading.get_ident(), signal.SIGTERM)  # held, then dropped
            finished = True
    finally:
        signal.signal(signal.SIGTERM, previous)
    assert finished
    assert capsys.readouterr().err == (
        "glose: stop signal received while the new docs/ and site/ were being put in place; the build finished first\n")


def test_a_file_where_glose_keeps_its_folder_is_an_input_error(make_project, tmp_path):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    (root / ".glose").write_text("not a folder", encoding="utf-8")
    assert run_build_cli(root, "--quiet") == (1, (
        ".glose: is a file where Glose keeps its .glose/ folder; rename or move it\n"
        "glose: 1 error(s); nothing was written (docs/ and site/ are unchanged)\n"))


@pytest.mark.parametrize("where", ["staging", "mkdocs"])
def test_a_full_disk_is_a_message_naming_the_file(make_project, tmp_path, monkeypatch, where):
    """Issue 11, item 12: a full disk while MkDocs wrote site/ ended with "fix the problems above",
    nothing above; while staging, it named the file inside .glose/stage-<pid>/."""
    import errno
    from pathlib import Path

    import mkdocs.commands.build

    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet")[0] == 0
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    before = outputs(root)

    def full(path):
        raise OSError(errno.ENOSPC, "No space left on device", str(path))

    if where == "staging":
        from glose.output import writers

        monkeypatch.setattr(writers, "_write_new", lambda target, data: full(target))
        shown = "docs/articles/a.md"
    else:
        monkeypatch.setattr(mkdocs.commands.build, "build", lambda config, **kw: full(Path(config["site_dir"]) / "articles" / "a.html"))
        shown = "site/articles/a.html"
    assert run_build_cli(root, "--quiet") == (1, (
        f"{shown}: No space left on device; docs/ and site/ are as they were before this build: "
        "check the permissions and the free space, then build again\n"))
    assert outputs(root) == before and stages(root) == []


# -- never write through a link (issue 11, item 2) -------------------------------------------

@pytest.fixture
def outside(tmp_path):
    """A folder outside the project, holding a file named like a generated page."""
    folder = tmp_path / "outside"
    folder.mkdir()
    (folder / "a.md").write_text("le travail de quelqu'un\n", encoding="utf-8")
    return folder


def test_a_link_in_docs_to_a_folder_outside_is_never_written_through(make_project, tmp_path, outside, run_cli):
    """docs/articles linked to a folder outside the project: a build overwrote its a.md and
    added pages there, even when MkDocs then failed."""
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet")[0] == 0
    shutil.rmtree(root / "docs" / "articles")
    (root / "docs" / "articles").symlink_to(outside)
    (root / "docs" / "glossary" / "otan.md").unlink()
    (root / "docs" / "glossary" / "otan.md").mkdir()  # a hand-written folder where a page goes
    (root / "docs" / "glossary" / "otan.md" / "mine.txt").write_text("à moi", encoding="utf-8")
    before, there = outputs(root), tree_snapshot(outside)
    expected = [
        "docs/articles: is a link where Glose writes the pages of articles/, and Glose never writes through a link; "
        "replace it by a real folder, or remove it",
        "docs/glossary/otan.md: is a folder where Glose generates a page; rename or move it (Glose never writes into it)",
    ]
    for command in ("check", "build"):
        code, err = run_cli(root, command, "--quiet") if command == "build" else run_cli(root, command)
        assert code == 1 and err.splitlines()[:-1] == expected, err
    from glose import pipeline
    from glose.diagnostics import InputError

    with pytest.raises(InputError):
        pipeline.build(root)  # what serve runs after a change
    assert tree_snapshot(outside) == there and outputs(root) == before


@pytest.mark.parametrize("name", ["docs", "site", ".glose"])
def test_docs_site_or_glose_as_a_link_is_refused(make_project, tmp_path, outside, run_cli, name):
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    (root / name).symlink_to(outside)
    message = (f"{name}: is a link (to {outside}), and Glose writes {name}/ itself, never through a link; "
               "remove the link (Glose makes the folder)")
    for command in ("check", "build"):
        assert run_cli(root, command) == (1, f"{message}\nglose: 1 error(s); nothing was written (docs/ and site/ are unchanged)\n")
    assert tree_snapshot(outside) == {"a.md": tree_snapshot(outside)["a.md"]} and (root / name).is_symlink()


def test_links_in_glose_own_folder_are_replaced_not_followed(make_project, tmp_path, outside):
    """The lock, the stats, the theme and a staging folder: .glose/ is the build's own."""
    import os

    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    work = root / ".glose"
    work.mkdir()
    for name in ("lock", "docs-stats.json"):
        (work / name).symlink_to(outside / "a.md")
    (work / "theme").symlink_to(outside)
    (work / f"stage-{os.getpid()}").symlink_to(outside)  # this build's own staging folder
    for folder in ("docs", "old/docs"):  # as a swap cut half-way leaves a stage: recovery must not follow
        (outside / folder).mkdir(parents=True)
        (outside / folder / "keep.txt").write_text("à garder", encoding="utf-8")
    there = tree_snapshot(outside)
    code, err = run_build_cli(root, "--quiet")
    assert code == 0, err
    assert tree_snapshot(outside) == there and sorted(p.name for p in outside.iterdir()) == ["a.md", "docs", "old"]
    assert not any(p.is_symlink() for p in work.rglob("*")) and (work / "theme" / "main.html").is_file()


def test_a_read_only_folder_of_site_leaves_no_staging_folder_behind(make_project, tmp_path):
    """Issue 11, item 14: the previous site/ goes to the stage's trash, which could not be emptied
    when a folder of it was read-only (.glose/stage-<pid>/old stayed); that trash is now set
    aside as .glose/trash-*, and the next build removes it, read-only folder and all. Root ignores permissions:
    the build runs without that privilege (setpriv)."""
    import os
    import stat

    setpriv = shutil.which("setpriv")
    if setpriv is None or os.geteuid() != 0:
        pytest.skip("needs setpriv (util-linux), run as root, to take root's privilege away")
    root = make_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    assert run_build_cli(root, "--quiet")[0] == 0
    (root / "site" / "articles").chmod(stat.S_IRUSR | stat.S_IXUSR)
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    unprivileged = [setpriv, "--inh-caps=-all", "--bounding-set=-all", "--", sys.executable, str(REPO / "build.py"),
                    "--project", str(root), "--quiet"]
    run = subprocess.run(unprivileged, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert stages(root) == [] and "Un autre" in (root / "site" / "articles" / "a.html").read_text(encoding="utf-8")
    trash = sorted((root / ".glose").glob("trash-*"))  # the replaced site/, read-only folder and all
    assert len(trash) == 1 and (trash[0] / "old" / "site" / "articles").is_dir()
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un troisième"), encoding="utf-8")
    run = subprocess.run(unprivileged, capture_output=True, text=True)
    assert run.returncode == 0, run.stderr
    assert not trash[0].exists() and len(list((root / ".glose").glob("trash-*"))) == 1
