"""`councilsite serve` for real: one process serving the built site and the receiver, with the
forwarder alongside when a webhook is set."""
from __future__ import annotations

import json
import os
import re
import shutil
import signal
import subprocess
import sys
import time
from urllib.parse import urlencode

import pytest

from councilsite.receiver.references import PATTERN
from receiversite import REPO, build_demo, demo_settings, request, start_serve, cookie_of, session_of, valid_fields
from sending import Target


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    return build_demo(tmp_path_factory.mktemp("serve-site"))


def stop(process):
    os.killpg(process.pid, signal.SIGTERM)
    try:
        process.wait(15)
    except subprocess.TimeoutExpired:
        os.killpg(process.pid, signal.SIGKILL)
        process.wait(5)
    return process.stdout.read().decode()


def test_serve_gives_the_site_and_takes_forms_and_forwards_them(site_dir, tmp_path):
    target = Target().start()
    database = f"sqlite:///{tmp_path / 'submissions.sqlite3'}"
    process, port = start_serve(site_dir, database, "--workers", "2",
                                env={"COUNCILSITE_WEBHOOK_URL": target.url, "COUNCILSITE_WEBHOOK_SECRET": "s3cret"})
    try:
        status, headers, home = request(port, "GET", "/")
        assert status == 200 and headers["Content-Type"].startswith("text/html") and b"Do it online" in home
        assert request(port, "GET", "/forms/report-a-missed-bin/")[0] == 200
        assert request(port, "GET", "/forms/report-a-missed-bin")[1]["Location"] == "/forms/report-a-missed-bin/"
        status, _, missing = request(port, "GET", "/no-such-page/")
        assert status == 404 and b"Page not found" in missing
        assert request(port, "GET", "/../../etc/passwd")[0] == 404
        assert request(port, "POST", "/index.html", "x=1")[0] == 405

        form = demo_settings(site_dir).forms["report-a-missed-bin"]
        fields, _ = valid_fields(form)
        status, headers, _ = request(port, "POST", "/submit/report-a-missed-bin", urlencode(fields, doseq=True))
        assert status == 303
        token, cookie = session_of(headers), cookie_of(headers)
        assert request(port, "GET", headers["Location"], headers=cookie)[0] == 200
        status, headers, _ = request(port, "POST", "/submit/report-a-missed-bin/send", "", headers=cookie)
        assert status == 303 and "Set-Cookie" not in headers
        status, _, page = request(port, "GET", headers["Location"], headers=cookie)
        assert status == 200 and b"data-reference>" in page

        deadline = time.monotonic() + 30
        while not target.requests and time.monotonic() < deadline:
            time.sleep(0.2)
        assert target.requests, "the forwarder delivered nothing"
        delivery = target.requests[0]
        sent = json.loads(delivery["body"])
        assert delivery["headers"]["Idempotency-Key"] == f"report-a-missed-bin/{sent['reference']}"
        assert sent["reference"].encode() in page
        assert delivery["headers"]["X-Councilsite-Signature"].startswith("sha256=")
    finally:
        log = stop(process)
        target.stop()
    events = [json.loads(line) for line in log.splitlines() if line.startswith("{")]
    assert {"form.checked", "form.sent", "form.confirmation"} <= {e.get("event") for e in events}
    assert "A test answer" not in log and token not in log


def test_serve_refuses_to_start_without_a_built_site(tmp_path):
    empty = tmp_path / "nothing"
    empty.mkdir()
    result = subprocess.run([sys.executable, "-m", "councilsite", "serve", "--site-dir", str(empty),
                             "--database", f"sqlite:///{tmp_path / 's.db'}"], cwd=REPO, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1 and "there is no built site" in result.stderr


# Modules `councilsite serve` must run without: importing any of them stops the process.
UNIMPORTABLE = ("mkdocs", "material", "bs4")


def without_modules(folder, names=UNIMPORTABLE):
    """A folder for PYTHONPATH whose packages shadow the real ones and fail on import, as if not installed."""
    for name in names:
        package = folder / name
        package.mkdir(parents=True)
        (package / "__init__.py").write_text(
            f"raise ModuleNotFoundError('{name} must not be imported by councilsite serve', name='{name}')\n")
    return folder


def test_serve_runs_from_the_built_site_alone_without_mkdocs(site_dir, tmp_path):
    """A council's server: a folder holding only the built site (no mkdocs.yml, no theme/, no forms/),
    and a Python that cannot import mkdocs, Material or bs4. serve finds build/site by itself."""
    server = tmp_path / "server"
    shutil.copytree(site_dir, server / "build" / "site")
    shim = without_modules(tmp_path / "shim")
    env = {"PYTHONPATH": os.pathsep.join([str(shim), os.environ.get("PYTHONPATH", "")]).rstrip(os.pathsep)}
    check = subprocess.run([sys.executable, "-c", "import mkdocs"], cwd=server, env={**os.environ, **env},
                           capture_output=True, text=True)
    assert check.returncode == 1 and "must not be imported" in check.stderr  # the shim works
    process, port = start_serve(None, f"sqlite:///{tmp_path / 'submissions.sqlite3'}", "--workers", "1", env=env,
                                cwd=server)
    try:
        assert request(port, "GET", "/forms/report-a-missed-bin/")[0] == 200
        assert request(port, "GET", "/.councilsite/receiver.json")[0] == 404  # the manifest is not the site's
        form = demo_settings(site_dir).forms["report-a-missed-bin"]
        fields, _ = valid_fields(form)
        status, headers, _ = request(port, "POST", "/submit/report-a-missed-bin", urlencode(fields, doseq=True))
        assert status == 303
        cookie = cookie_of(headers)
        status, _, check_page = request(port, "GET", headers["Location"], headers=cookie)
        assert status == 200 and b"Check your answers" in check_page
        status, headers, _ = request(port, "POST", "/submit/report-a-missed-bin/send", "", headers=cookie)
        assert status == 303
        status, _, page = request(port, "GET", headers["Location"], headers=cookie)
        assert status == 200
        reference = re.search(rb"data-reference>([^<]+)<", page).group(1).decode()
        assert re.fullmatch(PATTERN, reference)
    finally:
        log = stop(process)
    assert "must not be imported" not in log


def test_serve_says_to_build_when_the_site_has_no_manifest(site_dir, tmp_path):
    """A site built by an older councilsite (or without council/forms): one line, saying what to do."""
    old = tmp_path / "old-site"
    shutil.copytree(site_dir, old, ignore=shutil.ignore_patterns(".councilsite"))
    result = subprocess.run([sys.executable, "-m", "councilsite", "serve", "--site-dir", str(old),
                             "--database", f"sqlite:///{tmp_path / 's.db'}"], cwd=tmp_path, capture_output=True,
                            text=True, timeout=60)
    assert result.returncode == 1
    assert len(result.stderr.strip().splitlines()) == 1 and "run `councilsite build`" in result.stderr


def test_serve_takes_site_dir_from_mkdocs_yml_read_as_plain_yaml(site_dir, tmp_path):
    """-f mkdocs.yml names the site; its !ENV and python tags need no mkdocs to read."""
    (tmp_path / "out").mkdir()
    shutil.copytree(site_dir, tmp_path / "out" / "site")
    (tmp_path / "mkdocs.yml").write_text("site_name: Testham\nsite_dir: !ENV [TESTHAM_SITE, out/site]\n"
                                         "markdown_extensions:\n  - pymdownx.emoji:\n"
                                         "      emoji_index: !!python/name:material.extensions.emoji.twemoji\n")
    shim = without_modules(tmp_path / "shim")
    process, port = start_serve(None, f"sqlite:///{tmp_path / 's.db'}", "-f", str(tmp_path / "mkdocs.yml"),
                                "--workers", "1", cwd=tmp_path / "out",
                                env={"PYTHONPATH": str(shim)})
    try:
        assert request(port, "GET", "/forms/contact-us/")[0] == 200
    finally:
        stop(process)
