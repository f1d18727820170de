"""YAML front matter: safe loading only, every key's line kept, duplicate keys refused."""

from __future__ import annotations

from dataclasses import dataclass

import yaml

from .diagnostics import Report


@dataclass(frozen=True, slots=True)
class FrontMatter:
    """The YAML block at the top of a Markdown file, and where things are in the file."""

    data: dict
    """The mapping, as loaded by yaml.safe_load."""
    lines: dict
    """Key -> 1-based file line of the key; "key[i]" -> line of the i-th item of a list."""
    body: str
    """The text after the closing `---`."""
    body_line: int
    """1-based file line where the body starts."""


def split_front_matter(text: str, shown: str, report: Report) -> FrontMatter | None:
    """Parse `---` YAML `---` at the top of text; a file without it has empty data."""
    lines = text.split("\n")
    if not lines or lines[0].strip() != "---":
        return FrontMatter({}, {}, text, 1)
    end = next((i for i in range(1, len(lines)) if lines[i].rstrip() in ("---", "...")), None)
    if end is None:
        report.error(shown, 1, "front matter is not closed; add a line `---` after the last key")
        return None
    node = _compose(lines[1:end], shown, report)
    if node is False:
        return None
    body = "\n".join(lines[end + 1 :])
    if node is None:
        return FrontMatter({}, {}, body, end + 2)
    if not isinstance(node, yaml.MappingNode):
        report.error(shown, 2, "front matter must be `key: value` lines; see the README for the format")
        return None
    positions = _key_lines(node, shown, report)
    if positions is None:
        return None
    data = yaml.SafeLoader("").construct_document(node)
    return FrontMatter(data, positions, body, end + 2)


def _compose(yaml_lines: list[str], shown: str, report: Report):
    """The YAML node tree, or False after reporting a syntax error with its file line."""
    try:
        return yaml.compose("\n".join(yaml_lines), Loader=yaml.SafeLoader)
    except yaml.MarkedYAMLError as err:
        mark = err.problem_mark or err.context_mark
        line = (mark.line + 2) if mark else 2
        report.error(shown, line, f"front matter is not valid YAML ({_explain(err)}); {_fix(err)}")
        return False


def _explain(err: yaml.MarkedYAMLError) -> str:
    """The YAML problem in a few words."""
    return (err.problem or err.context or "syntax error").strip()


def _fix(err: yaml.MarkedYAMLError) -> str:
    """What to do about the most common YAML mistakes."""
    problem = str(err.problem or "")
    if "\\t" in problem or "tab" in problem:
        return "indent with spaces, not tabs"
    if "quot" in problem or "end of stream" in problem or "scalar" in problem:
        return "close the quote, or put the value in double quotes and escape inner ones"
    if "mapping values" in problem:
        return "put the value in double quotes when it contains a colon"
    return "check the indentation and the quotes on this line"


def _key_lines(node: yaml.MappingNode, shown: str, report: Report) -> dict | None:
    """Map every key (and list item) to its file line; report duplicate keys."""
    positions: dict = {}
    ok = True
    for key_node, value_node in node.value:
        key = str(key_node.value)
        line = key_node.start_mark.line + 2
        if key in positions:
            report.error(shown, line, f"key {key!r} appears twice (first on line {positions[key]}); keep only one")
            ok = False
            continue
        positions[key] = line
        if isinstance(value_node, yaml.SequenceNode):
            for i, item in enumerate(value_node.value):
                positions[f"{key}[{i}]"] = item.start_mark.line + 2
    return positions if ok else None
