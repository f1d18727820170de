"""Tests of glose/site/plugin.py's ways around MkDocs' costs that must not change what it does."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from glose.site.mkdocs import install_theme
from glose.site.plugin import visible_templates
from support import REPO


def test_the_theme_files_listed_without_hidden_folders_are_the_ones_mkdocs_copies(tmp_path, monkeypatch):
    """MkDocs filters the theme's hidden files out of what it copies: listing without walking
    hidden folders (Material's .icons/: 14,000 files) must give it the same files, for the
    shipped project's theme (Material and Glose's overrides) and a theme folder of our own
    with hidden files, a hidden folder and a "./"-style path."""
    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    install_theme(REPO)
    config = load_config(str(REPO / "mkdocs.yml"))
    extra = tmp_path / "overrides"
    for rel in ("assets/a.css", ".hidden/b.js", "assets/.c.js", "sub/.d/e.png", "partials/x.html", "f.txt"):
        (extra / rel).parent.mkdir(parents=True, exist_ok=True)
        (extra / rel).write_text("x", encoding="utf-8")
    config.theme.dirs.insert(0, str(extra))
    env = config.theme.get_env()
    every = Files([])
    every.add_files_from_theme(env, config)
    env.list_templates = lambda *args, **kwargs: visible_templates(env, *args, **kwargs)
    visible = Files([])
    visible.add_files_from_theme(env, config)
    assert sorted(f.src_uri for f in visible) == sorted(f.src_uri for f in every)
    assert {"assets/a.css", "f.txt"} <= {f.src_uri for f in visible}
    assert len(visible) > 20  # Material's own assets are there
    listed = visible_templates(env)
    assert "partials/x.html" in listed and not any(n.startswith(".") or "/." in n for n in listed)
