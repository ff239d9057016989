"""Which published pages are searched, and what is known about each beyond its HTML.

The HTML says what a page says; the catalogue adds its keywords, its section and whether it is a
"Do it online" task. Listing pages (categories, the A to Z, the sitemap, Do it online, the places
directory) are found by their title and summary only: their bodies repeat every other page's title.
"""
from __future__ import annotations

import os
from pathlib import Path

from councilsite.search.build import Document
from councilsite.search.extract import read_page

NOT_SEARCHED = {"search", "home"}
FORMS = "forms/"  # every form is an online task (councilsite.content.model.form_url)
LISTINGS = {"category", "a-to-z", "sitemap", "do-it-online", "places-directory"}


def url_of(rel: str) -> str:
    """build/site-relative file to its address from the site root, without the leading slash."""
    if rel == "index.html":
        return ""
    return rel[: -len("index.html")] if rel.endswith("/index.html") else rel


def published_pages(site_dir: Path) -> list[str]:
    pages = []
    for dirpath, dirnames, filenames in os.walk(site_dir):
        dirnames[:] = sorted(d for d in dirnames if not d.startswith("."))
        rel_dir = Path(dirpath).relative_to(site_dir).as_posix()
        if rel_dir == "search" or rel_dir.startswith("search/"):
            dirnames[:] = []
            continue
        for name in sorted(filenames):
            if name == "index.html":
                pages.append(name if rel_dir == "." else f"{rel_dir}/{name}")
    return sorted(pages)


def collect(site_dir: Path, known: dict[str, dict], site_name: str = "",
            skip_urls: set[str] = frozenset()) -> list[Document]:
    """`known` maps a url (no leading slash) to what the catalogue knows: keywords, section,
    online. `skip_urls` are pages found through another page (a form its service page starts)."""
    docs = []
    for rel in published_pages(Path(site_dir)):
        url = url_of(rel)
        if not url or url in skip_urls:
            continue
        page = read_page((Path(site_dir) / rel).read_text(encoding="utf-8"))
        if page.noindex or page.template in NOT_SEARCHED or not page.title:
            continue
        info = known.get(url, {})
        crumbs = [c for c in page.breadcrumbs[1:]]  # the first is always the home page
        listing = page.template in LISTINGS
        summary = "" if page.summary == site_name else page.summary
        docs.append(Document(
            title=info.get("title") or page.title, url=url, summary=info.get("summary") or summary,
            section=info.get("section") or (crumbs[-1] if crumbs else ""),
            online=bool(info.get("online")) or url.startswith(FORMS), keywords=list(info.get("keywords") or []),
            headings=[] if listing else page.headings, body="" if listing else page.body))
    # Online tasks, then service pages, then the rest, each by section: neighbours in the
    # document files are likely to be found together.
    docs.sort(key=lambda d: (not d.online, d.section == "", d.section, d.url))
    return docs
