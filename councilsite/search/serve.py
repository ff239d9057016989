"""GET /search/?q= on `councilsite serve`: results rendered on the server, from the index the
build published and with the same ranking as the browser's, so search works without JavaScript.

Wraps the static site's WSGI app: every other address goes straight through.
"""
from __future__ import annotations

import logging
from pathlib import Path
from urllib.parse import parse_qs

from councilsite.search import page
from councilsite.search.engine import SiteSearch

log = logging.getLogger("councilsite.search")
PATHS = ("/search/", "/search/index.html")
MAX_QUERY = 200


class SearchPages:
    def __init__(self, site_app, site_dir: Path, site_name: str = ""):
        self.site_app = site_app
        self.site_dir = Path(site_dir)
        self.site_name = site_name
        self._loaded: tuple[float, SiteSearch, str] | None = None

    def _search(self) -> tuple[SiteSearch, str] | None:
        """The index and page, loaded once and again only after a new build."""
        index = self.site_dir / "search" / "index.json"
        shell = self.site_dir / "search" / "index.html"
        try:
            stamp = max(index.stat().st_mtime, shell.stat().st_mtime)
        except OSError:
            return None
        if self._loaded is None or self._loaded[0] != stamp:
            html = shell.read_text(encoding="utf-8")
            page.check(html)
            self._loaded = (stamp, SiteSearch(self.site_dir), html)
        return self._loaded[1], self._loaded[2]

    def __call__(self, environ, start_response):
        if environ.get("PATH_INFO") not in PATHS or environ.get("REQUEST_METHOD") not in ("GET", "HEAD"):
            return self.site_app(environ, start_response)
        try:
            loaded = self._search()
        except (OSError, ValueError) as exc:
            log.error('{"event": "search-unavailable", "error": %r}', str(exc))
            loaded = None
        if loaded is None:
            return self.site_app(environ, start_response)
        engine, shell = loaded
        params = parse_qs(environ.get("QUERY_STRING", ""), keep_blank_values=True)
        query = " ".join((params.get("q") or [""])[0].split())[:MAX_QUERY]
        try:
            number = int((params.get("page") or ["1"])[0])
        except ValueError:
            number = 1
        answer = engine.search(query, number) if query else None
        body = page.with_results(shell, answer, self.site_name or _site_name(shell)).encode("utf-8")
        headers = [("Content-Type", "text/html; charset=utf-8"), ("Content-Length", str(len(body))),
                   ("X-Content-Type-Options", "nosniff"), ("Cache-Control", "no-cache")]
        # The same security headers as every other page the static site serves (councilsite.headers).
        given = {name for name, _ in headers}
        headers += [(k, v) for k, v in getattr(self.site_app, "headers", {}).items() if k not in given]
        start_response("200 OK", headers)
        return [b"" if environ.get("REQUEST_METHOD") == "HEAD" else body]


def _site_name(shell: str) -> str:
    """The council's name, from the built page's title ("Search - Eastmere Borough Council")."""
    start, end = shell.find("<title>"), shell.find("</title>")
    title = shell[start + 7:end] if 0 <= start < end else ""
    return title.split(" - ", 1)[1] if " - " in title else ""
