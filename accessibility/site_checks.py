"""Checks that need the whole site: unique titles and links that land somewhere real.

They run on the facts each page left behind, so an incremental audit redoes them in full
for the cost of a dictionary walk, and a deleted page still breaks the links to it.
"""
from __future__ import annotations

from collections import defaultdict

from .findings import Finding
from .rules import own_finding
from .site import Site
from .static_checks import PageFacts, check_page

# Browsers scroll to the top for these even when no element has the id (HTML spec).
_ALWAYS_THERE = {"top", ""}


def check_site(site: Site, facts: dict[str, PageFacts], pages: list[str],
               variants: dict[str, str] | None = None) -> list[Finding]:
    """`variants` maps a form page to its error-state file; its links are checked too."""
    sources = [(p, p, "html") for p in pages]
    sources += [(v, p, "error:html") for p, v in (variants or {}).items() if v in facts]
    findings: list[Finding] = []
    findings += _unique_titles(facts, pages)
    findings += _links(site, facts, sources)
    findings += _bypass_blocks(site, facts, pages)
    return findings


def _bypass_blocks(site: Site, facts: dict[str, PageFacts], pages: list[str]) -> list[Finding]:
    """2.4.1 fails where a block of links repeats across pages and nothing bypasses it.

    Landmarks, headings or a skip link that lands are each enough (ARIA11, H69, G1); a page
    whose opening links appear on no other page has no repeated block to bypass.
    """
    def block(page: str) -> tuple[str, ...]:
        out = []
        for href in facts[page].lead_links:
            if href.startswith("#"):
                continue  # a skip link is the page's own, not part of the repeated block
            target = site.resolve(page, href)
            out.append(href if target is None else f"{target.path}#{target.fragment or ''}")
        return tuple(out)

    blocks = {p: block(p) for p in pages}
    seen: dict[tuple[str, ...], int] = defaultdict(int)
    for b in blocks.values():
        if len(b) >= 2:
            seen[b] += 1
    out = []
    for page in pages:
        b = blocks[page]
        if facts[page].bypass or len(b) < 2 or seen[b] < 2:
            continue
        out.append(own_finding(
            "bypass-blocks", page=page, state="html", selector="body",
            snippet="", message=f"The page opens with {len(b)} links that {seen[b] - 1} other "
                                "page(s) repeat, and has no landmarks, headings or working "
                                "skip link to get past them."))
    return out


def _unique_titles(facts: dict[str, PageFacts], pages: list[str]) -> list[Finding]:
    by_title: dict[str, list[str]] = defaultdict(list)
    for page in pages:
        title = facts[page].title
        if title:
            by_title[title.casefold()].append(page)
    out = []
    for same in by_title.values():
        if len(same) < 2:
            continue
        for page in same:
            others = [p for p in same if p != page]
            listed = ", ".join(others[:5]) + (f" and {len(others) - 5} more"
                                              if len(others) > 5 else "")
            out.append(own_finding(
                "page-title-unique", page=page, state="html", selector="head > title",
                snippet=f"<title>{facts[page].title}</title>",
                message=f"The title '{facts[page].title}' is also used by {listed}."))
    return out


def _links(site: Site, facts: dict[str, PageFacts],
           sources: list[tuple[str, str, str]]) -> list[Finding]:
    out = []
    extra_ids: dict[str, set[str]] = {}

    def ids_of(page: str) -> set[str]:
        if page in facts:
            return set(facts[page].ids)
        if page not in extra_ids:
            # A linked HTML file we do not audit (a partial, a redirect stub): parse it once.
            try:
                _, f = check_page(site.read(page), page)
                extra_ids[page] = set(f.ids)
            except OSError:
                extra_ids[page] = set()
        return extra_ids[page]

    for file, page, state in sources:
        for link in facts[file].links:
            target = site.resolve(file, link["href"])
            if target is None:
                continue
            if not target.exists:
                out.append(own_finding(
                    "link-broken", page=page, state=state, selector=link["selector"],
                    snippet=link["snippet"],
                    message=f"The link goes to '{link['href']}', but the site has no "
                            f"'{target.path}'."))
                continue
            frag = target.fragment
            if frag is None or frag in _ALWAYS_THERE or target.page is None:
                continue
            if frag not in ids_of(target.page):
                where = "this page" if target.page == file else f"'{target.page}'"
                out.append(own_finding(
                    "link-anchor-missing", page=page, state=state, selector=link["selector"],
                    snippet=link["snippet"],
                    message=f"The link goes to '#{frag}', but {where} has no element with "
                            f"id=\"{frag}\"."))
    return out
