"""The shipped nginx configuration (`councilsite deploy nginx`), for real: Debian's nginx on
loopback in front of `councilsite serve`, serving the built demo with the site's headers,
proxying the receiver with request buffering, and holding up with 50 slow clients.

Without nginx these are skipped with the reason, unless COUNCILSITE_REQUIRE_NGINX=1 (as `make
test`, and so CI, sets it), when they fail: CI can never pass by skipping them.
"""
from __future__ import annotations

import http.client
import ipaddress
import os
import random
import shutil
import signal
import subprocess
import time
from urllib.parse import urlencode

import pytest

from councilsite.deploy import nginx_config
from councilsite.headers import security_headers
from receiversite import build_demo, demo_settings, free_port, start_serve, cookie_of, valid_fields

NGINX = shutil.which("nginx") or ("/usr/sbin/nginx" if os.path.exists("/usr/sbin/nginx") else None)
MISSED_BIN = "report-a-missed-bin"


def _without_nginx():
    message = "nginx is not installed: run scripts/setup --test (Debian's nginx)"
    if os.environ.get("COUNCILSITE_REQUIRE_NGINX") == "1":
        pytest.fail(message + "; COUNCILSITE_REQUIRE_NGINX=1 forbids skipping", pytrace=False)
    pytest.skip(message)


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    if NGINX is None:
        _without_nginx()
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    site = build_demo(tmp_path_factory.mktemp("nginx-site"))
    os.symlink("/etc", site / "etc-link")  # as an attacker with write access to the folder might
    return site


def main_config(folder, site_conf) -> str:
    """What Debian's /etc/nginx/nginx.conf gives a site file, in a folder of the test's own."""
    user = "user root;\n" if os.geteuid() == 0 else ""  # the test's folders are root's only
    temps = "\n".join(f"    {kind}_temp_path {folder / kind};" for kind in ("client_body", "proxy", "fastcgi",
                                                                           "uwsgi", "scgi"))
    return f"""{user}worker_processes 2;
pid {folder / 'nginx.pid'};
error_log {folder / 'error.log'} warn;
events {{ worker_connections 1024; }}
http {{
    include /etc/nginx/mime.types;
    default_type application/octet-stream;
    access_log off;
{temps}
    include {site_conf};
}}
"""


@pytest.fixture(scope="module")
def servers(site_dir, tmp_path_factory):
    """(nginx's port, serve's port), both on loopback."""
    folder = tmp_path_factory.mktemp("nginx")
    database = folder / "submissions.sqlite3"
    serve, serve_port = start_serve(site_dir, f"sqlite:///{database}", "--workers", "2", "--quiet",
                                    "--rate-limit", "3", env={"COUNCILSITE_TRUSTED_PROXIES": "127.0.0.1"})
    port = free_port()
    settings = demo_settings(site_dir)
    site_conf = folder / "councilsite.conf"
    site_conf.write_text(nginx_config(site_dir, "localhost", f"127.0.0.1:{port}", f"127.0.0.1:{serve_port}",
                                      settings.prefix, settings.max_body_bytes))
    conf = folder / "nginx.conf"
    conf.write_text(main_config(folder, site_conf))
    checked = subprocess.run([NGINX, "-t", "-p", str(folder), "-c", str(conf)], capture_output=True, text=True)
    assert checked.returncode == 0, checked.stderr
    nginx = subprocess.Popen([NGINX, "-p", str(folder), "-c", str(conf), "-g", "daemon off;"],
                             stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, start_new_session=True)
    deadline = time.monotonic() + 15
    while time.monotonic() < deadline:
        try:
            if get(port, "/")[0] == 200:
                break
        except OSError:
            time.sleep(0.1)
    else:
        nginx.kill()
        pytest.fail(f"nginx did not answer: {(folder / 'error.log').read_text() if (folder / 'error.log').exists() else ''}")
    yield port, serve_port
    for process in (nginx, serve):
        os.killpg(process.pid, signal.SIGTERM)
        process.wait(15)


def get(port, path, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("GET", path, headers=headers or {})
    response = conn.getresponse()
    body = response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}, body


def post(port, path, body, headers=None):
    conn = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    conn.request("POST", path, body=body, headers={"Content-Type": "application/x-www-form-urlencoded",
                                                   **(headers or {})})
    response = conn.getresponse()
    response.read()
    conn.close()
    return response.status, {k.lower(): v for k, v in response.getheaders()}


def test_nginx_serves_the_site_with_its_headers(servers, site_dir):
    port, _ = servers
    css = next((site_dir / "assets").glob("council.*.css")).name
    expected = {name.lower(): value for name, value in security_headers().items()}
    for path, cache in (("/", "no-cache"), (f"/forms/{MISSED_BIN}/", "no-cache"), ("/assets/forms.js", "no-cache"),
                        (f"/assets/{css}", "public, max-age=31536000, immutable")):
        status, headers, _ = get(port, path)
        assert status == 200, path
        for name, value in expected.items():
            assert headers.get(name) == value, (path, name)
        assert headers["cache-control"] == cache, path
        assert "nginx/" not in headers.get("server", "")
    assert get(port, "/")[1]["content-type"] == "text/html; charset=utf-8"
    status, headers, _ = get(port, f"/forms/{MISSED_BIN}")
    assert status == 301 and headers["location"] == f"/forms/{MISSED_BIN}/"
    status, headers, body = get(port, "/no-such-page/")
    assert status == 404 and b"Page not found" in body and headers["x-frame-options"] == "DENY"
    etag = get(port, "/")[1]["etag"]
    assert get(port, "/", {"If-None-Match": etag})[0] == 304
    status, _, body = get(port, "/.well-known/security.txt")
    assert status == 200 and b"Contact:" in body
    status, headers, body = get(port, "/openreferral/")
    assert status == 200 and headers["content-type"].startswith("application/json") and b'"version"' in body
    for path in ("/.councilsite/receiver.json", "/.well-knownx/x", "/_headers", "/etc-link/passwd",
                 "/../../etc/passwd"):
        status, _, body = get(port, path)
        assert status in (400, 403, 404) and b"root:" not in body, path


def test_nginx_proxies_the_receiver_and_a_spoofed_address_does_not_lift_the_limit(servers, site_dir):
    port, _ = servers
    form = demo_settings(site_dir).forms[MISSED_BIN]
    fields, _ = valid_fields(form)
    status, headers = post(port, f"/submit/{MISSED_BIN}", urlencode(fields, doseq=True))
    assert status == 303
    cookie = cookie_of(headers)  # the journey's session cookie, through nginx
    status, headers, page = get(port, headers["location"], cookie)
    assert status == 200 and headers["cache-control"] == "no-store"
    assert headers["content-security-policy"].count("frame-ancestors") == 1, "nginx adds no second policy"
    status, headers = post(port, f"/submit/{MISSED_BIN}/send", "", cookie)
    assert status == 303 and get(port, headers["location"], cookie)[0] == 200
    rng = random.Random(18)
    statuses = [post(port, f"/submit/{MISSED_BIN}", urlencode(fields, doseq=True),
                     {"X-Forwarded-For": str(ipaddress.IPv4Address(rng.getrandbits(32)))})[0] for _ in range(4)]
    # Three posts a minute from this client (one made above): the spoofed addresses count as it.
    assert statuses == [303, 303, 429, 429], statuses


def test_fifty_slow_clients_through_nginx(servers):
    from slowclients import SlowBodies, percentile, timed_gets

    port, serve_port = servers
    with SlowBodies(port, f"/submit/{MISSED_BIN}", count=50) as slow:
        times = timed_gets(port, ["/", f"/forms/{MISSED_BIN}/"], rounds=25)
        # The receiver itself answers meanwhile too: nginx has not passed it a slow body.
        direct = timed_gets(serve_port, ["/submit/health"], rounds=10)
        still_open = slow.open()
    p50, p99 = percentile(times, 50), percentile(times, 99)
    print(f"nginx, 50 slow bodies open: p50 {p50 * 1000:.1f} ms, p99 {p99 * 1000:.1f} ms over {len(times)} GETs")
    assert still_open == 50, "the slow clients were cut off, so this measured nothing"
    assert p99 < 1.0 and percentile(direct, 99) < 1.0, (p50, p99)
