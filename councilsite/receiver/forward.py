"""The outbox worker: each submission is POSTed to the council's back office (its CRM) until it
says yes.

A submission is acknowledged to the resident once it is stored, so the back office being down
must lose nothing and hold nothing up: a failed delivery waits (30 s, 1 min, 2 min... up to an
hour, give or take a fifth so that many waiting deliveries do not all return at once) and is
tried again, for ever. Each try carries the same Idempotency-Key, <form id>/<reference>, so the
CRM can tell a retry (say, after our claim ran out mid-request) from a new submission.

With a secret, each try is signed as Standard Webhooks (https://www.standardwebhooks.com/) sign
a message: webhook-id is that same <form id>/<reference> (a reference is unique only within its
form), webhook-timestamp the second the try was made, and webhook-signature
"v1,<base64 HMAC-SHA256 of id.timestamp.body>". A CRM verifying them (any Standard Webhooks
library does) refuses a captured delivery replayed later, because its timestamp is stale, and a
duplicate, because it has seen the id. A secret written whsec_<base64> is used as the spec says
(the decoded bytes); any other secret is used as its UTF-8 bytes. X-Councilsite-Signature
(HMAC of the body alone, replayable) is still sent for CRMs not yet moved over.

Logs say what happened to which reference, never what a resident wrote: the CRM's answer body
could echo answers, so only its status code is kept.
"""
from __future__ import annotations

import base64
import binascii
import datetime as dt
import hashlib
import hmac
import json
import logging
import os
import random
import secrets
import socket
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
from dataclasses import dataclass

from councilsite import clock
from councilsite.forms.model import Form
from councilsite.receiver.export import html_safe_json, record
from councilsite.receiver.store.base import Delivery, Store, StoreError

log = logging.getLogger("councilsite.receiver")

FIRST_WAIT = 30  # seconds
LONGEST_WAIT = 3600
JITTER = 0.2


@dataclass
class ForwardReport:
    delivered: int = 0
    failed: int = 0
    pending: int = 0  # still in the outbox afterwards: failed ones, and any not yet due


def deliver_claimed(claim, deliver, lease: dt.timedelta) -> ForwardReport:
    """Claim a batch, deliver each, and again until nothing is due: the webhook's forwarder and
    the email sender share this loop. A claim is a lease: once 90% of it is gone, the rest of the
    batch is left for another sender to claim."""
    report = ForwardReport()
    while True:
        claimed_at = time.monotonic()
        claimed = claim()
        if not claimed:
            return report
        for delivery in claimed:
            if time.monotonic() - claimed_at > lease.total_seconds() * 0.9:
                break
            if deliver(delivery):
                report.delivered += 1
            else:
                report.failed += 1


def backoff(attempts: int, rng: random.Random | None = None, first: float = FIRST_WAIT,
            longest: float = LONGEST_WAIT) -> dt.timedelta:
    """How long to wait after a failure, given the failed attempts before it."""
    rng = rng or random
    wait = min(first * 2 ** min(attempts, 20), longest) * rng.uniform(1 - JITTER, 1 + JITTER)
    if wait > longest:  # spread below the cap, so retries that reach it still come back apart
        wait = longest * rng.uniform(1 - JITTER, 1)
    return dt.timedelta(seconds=wait)


FAILING_FOR = dt.timedelta(days=1)


def report_if_failing_for_a_day(submission, channel: str, now: dt.datetime, error: str) -> None:
    """One ERROR line a day's failing is worth: someone must look (`councilsite submissions status`)."""
    if now - submission.received_at >= FAILING_FOR:
        event(logging.ERROR, "delivery_failing_for_a_day", form=submission.form_id, reference=submission.reference,
              channel=channel, error=error, received_at=submission.received_at.isoformat(timespec="seconds"))


def event(level: int, name: str, **fields) -> None:
    log.log(level, json.dumps({"event": name, **fields}, default=str))


def signing_key(secret: str) -> bytes:
    if secret.startswith("whsec_"):
        try:
            return base64.b64decode(secret.removeprefix("whsec_") + "==", validate=False)
        except (binascii.Error, ValueError):
            raise ValueError("the webhook secret starts whsec_ but the rest is not base64") from None
    return secret.encode()


def standard_webhook_headers(key: bytes, message_id: str, body: bytes, timestamp: int | None = None) -> dict:
    """webhook-id, webhook-timestamp and webhook-signature for one try of a message."""
    timestamp = int(time.time()) if timestamp is None else timestamp
    signed = message_id.encode() + b"." + str(timestamp).encode() + b"." + body
    signature = base64.b64encode(hmac.new(key, signed, hashlib.sha256).digest()).decode("ascii")
    return {"webhook-id": message_id, "webhook-timestamp": str(timestamp), "webhook-signature": f"v1,{signature}"}


class _NoRedirects(urllib.request.HTTPRedirectHandler):
    # Followed, a 302 would turn the POST into a GET without its body and then "succeed":
    # a redirect is a failure someone must fix in the webhook URL.
    def redirect_request(self, req, fp, code, msg, headers, newurl):
        return None


class Forwarder:
    def __init__(self, store: Store, url: str, secret: str | None = None, forms: dict[str, Form] | None = None,
                 timeout: float = 10, owner: str | None = None, batch: int = 20, rng: random.Random | None = None):
        parts = urllib.parse.urlsplit(url)
        if parts.scheme not in ("http", "https") or not parts.netloc:
            raise ValueError(f"the webhook URL must be http:// or https://, not '{url}'")
        self.store, self.url, self.secret, self.forms = store, url, secret, forms or {}
        self.key = signing_key(secret) if secret else None
        self.timeout, self.batch, self.rng = timeout, batch, rng
        self.owner = owner or f"{socket.gethostname()}/{os.getpid()}/{secrets.token_hex(4)}"
        # Long enough for a whole batch to time out one by one; the batch stops early if it is not.
        self.lease = dt.timedelta(seconds=timeout * batch + 30)
        self._opener = urllib.request.build_opener(_NoRedirects)

    def run_once(self, now: dt.datetime | None = None) -> ForwardReport:
        """Deliver everything due now; failures wait their turn. `now` fixes the time (tests)."""
        report = deliver_claimed(lambda: self.store.claim_deliveries(self.owner, now or clock.now(), self.lease,
                                                                     self.batch),
                                 lambda delivery: self.deliver(delivery, now), self.lease)
        report.pending = self.store.outbox().pending
        return report

    def deliver(self, delivery: Delivery, now: dt.datetime | None = None) -> bool:
        submission = delivery.submission
        attempt = delivery.attempts + 1
        body = html_safe_json(record(self.forms.get(submission.form_id), submission, content=True)).encode()
        message_id = f"{submission.form_id}/{submission.reference}"
        headers = {"Content-Type": "application/json", "Idempotency-Key": message_id,
                   "X-Councilsite-Delivery-Attempt": str(attempt)}
        if self.key:
            # The wall clock, not `now`: the timestamp is checked against the CRM's clock.
            headers.update(standard_webhook_headers(self.key, message_id, body))
            digest = hmac.new(self.key, body, hashlib.sha256).hexdigest()
            headers["X-Councilsite-Signature"] = f"sha256={digest}"
        status, error = self._post(body, headers)
        where = {"form": submission.form_id, "reference": submission.reference, "attempt": attempt}
        if error is None:
            self.store.delivered(submission.id, now or clock.now())
            event(logging.INFO, "delivered", **where, status=status)
            return True
        next_attempt = (now or clock.now()) + backoff(delivery.attempts, self.rng)
        self.store.delivery_failed(submission.id, next_attempt, error)
        event(logging.WARNING, "delivery_failed", **where, status=status, error=error,
              next_attempt=next_attempt.isoformat(timespec="seconds"))
        report_if_failing_for_a_day(submission, "webhook", now or clock.now(), error)
        return False

    def _post(self, body: bytes, headers: dict) -> tuple[int | None, str | None]:
        """(status, None) on any 2xx, else (status or None, a short error naming no answers)."""
        request = urllib.request.Request(self.url, data=body, headers=headers, method="POST")
        try:
            with self._opener.open(request, timeout=self.timeout) as response:
                return response.status, None
        except urllib.error.HTTPError as exc:
            exc.close()
            return exc.code, f"HTTP {exc.code}"
        except urllib.error.URLError as exc:
            reason = exc.reason
            return None, type(reason).__name__ if isinstance(reason, BaseException) else "URLError"
        except Exception as exc:  # timeouts, resets, a malformed response: named, never quoted
            return None, type(exc).__name__

    def run(self, stop: threading.Event, interval: float = 5) -> None:
        """Forward until `stop` is set, looking for due deliveries every `interval` seconds."""
        while not stop.is_set():
            try:
                self.run_once()
            except StoreError as exc:
                event(logging.ERROR, "forward_store_error", error=str(exc))
            except Exception as exc:  # keep the thread alive: the next round may work
                event(logging.ERROR, "forward_error", error=type(exc).__name__)
            stop.wait(interval)
