"""The receiver and the static server in-process, against the demo built once: spoofed
forwarding headers, symlinks out of the site folder, and the headers every response carries."""
from __future__ import annotations

import ipaddress
import os
import random
import shutil
from urllib.parse import urlencode

import pytest
from werkzeug.test import Client

from councilsite.receiver.app import create_app
from councilsite.receiver.spam import parse_proxies
from receiversite import build_demo, demo_settings, valid_fields

MISSED_BIN = "report-a-missed-bin"


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("hardening-site"))


def post_from(client, fields, peer: str, forwarded: str | None):
    headers = {"X-Forwarded-For": forwarded} if forwarded is not None else {}
    return client.post(f"/submit/{MISSED_BIN}", data=urlencode(fields, doseq=True), headers=headers,
                       content_type="application/x-www-form-urlencoded", environ_overrides={"REMOTE_ADDR": peer})


@pytest.mark.parametrize("trusted", ["", "127.0.0.1"])
def test_a_new_forwarded_for_per_post_does_not_lift_the_rate_limit(site_dir, store, trusted):
    receiver = create_app(demo_settings(site_dir, rate_limit=3, trusted_proxies=parse_proxies(trusted)), store)
    client = Client(receiver)
    fields, _ = valid_fields(receiver.settings.forms[MISSED_BIN])
    rng = random.Random(18)
    spoof = lambda: str(ipaddress.IPv4Address(rng.getrandbits(32)))  # noqa: E731
    # Straight at the receiver, the header is the client's own invention.
    direct = [post_from(client, fields, "203.0.113.5", spoof()).status_code for _ in range(5)]
    assert direct == [303] * 3 + [429] * 2
    # Through a proxy we trust, only the hop it added counts, whatever the client put before it.
    proxied = [post_from(client, fields, "127.0.0.1", f"{spoof()}, 198.51.100.20").status_code for _ in range(5)]
    assert proxied == [303] * 3 + [429] * 2  # untrusted, they are all the proxy's address: one client
    if trusted:
        # ...and it is a client of its own, not the proxy's address nor the first client.
        assert post_from(client, fields, "127.0.0.1", "198.51.100.21").status_code == 303
    else:
        assert post_from(client, fields, "127.0.0.1", "198.51.100.21").status_code == 429


def test_the_static_server_never_follows_a_link_out_of_the_site(site_dir, tmp_path):
    from councilsite.receiver.server import StaticSite

    site = tmp_path / "site"
    shutil.copytree(site_dir, site, symlinks=True)
    (tmp_path / "secret.txt").write_text("root:x:0:0\n")
    os.symlink("/etc", site / "etc-link")
    os.symlink(tmp_path / "secret.txt", site / "secret.txt")
    os.symlink(tmp_path, site / "up")
    os.symlink("index.html", site / "home.html")  # inside: served
    client = Client(StaticSite(site))
    for path in ("/etc-link/passwd", "/etc-link/", "/secret.txt", "/up/secret.txt", "/up/site/index.html"):
        response = client.get(path)
        assert response.status_code == 404, path
        assert b"root:x" not in response.data
    assert client.get("/home.html").status_code == 200
    assert client.get("/").status_code == 200


def test_every_built_page_carries_the_policy_in_its_head(site_dir):
    from bs4 import BeautifulSoup

    from councilsite.headers import REFERRER_POLICY, content_security_policy

    pages = sorted(site_dir.rglob("*.html"))
    assert len(pages) > 50
    for page in pages:
        head = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser").head
        csp = head.find("meta", attrs={"http-equiv": "Content-Security-Policy"})
        assert csp is not None, page
        policy = csp["content"]
        assert policy == content_security_policy(meta=True), page
        assert "unsafe-inline" not in policy and "unsafe-eval" not in policy and "http" not in policy
        assert "frame-ancestors" not in policy  # ignored (with a console warning) in a meta element
        assert head.find("meta", attrs={"name": "referrer"})["content"] == REFERRER_POLICY
        # The policy comes first, before anything it governs.
        assert head.find(["meta", "link", "script", "style"], attrs={"charset": False}) == csp, page


def test_every_page_has_no_inline_script_or_style(site_dir):
    from bs4 import BeautifulSoup

    for page in sorted(site_dir.rglob("*.html")):
        soup = BeautifulSoup(page.read_text(encoding="utf-8"), "html.parser")
        for script in soup.find_all("script"):
            # Data blocks (JSON, JSON-LD) are never run, so a CSP does not govern them.
            assert script.get("src") or script.get("type") in ("application/json", "application/ld+json"), page
        assert not soup.find_all("style") and not soup.find_all(style=True), page
        assert not [a for t in soup.find_all(True) for a in t.attrs if a.startswith("on")], page
        assert "javascript:" not in page.read_text(encoding="utf-8"), page


def test_the_static_server_sends_security_and_cache_headers(site_dir):
    from councilsite.receiver.server import StaticSite

    client = Client(StaticSite(site_dir))
    css = next((site_dir / "assets").glob("council.*.css")).name
    for path in ("/", f"/forms/{MISSED_BIN}/", "/no-such-page/", f"/assets/{css}", "/assets/forms.js"):
        response = client.get(path)
        csp = response.headers["Content-Security-Policy"]
        assert "frame-ancestors 'none'" in csp and "unsafe-inline" not in csp and "script-src 'self'" in csp, path
        assert response.headers["X-Frame-Options"] == "DENY"
        assert response.headers["Referrer-Policy"] == "strict-origin-when-cross-origin"
        assert response.headers["X-Content-Type-Options"] == "nosniff"
    assert client.get(f"/assets/{css}").headers["Cache-Control"] == "public, max-age=31536000, immutable"
    for path in ("/", f"/forms/{MISSED_BIN}/", "/assets/forms.js", "/no-such-page/"):
        assert client.get(path).headers["Cache-Control"] == "no-cache", path
    home = client.get("/")
    again = client.get("/", headers={"If-None-Match": home.headers["ETag"]})
    assert again.status_code == 304 and again.data == b""
    assert client.post("/").headers["X-Frame-Options"] == "DENY"
    assert client.get("/_headers").status_code == 404


def test_the_built_site_has_a_headers_file_for_static_hosts(site_dir):
    from councilsite.headers import security_headers

    text = (site_dir / "_headers").read_text()
    lines = text.splitlines()
    assert lines[0].startswith("#") and lines[1] == "/*"
    headers = security_headers()
    assert lines[2:2 + len(headers)] == [f"  {name}: {value}" for name, value in headers.items()]
    css = next((site_dir / "assets").glob("council.*.css")).name
    assert f"/assets/{css}\n  Cache-Control: public, max-age=31536000, immutable" in text
    assert "forms.js" not in text, "an asset without a hashed name is not cached for a year"
