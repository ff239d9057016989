"""`councilsite serve`: the built site and the receiver together, as one web server.

Static pages come from the built site folder; everything under the receiver's prefix (/submit)
goes to the receiver. gunicorn runs it with pre-forked workers: one Python process per core
takes a form each, so a slow upload never holds up the next resident, and a worker that dies is
replaced. In production the static site can sit on any web server or CDN with only /submit/
proxied here; this command is for one machine and for trying the whole journey out.
"""
from __future__ import annotations

import logging
import mimetypes
import os
import subprocess
import sys
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from councilsite.receiver.app import Receiver
from councilsite.search.serve import SearchPages

log = logging.getLogger("councilsite.receiver")


class StaticSite:
    """Serve a built site folder: /path/ is /path/index.html; anything missing gets the site's 404 page."""

    def __init__(self, site_dir: Path):
        self.site_dir = Path(site_dir)

    def __call__(self, environ, start_response):
        request = Request(environ)
        if request.method not in ("GET", "HEAD"):
            return Response("Method not allowed", 405, {"Allow": "GET, HEAD"})(environ, start_response)
        path = request.path
        if any(part.startswith(".") for part in path.split("/")):
            # Dot-files are never pages, and .councilsite/ is the receiver's manifest, not the site's.
            return self._not_found(request)(environ, start_response)
        found = safe_join(str(self.site_dir), path.lstrip("/")) if path != "/" else str(self.site_dir)
        file = Path(found) if found else None
        if file is not None and file.is_dir():
            if not path.endswith("/"):
                query = ("?" + request.query_string.decode("latin-1")) if request.query_string else ""
                return Response("", 301, {"Location": path + "/" + query})(environ, start_response)
            file = file / "index.html"
        if file is None or not file.is_file():
            return self._not_found(request)(environ, start_response)
        return self._file(request, file, 200)(environ, start_response)

    def _not_found(self, request: Request) -> Response:
        file = self.site_dir / "404.html"
        return self._file(request, file, 404) if file.is_file() else Response("Page not found", 404)

    def _file(self, request: Request, file: Path, status: int) -> Response:
        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        body = b"" if request.method == "HEAD" else file.read_bytes()
        response = Response(body, status, content_type=kind)
        response.headers["X-Content-Type-Options"] = "nosniff"
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(file.stat().st_size)
        return response


class SiteAndReceiver:
    def __init__(self, site: StaticSite, receiver: Receiver):
        self.site, self.receiver = site, receiver
        self.prefix = receiver.prefix + "/"

    def __call__(self, environ, start_response):
        path = environ.get("PATH_INFO", "")
        if path.startswith(self.prefix):
            return self.receiver(environ, start_response)
        return self.site(environ, start_response)


def configure_logging() -> None:
    """One JSON object per line on stderr, for journald or any log shipper; no personal data in them."""
    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(logging.Formatter("%(message)s"))
    root = logging.getLogger("councilsite.receiver")
    root.handlers[:] = [handler]
    root.setLevel(logging.INFO)
    root.propagate = False


def serve(settings, host: str = "127.0.0.1", port: int = 8000,
          workers: int | None = None, quiet: bool = False) -> int:
    from gunicorn.app.base import BaseApplication

    from councilsite.receiver.app import create_app

    configure_logging()
    if quiet:
        logging.getLogger("councilsite.receiver").setLevel(logging.WARNING)
    receiver = create_app(settings)  # migrates the database and checks the built site before forking
    receiver.pages.check_shells()
    receiver.store.close()  # each worker opens its own connection after the fork
    # GET /search/?q= answers with results rendered here, so search works without JavaScript.
    app = SiteAndReceiver(SearchPages(StaticSite(settings.site_dir), settings.site_dir), receiver)
    workers = workers or max(2, min(4, (os.cpu_count() or 1) * 2))

    class Server(BaseApplication):
        def load_config(self):
            for key, value in {"bind": f"{host}:{port}", "workers": workers, "worker_class": "sync",
                               "timeout": 60, "graceful_timeout": 10, "keepalive": 5, "accesslog": None,
                               "errorlog": "-", "loglevel": "warning", "proc_name": "councilsite"}.items():
                self.cfg.set(key, value)

        def load(self):
            return app

    forwarder = None
    if settings.webhook_url:
        # Its own process: a thread in gunicorn's master could hold a lock when a worker is forked.
        forwarder = subprocess.Popen([sys.executable, "-m", "councilsite", "submissions", "forward",
                                      "--site-dir", str(settings.site_dir), "--watch"], env={**os.environ,
                                                                  "COUNCILSITE_DATABASE_URL": settings.database_url,
                                                                  "COUNCILSITE_WEBHOOK_URL": settings.webhook_url})
    print(f"Serving the site and its forms at http://{host}:{port}/ (forms post to {settings.prefix}/<form id>; "
          f"submissions in {_shown(settings.database_url)}). Press Ctrl+C to stop.", file=sys.stderr, flush=True)
    try:
        Server().run()
    finally:
        if forwarder is not None:
            forwarder.terminate()
            forwarder.wait(10)
    return 0


def _shown(url: str) -> str:
    """The database, without a password."""
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
