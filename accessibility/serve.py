"""Serve the built site over http on 127.0.0.1, as a static host would.

file:// URLs change how browsers treat scripts, fonts and fetches, so pages are checked
over http; the server lives in a thread for the length of one audit.
"""
from __future__ import annotations

import functools
import io
import re
import threading
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path


# A timed <meta http-equiv="refresh"> would navigate away in the middle of the browser checks;
# the HTML checks have already reported it (2.2.1), so pages are served without it.
_TIMED_REFRESH = re.compile(
    rb"<meta[^>]+http-equiv\s*=\s*[\"']?refresh[^>]*>", re.IGNORECASE)
_INSTANT = re.compile(rb"content\s*=\s*[\"']?\s*0(?:\.0*)?\s*(?:[;,]|[\"'])", re.IGNORECASE)


def without_timed_refresh(html: bytes) -> bytes:
    return _TIMED_REFRESH.sub(lambda m: m.group(0) if _INSTANT.search(m.group(0)) else b"", html)


# Files the checker itself serves, under a prefix no site uses.
TOOL_PREFIX = "/__councilsite_audit__/"


class _QuietHandler(SimpleHTTPRequestHandler):
    tool_files: dict[str, Path] = {}

    def log_message(self, format, *args):  # noqa: A002 - signature fixed by http.server
        pass

    def translate_path(self, path):
        route = path.split("?", 1)[0]
        if route in self.tool_files:
            return str(self.tool_files[route])
        return super().translate_path(path)

    def send_head(self):
        path = self.translate_path(self.path)
        if not path.lower().endswith((".html", ".htm")) or not Path(path).is_file():
            return super().send_head()
        body = without_timed_refresh(Path(path).read_bytes())
        self.send_response(200)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        return io.BytesIO(body)

    def end_headers(self):
        if self.path.split("?", 1)[0] in self.tool_files:
            # Cacheable, so Chromium keeps axe-core compiled between pages (V8 code cache):
            # a third of the time per page otherwise goes on parsing it again.
            self.send_header("Cache-Control", "public, max-age=86400, immutable")
        else:
            # Every audit must see the site's files as they are now, never a cached copy.
            self.send_header("Cache-Control", "no-store")
        super().end_headers()


class SiteServer:
    def __init__(self, root: str | Path, host: str = "127.0.0.1",
                 tool_files: dict[str, Path] | None = None):
        """`tool_files` maps names to files served under TOOL_PREFIX (e.g. axe.min.js)."""
        routes = {TOOL_PREFIX + name: Path(path) for name, path in (tool_files or {}).items()}
        handler_class = type("_Handler", (_QuietHandler,), {"tool_files": routes})
        handler = functools.partial(handler_class, directory=str(root))
        # Port 0: the OS picks a free port, so parallel audits never collide.
        self._httpd = ThreadingHTTPServer((host, 0), handler)
        self._httpd.daemon_threads = True
        self._thread = threading.Thread(target=self._httpd.serve_forever,
                                        name="councilsite-audit-http", daemon=True)

    @property
    def base_url(self) -> str:
        host, port = self._httpd.server_address[:2]
        return f"http://{host}:{port}"

    def url(self, path: str) -> str:
        return self.base_url + path

    def tool_url(self, name: str) -> str:
        return self.base_url + TOOL_PREFIX + name

    def __enter__(self) -> "SiteServer":
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._httpd.shutdown()
        self._httpd.server_close()
        self._thread.join(timeout=5)
