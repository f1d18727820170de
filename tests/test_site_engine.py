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


QUICK_TITLES = (
    "Un article ordinaire",
    "Invasion de l'Ukraine : l'Otan active ses plans (1949-2022) !",  # punctuation Glose writes as entities
    "2\u00a0000 soldats et 40\u202f% de plus ?",  # no-break spaces, a narrow one
    "Vocabulaire",  # the slug of the vocabulary's heading: the title's id becomes vocabulaire_1
    "« … » — ?",  # no letter: an empty slug
    "Ελληνικά 2022 : Paix 🕊 et ça",
    "Le *gras*, le `code`, [un lien](x.md) et <b>rien</b> & #1 {: .x }",  # Markdown and HTML, shown as typed
)


def _quick_project(tmp_path):
    corpus = {}
    for n, title in enumerate(QUICK_TITLES):
        text = "Un paragraphe sans terme." if n in (0, 4) else "L'Otan se réunit aujourd'hui."
        corpus[f"a{n}.txt"] = f"title {title}\ndate 2022-02-2{n}\n\n{text}\n\nUn second paragraphe.\n"
    corpus["notes.md"] = "# Un article en Markdown\n\nL'Otan se réunit.\n\n- une liste\n- de *Markdown*\n"
    return write_project(tmp_path, corpus=corpus, glossary={"otan.md": TERM_OTAN, **QUICK_ENTRIES})


def _entry(name: str, definition: str) -> str:
    return f"---\nterm: {name}\nsummary: Une entrée de test.\n---\n{definition}\n"


QUICK_ENTRIES = {
    # plain paragraphs, links to other entries, no-break spaces, parentheses, quotes: quick
    "traite.md": _entry("Traité", "Un accord écrit\u00a0: l'Otan (1949) en est un « exemple » !\n\nÀ 100 % ; voir l'Alliance atlantique."),
    "pacte.md": _entry("Pacte", "Un *accord* entre États.\n\n- une liste\n- de Markdown"),  # Markdown of its own
    "paix.md": _entry("Paix", "La paix est un état.\nUne seconde ligne du même paragraphe."),  # two lines: to MkDocs
    "zone.md": _entry("Zone", "1. Une liste numérotée qui commence par un chiffre."),
    "accord.md": _entry("Accord", "Un accord & un autre, `du code`, <b>du HTML</b>, [un lien](otan.md)."),
}


def _site_bytes(root):
    return {p.relative_to(root / "site").as_posix(): p.read_bytes() for p in (root / "site").rglob("*") if p.is_file()}


def test_article_pages_rendered_from_their_shape_are_the_ones_mkdocs_renders(tmp_path, monkeypatch):
    """An article page of Glose's (a title, prepared HTML, headings that set their ids) is
    rendered from its shape (quick.py) without Python-Markdown: the site is byte for byte the
    one MkDocs renders itself, for titles with entities, no-break spaces, an id taken by a
    heading, no letter at all, Greek, an emoji, and Markdown and HTML written as text; the
    pages of every article but the one holding a Markdown list were rendered that way, and so
    were the glossary pages whose definition is plain paragraphs (not those holding Markdown,
    a paragraph of two lines, a list, an ampersand, code, HTML or a link), and the entries of
    the glossary's index of the same kind (entries_as_html)."""
    from glose import pipeline
    from glose.site import quick

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    real_render, rendered, learnt = quick.QuickPages.render, [], []
    real_learn = quick.QuickPages._learn

    def counting(self, page, *args):
        return real_render(self, page, *args) and not rendered.append(page.file.src_uri)

    def learning(self, *args):
        shape = real_learn(self, *args)
        return learnt.append(shape) or shape

    real_entries, entries = quick.entries_as_html, []

    def entries_counted(text, check):
        done = real_entries(text, check)
        return entries.append(done.count('<!-- glose:html -->\n<details class="glose-entry">')) or done

    sites = {}
    for way in ("mkdocs", "quick"):
        root = _quick_project(tmp_path / way)
        with monkeypatch.context() as patch:
            patch.setattr(quick.QuickPages, "render", counting)
            patch.setattr(quick.QuickPages, "_learn", learning)
            patch.setattr(quick, "entries_as_html", entries_counted)
            if way == "mkdocs":
                patch.setattr(quick, "plan", lambda text, is_token, paragraphs=False: None)
                patch.setattr(quick, "entries_as_html", lambda text, check: text)
            pipeline.build(root, jobs=1)
        sites[way] = _site_bytes(root)
    assert max(entries) == 2  # the glossary's index: Otan and Traité as HTML, the others Markdown
    assert sites["quick"] == sites["mkdocs"]
    articles = {f"articles/{p.stem}.md" for p in (tmp_path / "quick" / "project" / "docs" / "articles").glob("*.md")}
    assert set(rendered) == articles - {"articles/index.md", "articles/notes.md"} | {"glossary/otan.md", "glossary/traite.md"}
    assert len(learnt) >= 3 and all(learnt)  # with and without a vocabulary, a glossary page: each checked once
    page = sites["quick"]["articles/a3.html"].decode("utf-8")
    assert '<h1 id="vocabulaire_1">Vocabulaire</h1>' in page and 'id="vocabulaire"' in page
    assert "<b>rien</b>" not in sites["quick"]["articles/a6.html"].decode("utf-8")


def test_a_shape_that_renders_otherwise_than_mkdocs_is_not_used(tmp_path, monkeypatch):
    """The first page of each shape is rendered both ways (quick.py): when they differ (here a
    title id made wrong on purpose) the shape is dropped and MkDocs renders every page of it."""
    from glose import pipeline
    from glose.site import quick

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    sites = {}
    for way in ("mkdocs", "wrong"):
        root = _quick_project(tmp_path / way)
        with monkeypatch.context() as patch:
            if way == "mkdocs":
                patch.setattr(quick, "plan", lambda text, is_token, paragraphs=False: None)
            else:
                real = quick.QuickPages._title_id
                patch.setattr(quick.QuickPages, "_title_id", lambda self, *args: real(self, *args) + "-x")
            pipeline.build(root, jobs=1)
        sites[way] = _site_bytes(root)
    assert sites["wrong"] == sites["mkdocs"]


def test_only_pages_of_the_quick_form_have_a_plan():
    """quick.plan: a title Glose escaped, placeholders, its comment and headings with ids; any
    other line, or a title holding Markdown, a tab or a control character, leaves the page to
    MkDocs."""
    from glose.site.quick import plan

    def token(line):
        return line.startswith("glose-n-")

    page = ("# Un titre&#58; l&#39;Otan\n\n<!-- Generated by Glose from corpus/a.txt: edit that file, not this one. -->\n\n"
            "glose-n-0\n\nglose-n-1\n\n## Vocabulaire { #vocabulaire .glose-annex data-search-exclude }\n\nglose-n-2\n")
    found = plan(page, token)
    assert found is not None and found.title == "Un titre&#58; l&#39;Otan"
    assert found.shape == ("<!---->", "", "## Vocabulaire { #vocabulaire .glose-annex data-search-exclude }", "")
    assert found.slots[1:] == (("glose-n-0", "glose-n-1"), ("glose-n-2",))
    for other in ("Un paragraphe de Markdown.", "## Vocabulaire", "- une liste", "<div>x</div>"):
        assert plan(page + "\n" + other + "\n", token) is None
    for title in ("Un *titre*", "Un titre:", "Un\ttitre", "Un titre\u0007", " Un titre", "Un  titre", "<b>Un</b>", "Un &amp; deux"):
        assert plan(page.replace("Un titre&#58; l&#39;Otan", title), token) is None
    assert plan("Pas de titre\n\nglose-n-0\n", token) is None


def _framed_site(tmp_path, monkeypatch, way, frames_on_context=None):
    """The site of _quick_project built with frames (frames.py), or without (way "mkdocs"), and
    the pages that were rendered from a frame."""
    from glose import pipeline
    from glose.site import frames

    monkeypatch.setenv("NO_MKDOCS_2_WARNING", "1")
    real, framed = frames_on_context or frames.Frames.on_context, []

    def counting(self, context, page):
        real(self, context, page)
        if "glose_frame" in context:
            framed.append(page.file.src_uri)

    root = _quick_project(tmp_path / way)
    with monkeypatch.context() as patch:
        patch.setattr(frames.Frames, "on_context", counting if way != "mkdocs" else lambda self, context, page: None)
        pipeline.build(root, jobs=1)
    return _site_bytes(root), framed


def test_pages_rendered_from_their_frame_are_the_ones_material_renders(tmp_path, monkeypatch):
    """Glose's pages out of the navigation are their frame's HTML with their own title, content,
    address and table of contents put in (frames.py): the site is byte for byte the one MkDocs
    and Material render, for titles with entities, no-break spaces, Greek, an emoji, Markdown
    and HTML written as text; articles with and without a vocabulary, in two folders of the same
    depth (articles/, tags/: their links to other pages differ) each learn their own frame."""
    plain, none = _framed_site(tmp_path, monkeypatch, "mkdocs")
    framed_site, framed = _framed_site(tmp_path, monkeypatch, "frames")
    assert framed_site == plain and not none
    # a0 and a4 (no vocabulary) and a1 and a2 (one) are the first and second of their frames,
    # rendered by Material (the frame learnt from the second, and compared); the others use a
    # frame, whatever their title; so do glossary pages, but the first two.
    assert {"articles/a3.md", "articles/a5.md", "articles/a6.md", "articles/notes.md"} <= set(framed)
    assert not {"articles/a0.md", "articles/a1.md", "articles/a2.md", "articles/a4.md", "index.md"} & set(framed)
    assert len([page for page in framed if page.startswith("glossary/")]) >= 3
    page = framed_site["articles/a6.html"].decode("utf-8")
    assert "<b>rien</b>" not in page and "&lt;b&gt;rien&lt;/b&gt;" in page


def test_a_frame_that_renders_otherwise_than_material_is_not_used(tmp_path, monkeypatch):
    """The page each frame is learnt from is rendered both ways: when they differ (here a frame that
    puts in a title with a word added) the frame is dropped and Material renders every
    page of it, and a frame whose HTML shows a marker in a form it does not know is not made."""
    from glose.site import frames

    real_values = frames.Frames._values
    monkeypatch.setattr(frames.Frames, "_values", lambda self, page: {**real_values(self, page), "title": frames._text_forms(page.title + " x")})
    wrong, framed = _framed_site(tmp_path, monkeypatch, "wrong")
    monkeypatch.undo()
    plain, _ = _framed_site(tmp_path, monkeypatch, "mkdocs")
    assert wrong == plain and not framed

    mark = "glosen"
    markers = {"title": frames._text_forms(f"{mark}T<i></i>&amp;x"), "content": (f"{mark}C",)}
    assert len(set(markers["title"])) == 4
    known = frames._split(f"<title>{markers['title'][3]}</title><h1>{markers['title'][0]}</h1>{mark}C", markers, mark)
    assert known is not None and known.fill({"title": frames._text_forms("L&#39;Otan <b>"), "content": ("x",)}) == (
        "<title>L&#39;Otan</title><h1>L&#39;Otan <b></h1>x")
    assert frames._split(f"<title>{mark.upper()}T</title>{mark}T&lt;I&gt;", markers, mark) is None
    assert frames._split(f"<a href='/{mark}C'>{mark}C%20</a>", {"content": (f"{mark}C ",)}, mark) is None


def test_prepared_regions_are_the_ones_the_pattern_finds():
    """plugin.prepared_regions finds with str.find what the pattern it replaced found, on every
    arrangement of markers, text and line ends."""
    import random
    import re

    from glose.site.plugin import prepared_regions

    pattern = re.compile(r"^<!-- glose:html -->\n(.*?)\n<!-- /glose:html -->$", re.MULTILINE | re.DOTALL)
    pieces = ["<!-- glose:html -->", "<!-- /glose:html -->", "\n", "\n", "x", "<p>", " "]
    rng = random.Random(15)
    for _ in range(20000):
        text = "".join(rng.choice(pieces) for _ in range(rng.randint(0, 12)))
        assert [(m.start(), m.end(), m.start(1), m.end(1)) for m in pattern.finditer(text)] == list(prepared_regions(text))


def test_a_plain_paragraph_is_what_markdown_makes_of_it():
    """quick.plan takes a paragraph as a slot only if Markdown (with the extensions it knows)
    would make `<p>` + the line + `</p>` of it: checked on random lines of French text,
    punctuation, markup characters and Glose's term links; any other extension leaves every
    paragraph to Markdown."""
    import random

    import markdown

    from glose.site import quick

    extensions = ["toc", "tables", "fenced_code", "attr_list", "md_in_html", "admonition", "pymdownx.details"]
    assert quick.plain_paragraphs(extensions) and not quick.plain_paragraphs([*extensions, "smarty"])
    md = markdown.Markdown(extensions=extensions)
    link = '<a class="term" data-term="otan" href="../glossary/otan.html" aria-describedby="glose-def-otan">{}</a>'
    pieces = [*"aéÀ«» .,;:?!'\"()-/%$@+019’…", "\u00a0", "\u202f", "  ", "---", "1. ", "- ", "* ", "#", "(c)", ":)",
              "http://x.fr", "<", "&", "&amp;", "&#39;", "[", "]", "_", "*", "`", "{", "}", "|", "~", "^", "=", "\\",
              "<b>", "![", "\t", "\u200b", link.format("l'Otan"), link.format("O*tan*")]
    rng = random.Random(15)
    taken = 0
    for _ in range(20000):
        line = rng.choice("aÀ«1<") + "".join(rng.choice(pieces) for _ in range(rng.randint(0, 20)))
        block = quick._paragraph_html(line)
        md.reset()
        if block is not None:
            taken += 1
            assert block == md.convert(line) == f"<p>{line}</p>", line
    assert taken > 1000
