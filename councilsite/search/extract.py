"""What a published page says, read from its built HTML: every page, form and place the site
publishes is indexed as residents see it, and a page marked noindex is left out by its own meta.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from html.parser import HTMLParser

_VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "source",
         "track", "wbr"}
# Not what the page is about: alert banners are on every page while they last, "other ways to
# get help" repeats the council's phone numbers, and hidden text is for screen readers' context.
_SKIP_TAGS = {"script", "style", "svg", "template", "noscript"}
_SKIP_CLASSES = {"notification-banner", "other-ways", "visually-hidden", "last-reviewed",
                 "breadcrumbs", "search-form"}
_HEADINGS = {"h2", "h3", "h4"}
_BLOCKS = {"p", "li", "dt", "dd", "td", "th", "h1", "h2", "h3", "h4", "h5", "h6", "div", "section",
           "label", "legend", "br", "tr", "caption", "blockquote"}


@dataclass
class PageText:
    title: str = ""
    summary: str = ""
    noindex: bool = False
    template: str = ""
    breadcrumbs: list[str] = field(default_factory=list)
    headings: list[str] = field(default_factory=list)
    body: str = ""


class _Reader(HTMLParser):
    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.page = PageText()
        self.stack: list[str] = []
        self.skip_at: int | None = None
        self.in_main = self.in_crumbs = self.in_title_tag = False
        self.crumb_depth = self.main_depth = -1
        self.capture: str | None = None  # "h1" or "heading" while inside one
        self.capture_depth = -1
        self.buffer: list[str] = []
        self.body: list[str] = []

    def handle_starttag(self, tag, attrs):
        a = dict(attrs)
        classes = set((a.get("class") or "").split())
        if tag == "meta":
            name = (a.get("name") or "").lower()
            if name == "robots" and "noindex" in (a.get("content") or "").lower():
                self.page.noindex = True
            elif name == "description":
                self.page.summary = a.get("content") or ""
            return
        if tag == "body":
            self.page.template = next((c[len("template-"):] for c in classes if c.startswith("template-")), "")
        if tag in _VOID:
            if tag == "br" and self.in_main and self.skip_at is None:
                self.body.append(" ")
            return
        self.stack.append(tag)
        depth = len(self.stack)
        if tag == "nav" and "breadcrumbs" in classes:
            self.in_crumbs, self.crumb_depth = True, depth
        if tag == "main":
            self.in_main, self.main_depth = True, depth
        if self.skip_at is None and (tag in _SKIP_TAGS or classes & _SKIP_CLASSES or "hidden" in a):
            self.skip_at = depth
        if self.in_main and self.skip_at is None and self.capture is None:
            if tag == "h1":
                self.capture, self.capture_depth = "h1", depth
            elif tag in _HEADINGS:
                self.capture, self.capture_depth = "heading", depth
        if tag == "a" and self.in_crumbs:
            self.buffer = []
            self.capture, self.capture_depth = "crumb", depth
        if tag in _BLOCKS:
            self.body.append(" ")

    def handle_endtag(self, tag):
        if tag in _VOID or tag not in self.stack:
            return
        while self.stack:
            depth = len(self.stack)
            top = self.stack.pop()
            if self.skip_at is not None and depth <= self.skip_at:
                self.skip_at = None
            if self.capture and depth == self.capture_depth:
                text = " ".join("".join(self.buffer).split())
                if self.capture == "h1" and not self.page.title:
                    self.page.title = text
                elif self.capture == "heading" and text:
                    self.page.headings.append(text)
                elif self.capture == "crumb" and text:
                    self.page.breadcrumbs.append(text)
                self.capture, self.buffer = None, []
            if depth == self.crumb_depth:
                self.in_crumbs = False
            if depth == self.main_depth:
                self.in_main = False
            if top in _BLOCKS:
                self.body.append(" ")
            if top == tag:
                break

    def handle_data(self, data):
        if self.capture == "crumb":
            self.buffer.append(data)
            return
        if not self.in_main or self.skip_at is not None:
            return
        if self.capture:
            self.buffer.append(data)
        else:
            self.body.append(data)


def _parts(html: str) -> str:
    """Only the head, the breadcrumbs and <main> are read: the header and footer are the same
    on every page."""
    head_end = html.find("</head>")
    crumbs = html.find('<nav class="breadcrumbs"')
    main, main_end = html.find("<main"), html.rfind("</main>")
    if head_end < 0 or main < 0 or main_end < main:
        return html
    body = html.find("<body", head_end)
    parts = [html[:head_end], html[body:html.find(">", body) + 1] if body >= 0 else ""]
    if 0 <= crumbs < main:
        parts.append(html[crumbs:html.find("</nav>", crumbs) + 6])
    parts.append(html[main:main_end + 7])
    return "".join(parts)


def read_page(html: str) -> PageText:
    reader = _Reader()
    reader.feed(_parts(html))
    reader.close()
    reader.page.body = " ".join("".join(reader.body).split())
    return reader.page
