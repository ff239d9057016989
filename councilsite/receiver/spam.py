"""Turning away bots without turning away residents.

- The honeypot: a box every form has and nobody can see (display: none, out of the tab order);
  a person never fills it in, a bot that fills in every box does.
- A per-client rate limit on posts: a sliding window of the last minute. Generous by default
  (60 posts a minute), because a library's public computers share one address. Counted in the
  store (Store.count_post), so every worker process and every receiver sharing the database
  count the same posts.
"""
from __future__ import annotations

import hashlib


def client_key(address: str) -> str:
    """What the rate limit counts a client by: addresses are personal data, so only a hash."""
    return hashlib.blake2b(address.encode(), digest_size=12).hexdigest()


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
