"""Pages the receiver sends, made from the built site and the theme's own templates.

Every page the receiver answers with sits inside the header, footer, alerts and stylesheet of a
page the build already made (the form's page, its confirmation page or the 404 page): the
"shell". The body comes from the same theme partials the static pages include, so a form sent
back with errors is the page the build published, with the resident's answers in it.

Shells are read once. Their relative links are made absolute, because the receiver answers at
another address (/submit/<id>) than the page it borrows (/forms/<id>/).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from urllib.parse import urljoin

import jinja2
from bs4 import BeautifulSoup

START, END = "<!--councilsite:content-->", "<!--/councilsite:content-->"
TITLE = re.compile(r"<title>(.*?)</title>", re.S)


class ShellError(Exception):
    """The built site is missing a page the receiver needs: build the site first."""


@dataclass(frozen=True)
class Shell:
    before: str  # up to and including <title>
    head: str  # from </title> to the content
    after: str  # from the end of the content
    title: str  # the page's own title, such as "Report a missed bin: online form - Eastmere Borough Council"

    def render(self, body: str, title: str | None = None) -> str:
        return f"{self.before}{_escape(title) if title is not None else self.title}{self.head}{body}{self.after}"


def _escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def load_shell(path: Path, url: str) -> Shell:
    """Read a built page (whose address is `url`) as a shell for the receiver's pages."""
    try:
        html = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        raise ShellError(f"{path} is missing: build the site first (make site)") from None
    if START not in html or END not in html:
        raise ShellError(f"{path} has no {START} marker: it was built by an older theme; build the site again")
    soup = BeautifulSoup(html, "html.parser")
    for tag in soup.find_all(True):
        for attr in ("href", "src", "action"):
            value = tag.get(attr)
            if value and not re.match(r"([a-z][a-z0-9+.-]*:|/|#)", value, re.I):
                tag[attr] = urljoin(url, value)
    for alternate in soup.select("link[data-councilsite-state]"):
        alternate.decompose()  # the error state's address belongs to the static form page only
    if soup.head and not soup.head.select_one('meta[name="robots"]'):
        soup.title.insert_after(soup.new_tag("meta", attrs={"name": "robots", "content": "noindex"}))
    text = str(soup)
    match = TITLE.search(text)
    start, end = text.index(START), text.index(END) + len(END)
    return Shell(text[:match.start(1)], text[match.end(1):start], text[end:], match.group(1))


class Theme:
    """The theme's partials, with the filters and globals they expect from mkdocs."""

    def __init__(self, theme_dir: Path, globals_: dict):
        # As mkdocs renders them: no autoescape, every template escapes with `| e` itself.
        # No auto_reload: the theme changes only with a new build and restart, and checking each
        # template's file on every request costs more than rendering it.
        self.env = jinja2.Environment(loader=jinja2.FileSystemLoader(str(theme_dir)), autoescape=False,
                                      auto_reload=False)
        self.env.filters["href"] = _site_path
        self.env.filters["url"] = _site_path
        self.env.globals.update(globals_)

    def render(self, template: str, **context) -> str:
        return self.env.get_template(template).render(**context)


def _site_path(value) -> str:
    """Links as the receiver serves them: absolute from the site's root."""
    value = str(value)
    if re.match(r"([a-z][a-z0-9+.-]*:|//|#)", value, re.I):
        return value
    return value if value.startswith("/") else "/" + (value if value != "." else "")
