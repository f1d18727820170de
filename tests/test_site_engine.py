"""Tests of glose/site/plugin.py's ways around MkDocs' costs that must not change what it does."""

from __future__ import annotations

from mkdocs.config import load_config
from mkdocs.structure.files import Files

from glose.site.mkdocs import install_theme
from glose.site.plugin import visible_templates
from support import ARTICLE, REPO, TERM_OTAN, write_project


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


def test_material_search_context_skipped_only_where_it_does_nothing(tmp_path, monkeypatch):
    """Material's search plugin is not called on the context of a page Glose generated unless
    the page holds a `data-search-*="..."` attribute for it to strip (plugin.py): the site is
    byte for byte the one built with Material's method called on every page, an attribute
    written in a definition is stripped, and a hand-written page is indexed by Material."""
    from material.plugins.search.plugin import SearchPlugin

    from glose import pipeline
    from glose.site import plugin

    glossary = {"otan.md": TERM_OTAN, "traite.md": TERM_OTAN.replace("term: Otan", "term: Traité").replace(
        "  - Alliance atlantique\n", "  - pacte\n") + "\nUn traité.\n{: data-search-boost=\"2\" }\n"}
    docs = {"guide.md": "# Guide du professeur\n\nComment lire le corpus.\n"}
    sites, calls = {}, {}
    real = SearchPlugin.on_page_context
    for way in ("material", "skipping"):
        root = write_project(tmp_path / way, corpus={"a.txt": ARTICLE}, glossary=glossary, docs=docs)
        seen = calls[way] = []
        with monkeypatch.context() as patch:
            patch.setenv("NO_MKDOCS_2_WARNING", "1")
            patch.setattr(SearchPlugin, "on_page_context", lambda self, context, *, page, config, nav: seen.append(
                page.file.src_uri) or real(self, context, page=page, config=config, nav=nav))
            if way == "material":
                patch.setattr(plugin, "_search_context_lighter", lambda plugins, generated: None)
            pipeline.build(root, jobs=1)
        sites[way] = {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}
    assert sites["material"] == sites["skipping"]
    assert sorted(calls["skipping"]) == ["glossary/index.md", "glossary/traite.md", "guide.md"]  # the definition is on both
    assert len(calls["material"]) > 5
    traite = sites["skipping"]["glossary/traite.html"].decode("utf-8")
    assert "Un traité." in traite and "data-search-boost" not in traite
    assert b"Comment lire le corpus" in sites["skipping"]["search/table/0.js"]  # from Material's entry


def test_a_second_build_compiles_no_template(tmp_path, monkeypatch):
    """Every environment of the theme keeps its compiled templates between builds (plugin.py's
    on_config, which runs before Material's search plugin makes one to translate its
    settings: its language partials were compiled again on every build)."""
    import jinja2

    from glose import pipeline

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "user-cache"))
    root = write_project(tmp_path / "p", corpus={"a.txt": ARTICLE}, glossary={"otan.md": TERM_OTAN})
    compiled = []
    real = jinja2.Environment.compile
    monkeypatch.setattr(jinja2.Environment, "compile", lambda self, source, name=None, *args, **kwargs: compiled.append(
        name) or real(self, source, name, *args, **kwargs))
    pipeline.build(root, jobs=1)
    assert "partials/language.html" in compiled and "main.html" in compiled  # the first build compiles them
    compiled.clear()
    (root / "corpus" / "a.txt").write_text(ARTICLE.replace("Un second", "Un autre"), encoding="utf-8")
    pipeline.build(root, jobs=1)
    assert compiled == []
