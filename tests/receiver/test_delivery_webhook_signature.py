"""The webhook is signed as Standard Webhooks sign a message, checked with their own library."""
import base64
import datetime as dt
import hashlib
import hmac
import json
import time

import pytest
from standardwebhooks.webhooks import Webhook, WebhookVerificationError

from councilsite.receiver.forward import Forwarder, signing_key, standard_webhook_headers
from sending import Target, at, demo_forms, send

SPEC_SECRET = "whsec_" + base64.b64encode(b"a thirty-two byte key for tests!").decode()
T0 = at("2026-11-22 12:00")


@pytest.fixture
def target():
    running = Target().start()
    yield running
    running.stop()


@pytest.fixture(scope="module")
def forms():
    return demo_forms()


def missed_bin(store, forms):
    return send(store, forms["report-fly-tipping"],
                {"location": "Behind 1 Mill Lane", "waste_type": ["tyres"], "amount": "single"}, T0)


def _deliver(store, forms, target, secret):
    sent = missed_bin(store, forms)
    report = Forwarder(store, target.url, secret=secret, forms=forms).run_once(now=T0 + dt.timedelta(seconds=1))
    assert report.delivered == 1
    [request] = target.requests
    return sent, lowered(request)


def lowered(request):
    # Header names are case-insensitive (urllib sends Webhook-id); the spec writes them in lower case.
    return {**request, "headers": {k.lower(): v for k, v in request["headers"].items()}}


@pytest.mark.parametrize("secret, verifier_key", [(SPEC_SECRET, SPEC_SECRET),
                                                  ("a plain old secret", b"a plain old secret")])
def test_each_delivery_verifies_with_standardwebhooks(store, forms, target, secret, verifier_key):
    sent, request = _deliver(store, forms, target, secret)
    headers, body = request["headers"], request["body"]
    assert headers["webhook-id"] == f"report-fly-tipping/{sent.reference}" == headers["idempotency-key"]
    assert abs(int(headers["webhook-timestamp"]) - time.time()) < 60  # the wall clock, not the test's `now`
    payload = Webhook(verifier_key).verify(body, headers)
    assert payload["reference"] == sent.reference
    # The old header stays for CRMs not yet moved over.
    expected = hmac.new(signing_key(secret), body, hashlib.sha256).hexdigest()
    assert headers["x-councilsite-signature"] == f"sha256={expected}"


def test_a_tampered_body_or_another_secret_fails(store, forms, target):
    _, request = _deliver(store, forms, target, SPEC_SECRET)
    headers, body = request["headers"], request["body"]
    tampered = json.dumps({**json.loads(body), "reference": "XXXXX-XXXXX"}).encode()
    with pytest.raises(WebhookVerificationError):
        Webhook(SPEC_SECRET).verify(tampered, headers)
    with pytest.raises(WebhookVerificationError):
        Webhook("whsec_" + base64.b64encode(b"somebody else's key").decode()).verify(body, headers)
    with pytest.raises(WebhookVerificationError):  # the id is signed too: it cannot be swapped
        Webhook(SPEC_SECRET).verify(body, {**headers, "webhook-id": "report-fly-tipping/OTHER-00000"})


def test_a_captured_delivery_replayed_later_fails():
    key = signing_key(SPEC_SECRET)
    body = b'{"reference": "ABCDE-FGHJK"}'
    fresh = standard_webhook_headers(key, "contact-us/ABCDE-FGHJK", body)
    Webhook(SPEC_SECRET).verify(body, fresh)
    stale = standard_webhook_headers(key, "contact-us/ABCDE-FGHJK", body, timestamp=int(time.time()) - 6 * 60)
    with pytest.raises(WebhookVerificationError, match="too old"):
        Webhook(SPEC_SECRET).verify(body, stale)
    # An attacker cannot freshen the timestamp without the key: the signature covers it.
    with pytest.raises(WebhookVerificationError):
        Webhook(SPEC_SECRET).verify(body, {**stale, "webhook-timestamp": fresh["webhook-timestamp"]})


def test_a_retry_is_signed_again_with_the_same_id(store, forms, target):
    sent = missed_bin(store, forms)
    target.status = 503
    forwarder = Forwarder(store, target.url, secret=SPEC_SECRET, forms=forms)
    forwarder.run_once(now=T0)
    target.status = 200
    forwarder.run_once(now=T0 + dt.timedelta(hours=2))
    first, second = map(lowered, target.requests)
    assert first["headers"]["webhook-id"] == second["headers"]["webhook-id"] == f"report-fly-tipping/{sent.reference}"
    for request in (first, second):
        Webhook(SPEC_SECRET).verify(request["body"], request["headers"])


def test_a_broken_spec_secret_is_refused_at_once(store, forms, target):
    with pytest.raises(ValueError, match="whsec_"):
        Forwarder(store, target.url, secret="whsec_not base64!!", forms=forms)


def test_no_secret_no_signature(store, forms, target):
    _, request = _deliver(store, forms, target, None)
    assert not {"webhook-signature", "x-councilsite-signature"} & set(request["headers"])
    assert request["headers"]["idempotency-key"].startswith("report-fly-tipping/")


def test_a_webhook_failing_for_a_day_is_reported_in_the_log_and_the_status(store, forms, target, caplog):
    import logging

    from councilsite.receiver.deliver import queue
    caplog.set_level(logging.INFO, logger="councilsite.receiver")
    sent = missed_bin(store, forms)
    target.status = 503
    forwarder = Forwarder(store, target.url, secret=SPEC_SECRET, forms=forms)
    forwarder.run_once(now=T0 + dt.timedelta(seconds=1))
    assert not [r for r in caplog.records if r.levelno == logging.ERROR]
    later = T0 + dt.timedelta(days=1, hours=2)
    forwarder.run_once(now=later)
    [alarm] = [json.loads(r.getMessage()) for r in caplog.records if r.levelno == logging.ERROR]
    assert (alarm["event"], alarm["channel"], alarm["reference"], alarm["error"]) == (
        "delivery_failing_for_a_day", "webhook", sent.reference, "HTTP 503")
    [webhook] = [s for s in queue.status(store, later) if s.channel == "webhook"]
    assert (webhook.waiting, webhook.failing_for_a_day, webhook.last_error) == (1, 1, "HTTP 503")
