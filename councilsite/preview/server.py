"""A small threaded web server for the preview folder.

As it sends a page it adds what only the preview has: a script that reloads the page when the site
is rebuilt (server-sent events), the page's content warnings, and, while the last change did not
build, an error page in place of every page, so an editor never looks at a stale page without
knowing. None of this is written to the preview folder, so the folder is what a full build makes
and the published build never contains any of it.
"""
from __future__ import annotations

import html
import threading
from functools import partial
from http import HTTPStatus
from http.server import SimpleHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from urllib.parse import unquote, urlsplit

EVENTS = "/__preview/events"
MARK = "councilsite-preview"

RELOAD = ('<script data-{mark}>(function(){{var v="{version}";if(!window.EventSource)return;'
          'var s=new EventSource("{events}");s.onmessage=function(e){{if(e.data!==v){{s.close();'
          'location.reload();}}}};}})();</script>')

NOTES = ('<aside data-{mark} aria-label="Preview: things to fix on this page" style="border:5px solid #d4351c;'
         'padding:0.5em 1em;margin:1em 0;background:#fff;color:#0b0c0c"><h2 style="margin-top:0">Preview: '
         '{count} thing{s} to fix on this page</h2><p>The published build stops on these.</p><ul>{items}</ul></aside>')

ERROR_PAGE = """<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width,initial-scale=1">
<title>Preview: the site did not build</title>
<style>body{{font-family:system-ui,sans-serif;margin:0;padding:1.5em;color:#0b0c0c;background:#fff}}
main{{max-width:60em;border-left:10px solid #d4351c;padding-left:1em}}pre{{white-space:pre-wrap;font-size:1rem}}</style>
</head>
<body>
<main>
<h1>The preview could not build your change</h1>
<p>Nothing is shown until this is fixed, so you never look at an old page by mistake. Fix it and
save: this page reloads by itself.</p>
<pre>{message}</pre>
</main>
{reload}
</body>
</html>
"""


class State:
    """What the server reads from the builder: its version, error and notes, and a signal on change."""

    def __init__(self, engine):
        self.engine = engine
        self.changed = threading.Condition()

    def bump(self) -> None:
        with self.changed:
            self.changed.notify_all()

    def version(self) -> str:
        return f"{self.engine.started}-{self.engine.version}"


def reload_script(version: str) -> str:
    return RELOAD.format(mark=MARK, version=html.escape(version), events=EVENTS)


def notes_box(notes: list[str]) -> str:
    items = "".join(f"<li>{html.escape(n)}</li>" for n in notes)
    return NOTES.format(mark=MARK, count=len(notes), s="" if len(notes) == 1 else "s", items=items)


def with_preview(page: str, version: str, notes: list[str] | None = None) -> str:
    """The page as the preview sends it."""
    if notes:
        start = page.find("<main")
        end = page.find(">", start) + 1 if start >= 0 else -1
        if end > 0:
            page = page[:end] + notes_box(notes) + page[end:]
    at = page.rfind("</body>")
    script = reload_script(version)
    return page[:at] + script + page[at:] if at >= 0 else page + script


def error_page(message: str, version: str) -> str:
    return ERROR_PAGE.format(message=html.escape(message), reload=reload_script(version))


class Handler(SimpleHTTPRequestHandler):
    state: State

    def log_message(self, format, *args):  # the terminal is for the editor's changes, not requests
        pass

    def end_headers(self):
        self.send_header("Cache-Control", "no-store")
        super().end_headers()

    def do_GET(self):
        path = unquote(urlsplit(self.path).path)
        if path == EVENTS:
            return self._events()
        engine = self.state.engine
        target = self._html_file(path)
        if engine.error is not None and (target is not None or not self._exists(path)):
            return self._send(HTTPStatus.INTERNAL_SERVER_ERROR, error_page(engine.error, self.state.version()))
        if target is None:
            if self._exists(path):
                return super().do_GET()
            missing = Path(self.directory) / "404.html"
            body = missing.read_text(encoding="utf-8") if missing.is_file() else "<h1>Page not found</h1>"
            return self._send(HTTPStatus.NOT_FOUND, with_preview(body, self.state.version()))
        if not path.endswith(("/", ".html")):  # pages link relatively: their address ends with /
            self.send_response(HTTPStatus.MOVED_PERMANENTLY)
            self.send_header("Location", path + "/")
            self.end_headers()
            return None
        try:
            body = target.read_text(encoding="utf-8")
        except OSError:
            return self._send(HTTPStatus.NOT_FOUND, with_preview("<h1>Page not found</h1>", self.state.version()))
        url = path if path.endswith("/") or path.endswith(".html") else path + "/"
        notes = engine.notes.get(url.removesuffix("index.html"))
        return self._send(HTTPStatus.OK, with_preview(body, self.state.version(), notes))

    def _html_file(self, path: str) -> Path | None:
        root = Path(self.directory)
        candidate = (root / path.lstrip("/")).resolve()
        if not candidate.is_relative_to(root.resolve()):
            return None
        if candidate.is_dir():
            candidate = candidate / "index.html"
        return candidate if candidate.suffix == ".html" and candidate.is_file() else None

    def _exists(self, path: str) -> bool:
        candidate = (Path(self.directory) / path.lstrip("/")).resolve()
        return candidate.is_relative_to(Path(self.directory).resolve()) and candidate.exists()

    def _send(self, status, body: str):
        data = body.encode("utf-8")
        self.send_response(status)
        self.send_header("Content-Type", "text/html; charset=utf-8")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def _events(self):
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream")
        self.end_headers()
        try:
            last = None
            while True:
                version = self.state.version()
                if version != last:
                    self.wfile.write(f"data: {version}\n\n".encode())
                    last = version
                else:
                    self.wfile.write(b": still here\n\n")
                self.wfile.flush()
                with self.state.changed:
                    self.state.changed.wait(timeout=15)
        except (BrokenPipeError, ConnectionResetError, OSError):
            return


class Server(ThreadingHTTPServer):
    daemon_threads = True
    allow_reuse_address = True


def make_server(state: State, out_dir: Path, host: str, port: int) -> Server:
    handler = type("PreviewHandler", (Handler,), {"state": state})
    return Server((host, port), partial(handler, directory=str(out_dir)))


def serve_in_background(server: Server) -> threading.Thread:
    thread = threading.Thread(target=server.serve_forever, name="preview-server", daemon=True)
    thread.start()
    return thread


__all__ = ["State", "make_server", "serve_in_background", "with_preview", "error_page", "MARK"]
