"""Glose's MkDocs plugin: the engine adapter's hands inside MkDocs' build (mkdocs.py adds it).

- Keeps what it may of the previous site/ (reuse.py): computes the engine and file keys once
  MkDocs knows its files and navigation, and hard-links the outputs that did not change, which
  MkDocs, building "dirty", then skips: the plugin tells it which files to build (each File's
  `is_modified`), so that MkDocs neither looks at the outputs' dates (three stats a file) nor
  needs a file on disk for an output it must leave alone (another share's, shares.py).
- Keeps Material's search plugin from parsing the pages Glose generated: Glose writes their
  search index from its own model (search_index.py); hand-written pages are still indexed by
  Material. Its page-context step is skipped where it would do nothing (_search_context_lighter).
- Hard-links into site/ the data files Glose generated into docs/ (CSV, decks, passages)
  instead of letting MkDocs copy them (_linked).
- Prepared HTML: a region of a page that Glose wrote as finished HTML, between the comments
  `<!-- glose:html -->` and `<!-- /glose:html -->`, is set aside before Markdown and put back
  after it, so that Python-Markdown does not parse again what needs no Markdown (the markers
  are plain comments: another engine renders the region as the raw HTML it is).
"""

from __future__ import annotations

import functools
import os
import re
import secrets
from collections.abc import Iterator, Mapping
from pathlib import Path

import jinja2
from mkdocs.plugins import BasePlugin, event_priority
from mkdocs.structure.files import File, Files
from mkdocs.structure.nav import Link, Navigation, Section
from mkdocs.structure.pages import Page

from ..cache import template_cache
from ..digests import digest
from ..output.files import link_or_copy
from . import frames, quick, reuse


def _modified() -> bool:
    return True


def _unmodified() -> bool:
    return False


def _linked(file: File, dirty: bool = False) -> None:
    """File.copy_file for a data file Glose generated into docs/ (a CSV, a deck, passages), set
    only on files to build (on_nav): hard-linked into site/ instead of copied (4,000 files at
    2,000 articles: 1.6 s of copies), copied where links are not possible. Both names are the
    build's own: the staged docs/ file is never written again (the next build writes a new one
    beside it), and a site/ file is kept later only while it has the stats recorded (reuse.py)."""
    assert file.abs_src_path is not None
    target = file.abs_dest_path
    os.makedirs(os.path.dirname(target), exist_ok=True)
    link_or_copy(file.abs_src_path, target)


_OPEN, _CLOSE = "<!-- glose:html -->\n", "\n<!-- /glose:html -->"


def prepared_regions(text: str) -> Iterator[tuple[int, int, int, int]]:
    """(start, end) of each region of prepared HTML in `text` with its markers, then of its HTML:
    an opening marker starts a line, its region ends at the first closing marker that ends one
    (what `^<!-- glose:html -->\\n(.*?)\\n<!-- /glose:html -->$`, MULTILINE and DOTALL, finds:
    tests/test_site_engine.py; with str.find, 10 times quicker on a glossary page's 40 kB)."""
    search = 0
    while (start := text.find(_OPEN, search)) >= 0:
        if start and text[start - 1] != "\n":
            search = start + 1
            continue
        end = text.find(_CLOSE, start + len(_OPEN))
        while end >= 0 and end + len(_CLOSE) < len(text) and text[end + len(_CLOSE)] != "\n":
            end = text.find(_CLOSE, end + 1)
        if end < 0:
            return
        yield start, end + len(_CLOSE), start + len(_OPEN), end
        search = end + len(_CLOSE)


class GlosePlugin(BasePlugin):
    """Added to every build and preview by the adapter (not configured in mkdocs.yml)."""

    def __init__(self, previous_site: Path | None, stats: reuse.Stats, code: str, known: Mapping[str, str],
                 generated: frozenset[str], share: tuple[int, int] = (0, 1)):
        """`previous_site`: the live site/ whose files may be kept, `stats` its files' as
        recorded after it was built; `code`: the digest of Glose's code; `known`: digests of
        files of docs/ already computed (path -> sha256); `generated`: the pages of docs/ whose
        search entries Glose writes itself; `share`: (k, n) when this build makes only the
        k-th of n shares of the pages (shares.py), the others being left to other processes."""
        super().__init__()
        self.previous_site, self.stats, self.code = previous_site, stats, code
        self.known, self.generated, self.share = known, generated, share
        self.kept: frozenset[str] = frozenset()
        self.state = reuse.SiteState()
        self._files: Files | None = None
        self._stash: dict[str, str] = {}
        self._nonce = secrets.token_hex(8)
        self._token = re.compile(rf"glose-{self._nonce}-\d+")
        self._placed = re.compile(rf"<p>(glose-{self._nonce}-\d+)</p>")
        self._quick = quick.QuickPages(self._nonce)
        self._paragraphs = False  # whether plain paragraphs may be slots (quick.plain_paragraphs)
        self._frames = frames.Frames(self._nonce)

    @event_priority(100)  # before Material's search plugin, whose on_config makes an environment
    def on_config(self, config):
        """Every Jinja environment of the theme, made from here on, gets two things: Material's
        templates compiled once, not on every build (glose/cache.py), and its list of
        templates made without walking hidden folders. MkDocs lists the theme's files to copy
        its assets (add_files_from_theme), walking every folder of the theme: Material's hidden
        .icons/ alone holds 14,000 files, which MkDocs then filters out (it copies no hidden
        file): 0.2 s a build; the same list (tests/test_site_engine.py). Material's search
        plugin makes an environment in its own on_config, to translate its settings: this
        one runs first, else that environment compiled its templates again every build."""
        make_env = config.theme.get_env

        def env_listing_visible_files() -> jinja2.Environment:
            env = make_env()
            env.list_templates = functools.partial(visible_templates, env)
            env.bytecode_cache = env.bytecode_cache or template_cache()
            return env

        config.theme.get_env = env_listing_visible_files
        self._paragraphs = quick.plain_paragraphs(config["markdown_extensions"])
        _search_context_lighter(config.plugins, self.generated)
        return config

    def on_files(self, files: Files, *, config) -> Files:
        self._files = files
        return files

    def on_nav(self, nav: Navigation, *, config, files: Files) -> Navigation:
        """Now that files and navigation are known: the keys, and the outputs kept."""
        docs = Path(config.docs_dir)
        self.state = reuse.SiteState(reuse.engine_key(Path(config.config_file_path), self.code, _nav_key(nav, docs)))
        sources = {}
        inside = os.path.join(os.path.normpath(os.path.abspath(docs)), "")  # strings: 10,000s of files
        for file in files:
            if file.abs_src_path is None:
                continue
            rel = file.src_uri
            if os.path.normpath(file.abs_src_path).startswith(inside):
                key = reuse.file_key(file.abs_src_path, self.known, rel)
            else:
                key = "theme"
            self.state.files[file.dest_uri] = digest(rel, key)
            sources[file.dest_uri] = file.abs_src_path
        if self.share[1] > 1:
            sources = self._mine(files, sources)
        kept: set[str] = set()
        if self.previous_site is not None:
            previous = reuse.read_state(self.previous_site)
            kept = reuse.keep(self.previous_site, previous, self.stats, self.state, Path(config.site_dir), sources)
        self.kept = frozenset(kept)
        for file in files:
            if file.abs_src_path is not None:  # MkDocs' is_modified, answered without looking at site/
                to_build = file.dest_uri in sources and file.dest_uri not in kept
                file.is_modified = _modified if to_build else _unmodified  # type: ignore[method-assign]
                if to_build and file.src_uri in self.known and not file.is_documentation_page():
                    file.copy_file = functools.partial(_linked, file)  # type: ignore[method-assign]
        return nav

    def _mine(self, files: Files, sources: dict[str, str]) -> dict[str, str]:
        """In a build that makes one share of the pages: the sources of this share's outputs
        (every n-th page sorted by output path; static files belong to share 0). The others are
        left to the other shares: MkDocs, building "dirty", skips them (on_nav)."""
        number, count = self.share
        pages = sorted(f.dest_uri for f in files.documentation_pages())
        mine = set(pages[number::count])
        if number == 0:
            mine |= {f.dest_uri for f in files if not f.is_documentation_page()}
        return {dest: source for dest, source in sources.items() if dest in mine}

    def on_page_markdown(self, markdown: str, *, page: Page, config, files: Files) -> str:
        generated = page.file.src_uri in self.generated
        if generated and self._paragraphs:  # the glossary's index
            markdown = quick.entries_as_html(markdown, lambda text: quick.markdown_of(config).convert(text))
        aside = self._set_aside(markdown)
        if generated:
            page.meta["search"] = {**(page.meta.get("search") or {}), "exclude": True}
            found = quick.plan(aside, self._token.fullmatch, self._paragraphs)
            if found is not None:
                page.render = functools.partial(self._render_quick, page, found, aside)  # type: ignore[method-assign]
        return aside

    def _render_quick(self, page: Page, plan: quick.Plan, aside: str, config, files: Files) -> None:
        """Page.render for a page of Glose's that may need no Markdown (quick.py); MkDocs renders
        it when it cannot, or when another plugin changed its Markdown after this one."""
        if page.markdown == aside and self._quick.render(page, plan, self._stash, self._put_back, config, files):
            self._stash.clear()
            return
        Page.render(page, config, files)

    def on_page_content(self, html: str, *, page: Page, config, files: Files) -> str:
        if not self._stash:
            return html
        html = self._put_back(html)
        self._stash.clear()
        return html

    def _put_back(self, html: str) -> str:
        """`html` with the prepared HTML set aside (_set_aside) back in place of its placeholders."""
        return self._placed.sub(lambda m: self._stash.get(m[1], m[0]), html)

    def on_env(self, env: jinja2.Environment, *, config, files: Files) -> jinja2.Environment:
        self._frames.env = env
        return env

    @event_priority(-100)  # after every other plugin's: the context as the template gets it
    def on_page_context(self, context, *, page: Page, config, nav: Navigation):
        if page.file.src_uri in self.generated:
            self._frames.on_context(context, page)
        return context

    @event_priority(100)  # MkDocs' own output, before any other plugin's changes
    def on_post_page(self, output: str, *, page: Page, config) -> str:
        self._frames.on_output(output, page)
        return output

    def on_post_build(self, *, config) -> None:
        reuse.write_state(Path(config.site_dir), self.state)

    def _set_aside(self, markdown: str) -> str:
        """`markdown`, each region of prepared HTML replaced by a placeholder (its HTML stashed)."""
        parts, done = [], 0
        for start, end, inner_start, inner_end in prepared_regions(markdown):
            token = f"glose-{self._nonce}-{len(self._stash)}"
            self._stash[token] = markdown[inner_start:inner_end]
            parts += [markdown[done:start], f"\n{token}\n"]
            done = end
        parts.append(markdown[done:])
        return "".join(parts)


_VALUED_SEARCH_ATTRIBUTE = re.compile(r'data-search-\w+="[^"]+"')
"""What Material's search plugin strips from every page after indexing it (on_page_context)."""


def _search_context_lighter(plugins, generated: frozenset[str]) -> None:
    """Material's search plugin, on each page's context, indexes the page unless it is excluded,
    then strips its `data-search-*="..."` attributes with a regular expression that tries every
    character of the page (0.3 ms an article page of Glose's; about 1 s of a build at 2,000
    articles). For a page Glose generated (excluded: on_page_markdown) holding no such
    attribute, both do nothing: the call is skipped. Every other page goes through Material's
    own method."""
    events = getattr(plugins, "events", {}).get("page_context", [])  # MkDocs' PluginCollection
    origins = getattr(plugins, "_event_origins", None)  # the names its debug log shows
    for position, method in enumerate(events):
        if type(getattr(method, "__self__", None)).__module__ != "material.plugins.search.plugin":
            continue

        def on_page_context(context, *, page: Page, config, nav, _material=method):
            if page.file.src_uri in generated and not _VALUED_SEARCH_ATTRIBUTE.search(page.content or ""):
                return context
            return _material(context, page=page, config=config, nav=nav)

        events[position] = on_page_context
        if isinstance(origins, dict):
            origins[on_page_context] = origins.get(method, "search")


def visible_templates(env: jinja2.Environment, extensions=None, filter_func=None) -> list[str]:
    """Environment.list_templates without the files of hidden folders and hidden files, for a
    theme's FileSystemLoader (any other loader lists as usual)."""
    loader = env.loader
    if not isinstance(loader, jinja2.FileSystemLoader):
        return jinja2.Environment.list_templates(env, extensions, filter_func)
    found = set()
    for root in loader.searchpath:
        for folder, subfolders, names in os.walk(root, followlinks=loader.followlinks):
            subfolders[:] = [d for d in subfolders if not d.startswith(".")]
            for name in names:
                if not name.startswith("."):
                    found.add(os.path.join(folder, name)[len(root):].strip(os.path.sep).replace(os.path.sep, "/"))
    listed = sorted(name[2:] if name[:2] == "./" else name for name in found)
    if extensions is not None:
        listed = [n for n in listed if "." in n and n.rsplit(".", 1)[1] in extensions]
    return [n for n in listed if filter_func(n)] if filter_func is not None else listed


def _nav_key(nav: Navigation, docs: Path) -> str:
    """What the navigation shown on every page is made of: titles and addresses, and, for a
    page listed without a title, its source (the title then comes from its text)."""
    parts: list[str] = []

    def walk(items, depth: int) -> None:
        for item in items:
            if isinstance(item, Section):
                parts.append(f"{depth}section:{item.title}")
                walk(item.children, depth + 1)
            elif isinstance(item, Link):
                parts.append(f"{depth}link:{item.title}:{item.url}")
            else:
                source = item.file.src_uri
                title = item.title if item.title is not None else (docs / source).read_text(encoding="utf-8")
                parts.append(f"{depth}page:{source}:{title}")

    walk(nav.items, 0)
    return digest(*parts)
