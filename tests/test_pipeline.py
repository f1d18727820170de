"""The pipeline's own choices: the home page gives way to a hand-written one; static assets
are mirrored into docs/."""

from __future__ import annotations

from pathlib import Path

from glose import pipeline
from glose.output.survey import read_manifest
from glose.site.scripts import scripts
from support import ARTICLE, TERM_OTAN, write_project


def test_hand_written_home_page_replaces_the_generated_one(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN},
                         docs={"index.md": "# Ma classe\n\nBienvenue.\n"})
    pipeline.build(root, with_site=False)
    assert (root / "docs" / "index.md").read_text(encoding="utf-8") == "# Ma classe\n\nBienvenue.\n"
    assert "index.md" not in read_manifest(root / "docs")
    assert "articles/index.md" in read_manifest(root / "docs")


def test_generated_home_page_stays_the_build_s_own(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    pipeline.build(root, with_site=False)  # the second build must not take it for hand-written
    assert "index.md" in read_manifest(root / "docs")
    assert "Un article" in (root / "docs" / "index.md").read_text(encoding="utf-8")


def test_static_assets_are_mirrored(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    package = Path(pipeline.__file__).parent / "site" / "static"
    mirrored = [source for source in package.rglob("*") if source.is_file()]
    assert len(mirrored) >= 2  # the styles and the iframe worker at least
    for source in mirrored:
        rel = source.relative_to(package).as_posix()
        assert (root / "docs" / rel).read_bytes() == source.read_bytes(), rel


def test_an_article_in_another_language_is_marked_with_it(tmp_path: Path) -> None:
    """`lang` in a header marks the article's text, for screen readers and hyphenation; an
    article in the site's language (theme.language, fr) is left as it is."""
    english = "title In English\nlang en\n\nThe Otan met today.\n"
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE, "en.txt": english}, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    assert '<div lang="en" markdown>' in (root / "docs" / "articles" / "en.md").read_text(encoding="utf-8")
    page = (root / "docs" / "articles" / "a.md").read_text(encoding="utf-8")
    assert "<div lang=" not in page and "<p lang=" not in page  # (its vocabulary's English column has lang="en")


def test_assembled_scripts_are_written(tmp_path: Path) -> None:
    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    for script in scripts():
        assert (root / "docs" / script.path).read_bytes() == script.content, script.path
    assert "assets/glose/glose.js" in read_manifest(root / "docs")


def test_the_site_builds_from_relative_paths(tmp_path, monkeypatch):
    """glose.site.build_site given paths relative to the current folder (as bench/build.py
    does): MkDocs would read a relative docs/ against mkdocs.yml's folder."""
    from glose.site import build_site

    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    pipeline.build(root, with_site=False)
    monkeypatch.chdir(tmp_path)
    relative = root.relative_to(tmp_path)
    build_site(relative / "mkdocs.yml", relative / "docs", relative / "elsewhere")
    assert (root / "elsewhere" / "articles" / "a.html").is_file()


def test_a_build_freezes_its_long_lived_objects_only_while_it_runs(tmp_path: Path, monkeypatch) -> None:
    """pipeline._long_lived: the cache and the pages are out of the garbage collector's reach
    while the build runs (frozen), and nothing stays frozen after it, whether it succeeded or
    failed: a process that builds again and again (serve, the tests) collects what it left."""
    import gc

    import pytest

    from glose.diagnostics import InputError

    root = write_project(tmp_path, corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    frozen: list[int] = []
    original = pipeline.writers.stage
    monkeypatch.setattr(pipeline.writers, "stage", lambda *a: frozen.append(gc.get_freeze_count()) or original(*a))
    pipeline.build(root, with_site=False)
    assert frozen and frozen[0] > 0
    assert gc.get_freeze_count() == 0
    (root / "glossary" / "bad.md").write_text("---\nterm: [\n---\n", encoding="utf-8")
    with pytest.raises(InputError):
        pipeline.build(root, with_site=False)
    assert gc.get_freeze_count() == 0
