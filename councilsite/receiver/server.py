"""`councilsite serve`: the built site and the receiver together, as one web server.

Static pages come from the built site folder; everything under the receiver's prefix (/submit)
goes to the receiver. In production the static site can sit on any web server or CDN with only
/submit/ proxied here (councilsite/deploy has a tested nginx configuration and a systemd unit).

Why waitress, pre-forked: a slow (or deliberately slow) client must never hold a worker.
gunicorn's sync workers read a request's body in the worker, so six clients sending a byte
every two seconds took a whole site down. waitress reads every request, body included, in an
asynchronous I/O loop and only hands complete requests to its worker threads, as a buffering
proxy would; a slow client costs a socket and a buffer, nothing more. It is pure Python, with no
C extension and no monkey-patching (which gevent would need, and psycopg and SQLite dislike).
waitress runs one process, so `serve` forks `--workers` of them on one listening socket, to use
every core, and replaces a worker that dies, as gunicorn's master did.
"""
from __future__ import annotations

import contextlib
import json
import logging
import mimetypes
import os
import resource
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

from werkzeug.security import safe_join
from werkzeug.wrappers import Request, Response

from councilsite.receiver.app import Receiver
from councilsite.search.serve import SearchPages

log = logging.getLogger("councilsite.receiver")


class StaticSite:
    """Serve a built site folder: /path/ is /path/index.html (or index.json); anything missing gets the site's 404 page.

    Every response carries the site's security headers (councilsite.headers: the CSP, with
    frame-ancestors, which a page's meta cannot set; Referrer-Policy; no framing), and caching
    headers: a year, immutable, for assets with hashed names; everything else revalidates, with
    an ETag so that costs a 304. Dot-files and the `_headers` file for other hosts are not served.
    """

    HIDDEN = {"_headers"}

    def __init__(self, site_dir: Path, actions=()):
        from councilsite.headers import security_headers

        self.site_dir = Path(site_dir)
        self.root = self.site_dir.resolve()
        self.headers = security_headers(actions)

    def __call__(self, environ, start_response):
        request = Request(environ)
        response = self._respond(request)
        response.headers.update({k: v for k, v in self.headers.items() if k not in response.headers})
        return response(environ, start_response)

    def _respond(self, request: Request) -> Response:
        if request.method not in ("GET", "HEAD"):
            return Response("Method not allowed", 405, {"Allow": "GET, HEAD", "Cache-Control": "no-store"})
        path = request.path
        parts = path.split("/")
        if any(part.startswith(".") and part != ".well-known" for part in parts) or parts[-1] in self.HIDDEN:
            # Dot-files are never pages, and .councilsite/ is the receiver's manifest, not the site's.
            # /.well-known/ (RFC 8615) holds security.txt.
            return self._not_found(request)
        found = safe_join(str(self.site_dir), path.lstrip("/")) if path != "/" else str(self.site_dir)
        file = Path(found) if found else None
        if file is not None and file.is_dir() and self._inside(file):
            if not path.endswith("/"):
                query = ("?" + request.query_string.decode("latin-1")) if request.query_string else ""
                return Response("", 301, {"Location": path + "/" + query, "Cache-Control": "no-cache"})
            # A folder's page, or else its JSON (each Open Referral UK endpoint is a folder with an index.json).
            file = file / "index.html" if (file / "index.html").is_file() else file / "index.json"
        if file is None or not file.is_file() or not self._inside(file):
            return self._not_found(request)
        return self._file(request, file, 200)

    def _inside(self, file: Path) -> bool:
        """Whether every link on the way to the file stays in the site folder (even one that leads
        out and back in is refused): a link never takes a request out of it."""
        step = self.site_dir
        for part in file.relative_to(self.site_dir).parts:
            step = step / part
            if step.is_symlink() and not step.resolve().is_relative_to(self.root):
                return False
        return file.resolve().is_relative_to(self.root)

    def _not_found(self, request: Request) -> Response:
        file = self.site_dir / "404.html"
        if not file.is_file():
            return Response("Page not found", 404, {"Cache-Control": "no-cache"})
        return self._file(request, file, 404)

    def _file(self, request: Request, file: Path, status: int) -> Response:
        from councilsite.headers import cache_control

        kind = mimetypes.guess_type(file.name)[0] or "application/octet-stream"
        if kind.startswith("text/") or kind in ("application/json", "application/javascript", "image/svg+xml"):
            kind += "; charset=utf-8"
        info = file.stat()
        etag = f'"{info.st_mtime_ns:x}-{info.st_size:x}"'
        headers = {"Cache-Control": cache_control(request.path) if status == 200 else "no-cache", "ETag": etag}
        if status == 200 and etag in [t.strip() for t in request.headers.get("If-None-Match", "").split(",")]:
            return Response(b"", 304, headers)
        body = b"" if request.method == "HEAD" else file.read_bytes()
        response = Response(body, status, content_type=kind, headers=headers)
        if kind.startswith("application/json"):
            response.headers["Access-Control-Allow-Origin"] = "*"  # open data, for any other site's directory to read
        if request.method == "HEAD":
            response.headers["Content-Length"] = str(info.st_size)
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


def site_actions(settings) -> list[str]:
    """Where the site's forms post, for the CSP's form-action (a form may name its own receiver)."""
    return [f.action for f in settings.forms.values() if getattr(f, "action", None)]


def configure_logging(quiet: bool = False) -> None:
    """One JSON object per line on stderr, for journald or any log shipper; no personal data in
    them. The server's own messages (waitress's) go through the same line format, scrubbed of
    addresses, request lines and tracebacks (councilsite.receiver.logs)."""
    from councilsite.receiver.logs import JsonLines

    handler = logging.StreamHandler(sys.stderr)
    handler.setFormatter(JsonLines())
    for name, level in (("councilsite.receiver", logging.WARNING if quiet else logging.INFO),
                        ("waitress", logging.WARNING)):
        logger = logging.getLogger(name)
        logger.handlers[:] = [handler]
        logger.setLevel(level)
        logger.propagate = False


# What each worker process gives waitress. A slow client is held in the I/O loop (a socket and a
# buffer each), so connections are many and cheap; threads are few, for the app's own work.
THREADS = 8
CONNECTIONS = 1000  # per worker; beyond that, new connections wait in the listen queue
IDLE_TIMEOUT = 30  # seconds a connection may send nothing before it is closed
BACKLOG = 2048


def listen(host: str, port: int) -> socket.socket:
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    sock = socket.socket(family, socket.SOCK_STREAM)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.listen(BACKLOG)
    sock.setblocking(False)
    return sock


def run_worker(app, sock: socket.socket, max_body: int, threads: int = THREADS) -> None:
    """One waitress server on the shared socket, until the process is told to stop."""
    from waitress.server import create_server

    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl+C reaches the whole group: the parent stops us
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    server = create_server(app, sockets=[sock], threads=threads, connection_limit=CONNECTIONS,
                           channel_timeout=IDLE_TIMEOUT, cleanup_interval=5, backlog=BACKLOG,
                           # The receiver refuses an oversized form with its own page; waitress
                           # stops only bodies far beyond that, before buffering them.
                           max_request_body_size=max_body * 2, ident="", expose_tracebacks=False,
                           # X-Forwarded-For is ours to judge (spam.client_address), not waitress's.
                           clear_untrusted_proxy_headers=False, asyncore_use_poll=True)
    server.run()


def _raise_file_limit(wanted: int) -> None:
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft != resource.RLIM_INFINITY and soft < wanted:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(wanted, hard), hard))


def serve(settings, host: str = "127.0.0.1", port: int = 8000,
          workers: int | None = None, quiet: bool = False) -> int:
    from councilsite.clock import fixed_clock_warning
    from councilsite.receiver.app import create_app

    configure_logging(quiet)
    warning = fixed_clock_warning()
    if warning:
        print(warning, file=sys.stderr, flush=True)
    receiver = create_app(settings)  # migrates the database and checks the built site before forking
    receiver.pages.check_shells()
    receiver.store.close()  # each worker opens its own connection after the fork
    # GET /search/?q= answers with results rendered here, so search works without JavaScript.
    app = SiteAndReceiver(SearchPages(StaticSite(settings.site_dir, site_actions(settings)), settings.site_dir),
                          receiver)
    workers = workers or max(2, min(4, (os.cpu_count() or 1) * 2))
    _raise_file_limit(CONNECTIONS * workers + 256)
    sock = listen(host, port)

    forwarder = None
    mail_channel = getattr(settings.mail, "channel", None)
    if settings.webhook_url or mail_channel:
        # Its own process, started before any worker, so it never inherits their state.
        # It forwards to the webhook and sends the emails, whichever are set up.
        forwarder = subprocess.Popen([sys.executable, "-m", "councilsite", "submissions", "forward",
                                      "--site-dir", str(settings.site_dir), "--watch", "--interval",
                                      os.environ.get("COUNCILSITE_FORWARD_INTERVAL", "5")], env={**os.environ,
                                                                  "COUNCILSITE_DATABASE_URL": settings.database_url,
                                                                  "COUNCILSITE_WEBHOOK_URL": settings.webhook_url or ""})
    print(f"Serving the site and its forms at http://{host}:{port}/ (forms post to {settings.prefix}/<form id>; "
          f"submissions in {_shown(settings.database_url)}). Press Ctrl+C to stop.", file=sys.stderr, flush=True)
    try:
        return Supervisor(lambda: run_worker(app, sock, settings.max_body_bytes), workers).run()
    finally:
        sock.close()
        if forwarder is not None:
            forwarder.terminate()
            forwarder.wait(10)


class Supervisor:
    """Keep `count` forked workers running until SIGTERM or SIGINT; replace any that dies."""

    def __init__(self, work, count: int, give_up_after: int = 10):
        self.work, self.count, self.give_up_after = work, count, give_up_after
        self.children: set[int] = set()
        self.stopping = False

    def spawn(self) -> None:
        pid = os.fork()
        if pid == 0:
            signal.signal(signal.SIGTERM, signal.SIG_DFL)  # not the parent's handlers, which stop siblings
            signal.signal(signal.SIGINT, signal.SIG_IGN)
            code = 0
            try:
                self.work()
            except BaseException:  # noqa: BLE001  (the parent logs that a worker died; nothing here to add)
                code = 1
            finally:
                os._exit(code)
        self.children.add(pid)

    def stop(self, *_) -> None:
        self.stopping = True
        for pid in list(self.children):
            with contextlib.suppress(ProcessLookupError):
                os.kill(pid, signal.SIGTERM)

    def run(self) -> int:
        signal.signal(signal.SIGTERM, self.stop)
        signal.signal(signal.SIGINT, self.stop)
        for _ in range(self.count):
            self.spawn()
        deaths = []
        while self.children:
            time.sleep(0.2)
            for pid in list(self.children):
                done, status = os.waitpid(pid, os.WNOHANG)
                if not done:
                    continue
                self.children.discard(pid)
                if self.stopping:
                    continue
                log.error(json.dumps({"event": "server.worker_died", "status": os.waitstatus_to_exitcode(status)}))
                deaths = [t for t in deaths if time.monotonic() - t < 60] + [time.monotonic()]
                if len(deaths) > self.give_up_after:
                    log.error(json.dumps({"event": "server.giving_up", "deaths_in_a_minute": len(deaths)}))
                    self.stop()
                    return 1
                self.spawn()
        return 0


def _shown(url: str) -> str:
    """The database, without a password."""
    import re

    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)
