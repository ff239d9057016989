"""Forwarding to the back office, against a real HTTP server that can fail and come back."""
import base64
import datetime as dt
import hashlib
import hmac
import json
import logging
import random
import threading
import time

import pytest

from councilsite.receiver.forward import LONGEST_WAIT, Forwarder, backoff
from sending import Target, at, demo_forms, send, upload

SECRET = "not-a-real-secret"
PNG = b"\x89PNG\r\n\x1a\n" + b"\x01" * 30
T0 = at("2026-11-22 12:00")


@pytest.fixture
def target():
    running = Target().start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def forms():
    return demo_forms()


def fly_tipping(store, forms, now=T0):
    return send(store, forms["report-fly-tipping"],
                {"location": "Behind 1 Mill Lane", "waste_type": ["tyres"], "amount": "single",
                 "full_name": "Ann Smith", "email": "ann@example.com"},
                now, uploads=[upload("photo", "tyres.png", PNG, "image/png")])


def test_a_submission_is_posted_signed_with_its_files(store, forms, target):
    sent = fly_tipping(store, forms)
    forwarder = Forwarder(store, target.url, secret=SECRET, forms=forms)
    report = forwarder.run_once(now=T0 + dt.timedelta(seconds=1))
    assert (report.delivered, report.failed, report.pending) == (1, 0, 0)
    [request] = target.requests
    headers, body = request["headers"], request["body"]
    assert request["path"] == "/submissions"
    assert headers["Content-Type"] == "application/json"
    assert headers["Idempotency-Key"] == f"report-fly-tipping/{sent.reference}"
    assert headers["X-Councilsite-Delivery-Attempt"] == "1"
    expected = hmac.new(SECRET.encode(), body, hashlib.sha256).hexdigest()
    assert hmac.compare_digest(headers["X-Councilsite-Signature"], f"sha256={expected}")
    payload = json.loads(body)
    assert payload["form"] == "report-fly-tipping" and payload["reference"] == sent.reference
    assert payload["received_at"] == "2026-11-22T12:00:00+00:00"
    assert payload["answers"]["location"] == "Behind 1 Mill Lane"
    assert payload["answers_text"]["How much is there?"] == "One item or bag"
    [photo] = payload["files"]
    assert base64.b64decode(photo["content_base64"]) == PNG
    assert photo["sha256"] == hashlib.sha256(PNG).hexdigest() and photo["size"] == len(PNG)
    assert {k: photo[k] for k in ("question", "filename", "content_type")} == {
        "question": "photo", "filename": "tyres.png", "content_type": "image/png"}

    again = forwarder.run_once(now=T0 + dt.timedelta(hours=2))
    assert (again.delivered, again.failed, again.pending) == (0, 0, 0)
    assert len(target.requests) == 1  # delivered once, never again


def test_nothing_is_lost_while_the_back_office_is_down(store, forms, target, caplog):
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    target.stop()  # connection refused
    sent = fly_tipping(store, forms)
    forwarder = Forwarder(store, target.url, secret=SECRET, forms=forms)

    down = forwarder.run_once(now=T0 + dt.timedelta(seconds=1))
    assert (down.delivered, down.failed, down.pending) == (0, 1, 1)
    # The first wait is 30 s, give or take a fifth: not due 20 s later.
    waiting = forwarder.run_once(now=T0 + dt.timedelta(seconds=21))
    assert (waiting.delivered, waiting.failed, waiting.pending) == (0, 0, 1)

    target.start()
    target.status = 503  # up, but not well
    busy = forwarder.run_once(now=T0 + dt.timedelta(seconds=40))
    assert (busy.delivered, busy.failed, busy.pending) == (0, 1, 1)
    assert target.requests[-1]["headers"]["X-Councilsite-Delivery-Attempt"] == "2"
    # The second wait is about a minute (48 to 72 s): still waiting 45 s later.
    assert forwarder.run_once(now=T0 + dt.timedelta(seconds=85)).failed == 0
    assert len(target.requests) == 1

    target.status = 201
    back = forwarder.run_once(now=T0 + dt.timedelta(seconds=40 + 73))
    assert (back.delivered, back.failed, back.pending) == (1, 0, 0)
    first, last = target.requests
    assert last["headers"]["X-Councilsite-Delivery-Attempt"] == "3"
    key = f"report-fly-tipping/{sent.reference}"
    assert first["headers"]["Idempotency-Key"] == last["headers"]["Idempotency-Key"] == key
    assert json.loads(last["body"])["answers"] == sent.answers

    logged = [json.loads(r.getMessage()) for r in caplog.records if r.name == "councilsite.receiver"]
    assert [(e["event"], e["attempt"], e["status"]) for e in logged] == [
        ("delivery_failed", 1, None), ("delivery_failed", 2, 503), ("delivered", 3, 201)]
    assert logged[0]["error"] == "ConnectionRefusedError" and logged[1]["error"] == "HTTP 503"
    assert all(e["form"] == "report-fly-tipping" and e["reference"] == sent.reference for e in logged)
    text = caplog.text
    for personal in ("Mill Lane", "Ann", "ann@example.com", "tyres.png"):
        assert personal not in text


@pytest.mark.parametrize("status", [400, 401, 404, 409, 500])
def test_any_refusal_is_tried_again_later(store, forms, target, status):
    fly_tipping(store, forms)
    target.status = status
    forwarder = Forwarder(store, target.url, forms=forms)
    assert forwarder.run_once(now=T0).failed == 1
    target.status = 204
    assert forwarder.run_once(now=T0 + dt.timedelta(hours=1, minutes=1)).delivered == 1
    assert "X-Councilsite-Signature" not in target.requests[-1]["headers"]  # no secret, no signature


def test_a_redirect_is_a_failure_not_a_get(store, forms, target):
    fly_tipping(store, forms)
    target.status, target.location = 302, target.url + "/elsewhere"
    report = Forwarder(store, target.url, forms=forms).run_once(now=T0)
    assert (report.delivered, report.failed) == (0, 1)
    assert [r["path"] for r in target.requests] == ["/submissions"]


def test_a_slow_back_office_times_out_and_is_tried_again(store, forms, target, caplog):
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    fly_tipping(store, forms)
    target.delay = 1.0
    report = Forwarder(store, target.url, forms=forms, timeout=0.2).run_once(now=T0)
    assert (report.failed, report.pending) == (1, 1)
    assert json.loads(caplog.records[-1].getMessage())["error"] == "TimeoutError"


def test_many_deliveries_in_batches_oldest_first(store, forms, target):
    sent = [fly_tipping(store, forms, T0 + dt.timedelta(minutes=i)) for i in range(5)]
    report = Forwarder(store, target.url, forms=forms, batch=2).run_once(now=T0 + dt.timedelta(hours=1))
    assert (report.delivered, report.pending) == (5, 0)
    assert [json.loads(r["body"])["reference"] for r in target.requests] == [s.reference for s in sent]


def test_the_background_thread_delivers_and_stops(store, forms, target):
    fly_tipping(store, forms)
    forwarder = Forwarder(store, target.url, forms=forms)
    stop = threading.Event()
    thread = threading.Thread(target=forwarder.run, args=(stop, 0.05), daemon=True)
    thread.start()
    deadline = time.monotonic() + 10
    while not target.requests and time.monotonic() < deadline:
        time.sleep(0.02)
    stop.set()
    thread.join(5)
    assert not thread.is_alive()
    assert len(target.requests) == 1 and store.outbox().pending == 0


def test_the_wait_doubles_up_to_an_hour_with_jitter():
    rng = random.Random(1)
    for attempts, base in [(0, 30), (1, 60), (2, 120), (6, 1920), (7, 3600), (50, 3600), (10_000, 3600)]:
        waits = [backoff(attempts, rng).total_seconds() for _ in range(200)]
        assert min(waits) >= base * 0.8 and max(waits) <= min(base * 1.2, LONGEST_WAIT)
        assert max(waits) - min(waits) > base * 0.1  # spread, so many retries do not come back at once


@pytest.mark.parametrize("url", ["file:///etc/passwd", "ftp://crm/", "crm.example", "http://"])
def test_only_http_webhooks(url):
    with pytest.raises(ValueError):
        Forwarder(None, url)
