"""Submissions made the way the receiver makes them (fields checked by the forms' own rules,
then a draft, then Send, through a real store), and a stand-in back office to forward them to."""
from __future__ import annotations

import datetime as dt
import hashlib
import itertools
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from councilsite.clock import LONDON
from councilsite.forms import UploadedFile, check_submission, form_rules, load_forms
from councilsite.receiver.store.base import Store, Submission, Upload

ROOT = Path(__file__).resolve().parents[2]
_numbers = itertools.count(1)


def demo_forms() -> dict:
    return {f.id: f for f in load_forms(ROOT / "forms", "forms", None)}


def at(text: str) -> dt.datetime:
    """'2026-11-22 12:00' in UK time."""
    return dt.datetime.fromisoformat(text).replace(tzinfo=LONDON)


def upload(question: str, filename: str, data: bytes, content_type: str) -> Upload:
    return Upload(question, filename, content_type, len(data), hashlib.sha256(data).hexdigest(), data)


def tidy(form, fields: dict, uploads=(), today: dt.date | None = None) -> dict:
    files = {u.question: UploadedFile(u.filename, u.size, u.content_type) for u in uploads}
    result = check_submission(form_rules(form), {k: v if isinstance(v, list) else [v] for k, v in fields.items()},
                              files, today or dt.date(2026, 11, 22))
    assert not result.errors, result.errors
    return result.answers


def send(store: Store, form, fields: dict, now: dt.datetime, uploads=(), reference: str | None = None) -> Submission:
    answers = tidy(form, fields, uploads, now.date())
    posted = {k: v if isinstance(v, list) else [v] for k, v in fields.items()}
    token = store.save_draft(form.id, posted, answers, list(uploads), now)
    ref = reference or f"TEST-{next(_numbers):06d}"
    submission, made = store.submit(token, form.id, lambda: ref, now)
    assert made
    return submission


class Target:
    """A stand-in CRM on 127.0.0.1: records every request; answers `status`; can be stopped."""

    def __init__(self):
        self.requests: list[dict] = []
        self.status = 200
        self.delay = 0.0
        self.location = None
        self.server = None
        self.port = 0

    def start(self):
        target = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                body = self.rfile.read(int(self.headers["Content-Length"]))
                target.requests.append({"headers": dict(self.headers), "body": body, "path": self.path})
                time.sleep(target.delay)
                self.send_response(target.status)
                if target.location:
                    self.send_header("Location", target.location)
                reply = b'{"echo": "Ann Smith, 1 Mill Lane"}'  # a CRM that repeats what it was sent
                self.send_header("Content-Length", str(len(reply)))
                self.end_headers()
                self.wfile.write(reply)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", self.port), Handler)
        self.server.daemon_threads = True
        self.port = self.server.server_address[1]
        threading.Thread(target=self.server.serve_forever, args=(0.02,), daemon=True).start()
        return self

    def stop(self):
        self.server.shutdown()
        self.server.server_close()

    @property
    def url(self):
        return f"http://127.0.0.1:{self.port}/submissions"
