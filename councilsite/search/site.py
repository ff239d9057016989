"""Write the search index for a built site: the catalogue's facts plus every published page, and
the search page in the states the accessibility audit checks."""
from __future__ import annotations

import logging
import re
from pathlib import Path

from councilsite.search import build, documents, page
from councilsite.search.engine import SiteSearch

# Beside search/index.html, so the page's relative links work unchanged. noindex, and never in
# the index or the sitemap: they are there to be audited, as the forms' error pages are.
STATES = {"results": "example-results.html", "no-results": "example-no-results.html",
          "no-javascript": "example-without-javascript.html"}
NO_RESULTS_QUERY = "xyzzy"
log = logging.getLogger("mkdocs.plugins.council.content")
_SCRIPT = re.compile(r'<script src="[^"]*search[^"]*"[^>]*></script>\s*')


def facts_from_entries(entries: list[dict]) -> dict[str, dict]:
    """Entries other plugins hand over (title, url, summary, keywords, category)."""
    return {e["url"]: {"keywords": list(e.get("keywords") or []), "section": e.get("category") or ""}
            for e in entries}


def write_index(site_dir: Path, facts: dict[str, dict], skip_urls: set[str], site_name: str) -> list[build.Document]:
    docs = documents.collect(Path(site_dir), facts, site_name=site_name, skip_urls=skip_urls)
    build.write(Path(site_dir), docs)
    shell_file = Path(site_dir) / "search" / "index.html"
    if shell_file.is_file() and docs:
        try:
            write_states(Path(site_dir), shell_file.read_text(encoding="utf-8"), docs[0].title, site_name)
        except page.NotASearchPage as exc:
            log.warning(f"search/index.html: {exc}, so `councilsite serve` cannot show results in it. "
                        "Keep the search box (id search-page) and the empty [data-search-results] element")
    return docs


def misspelt(query: str) -> str:
    """The query with two letters of its longest word swapped: "Report a missed bin" -> "Report a
    msised bin"."""
    words = query.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]), default=None)
    if longest is None or len(words[longest]) < 6:
        return query
    w = words[longest]
    words[longest] = w[:1] + w[2] + w[1] + w[3:]
    return " ".join(words)


def write_states(site_dir: Path, shell: str, sample_query: str, site_name: str) -> None:
    page.check(shell)
    engine = SiteSearch(site_dir)
    nothing = NO_RESULTS_QUERY
    while engine.search(nothing).total:
        nothing += "q"
    out = site_dir / "search"
    # With a typing mistake, so the audited page also has a "Did you mean ...?"
    answer = engine.search(misspelt(sample_query))
    if not answer.total:
        answer = engine.search(sample_query)
    (out / STATES["results"]).write_text(page.with_results(shell, answer, site_name), encoding="utf-8")
    (out / STATES["no-results"]).write_text(
        page.with_results(shell, engine.search(nothing), site_name), encoding="utf-8")
    # What a browser without JavaScript shows on a host that only serves files.
    static = _SCRIPT.sub("", shell)
    static = re.sub(r"<title>(.*?)</title>", lambda m: f"<title>Search without JavaScript - {site_name}</title>"
                    if site_name else "<title>Search without JavaScript</title>", static, count=1)
    static = static.replace("</head>", '<meta name="robots" content="noindex">\n</head>', 1)
    (out / STATES["no-javascript"]).write_text(static, encoding="utf-8")
