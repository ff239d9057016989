"""Shells: the built pages the receiver's pages sit inside (header, footer, alerts, stylesheet).

Every page the receiver answers with is a page the build already made (the form's page, its
confirmation page or the 404 page) with other content between its content markers. The build
cuts each one into a Shell and writes it into the receiver's manifest, so the receiver needs
neither the theme nor an HTML parser at run time.

Relative links are made absolute, because the receiver answers at another address
(/submit/<id>) than the page it borrows (/forms/<id>/). Only the standard library is used: the
build must not need the receiver's extras.
"""
from __future__ import annotations

import html
import re
from dataclasses import asdict, dataclass
from html.parser import HTMLParser
from urllib.parse import urljoin

START, END = "<!--councilsite:content-->", "<!--/councilsite:content-->"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)
LINK_ATTRIBUTE = re.compile(r"""(\s(?:href|src|action)\s*=\s*)("[^"]*"|'[^']*'|[^\s"'>]+)""", re.I)
ABSOLUTE = re.compile(r"([a-z][a-z0-9+.-]*:|/|#)", re.I)
ROBOTS = '<meta name="robots" content="noindex">'


class ShellError(Exception):
    """The built site is missing a page the receiver needs, or the page has no content markers."""


@dataclass(frozen=True)
class Shell:
    before: str  # up to and including <title>
    head: str  # from </title> to the content
    after: str  # from the end of the content
    title: str  # the page's own title, as HTML, such as "Report a missed bin: online form - Eastmere Borough Council"

    def render(self, body: str, title: str | None = None) -> str:
        return f"{self.before}{_escape(title) if title is not None else self.title}{self.head}{body}{self.after}"

    def data(self) -> dict:
        return asdict(self)

    @classmethod
    def from_data(cls, data: dict) -> "Shell":
        return cls(data["before"], data["head"], data["after"], data["title"])


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def make_shell(page: str, url: str, name: str) -> Shell:
    """Cut a built page (whose address is `url`; `name` says which file it is) into a shell."""
    if START not in page or END not in page:
        raise ShellError(f"{name} has no {START} marker around its content: a theme template that "
                         "overrides it must keep the markers, so the receiver can put its pages inside")
    if not TITLE.search(page):
        raise ShellError(f"{name} has no <title>")
    tags = _StartTags(page)
    pieces, done, robots = [], 0, False
    for start, end, tag, attrs in tags.found:
        if tag == "meta" and (attrs.get("name") or "").lower() == "robots":
            robots = True
        if tag == "link" and "data-councilsite-state" in attrs:
            replacement = ""  # the error state's address belongs to the static form page only
        else:
            replacement = LINK_ATTRIBUTE.sub(lambda m: m.group(1) + _absolute(m.group(2), url), page[start:end])
        pieces += [page[done:start], replacement]
        done = end
    pieces.append(page[done:])
    text = "".join(pieces)
    match = TITLE.search(text)
    if not robots:
        text = text[:match.end()] + ROBOTS + text[match.end():]
    start, end = text.index(START), text.index(END) + len(END)
    return Shell(text[:match.start(1)], text[match.end(1):start], text[end:], match.group(1))


def _absolute(quoted: str, url: str) -> str:
    value = html.unescape(quoted.strip("\"'") if quoted[:1] in "\"'" else quoted)
    if not value or ABSOLUTE.match(value):
        return quoted
    return '"' + html.escape(urljoin(url, value), quote=True) + '"'


class _StartTags(HTMLParser):
    """Where each start tag is in the page, found by a real parser (so text inside <script> is not taken for tags)."""

    def __init__(self, page: str):
        super().__init__(convert_charrefs=False)
        self.lines = [0] + [m.end() for m in re.finditer("\n", page)]
        self.found: list[tuple[int, int, str, dict]] = []
        self.feed(page)
        self.close()

    def handle_starttag(self, tag, attrs):
        line, column = self.getpos()
        start = self.lines[line - 1] + column
        self.found.append((start, start + len(self.get_starttag_text()), tag, dict(attrs)))

    handle_startendtag = handle_starttag
