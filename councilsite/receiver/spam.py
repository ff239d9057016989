"""Turning away bots without turning away residents.

- The honeypot: a box every form has and nobody can see (display: none, out of the tab order);
  a person never fills it in, a bot that fills in every box does.
- A per-client rate limit on posts: a sliding window of the last minute. Generous by default
  (60 posts a minute), because a library's public computers share one address. Kept in each
  receiver's memory: behind a load balancer each instance counts its own share, which is why
  the balancer should limit too.
"""
from __future__ import annotations

import hashlib
import threading
import time
from collections import deque


class RateLimiter:
    def __init__(self, per_minute: int, window: float = 60.0, clock=time.monotonic):
        self.per_minute, self.window, self.clock = per_minute, window, clock
        self.hits: dict[str, deque[float]] = {}
        self.lock = threading.Lock()
        self.checks = 0

    def allow(self, client: str) -> bool:
        """Count a post from this client; False once it is over the limit (the post is not counted)."""
        if self.per_minute <= 0:
            return True
        # Addresses are personal data: keep only a hash of each, and only for a minute.
        key = hashlib.blake2b(client.encode(), digest_size=12).hexdigest()
        now = self.clock()
        with self.lock:
            recent = self.hits.setdefault(key, deque())
            while recent and recent[0] <= now - self.window:
                recent.popleft()
            self.checks += 1
            if self.checks % 1000 == 0:
                self._forget(now)
            if len(recent) >= self.per_minute:
                return False
            recent.append(now)
            return True

    def retry_after(self, client: str) -> int:
        key = hashlib.blake2b(client.encode(), digest_size=12).hexdigest()
        with self.lock:
            recent = self.hits.get(key)
            if not recent:
                return 0
            return max(1, int(recent[0] + self.window - self.clock()) + 1)

    def _forget(self, now: float) -> None:
        for key in [k for k, hits in self.hits.items() if not hits or hits[-1] <= now - self.window]:
            del self.hits[key]


def client_address(environ: dict, trust_proxy: bool) -> str:
    """The client's address; behind a trusted load balancer, the last address it added."""
    if trust_proxy:
        forwarded = environ.get("HTTP_X_FORWARDED_FOR", "")
        hops = [h.strip() for h in forwarded.split(",") if h.strip()]
        if hops:
            return hops[-1]
    return environ.get("REMOTE_ADDR", "")


def honeypot_filled(fields: dict[str, list[str]], honeypot: str) -> bool:
    return bool(honeypot) and any(v.strip() for v in fields.get(honeypot, []))
