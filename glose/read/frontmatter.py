"""YAML front matter: safe loading only, plain values only, every key's line kept, duplicate
keys refused. Any YAML problem becomes a diagnostic at its file line, never an exception."""

from __future__ import annotations

import re
from dataclasses import dataclass

import yaml

from ..diagnostics import Report
from ..model import Lines
from ..i18n import _

_STR, _BOOL, _NULL = "tag:yaml.org,2002:str", "tag:yaml.org,2002:bool", "tag:yaml.org,2002:null"
_PLAIN_TAGS = {_STR, _BOOL, _NULL, "tag:yaml.org,2002:seq", "tag:yaml.org,2002:map"}


class _Loader(yaml.SafeLoader):
    """SafeLoader that reads every plain value as text except true, false and null.

    YAML 1.1 would turn `term: No` into False, `english: 1e3` into 1000.0, `term: 010` into 8
    and `date: 2022-02-30` into an exception: in front matter written by hand, text is text.
    No merge keys (`<<`) either: every key must be written where it applies.
    """

    yaml_implicit_resolvers: dict = {}


_Loader.add_implicit_resolver(_BOOL, re.compile(r"^(?:true|True|TRUE|false|False|FALSE)$"), list("tTfF"))
_Loader.add_implicit_resolver(_NULL, re.compile(r"^(?:~|null|Null|NULL|)$"), ["~", "n", "N", ""])


try:  # libyaml's parser, when PyYAML was built with it
    from yaml import CSafeLoader as _FastBase
except ImportError:  # pragma: no cover - a PyYAML without libyaml
    from yaml import SafeLoader as _FastBase  # type: ignore[assignment]


class _FastLoader(_FastBase):
    """The same rules on libyaml's parser when PyYAML has it: 4-5 times faster (1,000 glossary
    entries: about 0.4 s of parsing with _Loader). Problems are parsed again with _Loader, whose
    messages the hints below know."""

    yaml_implicit_resolvers = _Loader.yaml_implicit_resolvers


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML block at the top of a Markdown file, and where things are in the file."""

    data: dict
    """The mapping: str keys; values are str, bool, None, or lists and dicts of them."""
    lines: Lines
    """Where each key and each item of a list is in the file."""
    body: str
    """The text after the closing `---`."""
    body_line: int
    """1-based file line where the body starts."""


def split_front_matter(text: str, shown: str, report: Report) -> FrontMatter | None:
    """Parse `---` YAML `---` at the top of text; a file without it has empty data."""
    lines = text.split("\n")
    if lines[0].strip() != "---":
        return FrontMatter({}, Lines(), text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.error(shown, 1, _("front matter is not closed; add a line `---` after the last key"))
        return None
    body = "\n".join(lines[end + 1 :])
    node = compose_yaml("\n".join(lines[1:end]), shown, report, first_line=2)
    if node is False:
        return None
    if node is None:
        return FrontMatter({}, Lines(), body, end + 2)
    if not isinstance(node, yaml.MappingNode):
        report.error(shown, node.start_mark.line + 2, _("front matter must be `key: value` lines; write each field as `name: value`"))
        return None
    data, positions = _read_mapping(node, shown, report)
    if data is None:
        return None
    return FrontMatter(data, positions, body, end + 2)


def compose_yaml(source: str, shown: str, report: Report, first_line: int = 1, what: str = ""):
    """The YAML node tree of source (None when empty), or False after reporting the problem
    at its file line; `first_line` is the file line of source's first line; `what`, the name
    messages give it (the front matter by default). Never raises."""
    what = what or _("front matter")
    if "\t" not in source and "\ufeff" not in source:  # libyaml lets these through, _Loader does not
        try:
            return _without_aliases(yaml.compose(source, Loader=_FastLoader), source, shown, report, first_line, what)
        except (yaml.YAMLError, RecursionError):
            pass  # parse again with _Loader for its messages
    try:
        return _without_aliases(yaml.compose(source, Loader=_Loader), source, shown, report, first_line, what)
    except yaml.MarkedYAMLError as err:
        report.error(shown, _error_line(err, first_line), _("{what} is not valid YAML ({problem}); {fix}").format(what=what, problem=_explain(err), fix=_fix(err)))
    except yaml.reader.ReaderError as err:
        line = source[: err.position].count("\n") + first_line
        report.error(shown, line, _("{what} holds the invisible character U+{code:04X}; delete it").format(what=what, code=err.character))
    except (yaml.YAMLError, RecursionError) as err:
        report.error(shown, first_line, _("{what} cannot be read ({error}); write plain `key: value` lines").format(what=what, error=type(err).__name__))
    return False


def _without_aliases(node, source: str, shown: str, report: Report, first_line: int, what: str):
    """The node, or False after reporting the first alias (`*name`). Anchors and aliases have
    no use in a few fields written by hand, and 460 bytes of nested ones expand to billions of
    values as soon as anything turns the value into text (a message quoting it, say)."""
    if node is None or "*" not in source:  # no alias without a star: the usual case costs nothing
        return node
    for event in yaml.parse(source, Loader=_Loader):
        if isinstance(event, yaml.AliasEvent):
            anchor = event.anchor or ""
            name = anchor if len(anchor) <= 30 else anchor[:29] + "…"
            report.error(shown, (event.start_mark.line if event.start_mark else 0) + first_line,
                         _("{what} uses a YAML alias (`*{name}`); write the value itself "
                           "(anchors `&` and aliases `*` are not used here)").format(what=what, name=name))
            return False
    return node


def plain_value(node: yaml.Node, shown: str, report: Report, first_line: int = 1) -> tuple[bool, object]:
    """(True, value) for a node of plain text, true/false/null, lists and mappings; (False,
    None) after reporting a YAML tag or a value Python cannot build. Never raises."""
    if not _check_tags(node, shown, report, first_line):
        return False, None
    errors = len(report.errors)
    value = _construct(node, shown, node.start_mark.line + first_line, report)
    return len(report.errors) == errors, value


def _error_line(err: yaml.MarkedYAMLError, first_line: int) -> int:
    """The file line to show: where an unclosed quote or bracket opened, else where YAML
    stumbled (YAML line 0 is file line `first_line`)."""
    mark = err.problem_mark or err.context_mark
    if err.context_mark and "end of stream" in str(err.problem):
        mark = err.context_mark
    return mark.line + first_line if mark else first_line


def _explain(err: yaml.MarkedYAMLError) -> str:
    """The YAML problem in a few words."""
    return " ".join(f"{err.context or ''} {err.problem or ''}".split()) or _("syntax error")


def _fix(err: yaml.MarkedYAMLError) -> str:
    """What to do about the most common YAML mistakes."""
    problem = str(err.problem or "")
    if "\\t" in problem or "tab" in problem:
        return _("indent with spaces, not tabs")
    if "quoted scalar" in str(err.context) or "quot" in problem:
        return _("close the quote, or put the value in double quotes and escape inner ones as \\\"")
    if "end of stream" in problem:
        return _("close the bracket or the quote opened on this line")
    if "mapping values" in problem:
        return _("put the value in double quotes when it contains a colon")
    if "alias" in problem or "anchor" in problem:
        return _("remove the `&` or `*` (anchors are not used here), or put the value in double quotes")
    return _("check the indentation and the quotes on this line, or put the value in double quotes")


def _read_mapping(node: yaml.MappingNode, shown: str, report: Report) -> tuple[dict | None, Lines]:
    """Construct the mapping and find every key (and list item) at its file line; report
    duplicate keys, keys that are not words and values that are not plain text."""
    data: dict = {}
    keys: dict[str, int] = {}
    items: list[tuple[str, int, int]] = []
    errors = len(report.errors)
    for key_node, value_node in node.value:
        line = key_node.start_mark.line + 2
        key = _key(key_node, shown, line, report)
        if key is None:
            continue
        if key in keys:
            report.error(shown, line, _("key {key!r} appears twice (first on line {first}); keep only one").format(key=key, first=keys[key]))
            continue
        keys[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            items += [(key, i, item.start_mark.line + 2) for i, item in enumerate(value_node.value)]
        if _check_tags(value_node, shown, report, 2):
            data[key] = _construct(value_node, shown, line, report)
    return (data if len(report.errors) == errors else None), Lines(tuple(keys.items()), tuple(items))


def _key(node: yaml.Node, shown: str, line: int, report: Report) -> str | None:
    """A key must be a plain word: not a number, a list or `<<`."""
    if isinstance(node, yaml.ScalarNode) and node.tag == _STR and node.value.strip():
        return node.value
    text = repr(node.value) if isinstance(node, yaml.ScalarNode) else _("a list or mapping")
    report.error(shown, line, _("{text} is not a field name; write `name: value` with one of the names the README lists").format(text=text))
    return None


def _check_tags(root: yaml.Node, shown: str, report: Report, first_line: int) -> bool:
    """Refuse explicit YAML tags (`!!binary`, `!!python/...`): values are plain text."""
    seen, todo = set(), [root]
    while todo:  # a loop, not recursion: aliases can make the node graph deep or cyclic
        node = todo.pop()
        if id(node) in seen:
            continue
        seen.add(id(node))
        if node.tag not in _PLAIN_TAGS:
            report.error(shown, node.start_mark.line + first_line, _("YAML tag {tag!r} is not allowed here; remove it and write the value as plain text").format(tag=node.tag))
            return False
        if isinstance(node, yaml.SequenceNode):
            todo.extend(node.value)
        elif isinstance(node, yaml.MappingNode):
            todo.extend(n for pair in node.value for n in pair)
    return True


def _construct(node: yaml.Node, shown: str, line: int, report: Report):
    """The Python value of a node of plain tags (a nested mapping may still have a list as a
    key, which Python cannot hash)."""
    try:
        return _Loader("").construct_document(node)
    except (yaml.YAMLError, RecursionError, TypeError, ValueError, KeyError) as err:
        report.error(shown, line, _("this value cannot be read ({problem}); write plain text or a list of plain text").format(
            problem=_explain(err) if isinstance(err, yaml.MarkedYAMLError) else type(err).__name__))
        return None
