"""Helpers for the form tests: tiny real sites with forms, and the form with every question type."""
from __future__ import annotations

from pathlib import Path

from browsing import browser, demo_form_ids  # noqa: F401 (the form tests import them from here)
from sitebuilder import Site, base_config, make_site

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
EVERY_QUESTION = (HERE / "every-question.yml").read_text(encoding="utf-8")


def forms_site(root: Path, forms: dict[str, str], pages: dict[str, str] | None = None,
               options: dict | None = None, strict: bool = True) -> Site:
    """Build a site with these forms/<id>.yml files (and content pages) and council/forms enabled."""
    folder = root / "forms"
    folder.mkdir(parents=True, exist_ok=True)
    for name, text in forms.items():
        (folder / name).write_text(text, encoding="utf-8")
    plugins = base_config(root)["plugins"] + [{"council/forms": options or {}}]
    return make_site(root, pages or {}, {"plugins": plugins}, strict=strict)


def build_demo(out: Path) -> Path:
    """The whole demo site, built from mkdocs.yml into `out`."""
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(out)))
    return out


# -- A browser and a local site that records what forms send -------------------------------------

import email.parser  # noqa: E402
import email.policy  # noqa: E402
import functools  # noqa: E402
import http.server  # noqa: E402
import threading  # noqa: E402
from urllib.parse import parse_qs  # noqa: E402


class Submission:
    def __init__(self, path: str, content_type: str, body: bytes):
        self.path, self.content_type, self.body = path, content_type, body

    @property
    def fields(self) -> dict[str, list[str]]:
        """Every field sent, as name -> values (files as their file names)."""
        if self.content_type.startswith("application/x-www-form-urlencoded"):
            return parse_qs(self.body.decode("utf-8"), keep_blank_values=True)
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {self.content_type}\r\n\r\n".encode() + self.body)
        out: dict[str, list[str]] = {}
        for part in message.iter_parts():
            name = part.get_param("name", header="content-disposition")
            filename = part.get_filename()
            value = filename if filename is not None else part.get_content()
            out.setdefault(name, []).append(value)
        return out

    def file(self, name: str) -> tuple[str, bytes] | None:
        if not self.content_type.startswith("multipart/"):
            return None
        message = email.parser.BytesParser(policy=email.policy.HTTP).parsebytes(
            f"Content-Type: {self.content_type}\r\n\r\n".encode() + self.body)
        for part in message.iter_parts():
            if part.get_param("name", header="content-disposition") == name:
                return part.get_filename(), part.get_payload(decode=True)
        return None


class _Handler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        self.server.submissions.append(Submission(self.path, self.headers.get("Content-Type", ""), body))
        form_id = self.path.rstrip("/").rsplit("/", 1)[-1]
        self.send_response(303)
        self.send_header("Location", f"/forms/{form_id}/confirmation/?reference=EM-{len(self.server.submissions):04d}")
        self.end_headers()


def serve(folder: Path):
    """Serve a built site on 127.0.0.1; POSTs (to /submit/<id>) are recorded and answered with a
    redirect to the form's confirmation page, as a receiver would. Returns (root URL, submissions, stop)."""
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), functools.partial(_Handler, directory=str(folder)))
    server.submissions = []
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return f"http://127.0.0.1:{server.server_address[1]}/", server.submissions, server.shutdown
