"""`councilsite preview` as an editor uses it: a real process watching a tiny site and serving it."""
from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from pathlib import Path

import pytest

from councilsite.preview.server import MARK
from sitebuilder import base_config, make_site, service

PAGE = "bins/missed-bin.md"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def get(url: str) -> tuple[int, str]:
    try:
        with urllib.request.urlopen(url, timeout=10) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read().decode("utf-8")


def wait_for(condition, seconds: float = 60):
    deadline = time.monotonic() + seconds
    while time.monotonic() < deadline:
        value = condition()
        if value:
            return value
        time.sleep(0.05)
    raise AssertionError("timed out")


@pytest.fixture(scope="module")
def preview(tmp_path_factory):
    root = tmp_path_factory.mktemp("preview-command")
    pages = {PAGE: service("Report a missed bin", owner="Waste team"),
             "tax/pay.md": service("Pay your Council Tax", "tax", owner="Council Tax team")}
    site = make_site(root, pages, {"plugins": base_config(root)["plugins"] + [{"council/checks": {}}]})
    port = free_port()
    env = dict(os.environ, COUNCILSITE_NOW="2026-11-22 12:00", NO_MKDOCS_2_WARNING="1")
    proc = subprocess.Popen([sys.executable, "-m", "councilsite", "preview", "-f", str(root / "mkdocs.yml"),
                             "--port", str(port)], cwd=root, env=env, stdout=subprocess.PIPE,
                            stderr=subprocess.STDOUT, text=True)
    lines = []
    try:
        for line in proc.stdout:
            lines.append(line)
            if "Preview at" in line:
                break
        else:
            raise AssertionError("the preview did not start:\n" + "".join(lines))
        yield root, site, f"http://127.0.0.1:{port}", proc
    finally:
        proc.terminate()
        proc.wait(timeout=30)


def test_pages_are_served_with_the_reload_script_which_the_folders_never_hold(preview):
    root, site, url, _ = preview
    status, body = get(url + "/bins/missed-bin/")
    assert status == 200 and "Report a missed bin" in body
    assert f"data-{MARK}" in body and "EventSource" in body
    preview_folder = root / "build" / "preview"
    assert (preview_folder / "bins/missed-bin/index.html").is_file()
    for folder in (preview_folder, site.out):  # the preview folder and the published build
        assert not [p for p in folder.rglob("*.html") if MARK in p.read_text(encoding="utf-8")]
    assert get(url + "/bins/missed-bin")[0] == 200  # redirected to the address with a slash


def test_the_browser_is_told_when_the_site_is_rebuilt(preview):
    root, _, url, _ = preview
    with urllib.request.urlopen(url + "/__preview/events", timeout=60) as events:
        first = events.readline().decode()
        assert first.startswith("data: ")
        events.readline()
        path = root / "content" / PAGE
        path.write_text(path.read_text(encoding="utf-8") + "\nA line to reload for.\n", encoding="utf-8")
        line = events.readline().decode()
        while not line.startswith("data: "):
            line = events.readline().decode()
        assert line != first


def test_a_saved_edit_is_served_and_an_error_shows_on_the_page_until_fixed(preview):
    root, _, url, _ = preview
    path = root / "content" / PAGE
    good = path.read_text(encoding="utf-8")
    path.write_text(good.replace("Some words.", "Some new words about bins."), encoding="utf-8")
    wait_for(lambda: "Some new words about bins." in get(url + "/bins/missed-bin/")[1])
    saved = root / "saved-elsewhere.tmp"  # some editors save beside the site, then move the file in
    saved.write_text(good.replace("Some words.", "Words moved into place."), encoding="utf-8")
    os.replace(saved, path)
    wait_for(lambda: "Words moved into place." in get(url + "/bins/missed-bin/")[1])
    path.write_text(good.replace("summary:", "summry:"), encoding="utf-8")
    status, body = wait_for(lambda: (lambda r: r if r[0] == 500 else None)(get(url + "/bins/missed-bin/")))
    assert "content/bins/missed-bin.md:3: summry: unknown field" in body
    assert "EventSource" in body  # it reloads by itself once fixed
    assert get(url + "/tax/pay/")[0] == 500  # no page looks fine while the site does not build
    path.write_text(good.replace("Some words.", "Fixed words."), encoding="utf-8")
    wait_for(lambda: "Fixed words." in get(url + "/bins/missed-bin/")[1])
    assert get(url + "/tax/pay/")[0] == 200


def test_content_warnings_show_on_the_page_they_are_about(preview):
    root, _, url, _ = preview
    path = root / "content" / PAGE
    path.write_text(path.read_text(encoding="utf-8").replace("Fixed words.", "We will utilise these words.", 1), encoding="utf-8")
    body = wait_for(lambda: (lambda b: b if "utilise" in b and f"data-{MARK} aria-label" in b else None)(
        get(url + "/bins/missed-bin/")[1]))
    assert "words-to-avoid" in body
    assert f"data-{MARK} aria-label" not in get(url + "/tax/pay/")[1]
