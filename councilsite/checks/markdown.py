"""Just enough Markdown structure for the checks, keeping the line every piece came from.

Code (fenced, indented and inline), quotations (block quotes and text in quotation marks),
HTML comments and link addresses are not prose: checks must not fire on them.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

FENCE = re.compile(r"^\s{0,3}(```|~~~)")
HEADING = re.compile(r"^\s{0,3}(#{1,6})(?:\s+(.*?))?\s*#*\s*$")
LIST_ITEM = re.compile(r"^\s*(?:[-*+]|\d+[.)])\s+")
TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
TABLE_RULE = re.compile(r"^\s*\|?\s*:?-+:?\s*(\|\s*:?-+:?\s*)*\|?\s*$")
LINK = re.compile(r"(?<!!)\[((?:[^\[\]]|\[[^\]]*\])*)\]\(\s*<?([^)\s>]*)>?(?:\s+[\"'][^)]*[\"'])?\s*\)")
IMAGE = re.compile(r"!\[([^\]]*)\]\(\s*<?([^)\s>]*)>?[^)]*\)")
AUTOLINK = re.compile(r"<(https?://[^>\s]+)>")
BARE_URL = re.compile(r"(?<![(<\w])(?:https?://|www\.)[^\s)>\]]+")
INLINE_CODE = re.compile(r"(`+)(.+?)\1")
QUOTED = re.compile(r"\"[^\"\n]{1,200}\"|“[^”\n]{1,200}”|(?<![\w])'[^'\n]{1,200}'(?![\w])|‘[^’\n]{1,200}’")
HTML_COMMENT = re.compile(r"<!--.*?-->", re.S)
ATTR_LIST = re.compile(r"\{:?\s*[#.][^}]*\}")


@dataclass
class Heading:
    line: int
    level: int
    text: str


@dataclass
class Link:
    line: int
    text: str
    target: str


@dataclass
class Table:
    line: int
    header: list[str]


@dataclass
class Block:
    """A paragraph or list item of prose, with the line each character came from."""

    line: int
    text: str
    lines: list[int] = field(default_factory=list)  # line of each character in text
    source: str = ""  # the Markdown as written, markup included

    def line_at(self, offset: int) -> int:
        return self.lines[min(offset, len(self.lines) - 1)] if self.lines else self.line


@dataclass
class Document:
    headings: list[Heading] = field(default_factory=list)
    links: list[Link] = field(default_factory=list)
    images: list[Link] = field(default_factory=list)
    tables: list[Table] = field(default_factory=list)
    blocks: list[Block] = field(default_factory=list)  # prose, without code or quotations
    raw_blocks: list[Block] = field(default_factory=list)  # prose with quotations kept


def _mask(pattern: re.Pattern, text: str, keep_group: int | None = None) -> str:
    """Replace matches with spaces of the same length, so offsets (and lines) stay right."""
    def repl(match: re.Match) -> str:
        if keep_group is None:
            return " " * len(match.group(0))
        start, end = match.span(keep_group)
        whole_start = match.start()
        inner = match.group(keep_group)
        return " " * (start - whole_start) + inner + " " * (match.end() - end)
    return pattern.sub(repl, text)


def prose(text: str) -> str:
    """Text as a reader hears it: link text kept, addresses, code and markup removed."""
    text = _mask(INLINE_CODE, text)
    text = _mask(IMAGE, text)
    text = _mask(LINK, text, keep_group=1)
    text = _mask(AUTOLINK, text, keep_group=1)
    text = _mask(ATTR_LIST, text)
    return re.sub(r"[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}", lambda m: " " * len(m.group(0)), text)


def parse(body: str, first_line: int = 1) -> Document:
    doc = Document()
    body = HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), body)
    lines = body.split("\n")
    in_fence = False
    current: list[tuple[int, str]] = []

    def flush() -> None:
        if not current:
            return
        text_parts, owners = [], []
        for number, part in current:
            if text_parts:
                text_parts.append(" ")
                owners.append(number)
            text_parts.append(part)
            owners.extend([number] * len(part))
        text = "".join(text_parts)
        raw = Block(current[0][0], prose(text), owners, text)
        doc.raw_blocks.append(raw)
        doc.blocks.append(Block(raw.line, _mask(QUOTED, raw.text), owners, text))
        current.clear()

    previous_blank = True
    index = 0
    while index < len(lines):
        line = lines[index]
        number = first_line + index
        index += 1
        if FENCE.match(line):
            flush()
            in_fence = not in_fence
            continue
        if in_fence:
            continue
        if not line.strip():
            flush()
            previous_blank = True
            continue
        if previous_blank and line.startswith(("    ", "\t")) and not current and not LIST_ITEM.match(line):
            continue  # indented code block
        previous_blank = False
        if line.lstrip().startswith(">"):
            flush()  # a quotation is someone else's words
            continue
        heading = HEADING.match(line)
        if heading:
            flush()
            doc.headings.append(Heading(number, len(heading.group(1)), (heading.group(2) or "").strip()))
            _collect_links(doc, line, number)
            continue
        if TABLE_ROW.match(line) and index < len(lines) and TABLE_RULE.match(lines[index]):
            flush()
            header = [cell.strip() for cell in line.strip().strip("|").split("|")]
            doc.tables.append(Table(number, header))
            _collect_links(doc, line, number)
            index += 1
            while index < len(lines) and TABLE_ROW.match(lines[index]):
                _collect_links(doc, lines[index], first_line + index)
                for cell in lines[index].strip().strip("|").split("|"):
                    current.append((first_line + index, cell.strip()))
                    flush()
                index += 1
            continue
        if re.match(r"^\s*<", line) and not current:
            _collect_links(doc, line, number)
            continue  # raw HTML
        if LIST_ITEM.match(line):
            flush()
            line = LIST_ITEM.sub(lambda m: " " * len(m.group(0)), line, count=1)
        if re.match(r"^\s*(!!!|\?\?\?)", line):
            flush()
            continue  # admonition marker line
        _collect_links(doc, line, number)
        current.append((number, line.strip()))
    flush()
    return doc


def _collect_links(doc: Document, line: str, number: int) -> None:
    code_free = _mask(INLINE_CODE, line)
    for match in IMAGE.finditer(code_free):
        doc.images.append(Link(number, match.group(1), match.group(2)))
    without_images = _mask(IMAGE, code_free)
    for match in LINK.finditer(without_images):
        doc.links.append(Link(number, match.group(1).strip(), match.group(2)))
    for match in AUTOLINK.finditer(without_images):
        doc.links.append(Link(number, match.group(1), match.group(1)))
