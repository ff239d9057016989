"""`councilsite serve` for real, as an attacker and a careful operator would try it: what its
logs hold after a load run, and that slow clients cannot take the site down."""
from __future__ import annotations

import json
import logging
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from urllib.parse import urlencode

import pytest

from councilsite.receiver.logs import JsonLines, scrub
from receiversite import build_demo, demo_settings, request, session_of, start_serve, valid_fields

CONTACT = "contact-us"
MISSED_BIN = "report-a-missed-bin"
CLIENT = "203.0.113.77"  # the resident, as the proxy in front says


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("hardening-serve"))


def stop(process) -> None:
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)


def raw(port: int, data: bytes) -> bytes:
    with socket.create_connection(("127.0.0.1", port), timeout=5) as conn:
        conn.sendall(data)
        chunks = []
        try:
            while chunk := conn.recv(65536):
                chunks.append(chunk)
        except OSError:
            pass
        return b"".join(chunks)


def post(port: int, path: str, body: str, forwarded: str = CLIENT, cookie: str | None = None):
    import http.client

    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                   "X-Forwarded-For": forwarded,
                                                   **({"Cookie": f"councilsite_session={cookie}"} if cookie else {})})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, dict(response.getheaders())


def test_a_load_run_leaves_no_personal_data_in_the_logs(site_dir, tmp_path):
    log = tmp_path / "serve.log"
    process, port = start_serve(site_dir, f"sqlite:///{tmp_path / 'db.sqlite3'}", "--workers", "2",
                                env={"COUNCILSITE_TRUSTED_PROXIES": "127.0.0.1"}, log=log)
    settings = demo_settings(site_dir)
    secrets = {CLIENT, "resident@example.com"}
    tokens = []
    try:
        for i in range(12):
            form_id = CONTACT if i % 2 else MISSED_BIN
            answer = f"Private answer number {i} about my neighbour"
            secrets.add(answer)
            fields, _ = valid_fields(settings.forms[form_id], answer)
            fields.update({"reply_by": ["email"], "email": ["resident@example.com"]} if form_id == CONTACT else {})
            status, headers = post(port, f"/submit/{form_id}", urlencode(fields, doseq=True))
            assert status == 303, status
            token = session_of(headers)
            tokens.append(token)
            cookie = {"Cookie": f"councilsite_session={token}"}
            assert request(port, "GET", headers["Location"], headers=cookie)[0] == 200
            status, headers = post(port, f"/submit/{form_id}/send", "", cookie=token)
            assert status == 303
            assert request(port, "GET", headers["Location"], headers=cookie)[0] == 200
        # What a scanner sends: broken request lines, a NUL in the path, a token in the address.
        raw(port, b"GET /secret.txt\x00 HTTP/1.1\r\nHost: x\r\n\r\n")
        raw(port, b"GARBAGE resident@example.com\r\n\r\n")
        raw(port, b"GET /submit/contact-us/check?t=" + tokens[0].encode() + b"&email=resident@example.com HTTP/1.1\r\n"
                  b"Host: x\r\nX-Forwarded-For: " + CLIENT.encode() + b"\r\n\r\n")
        raw(port, b"POST /submit/contact-us HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999\r\n\r\nx")
        raw(port, b"GET /" + b"a" * 70000 + b" HTTP/1.1\r\n\r\n")
    finally:
        stop(process)
    # What serve says as it starts (its own address, the database) comes before any request.
    lines = [line for line in log.read_text(errors="replace").splitlines()
             if not line.startswith(("Serving the site", "WARNING: COUNCILSITE_NOW"))]
    text = "\n".join(lines)
    assert text.count('"event": "form.sent"') == 12, text[-2000:]
    for secret in [*secrets, *tokens, "127.0.0.1", "secret.txt"]:
        assert secret not in text, secret
    for line in lines:
        json.loads(line)  # every other line is one JSON object


def test_the_servers_own_messages_are_scrubbed():
    try:
        raise ValueError("answer was resident@example.com")
    except ValueError:
        record = logging.LogRecord("waitress", logging.ERROR, __file__, 1,
                                   "Exception while serving /submit/x/check/Zx8kq2LmN4pR7sT1vW3y?email=a@b.example "
                                   "from 198.51.100.4:5050 and ::1", None, sys.exc_info())
    line = json.loads(JsonLines().format(record))
    assert line == {"event": "server.message", "level": "error", "logger": "waitress",
                    "message": "Exception while serving <path> from <address> and <address>", "error": "ValueError"}
    templated = logging.LogRecord("waitress", logging.WARNING, __file__, 1, "Invalid request from ip=%s: %r",
                                  ("127.0.0.1", "GET /secret HTTP/1.1"), None)
    assert json.loads(JsonLines().format(templated))["message"] == "Invalid request from ip=%s: %r"
    assert scrub("'GET /secret.txt\x00 HTTP/1.1'") == "<quoted>"


def test_fifty_slow_clients_do_not_hold_up_residents(site_dir, tmp_path):
    from slowclients import SlowBodies, percentile, timed_gets

    process, port = start_serve(site_dir, f"sqlite:///{tmp_path / 'db.sqlite3'}", "--workers", "2", "--quiet")
    try:
        with SlowBodies(port, f"/submit/{MISSED_BIN}", count=50) as slow:
            times = timed_gets(port, ["/", f"/forms/{MISSED_BIN}/"], rounds=25)
            still_open = slow.open()
    finally:
        stop(process)
    p50, p99 = percentile(times, 50), percentile(times, 99)
    print(f"serve, 50 slow bodies open: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms over {len(times)} GETs")
    assert still_open == 50, "the slow clients were cut off, so this measured nothing"
    assert p99 < 1.0, (p50, p99)


def test_a_worker_that_dies_is_replaced(site_dir, tmp_path):
    log = tmp_path / "serve.log"
    process, port = start_serve(site_dir, f"sqlite:///{tmp_path / 'db.sqlite3'}", "--workers", "2", log=log)
    try:
        def workers() -> set[int]:
            out = subprocess.run(["pgrep", "-P", str(process.pid)], capture_output=True, text=True).stdout
            return {int(p) for p in out.split()}

        first = workers()
        assert len(first) == 2
        victim = min(first)
        os.kill(victim, signal.SIGKILL)
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and (victim in workers() or len(workers()) < 2):
            time.sleep(0.1)
        now = workers()
        assert len(now) == 2 and victim not in now
        assert all(request(port, "GET", "/")[0] == 200 for _ in range(10))
    finally:
        stop(process)
    died = [json.loads(line) for line in log.read_text().splitlines() if '"server.worker_died"' in line]
    assert died == [{"event": "server.worker_died", "status": -9}]


def test_serve_counts_the_client_a_trusted_proxy_names_and_only_that(site_dir, tmp_path):
    process, port = start_serve(site_dir, f"sqlite:///{tmp_path / 'db.sqlite3'}", "--workers", "2", "--quiet",
                                "--rate-limit", "2", env={"COUNCILSITE_TRUSTED_PROXIES": "127.0.0.1"})
    try:
        fields, _ = valid_fields(demo_settings(site_dir).forms[MISSED_BIN])
        body = urlencode(fields, doseq=True)
        path = f"/submit/{MISSED_BIN}"
        first = [post(port, path, body, f"6.6.6.{i}, 198.51.100.1")[0] for i in range(3)]
        other = post(port, path, body, "198.51.100.2")[0]
    finally:
        stop(process)
    # The hop the proxy added decides (the server passes X-Forwarded-For through to be judged).
    assert first == [303, 303, 429] and other == 303
