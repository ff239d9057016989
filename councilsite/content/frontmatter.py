"""Read YAML front matter ourselves, keeping the line of every field.

mkdocs silently drops front matter it cannot parse; editors need the file, line and field.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

import yaml

from councilsite.errors import ContentError

# libyaml's loader is about ten times faster and gives the same nodes and line marks.
_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)
_FENCE = re.compile(r"\A---[ \t]*\r?\n(.*?\r?\n)?(?:---|\.\.\.)[ \t]*(?:\r?\n|\Z)", re.S)


@dataclass
class FrontMatter:
    """Parsed front matter: plain values, plus `lines[dotted.path]` -> 1-based line in the file."""

    data: dict = field(default_factory=dict)
    lines: dict[str, int] = field(default_factory=dict)
    body: str = ""
    body_line: int = 1  # line in the file where the body starts

    def line(self, path: str) -> int | None:
        return line_for(self.lines, path)


def line_for(lines: dict[str, int], path: str) -> int | None:
    """The line of a dotted field path such as `sections[1].questions[0].type`, or of the nearest
    field above it that has one (a missing field is reported where its parent starts)."""
    while path:
        if path in lines:
            return lines[path]
        parent = re.sub(r"(\.[^.\[]*|\[\d+\])$", "", path)
        path = "" if parent == path else parent
    return lines.get("")


class FrontMatterError(Exception):
    def __init__(self, error: ContentError):
        self.error = error
        super().__init__(str(error))


def split(text: str, path: str) -> FrontMatter:
    """Split a Markdown file into front matter and body, raising FrontMatterError on bad YAML."""
    if text.startswith("\ufeff"):
        text = text[1:]
    match = _FENCE.match(text)
    if not match:
        if text.startswith("---"):
            raise FrontMatterError(
                ContentError(path, 1, None, "front matter starts with '---' but has no closing '---' line")
            )
        return FrontMatter(body=text)
    yaml_text = match.group(1) or ""
    body_line = text.count("\n", 0, match.end()) + 1
    data, lines = _parse_mapping(yaml_text, path, first_line=2, what="the front matter")
    return FrontMatter(data=data, lines=lines, body=text[match.end():], body_line=body_line)


def parse_yaml(text: str, path: str) -> tuple[dict, dict[str, int]]:
    """Parse a whole YAML data file (a mapping), returning (data, lines) as front matter does."""
    return _parse_mapping(text, path, first_line=1, what="the file")


def _parse_mapping(yaml_text: str, path: str, first_line: int, what: str) -> tuple[dict, dict[str, int]]:
    try:
        node = yaml.compose(yaml_text, Loader=_LOADER)
    except yaml.YAMLError as exc:
        # The context (an unclosed bracket or quote) is where the editor went wrong; the problem
        # mark is often the line after.
        mark = getattr(exc, "context_mark", None) or getattr(exc, "problem_mark", None)
        line = mark.line + first_line if mark else first_line
        problem = getattr(exc, "problem", None) or str(exc)
        raise FrontMatterError(
            ContentError(path, line, None, f"{what} is not valid YAML ({problem}). "
                         "Check the indentation and put text containing ':' or '#' in quotes")
        ) from None
    if node is None:
        return {}, {}
    if not isinstance(node, yaml.MappingNode):
        raise FrontMatterError(
            ContentError(path, node.start_mark.line + first_line, None,
                         f"{what} must be a list of 'field: value' lines")
        )
    lines: dict[str, int] = {"": first_line}
    return _to_python(node, "", lines, path, first_line), lines


_BOOL = {"true": True, "yes": True, "on": True, "false": False, "no": False, "off": False}


def _to_python(node, prefix: str, lines: dict[str, int], path: str, first: int):
    """Build plain values from a YAML node, recording where each key sits.

    Dates and times are kept as the text the editor wrote so the schema can explain a bad one,
    rather than PyYAML raising a bare ValueError on, say, 2027-02-30.
    """
    if isinstance(node, yaml.MappingNode):
        out: dict = {}
        for key_node, value_node in node.value:
            key = str(key_node.value)
            dotted = f"{prefix}.{key}" if prefix else key
            if key in out:
                raise FrontMatterError(
                    ContentError(path, key_node.start_mark.line + first, dotted, "this field is given twice")
                )
            lines[dotted] = key_node.start_mark.line + first
            out[key] = _to_python(value_node, dotted, lines, path, first)
        return out
    if isinstance(node, yaml.SequenceNode):
        items = []
        for index, item in enumerate(node.value):
            dotted = f"{prefix}[{index}]"
            lines[dotted] = item.start_mark.line + first
            items.append(_to_python(item, dotted, lines, path, first))
        return items
    tag, value = node.tag, node.value
    if tag == "tag:yaml.org,2002:null":
        return None
    if tag == "tag:yaml.org,2002:bool":
        return _BOOL.get(value.lower(), value)
    if tag == "tag:yaml.org,2002:int":
        try:
            return int(value.replace("_", ""), 0)
        except ValueError:
            return value
    if tag == "tag:yaml.org,2002:float":
        try:
            return float(value.replace("_", ""))
        except ValueError:
            return value
    return value
