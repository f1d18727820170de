"""The project's settings, declared once and read once from mkdocs.yml.

Each option has its place in mkdocs.yml, its default, a one-line doc and a parser that checks
it (MkDocs' `config/config_options.py` is the model). MkDocs' own settings that Glose needs
(`site_name`, `site_url`) are read from the same file; Glose's own settings live under
`extra: glose:`, a place every engine that reads mkdocs.yml passes through untouched. Problems
are reported as `mkdocs.yml:line: ...`, all of them in one run.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml

from .diagnostics import Report
from .i18n import _

CONFIG_FILE = "mkdocs.yml"
"""The settings file at the project's top level."""


class _Loader(yaml.SafeLoader):
    """Reads mkdocs.yml without MkDocs: tags MkDocs defines (`!ENV`, `!relative`,
    `!!python/name:...`) are read as nothing, never run."""


_Loader.add_multi_constructor("!", lambda loader, suffix, node: None)
_Loader.add_multi_constructor("tag:yaml.org,2002:python/", lambda loader, suffix, node: None)


_BIDI = re.compile("[\u202a-\u202e\u2066-\u2069]")
"""Controls that make text show in another order than it is written (in <title> too)."""


def _text(value: Any) -> str:
    if not isinstance(value, (str, int, float)) or isinstance(value, bool):
        raise ValueError(_("write it as plain text"))
    found = _BIDI.search(str(value))
    if found:
        raise ValueError(_("holds U+{code:04X}, an invisible character that reorders the text around it; delete it").format(code=ord(found.group())))
    return str(value).strip()


def _url(value: Any) -> str:
    """An address with a final slash ("" when not set): CSV files link to pages under it."""
    url = _text(value)
    if url and not url.lower().startswith(("http://", "https://")):
        raise ValueError(_("write the site's full address, starting with https://"))
    return url if not url or url.endswith("/") else url + "/"


def _words(value: Any) -> tuple[str, ...]:
    """A list of words (or one line of words separated by commas)."""
    items = value.split(",") if isinstance(value, str) else value
    if not isinstance(items, list) and not isinstance(items, tuple):
        raise ValueError(_("write a list, e.g. [GTIA, CEMA]"))
    return tuple(word for word in (_text(item) for item in items) if word)


@dataclass(frozen=True, slots=True)
class Option:
    """One setting: where it is, its default, what it is for, and how it is checked."""

    path: tuple[str, ...]
    """Keys leading to it in mkdocs.yml."""
    default: Any
    """Its value when mkdocs.yml does not set it."""
    doc: str
    """One line: what it does."""
    parse: Callable[[Any], Any]
    """Turns the written value into the setting, or raises ValueError saying what to write."""


OPTIONS: dict[str, Option] = {
    "site_name": Option(("site_name",), "Glose", "The site's name: the home page's title.", _text),
    "site_url": Option(("site_url",), "", "The site's public address, for absolute links in CSV files.", _url),
    "language": Option(("theme", "language"), "fr", "The site's language: an article in another one is marked as such.", _text),
    "search_separator": Option(("plugins", "search", "separator"), r"[\s\-]+", "What splits words for the search "
                               "index (Material's search plugin setting; the prebuilt index splits alike).", _text),
    "ignore_acronyms": Option(("extra", "glose", "ignore_acronyms"), (), "Acronyms `check` does not warn about, "
                              "besides the common press acronyms (glose/annotate/lint.py PRESS_ACRONYMS).", _words),
}
"""Every setting Glose reads, by the name of its Config attribute."""


@dataclass(frozen=True, slots=True)
class Config:
    """The settings of one project (see OPTIONS for what each does)."""

    site_name: str = OPTIONS["site_name"].default
    """The site's name."""
    site_url: str = OPTIONS["site_url"].default
    """The site's address with a final slash, or ""."""
    language: str = OPTIONS["language"].default
    """The site's language code (Material's theme.language)."""
    search_separator: str = OPTIONS["search_separator"].default
    """The search plugin's word separator (a regular expression)."""
    ignore_acronyms: tuple[str, ...] = OPTIONS["ignore_acronyms"].default
    """Acronyms the acronym warning keeps quiet about, on top of lint.PRESS_ACRONYMS."""


def load_config(root: Path, report: Report) -> Config:
    """The settings of the project at `root`; defaults for what mkdocs.yml does not say, and a
    report (with its line) for what it says wrong."""
    path = root / CONFIG_FILE
    try:
        node = yaml.compose(path.read_text(encoding="utf-8"), Loader=_Loader)
    except (OSError, UnicodeDecodeError, yaml.YAMLError, RecursionError) as err:
        report.error(CONFIG_FILE, getattr(getattr(err, "problem_mark", None), "line", -1) + 1,
                     _("cannot be read ({error}); fix the file (it must be UTF-8 YAML)").format(error=type(err).__name__))
        return Config()
    if not _check_size(node, report):
        return Config()
    values = {}
    for name, option in OPTIONS.items():
        found = _find(node, option.path)
        if found is None:
            continue
        try:
            values[name] = option.parse(_Loader("").construct_object(found, deep=True))
        except ValueError as err:
            report.error(CONFIG_FILE, found.start_mark.line + 1, f"{'.'.join(option.path)}: {err}")
    return Config(**values)


def _find(node: yaml.Node | None, path: tuple[str, ...]) -> yaml.Node | None:
    """The node at `path` in a tree of mappings, or None. In a list (MkDocs' `plugins:`), a
    key names the item that is a mapping of that key (`- search: {separator: ...}`)."""
    for key in path:
        if isinstance(node, yaml.SequenceNode):
            node = next((item for item in node.value if isinstance(item, yaml.MappingNode)
                         and any(isinstance(k, yaml.ScalarNode) and k.value == key for k, _ in item.value)), None)
        if not isinstance(node, yaml.MappingNode):
            return None
        node = next((v for k, v in node.value if isinstance(k, yaml.ScalarNode) and k.value == key), None)
    return node


EXPANDED_MAX = 100_000
"""Values a top-level setting of mkdocs.yml may hold once its YAML aliases are expanded."""


def _check_size(node: yaml.Node | None, report: Report) -> bool:
    """Report each top-level setting whose aliases (`*name`) expand past EXPANDED_MAX values,
    or into themselves: MkDocs, which reads mkdocs.yml after Glose, copies and checks every
    value, and 460 bytes of nested anchors make a billion of them (it never finishes)."""
    if not isinstance(node, yaml.MappingNode):
        return True
    sizes: dict[int, float] = {}
    ok = True
    for key, value in node.value:
        if _expanded_size(value, sizes) > EXPANDED_MAX:
            name = key.value if isinstance(key, yaml.ScalarNode) else _("this setting")
            report.error(CONFIG_FILE, key.start_mark.line + 1,
                         _("{name}: its YAML aliases (`*name`) expand to more than {limit:,} values, "
                           "or into themselves; write the values out, without `&` and `*`").format(name=str(name)[:40], limit=EXPANDED_MAX))
            ok = False
    return ok


def _expanded_size(root: yaml.Node, sizes: dict[int, float]) -> float:
    """How many nodes the tree under `root` holds with every alias expanded: computed once per
    node (a loop, not recursion: nesting may be deep); a node that contains itself is infinite."""
    stack, started = [root], set()
    while stack:
        node = stack[-1]
        if id(node) in sizes:
            stack.pop()
            continue
        children = _children(node)
        if id(node) not in started:
            started.add(id(node))
            stack.extend(c for c in children if id(c) not in sizes)
            if any(id(c) in started and id(c) not in sizes for c in children):
                sizes[id(node)] = float("inf")  # an alias to one of its own ancestors
            continue
        stack.pop()
        sizes[id(node)] = 1 + sum(sizes.get(id(c), float("inf")) for c in children)
    return sizes[id(root)]


def _children(node: yaml.Node) -> list[yaml.Node]:
    if isinstance(node, yaml.SequenceNode):
        return list(node.value)
    if isinstance(node, yaml.MappingNode):
        return [n for pair in node.value for n in pair]
    return []
