"""Checks on the HTML source of one page, for what axe does not look at.

Each page yields findings plus `PageFacts`: the little that site-wide checks, keyboard
sampling and the cache need later, so a page is parsed once per change, never again.
"""
from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import asdict, dataclass, field

from bs4 import BeautifulSoup, Comment, Tag

from . import autocomplete, css_path
from .findings import Finding
from .rules import own_finding

DOCUMENT_EXTENSIONS = (".pdf", ".doc", ".docx", ".xls", ".xlsx", ".odt", ".ods", ".odp",
                       ".csv", ".ppt", ".pptx", ".rtf", ".zip", ".epub")
# Not here: .txt, which browsers show as a page rather than download.
_FORMAT_WORDS = re.compile(
    r"\b(pdf|docx?|xlsx?|odt|ods|odp|csv|pptx?|rtf|zip|txt|epub|word|excel|powerpoint|"
    r"opendocument|spreadsheet|text)\b", re.IGNORECASE)
_SIZE = re.compile(r"\b\d+(?:[.,]\d+)?\s?(?:bytes?|kb|mb|gb|kib|mib)\b", re.IGNORECASE)
GENERIC_LINK_TEXT = {
    "click here", "click", "here", "read more", "more", "more info", "more information",
    "learn more", "find out more", "this", "this link", "link", "this page", "go", "see more",
    "click this link", "visit", "download", "continue reading",
}
_URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.IGNORECASE)
_FILENAME_ALT = re.compile(r"^\S+\.(?:png|jpe?g|gif|svg|webp|avif|bmp|tiff?)$", re.IGNORECASE)
_DARK_MEDIA = re.compile(r"prefers-color-scheme\s*:\s*dark", re.IGNORECASE)

ERROR_STATE_ATTR = "data-councilsite-state"
EVIDENCE_ID = "audit-evidence"


@dataclass
class PageFacts:
    title: str | None = None
    ids: list[str] = field(default_factory=list)
    # Internal link candidates: href plus where the link is, for site-wide resolution.
    links: list[dict] = field(default_factory=list)
    template: str = ""
    forms: list[str] = field(default_factory=list)
    post_forms: int = 0
    post_form_selector: str | None = None
    error_state_href: str | None = None
    dark_scheme: bool = False
    assets: list[str] = field(default_factory=list)  # hrefs of CSS and scripts it loads
    evidence: bool = False
    scripts: bool = True  # any <script>: then a colour scheme needs a fresh load to apply
    # 2.4.1: landmarks, headings or a working skip link bypass repeated blocks (G1, ARIA11,
    # H69); lead_links are the hrefs of the link block a page starts with, so site checks
    # can tell whether that block repeats on other pages.
    bypass: bool = True
    lead_links: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return asdict(self)

    @classmethod
    def from_dict(cls, d: dict) -> "PageFacts":
        return cls(**{k: v for k, v in d.items() if k in cls.__dataclass_fields__})


def parse(html: bytes | str) -> BeautifulSoup:
    return BeautifulSoup(html, "html.parser")


def check_page(html: bytes | str, page: str, state: str = "html",
               is_error_state: bool = False,
               form_html: bytes | str | None = None) -> tuple[list[Finding], PageFacts]:
    """`form_html`: for an error state, the form page it belongs to (what text is new)."""
    soup = parse(html)
    ctx = _Context(soup, page, state)
    facts = PageFacts()
    _title(ctx, facts)
    _lang(ctx)
    _headings(ctx)
    _links(ctx, facts)
    _images(ctx)
    _tabindex(ctx)
    _duplicate_ids(ctx, facts)
    _autocomplete(ctx)
    _tables(ctx)
    _forms(ctx, facts, is_error_state, form_html)
    _meta_refresh(ctx)
    _bypass_facts(ctx, facts)
    _head_facts(ctx, facts)
    return ctx.findings, facts


class _Context:
    def __init__(self, soup: BeautifulSoup, page: str, state: str):
        self.soup = soup
        self.page = page
        self.state = state
        self.findings: list[Finding] = []
        # Content of a <template> is not in the document, so its ids cannot clash.
        self.id_counts = Counter(
            el["id"] for el in soup.find_all(id=True)
            if isinstance(el.get("id"), str) and el.find_parent("template") is None)

    def add(self, rule: str, el: Tag | None, message: str) -> None:
        if el is None:
            el = self.soup.find("html") or self.soup
        self.findings.append(own_finding(
            rule, page=self.page, state=self.state,
            selector=css_path.selector(el, self.id_counts) if isinstance(el, Tag) and
            el.name != "[document]" else "html",
            snippet=css_path.snippet(el) if el.name != "[document]" else "",
            message=message))

    def text_of(self, el: Tag) -> str:
        return " ".join(el.get_text(" ").split())

    def accessible_name(self, el: Tag) -> str:
        labelledby = el.get("aria-labelledby")
        if labelledby:
            parts = []
            for ref in str(labelledby).split():
                target = self.soup.find(id=ref)
                if target is not None:
                    parts.append(self.text_of(target))
            if any(parts):
                return " ".join(p for p in parts if p)
        label = el.get("aria-label")
        if isinstance(label, str) and label.strip():
            return " ".join(label.split())
        pieces = [el.get_text(" ")]
        for img in el.find_all("img"):
            alt = img.get("alt")
            if isinstance(alt, str):
                pieces.append(alt)
        return " ".join(" ".join(pieces).split())


def _title(ctx: _Context, facts: PageFacts) -> None:
    title = ctx.soup.find("title")
    text = " ".join(title.get_text(" ").split()) if title else ""
    facts.title = text or None
    if not text:
        ctx.add("page-title", title or ctx.soup.find("head"),
                "The page has no title." if title is None else "The page title is empty.")


def _lang(ctx: _Context) -> None:
    html = ctx.soup.find("html")
    lang = html.get("lang") if html else None
    if not (isinstance(lang, str) and lang.strip()):
        ctx.add("html-lang", html, "The <html> element has no lang attribute.")


def _heading_level(el: Tag) -> int | None:
    if re.fullmatch(r"h[1-6]", el.name or ""):
        return int(el.name[1])
    if el.get("role") == "heading":
        try:
            return int(el.get("aria-level", "2"))
        except ValueError:
            return 2
    return None


def _headings(ctx: _Context) -> None:
    headings = [(el, _heading_level(el)) for el in ctx.soup.find_all(True)
                if _heading_level(el) is not None and not _hidden_in_source(el)]
    h1s = [el for el, level in headings if level == 1]
    if len(h1s) != 1:
        where = h1s[1] if len(h1s) > 1 else ctx.soup.find("main") or ctx.soup.find("body")
        ctx.add("heading-one", where,
                f"The page has {len(h1s)} h1 headings; it should have exactly one.")
    previous = 1
    for el, level in headings:
        if level > previous + 1:
            ctx.add("heading-skipped", el,
                    f"Heading level {level} follows level {previous}, skipping "
                    f"level{'s' if level - previous > 2 else ''} "
                    f"{', '.join(str(n) for n in range(previous + 1, level))}.")
        previous = level


def _hidden_in_source(el: Tag) -> bool:
    for node in [el, *el.parents]:
        if not isinstance(node, Tag):
            continue
        if node.has_attr("hidden") or node.get("aria-hidden") == "true":
            return True
        if node.name == "template":
            return True
    return False


def _links(ctx: _Context, facts: PageFacts) -> None:
    for a in ctx.soup.find_all(["a", "area"], href=True):
        href = a["href"].strip() if isinstance(a["href"], str) else ""
        lowered = href.lower()
        if lowered.startswith(("mailto:", "tel:", "javascript:", "data:", "sms:")):
            continue
        if not lowered.startswith(("http:", "https:", "//")) and href not in ("", "#"):
            facts.links.append({"href": href, "selector": css_path.selector(a, ctx.id_counts),
                                "snippet": css_path.snippet(a)})
        if a.name == "area" or _hidden_in_source(a):
            continue
        name = ctx.accessible_name(a)
        key = re.sub(r"[^\w\s]", "", name.lower()).strip()
        key = " ".join(key.split())
        if key in GENERIC_LINK_TEXT:
            ctx.add("link-text", a, f"The link text '{name}' does not say where the link goes.")
        elif _URL_TEXT.match(name) or (name and name == href and "/" in name):
            ctx.add("link-text", a, f"The link text is a web address ('{name}'), "
                                    "which is hard to listen to and does not say what it is.")
        path = href.split("#", 1)[0].split("?", 1)[0].lower()
        if path.endswith(DOCUMENT_EXTENSIONS):
            has_format = bool(_FORMAT_WORDS.search(name))
            has_size = bool(_SIZE.search(name))
            if not (has_format and has_size):
                missing = " and ".join(
                    w for w, ok in (("format", has_format), ("size", has_size)) if not ok)
                ext = path.rsplit(".", 1)[-1].upper()
                ctx.add("document-link", a,
                        f"The link to a {ext} document does not state its {missing} "
                        f"(link text: '{name}').")


def _images(ctx: _Context) -> None:
    for img in ctx.soup.find_all("img"):
        if img.get("aria-hidden") == "true" or img.get("role") in ("presentation", "none"):
            continue
        alt = img.get("alt")
        if alt is None:
            if _named_otherwise(ctx, img):
                continue
            ctx.add("img-alt", img, "The image has no alt attribute.")
        elif _FILENAME_ALT.match(alt.strip()):
            ctx.add("img-alt-filename", img, f"The alt text '{alt.strip()}' is a file name.")
    for inp in ctx.soup.find_all("input", attrs={"type": re.compile("^image$", re.I)}):
        if not (inp.get("alt") or "").strip() and not _named_otherwise(ctx, inp):
            ctx.add("img-alt", inp, "The image button has no alt text.")


def _named_otherwise(ctx: _Context, el: Tag) -> bool:
    """aria-labelledby, aria-label or title also give an image its name (ARIA6, ARIA10, H37)."""
    refs = str(el.get("aria-labelledby") or "").split()
    if any(ctx.text_of(t) for t in (ctx.soup.find(id=r) for r in refs) if t is not None):
        return True
    return any(str(el.get(a) or "").strip() for a in ("aria-label", "title"))


def _tabindex(ctx: _Context) -> None:
    for el in ctx.soup.find_all(attrs={"tabindex": True}):
        try:
            value = int(str(el["tabindex"]).strip())
        except ValueError:
            continue
        if value > 0:
            ctx.add("tabindex-positive", el,
                    f"tabindex=\"{value}\" moves this element out of the page order.")


def _duplicate_ids(ctx: _Context, facts: PageFacts) -> None:
    seen: set[str] = set()
    for el in ctx.soup.find_all(id=True):
        ident = el.get("id")
        if not isinstance(ident, str) or el.find_parent("template") is not None:
            continue
        if ctx.id_counts[ident] > 1 and ident not in seen:
            seen.add(ident)
            ctx.add("duplicate-id", el,
                    f"The id '{ident}' is used {ctx.id_counts[ident]} times on the page.")
    facts.ids = sorted(ctx.id_counts)
    # Old-style named anchors are link targets too.
    facts.ids += sorted({a["name"] for a in ctx.soup.find_all("a", attrs={"name": True})
                         if isinstance(a.get("name"), str)} - set(ctx.id_counts))


def _label_text(ctx: _Context, el: Tag) -> str:
    words = []
    ident = el.get("id")
    if isinstance(ident, str) and ident:
        for label in ctx.soup.find_all("label", attrs={"for": ident}):
            words.append(ctx.text_of(label))
    parent_label = el.find_parent("label")
    if parent_label is not None:
        words.append(ctx.text_of(parent_label))
    labelledby = el.get("aria-labelledby")
    if isinstance(labelledby, str):
        for ref in labelledby.split():
            target = ctx.soup.find(id=ref)
            if target is not None:
                words.append(ctx.text_of(target))
    return " ".join(words)


def _autocomplete(ctx: _Context) -> None:
    for el in ctx.soup.find_all(["input", "select", "textarea"]):
        input_type = (el.get("type") or "text").lower() if el.name == "input" else el.name
        if input_type in autocomplete.NOT_PERSONAL_TYPES or input_type == "password":
            continue
        if el.find_parent(attrs={"role": "search"}) is not None or el.find_parent("search"):
            continue
        value = el.get("autocomplete")
        value = value if isinstance(value, str) else None
        if autocomplete.states_not_personal(value):
            continue
        # The label decides first: a field's name attribute is often a database column.
        label = " ".join(filter(None, [_label_text(ctx, el), str(el.get("aria-label") or "")]))
        attrs = " ".join(str(el.get(a) or "") for a in ("name", "id", "placeholder"))
        if label.strip() and autocomplete.about_someone_else(label):
            continue  # the label says whose it is, whatever the input type or name
        guess = autocomplete.expected_tokens(label, input_type) if label.strip() else None
        if guess is None:
            guess = autocomplete.expected_tokens(attrs, input_type)
        if guess is None:
            continue
        purpose, tokens = guess
        if not autocomplete.satisfies(value, tokens):
            have = f'autocomplete="{value}"' if value is not None else "no autocomplete attribute"
            ctx.add("autocomplete", el,
                    f"This field asks for the user's {purpose} but has {have}; "
                    f"expected autocomplete=\"{tokens[0]}\".")


def _tables(ctx: _Context) -> None:
    for table in ctx.soup.find_all("table"):
        if table.get("role") in ("presentation", "none"):
            continue
        own_cells = [c for c in table.find_all(["th", "td"]) if c.find_parent("table") is table]
        rows = [r for r in table.find_all("tr") if r.find_parent("table") is table]
        widest = max((len([c for c in r.find_all(["th", "td"], recursive=False)]) for r in rows),
                     default=0)
        # One row or one column relates nothing to anything: no header cells are needed.
        if not own_cells or len(rows) < 2 or widest < 2:
            continue
        has_header = any(
            c.name == "th" or c.get("role") in ("columnheader", "rowheader") for c in own_cells)
        if not has_header:
            ctx.add("table-headers", table,
                    "The table has no header cells (<th>), so its data cannot be "
                    "understood cell by cell.")


def _forms(ctx: _Context, facts: PageFacts, is_error_state: bool,
           form_html: bytes | str | None) -> None:
    for form in ctx.soup.find_all("form"):
        names = sorted({str(f.get("name") or f.get("id") or f.name)
                        for f in form.find_all(["input", "select", "textarea"])
                        if (f.get("type") or "").lower() != "hidden"})
        method = str(form.get("method") or "get").lower()
        facts.forms.append(hashlib.sha1(
            f"{method} {form.get('action') or ''} {' '.join(names)}".encode()).hexdigest()[:12])
        if method == "post":
            facts.post_forms += 1
            facts.post_form_selector = facts.post_form_selector or css_path.selector(
                form, ctx.id_counts)
    if is_error_state:
        _error_state(ctx, form_html)


def _body_lines(soup: BeautifulSoup) -> set[str]:
    body = soup.find("body") or soup
    return {" ".join(line.split()) for line in body.get_text("\n").splitlines() if line.strip()}


def _error_state(ctx: _Context, form_html: bytes | str | None) -> None:
    """3.3.1 asks that the error be described to the user in text (G83, G85, ARIA21).

    The error state fails when it shows no text that the form page did not already show.
    How the fields are marked up (aria-invalid pointing at the message) is our convention.
    """
    invalid = ctx.soup.find_all(attrs={"aria-invalid": "true"})
    if form_html is not None:
        new_text = _body_lines(ctx.soup) - _body_lines(parse(form_html))
        if not new_text:
            where = invalid[0] if invalid else ctx.soup.find("form") or ctx.soup.find("main")
            ctx.add("error-identification", where,
                    "The error state shows no text that the form page does not already show, "
                    "so the error is not described to the user in text.")
            return
    if not invalid:
        form = ctx.soup.find("form") or ctx.soup.find("main")
        ctx.add("error-association", form,
                "The error state marks no field with aria-invalid=\"true\".")
    for el in invalid:
        refs = str(el.get("aria-describedby") or "").split()
        texts = [ctx.text_of(t) for t in (ctx.soup.find(id=r) for r in refs) if t is not None]
        if not any(texts):
            ctx.add("error-association", el,
                    "This field is marked invalid but aria-describedby does not point at "
                    "an error message.")


def _meta_refresh(ctx: _Context) -> None:
    for meta in ctx.soup.find_all("meta", attrs={"http-equiv": re.compile("^refresh$", re.I)}):
        delay = refresh_delay(str(meta.get("content") or ""))
        # 0 is an instant redirect (H76); 20 hours or more is WCAG's 20-hour exception.
        if delay is not None and 0 < delay < 72000:
            ctx.add("meta-refresh", meta,
                    f"The page refreshes or redirects itself after {delay:g} seconds, with no "
                    "way for the user to stop or extend it.")


def refresh_delay(content: str) -> float | None:
    m = re.match(r"\s*(\d+(?:\.\d+)?)", content)
    return float(m.group(1)) if m else None


_LANDMARK_ROLES = {"main", "navigation", "banner", "contentinfo", "complementary", "region",
                   "search", "form"}
_LEAD_SEPARATORS = re.compile(r"^[\s|·•/\\>»,;:\-–—]*$")


def _bypass_facts(ctx: _Context, facts: PageFacts) -> None:
    soup = ctx.soup
    landmark = soup.find(["main", "nav", "header", "footer", "aside", "search"]) or soup.find(
        attrs={"role": lambda r: isinstance(r, str) and r.strip() in _LANDMARK_ROLES})
    heading = soup.find(re.compile(r"^h[1-6]$")) or soup.find(attrs={"role": "heading"})
    facts.bypass = bool(landmark or heading or _skip_link(ctx))
    facts.lead_links = _lead_links(soup)


def _skip_link(ctx: _Context) -> bool:
    """A same-page link among the first three links whose target exists (G1)."""
    for a in ctx.soup.find_all("a", href=True, limit=3):
        href = str(a["href"]).strip()
        if href.startswith("#") and len(href) > 1 and (
                ctx.id_counts.get(href[1:]) or ctx.soup.find("a", attrs={"name": href[1:]})):
            return True
    return False


def _lead_links(soup: BeautifulSoup) -> list[str]:
    """The links a page opens with, up to its first words that are not a link."""
    body = soup.find("body")
    out: list[str] = []
    if body is None:
        return out
    for node in body.descendants:
        if isinstance(node, Tag):
            if node.name == "a" and node.has_attr("href"):
                out.append(str(node["href"]).strip())
                if len(out) >= 20:
                    break
            elif node.name in ("img", "input", "select", "textarea", "button") and \
                    node.find_parent("a") is None:
                break
            continue
        if isinstance(node, Comment) or (
                node.parent is not None and node.parent.name in ("script", "style", "template")):
            continue
        if node.find_parent("a") is None and not _LEAD_SEPARATORS.match(str(node)):
            break
    return out


def _head_facts(ctx: _Context, facts: PageFacts) -> None:
    soup = ctx.soup
    meta = soup.find("meta", attrs={"name": "generator-template"})
    body = soup.find("body")
    if meta and meta.get("content"):
        facts.template = "meta:" + str(meta["content"]).strip()
    elif body is not None and body.get("class"):
        facts.template = "class:" + " ".join(sorted(body.get("class")))
    else:
        facts.template = "structure:" + _structure(body)
    for link in soup.find_all("link", href=True):
        rels = [r.lower() for r in (link.get("rel") or [])]
        if "alternate" in rels and link.get(ERROR_STATE_ATTR) == "error":
            facts.error_state_href = str(link["href"]).strip()
        if "stylesheet" in rels:
            facts.assets.append(str(link["href"]).strip())
            if _DARK_MEDIA.search(str(link.get("media") or "")):
                facts.dark_scheme = True
    for script in soup.find_all("script", src=True):
        facts.assets.append(str(script["src"]).strip())
    facts.scripts = any(
        str(s.get("type") or "text/javascript").lower() in ("text/javascript", "module",
                                                           "application/javascript")
        for s in soup.find_all("script"))
    for style in soup.find_all("style"):
        if _DARK_MEDIA.search(style.get_text()):
            facts.dark_scheme = True
    if soup.find(attrs={"data-md-color-media": _DARK_MEDIA}):
        facts.dark_scheme = True
    evidence = soup.find(id=EVIDENCE_ID)
    facts.evidence = bool(evidence is not None and evidence.has_attr("data-audit-evidence"))


def _structure(body: Tag | None) -> str:
    """Landmarks and their nesting: pages from one template share it, content does not."""
    if body is None:
        return "none"
    landmarks = ("header", "nav", "main", "aside", "footer", "form", "search")
    seen = []
    for el in body.find_all(landmarks):
        depth = sum(1 for _ in el.parents)
        seen.append(f"{depth}{el.name}")
    return hashlib.sha1(",".join(seen).encode()).hexdigest()[:12]
