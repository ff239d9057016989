"""Helpers for the receiver's tests (and its load benchmark): the demo site built once, valid
answers to any form, real files, a real server on loopback, and the test PostgreSQL server."""
from __future__ import annotations

import datetime as dt
import http.client
import os
import re
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path
from urllib.parse import urlencode

from councilsite.forms.rules import form_rules
from councilsite.forms.validate import visible

REPO = Path(__file__).resolve().parents[2]
POSTGRES_URL_FILE = REPO / ".venv" / "postgres-url"  # written by scripts/setup --test

# The smallest real PNG: a 1x1 pixel image.
PNG = bytes.fromhex("89504e470d0a1a0a0000000d4948445200000001000000010806000000"
                    "1f15c4890000000d49444154789c6360000002000154a24f5d0000000049454e44ae426082")
PDF = b"%PDF-1.4\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
EXE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff\x00\x00" + b"\x00" * 48
TODAY = dt.date(2026, 11, 22)  # tests/conftest.py fixes the clock here


def build_demo(out: Path) -> Path:
    from mkdocs.commands.build import build
    from mkdocs.config import load_config

    build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(out)))
    return out


def demo_settings(site_dir: Path, **changes):
    """The receiver's settings for a site build_demo() made, as `councilsite serve` reads them."""
    from councilsite.receiver.settings import load_settings

    settings = load_settings(site_dir, environ={})
    for key, value in changes.items():
        setattr(settings, key, value)
    return settings


def valid_fields(form, text: str = "A test answer") -> tuple[dict[str, list[str]], dict[str, tuple[str, bytes]]]:
    """Answers that pass every check of the form (the first choice of each question), and files."""
    fields: dict[str, list[str]] = {}
    files: dict[str, tuple[str, bytes]] = {}
    for rule in form_rules(form)["questions"]:
        if not visible(rule, fields):
            continue
        condition = rule.get("show_if")
        if condition and condition["value"] not in fields.get(condition["question"], []):
            continue
        kind = rule["kind"]
        if kind == "text":
            value = text
            if rule.get("pattern"):
                value = "40012345" if "0-9" in rule["pattern"] else "EM21 ABC"
            fields[rule["name"]] = [value[: rule.get("max_length") or len(value)]]
        elif kind == "email":
            fields[rule["name"]] = ["resident@example.com"]
        elif kind == "phone":
            fields[rule["name"]] = ["01632 960 001"]
        elif kind == "number":
            fields[rule["name"]] = [str(rule.get("min") or 1)]
        elif kind == "date":
            future = any(b["side"] == "min" and b["date"] == "today" and b["days"] >= 0 for b in rule["bounds"])
            day = TODAY + dt.timedelta(days=14) if future else TODAY - dt.timedelta(days=2)
            for part, value in zip(rule["parts"], (day.day, day.month, day.year)):
                fields[part["name"]] = [str(value)]
        elif kind == "choice":
            fields[rule["name"]] = [rule["values"][0]]
        elif kind == "multi":
            fields[rule["name"]] = [rule["values"][0]]
        elif kind == "parts":
            for part in rule["parts"]:
                fields[part["name"]] = ["EM1 1AA" if part.get("format") == "postcode" else text]
        elif kind == "file":
            if rule["required"]:
                files[rule["name"]] = ("proof.png", PNG) if ".png" in rule["accept"] else ("proof.pdf", PDF)
    return fields, files


def multipart(fields: dict[str, list[str]], files: dict[str, tuple[str, bytes]] | None = None,
              content_type: str = "application/octet-stream") -> tuple[bytes, str]:
    """A multipart/form-data body, as a browser sends it."""
    boundary = "----councilsite-test-boundary"
    chunks = []
    for name, values in fields.items():
        for value in values:
            chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"\r\n\r\n'.encode()
                          + (value.encode() if isinstance(value, str) else value) + b"\r\n")
    for name, (filename, data) in (files or {}).items():
        chunks.append(f'--{boundary}\r\nContent-Disposition: form-data; name="{name}"; filename="{filename}"\r\n'
                      f"Content-Type: {content_type}\r\n\r\n".encode() + data + b"\r\n")
    chunks.append(f"--{boundary}--\r\n".encode())
    return b"".join(chunks), f"multipart/form-data; boundary={boundary}"


def urlencoded_answers(form) -> str:
    """Valid answers to a form with no required file, as a browser posts them."""
    fields, files = valid_fields(form)
    assert not files, f"{form.id} has a required file question"
    return urlencode([(name, value) for name, values in fields.items() for value in values])


def session_of(response) -> str:
    """The draft's key from a response's session cookie (a werkzeug response, or a headers dict)."""
    headers = getattr(response, "headers", response)
    value = headers.get("Set-Cookie") or headers.get("set-cookie") or ""
    assert value.startswith("councilsite_session="), f"no session cookie in {dict(headers)}"
    return value.split(";", 1)[0].split("=", 1)[1]


def cookie_of(response) -> dict:
    """The Cookie header a browser would send back after this response."""
    return {"Cookie": f"councilsite_session={session_of(response)}"}


def request(port, method, path, body=None, headers=None):
    """One request to a server on loopback: (status, headers, body); a body is sent urlencoded."""
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    headers = {**({"Content-Type": "application/x-www-form-urlencoded"} if body is not None else {}), **(headers or {})}
    conn.request(method, path, body=body, headers=headers)
    response = conn.getresponse()
    data = response.read()
    conn.close()
    return response.status, dict(response.getheaders()), data


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def start_serve(site_dir: Path | None, database: str, *options: str, env: dict | None = None,
                log: Path | None = None, timeout: float = 30.0, cwd: Path = REPO) -> tuple[subprocess.Popen, int]:
    """`councilsite serve` on a free loopback port, in a process group of its own, once
    /submit/health answers 200; its output goes to `log`, else to a pipe. RuntimeError, with that
    output, if it stops or does not answer in time. With no site_dir, serve finds the site itself."""
    port = free_port()
    out = open(log, "ab") if log else subprocess.PIPE
    where = ["--site-dir", str(site_dir)] if site_dir is not None else []
    try:
        process = subprocess.Popen(
            [sys.executable, "-m", "councilsite", "serve", "--port", str(port), "--database", database, *where,
             *options],
            cwd=cwd, env={**os.environ, **(env or {})}, stdin=subprocess.DEVNULL, stdout=out,
            stderr=subprocess.STDOUT, start_new_session=True)
    finally:
        if log:
            out.close()
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline and process.poll() is None:
        try:
            conn = http.client.HTTPConnection("127.0.0.1", port, timeout=2)
            conn.request("GET", "/submit/health")
            status = conn.getresponse().status
            conn.close()
            if status == 200:
                return process, port
        except OSError:
            pass
        time.sleep(0.1)
    if process.poll() is None:
        os.killpg(process.pid, signal.SIGKILL)  # start_new_session: its pid is the group's id
    process.wait(10)
    output = log.read_text(errors="replace") if log else process.stdout.read().decode(errors="replace")
    raise RuntimeError(f"`councilsite serve` did not answer /submit/health within {timeout:g} s "
                       f"(exit status {process.returncode}):\n{output}")


def postgres_test_url() -> str | None:
    """The test PostgreSQL server: COUNCILSITE_TEST_POSTGRES_URL, else what scripts/setup --test wrote."""
    url = os.environ.get("COUNCILSITE_TEST_POSTGRES_URL", "").strip()
    if not url and POSTGRES_URL_FILE.is_file():
        url = POSTGRES_URL_FILE.read_text().strip()
    return url or None


def in_schema(url: str, schema: str) -> str:
    """The URL with `schema` first on the search path, so its tables are the only ones seen."""
    return f"{url}{'&' if '?' in url else '?'}options=-csearch_path%3D{schema}"


def run_in_thread(app) -> tuple[str, callable]:
    """Serve a WSGI app on loopback from a thread; returns its root URL and a stop function."""
    from werkzeug.serving import make_server

    server = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()

    def stop():
        server.shutdown()
        thread.join(5)

    return f"http://127.0.0.1:{server.server_port}", stop


def text_of(html: str) -> str:
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html)).strip()
