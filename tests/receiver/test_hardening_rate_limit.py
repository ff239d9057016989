"""The rate limit counts clients by a keyed, daily-salted hash, and believes X-Forwarded-For only
from the proxies it is told to trust."""
from __future__ import annotations

import datetime as dt
import hashlib
import ipaddress

import pytest

from councilsite.receiver.settings import Settings, SettingsError, env_settings
from councilsite.receiver.spam import RateLimitSecret, client_address, client_key, parse_proxies

DAY = dt.date(2026, 11, 22)
NGINX = parse_proxies("127.0.0.1, ::1")
BALANCERS = parse_proxies("10.0.0.0/8")


def environ(peer: str, forwarded: str | None = None) -> dict:
    env = {"REMOTE_ADDR": peer}
    if forwarded is not None:
        env["HTTP_X_FORWARDED_FOR"] = forwarded
    return env


def test_a_stored_key_cannot_be_brute_forced_back_to_an_address():
    secret = RateLimitSecret()
    addresses = [str(ipaddress.IPv4Address(int(ipaddress.IPv4Address("10.0.0.0")) + i * 7919)) for i in range(100)]
    stored = {client_key(a, secret, DAY) for a in addresses}
    assert len(stored) == len(addresses)
    # The attack that recovered 101 of 102 addresses: hash every candidate as the receiver used to.
    candidates = (str(ipaddress.IPv4Address(int(ipaddress.IPv4Address("10.0.0.0")) + i)) for i in range(800_000))
    unsalted = {hashlib.blake2b(c.encode(), digest_size=12).hexdigest() for c in candidates}
    unsalted |= {hashlib.blake2b(c.encode(), digest_size=16).hexdigest() for c in addresses}
    assert not stored & unsalted
    # Without the secret even the right address and day give another key.
    assert all(client_key(a, RateLimitSecret(), DAY) not in stored for a in addresses)


def test_keys_rotate_daily_and_are_steady_within_a_day():
    secret = RateLimitSecret(b"shared by every receiver")
    today = client_key("192.0.2.1", secret, DAY)
    assert client_key("192.0.2.1", secret, DAY) == today
    assert client_key("192.0.2.1", RateLimitSecret(b"shared by every receiver"), DAY) == today
    assert client_key("192.0.2.1", secret, DAY + dt.timedelta(days=1)) != today
    assert client_key("192.0.2.2", secret, DAY) != today
    assert "shared" not in repr(secret)


def test_forwarded_for_is_ignored_from_anyone_not_a_trusted_proxy():
    assert client_address(environ("203.0.113.5", "198.51.100.7")) == "203.0.113.5"
    assert client_address(environ("203.0.113.5", "198.51.100.7"), NGINX) == "203.0.113.5"
    assert client_address(environ("203.0.113.5", "127.0.0.1"), NGINX) == "203.0.113.5"


def test_behind_trusted_proxies_the_client_is_the_hop_they_added():
    # nginx on the machine appends the client's address to whatever the client sent.
    assert client_address(environ("127.0.0.1", "203.0.113.5"), NGINX) == "203.0.113.5"
    assert client_address(environ("127.0.0.1", "6.6.6.6, 203.0.113.5"), NGINX) == "203.0.113.5"
    # Two trusted hops: a load balancer in 10/8, then nginx.
    both = NGINX + BALANCERS
    assert client_address(environ("127.0.0.1", "1.2.3.4, 203.0.113.5, 10.1.2.3"), both) == "203.0.113.5"
    # Garbage from the client stops the walk; the proxy that reported it is as near as we can tell.
    assert client_address(environ("127.0.0.1", "not-an-address"), NGINX) == "127.0.0.1"
    assert client_address(environ("127.0.0.1", ""), NGINX) == "127.0.0.1"
    assert client_address(environ("::1", "2001:db8::1"), NGINX) == "2001:db8::1"


def test_a_spoofed_header_per_post_does_not_lift_the_limit():
    """Random X-Forwarded-For per post, straight at the receiver and through nginx: one client each time."""
    import random

    secret = RateLimitSecret()
    rng = random.Random(18)
    spoofs = [str(ipaddress.IPv4Address(rng.getrandbits(32))) for _ in range(50)]
    direct = {client_key(client_address(environ("203.0.113.5", s), NGINX), secret, DAY) for s in spoofs}
    proxied = {client_key(client_address(environ("127.0.0.1", f"{s}, 203.0.113.5"), NGINX), secret, DAY)
               for s in spoofs}
    assert len(direct) == 1 and len(proxied) == 1


def test_proxies_come_from_the_environment():
    settings = env_settings(Settings(forms={}, site_dir="."), {"COUNCILSITE_TRUSTED_PROXIES": "10.0.0.0/8, 127.0.0.1"})
    assert [str(n) for n in settings.trusted_proxies] == ["10.0.0.0/8", "127.0.0.1/32"]
    loopback = env_settings(Settings(forms={}, site_dir="."), {"COUNCILSITE_TRUST_PROXY": "1"})
    assert [str(n) for n in loopback.trusted_proxies] == ["127.0.0.0/8", "::1/128"]
    assert env_settings(Settings(forms={}, site_dir="."), {}).trusted_proxies == ()
    with pytest.raises(SettingsError, match="'10.0.0.300' is not an IP address"):
        env_settings(Settings(forms={}, site_dir="."), {"COUNCILSITE_TRUSTED_PROXIES": "10.0.0.300"})
    shared = env_settings(Settings(forms={}, site_dir="."), {"COUNCILSITE_RATE_LIMIT_SECRET": "s3cret"})
    assert client_key("192.0.2.1", shared.rate_limit_secret, DAY) == \
        client_key("192.0.2.1", RateLimitSecret(b"s3cret"), DAY)
