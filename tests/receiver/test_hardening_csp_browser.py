"""Every page of the demo in headless Chromium, served by `councilsite serve` with the policy
enforced (its header and each page's meta): no securitypolicyviolation event and no CSP message
on the console, with each page's scripts run (a form sent empty, a search made). A page given an
inline script and style shows the check catches what it should."""
from __future__ import annotations

import os
import shutil
import signal
import subprocess
import sys
import tempfile

import pytest

from browsing import REPO
from receiversite import build_demo, start_serve

pytestmark = pytest.mark.browser

LISTEN = """
window.__violations = [];
document.addEventListener('securitypolicyviolation', function (e) {
  window.__violations.push(e.violatedDirective + ' ' + (e.blockedURI || 'inline') + ' at ' + e.sourceFile + ':' + e.lineNumber);
});
"""


@pytest.fixture(scope="module")
def site_dir(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    site = build_demo(tmp_path_factory.mktemp("csp-site"))
    # The control: a page that breaks the policy in three ways.
    bad = site / "csp-control" / "index.html"
    bad.parent.mkdir()
    html = (site / "index.html").read_text(encoding="utf-8")
    bad.write_text(html.replace("</body>", '<script>document.title = "ran";</script>'
                                '<p style="color: red">inline style</p>'
                                '<script src="https://cdn.example/x.js"></script></body>'), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def server(site_dir, tmp_path_factory):
    database = tmp_path_factory.mktemp("csp-db") / "db.sqlite3"
    process, port = start_serve(site_dir, f"sqlite:///{database}", "--workers", "2", "--quiet")
    yield f"http://127.0.0.1:{port}"
    os.killpg(process.pid, signal.SIGTERM)
    process.wait(15)


@pytest.fixture(scope="module")
def driver():
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from screenshots import FLAGS
    finally:
        sys.path.pop(0)
    from selenium import webdriver
    from selenium.webdriver.chrome.service import Service

    options = webdriver.ChromeOptions()
    options.binary_location = "/usr/bin/chromium"
    profile = tempfile.mkdtemp(prefix="chromium-csp-")
    for flag in FLAGS + [f"--user-data-dir={profile}"]:
        options.add_argument(flag)
    options.set_capability("goog:loggingPrefs", {"browser": "ALL"})
    chrome = webdriver.Chrome(options=options, service=Service("/usr/bin/chromedriver"))
    chrome.set_page_load_timeout(30)
    # Runs before any of the page's own scripts, and outside its policy.
    chrome.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": LISTEN})
    yield chrome
    chrome.quit()
    shutil.rmtree(profile, ignore_errors=True)


def problems(driver) -> list[str]:
    found = list(driver.execute_script("return window.__violations || []"))
    found += [entry["message"] for entry in driver.get_log("browser")
              if "Content Security Policy" in entry["message"] or "Content-Security-Policy" in entry["message"]]
    return found


def visit(driver, url: str) -> list[str]:
    driver.get_log("browser")  # drop what earlier pages logged
    driver.get(url)
    driver.execute_script("return document.readyState")
    return problems(driver)


def test_the_check_catches_inline_script_style_and_third_party_sources(driver, server):
    found = visit(driver, server + "/csp-control/")
    assert driver.title != "ran", "the inline script ran"
    joined = "\n".join(found)
    assert "script-src-elem inline" in joined, joined
    assert "style-src-attr inline" in joined, joined
    assert "https://cdn.example/x.js" in joined, joined


def test_no_page_of_the_demo_breaks_the_policy(driver, server, site_dir):
    from selenium.webdriver.common.by import By

    paths = sorted("/" + p.relative_to(site_dir).as_posix().removesuffix("index.html")
                   for p in site_dir.rglob("*.html") if "csp-control" not in p.parts)
    assert len(paths) > 50
    broken = {}
    for path in paths:
        found = visit(driver, server + path)
        if path.startswith("/forms/") and path.count("/") == 3:
            buttons = driver.find_elements(By.CSS_SELECTOR, "form button[type=submit], form button:not([type])")
            if buttons:
                buttons[0].click()  # empty: the script's error summary, or the receiver's page
                found += problems(driver)
        if found:
            broken[path] = found
    found = visit(driver, server + "/search/?q=bins")
    if found:
        broken["/search/?q=bins"] = found
    assert not broken, broken
