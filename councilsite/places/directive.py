"""`{{ places ... }}`: a line editors put in any page to list "where to get help near you".

    {{ places facility="public-computers" }}
    {{ places facility="assisted-digital" area="Northgate" }}
    {{ places type="library" }}
    {{ places }}

On a line of its own. Every option is optional; together they narrow the list. Facilities, types
and areas are the same words as in place files. Lines inside fenced code blocks are left alone,
so a page can show the directive itself.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Callable

from councilsite.errors import ContentError
from councilsite.places import facilities as vocab
from councilsite.places import filters as f
from councilsite.places.text import slug

# Catches near misses ({{ place ... }}, {{ Places }}) too, so a typo is an error, not stray text.
LINE = re.compile(r"^ {0,3}\{\{\s*(?P<name>[Pp]laces?\w*)(?P<args>(?:[^}]|\}(?!\}))*)\}\}\s*$")
ARG = re.compile(r"""\s*(?P<key>[A-Za-z_]+)\s*=\s*(?:"(?P<dq>[^"]*)"|'(?P<sq>[^']*)'|(?P<bare>[^\s"']+))\s*""")
FENCE = re.compile(r"^ {0,3}(```|~~~)")
OPTIONS = ("facility", "area", "type")
EXAMPLE = '{{ places facility="public-computers" }}'


class DirectiveError(ValueError):
    pass


@dataclass(frozen=True)
class Embed:
    line: int  # 1-based line in the text it was found in
    filters: tuple[f.Filter, ...]

    @property
    def facility(self) -> f.Filter | None:
        return next((x for x in self.filters if x.kind == f.FACILITY), None)

    @property
    def area(self) -> f.Filter | None:
        return next((x for x in self.filters if x.kind == f.AREA), None)

    @property
    def type(self) -> f.Filter | None:
        return next((x for x in self.filters if x.kind == f.TYPE), None)

    @property
    def empty_text(self) -> str:
        """What the list says when no place matches (yet)."""
        what = self.type.title.lower() if self.type else "places"
        with_ = f" with {self.facility.title.removeprefix('Places with ')}" if self.facility else ""
        where = f" in {self.area.value}" if self.area else ""
        return f"There are no {what}{with_}{where} at the moment."


def parse(name: str, args: str, areas: list[str], line: int = 1) -> Embed:
    if name != "places":
        raise DirectiveError(f"'{{{{ {name} ... }}}}' is not something we know: did you mean '{{{{ places ... }}}}'? "
                             f"Write it like {EXAMPLE}")
    options: dict[str, str] = {}
    position = 0
    for match in ARG.finditer(args):
        if match.start() != position:
            break
        position = match.end()
        key = match["key"]
        if key not in OPTIONS:
            hint = vocab.suggestion(key, OPTIONS)
            raise DirectiveError(f"'{key}' is not an option.{hint} Use facility, area or type")
        if key in options:
            raise DirectiveError(f"'{key}' is given twice")
        options[key] = next(v for v in (match["dq"], match["sq"], match["bare"]) if v is not None)
    if args[position:].strip():
        raise DirectiveError(f"cannot read '{args[position:].strip()}'. Write options like {EXAMPLE}")
    filters = []
    if "facility" in options:
        facility = vocab.find_facility(options["facility"])
        if not facility:
            raise DirectiveError(vocab.unknown_facility_message(options["facility"]))
        filters.append(f.facility_filter(facility))
    if "area" in options:
        canonical = {slug(a): a for a in areas}
        if slug(options["area"]) not in canonical:
            close = vocab.closest(options["area"], canonical)
            hint = f" Did you mean '{canonical[close]}'?" if close else ""
            raise DirectiveError(f"'{options['area']}' is not an area with places.{hint} "
                                 f"Use one of: {', '.join(areas) or '(no places yet)'}")
        filters.append(f.area_filter(canonical[slug(options["area"])]))
    if "type" in options:
        place_type = vocab.find_type(options["type"])
        if not place_type:
            raise DirectiveError(vocab.unknown_type_message(options["type"]))
        filters.append(f.type_filter(place_type))
    return Embed(line, tuple(filters))


def _lines(text: str):
    """(1-based line number, line, match) for directive lines outside fenced code blocks."""
    fence = None
    for number, line in enumerate(text.split("\n"), start=1):
        opened = FENCE.match(line)
        if opened:
            if fence is None:
                fence = opened[1]
            elif opened[1] == fence:
                fence = None
            continue
        if fence is None:
            match = LINE.match(line)
            if match:
                yield number, line, match


def check(text: str, path: str, areas: list[str]) -> list[ContentError]:
    """Problems with the directives in a whole file (front matter included, so lines match the file)."""
    errors = []
    for number, _, match in _lines(text):
        try:
            parse(match["name"], match["args"], areas, number)
        except DirectiveError as exc:
            errors.append(ContentError(path, number, "places", str(exc)))
    return errors


def expand(markdown: str, areas: list[str], render: Callable[[Embed], str]) -> str:
    """Replace each directive line with `render(embed)`: HTML on lines of its own, without blank lines,
    so Markdown passes it through as one block."""
    replacements = {}
    for number, _, match in _lines(markdown):
        embed = parse(match["name"], match["args"], areas, number)
        html = "\n".join(line for line in render(embed).splitlines() if line.strip())
        replacements[number] = f"\n{html}\n"
    if not replacements:
        return markdown
    lines = markdown.split("\n")
    return "\n".join(replacements.get(n, line) for n, line in enumerate(lines, start=1))
