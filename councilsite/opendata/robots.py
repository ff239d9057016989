"""robots.txt and sitemap.xml: which pages search engines should list, and when each last changed.

Pages marked noindex (form error states and confirmations, the editors' content-health page) are
left out of sitemap.xml and disallowed in robots.txt, with the receiver's addresses: nothing
links to them from outside, so keeping crawlers off them also keeps them out of search results.
"""
from __future__ import annotations

import datetime as dt
import os
import re
from xml.sax.saxutils import escape

NOINDEX = re.compile(r"<meta\s+name=[\"']robots[\"']\s+content=[\"'][^\"']*noindex", re.I)


def is_noindex(html: str) -> bool:
    return bool(NOINDEX.search(html))


def robots_txt(site_url: str | None, disallow: list[str]) -> str:
    lines = ["# Search engines: every page of this site may be listed, except these.", "User-agent: *"]
    lines += [f"Disallow: {path}" for path in sorted(set(disallow))] or ["Disallow:"]
    if site_url:
        lines += ["", f"Sitemap: {site_url.rstrip('/')}/sitemap.xml"]
    return "\n".join(lines) + "\n"


def lastmod(meta: dict | None, source: str | None) -> str | None:
    """When a page last changed: its last_reviewed date, else its file's modification date."""
    reviewed = (meta or {}).get("last_reviewed")
    if isinstance(reviewed, dt.datetime):
        return reviewed.date().isoformat()
    if isinstance(reviewed, dt.date):
        return reviewed.isoformat()
    if isinstance(reviewed, str):  # quoted in the front matter; the content checks have read it as a date
        try:
            return dt.date.fromisoformat(reviewed.strip()).isoformat()
        except ValueError:
            pass
    if source and os.path.isfile(source):
        return dt.datetime.fromtimestamp(os.path.getmtime(source), dt.timezone.utc).date().isoformat()
    return None


def sitemap_xml(entries: list[tuple[str, str | None]]) -> str:
    """<urlset> of (absolute address, lastmod or None)."""
    rows = []
    for loc, modified in entries:
        row = f"  <url>\n    <loc>{escape(loc)}</loc>"
        if modified:
            row += f"\n    <lastmod>{modified}</lastmod>"
        rows.append(row + "\n  </url>")
    return ('<?xml version="1.0" encoding="UTF-8"?>\n<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n'
            + "\n".join(rows) + ("\n" if rows else "") + "</urlset>\n")
