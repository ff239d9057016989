"""Turning away bots without turning away residents.

- The honeypot: a box every form has and nobody can see (display: none, out of the tab order);
  a person never fills it in, a bot that fills in every box does.
- A per-client rate limit on posts: a sliding window of the last minute. Generous by default
  (60 posts a minute), because a library's public computers share one address. Counted in the
  store (Store.count_post), so every worker process and every receiver sharing the database
  count the same posts.

The store never holds an address, nor anything an address can be recovered from: a client is
counted by an HMAC of its address under a salt of the day, itself an HMAC of the receiver's
secret (RateLimitSecret) and the date. The secret lives only in the receivers' memory (or in
COUNCILSITE_RATE_LIMIT_SECRET, for several receivers sharing a database), never in the database,
so a copy of the database cannot be brute-forced back to addresses (IPv4 is only 2^32 guesses),
and keys from different days cannot be linked.

Behind a proxy, X-Forwarded-For is believed only when the connection comes from one of the
configured proxies (COUNCILSITE_TRUSTED_PROXIES), and then only the hops those proxies added: the
client is the right-most address that is not itself a trusted proxy. Anything to its left was
written by the client and may be made up.
"""
from __future__ import annotations

import datetime as dt
import hashlib
import hmac
import ipaddress
import os
import secrets

Network = ipaddress.IPv4Network | ipaddress.IPv6Network
LOOPBACK = ("127.0.0.0/8", "::1/128")


class RateLimitSecret:
    """The secret the day's salts come from; random for this receiver unless one is given."""

    def __init__(self, secret: bytes | None = None):
        self._secret = secret if secret else secrets.token_bytes(32)

    @classmethod
    def from_environ(cls, environ=os.environ) -> "RateLimitSecret":
        given = environ.get("COUNCILSITE_RATE_LIMIT_SECRET", "")
        return cls(given.encode() if given else None)

    def salt(self, day: dt.date) -> bytes:
        return hmac.new(self._secret, f"rate-limit-salt:{day.isoformat()}".encode(), hashlib.sha256).digest()

    def __repr__(self) -> str:  # never in a log or a traceback
        return "RateLimitSecret(...)"


# This process's secret, made once: every receiver in it (and every worker forked from it) counts alike.
PROCESS_SECRET = RateLimitSecret()


def client_key(address: str, secret: RateLimitSecret, day: dt.date) -> str:
    """What the rate limit counts a client by: a keyed hash of its address under the day's salt."""
    return hmac.new(secret.salt(day), address.encode(), hashlib.blake2b).hexdigest()[:32]


def parse_proxies(text: str, where: str = "COUNCILSITE_TRUSTED_PROXIES") -> tuple[Network, ...]:
    """'127.0.0.1, 10.0.0.0/8' -> networks; ValueError naming the entry that is not one."""
    networks = []
    for entry in (e.strip() for e in text.replace(";", ",").split(",")):
        if not entry:
            continue
        try:
            networks.append(ipaddress.ip_network(entry, strict=False))
        except ValueError:
            raise ValueError(f"{where}: '{entry}' is not an IP address or network (such as 10.0.0.0/8)") from None
    return tuple(networks)


def _address(text: str):
    try:
        return ipaddress.ip_address(text.strip())
    except ValueError:
        return None


def _trusted(address, proxies: tuple[Network, ...]) -> bool:
    return address is not None and any(address in network for network in proxies)


def from_trusted_proxy(environ: dict, proxies: tuple[Network, ...]) -> bool:
    """Whether the connection comes from a proxy whose X-Forwarded-* headers are believed."""
    return bool(proxies) and _trusted(_address(environ.get("REMOTE_ADDR", "")), proxies)


def client_address(environ: dict, proxies: tuple[Network, ...] = ()) -> str:
    """The client's address: the connection's, unless that is a trusted proxy, when it is the
    right-most X-Forwarded-For hop that is not a trusted proxy (or the left-most, if all are)."""
    peer = environ.get("REMOTE_ADDR", "")
    if not from_trusted_proxy(environ, proxies):
        return peer
    client = peer
    hops = [h.strip() for h in environ.get("HTTP_X_FORWARDED_FOR", "").split(",")]
    for hop in reversed(hops):
        address = _address(hop)
        if address is None:
            break  # garbage: the last proxy we trust is as near the client as we can tell
        client = str(address)
        if not _trusted(address, proxies):
            break
    return client


def honeypot_filled(fields: dict[str, list[str]], honeypot: str) -> bool:
    return bool(honeypot) and any(v.strip() for v in fields.get(honeypot, []))
