"""Run axe-core 4.x in the page through axe-selenium-python, and turn its verdicts into findings.

axe-selenium-python bundles axe-core 3.1 (2018), which lacks the WCAG 2.1/2.2 rules
(target-size, autocomplete-valid, reflow-related checks...), so we hand its `Axe` runner the
axe-core pinned in accessibility/package-lock.json instead. A copy of that exact build ships
in the package (vendor/axe-core/), so an installed wheel audits without npm; a test keeps the
copy identical to what npm installs from the lock file.
"""
from __future__ import annotations

import json
import os
from pathlib import Path

from axe_selenium_python import Axe

from . import page_js
from .browser import Browser
from .findings import (AXE_TAGS, SOURCE_AXE, Finding, criteria_from_tags, group_from_tags,
                       severity_from_tags)

PACKAGE_DIR = Path(__file__).resolve().parent
VENDOR_DIR = PACKAGE_DIR / "vendor" / "axe-core"
DEFAULT_AXE_JS = VENDOR_DIR / "axe.min.js"

RUN_OPTIONS = {
    "runOnly": {"type": "tag", "values": list(AXE_TAGS)},
    # Only violations carry every node; passes would make each result megabytes long.
    "resultTypes": ["violations"],
    "iframes": True,
    # A frame without axe (cross-origin) would otherwise hold every run for a minute.
    "frameWaitTime": 3000,
}


class AxeMissing(FileNotFoundError):
    pass


def axe_script_path(override: str | os.PathLike | None = None) -> Path:
    path = Path(override or os.environ.get("AXE_CORE_JS") or DEFAULT_AXE_JS)
    if not path.is_file():
        raise AxeMissing(
            f"axe-core not found at {path}. Point --axe-script or AXE_CORE_JS at an "
            f"axe.min.js, or reinstall councilsite (it ships axe-core in {VENDOR_DIR})")
    return path


def declared_version(path: Path) -> str:
    """Version from the package.json next to axe.min.js, to compare with what ran."""
    pkg = path.parent / "package.json"
    try:
        return json.loads(pkg.read_text(encoding="utf-8"))["version"]
    except (OSError, ValueError, KeyError):
        return "unknown"


# Load axe-core into the page and its same-origin frames as an ordinary cached script: Chromium
# then reuses the compiled code from page to page, which injecting the source cannot do.
_LOAD_JS = r"""
var done = arguments[arguments.length - 1], url = arguments[0];
var docs = [document];
(function frames(doc) {
  doc.querySelectorAll('iframe, frame').forEach(function (f) {
    try { if (f.contentDocument) { docs.push(f.contentDocument); frames(f.contentDocument); } }
    catch (e) { /* cross-origin: axe reports it as untested (frame-tested) */ }
  });
})(document);
Promise.all(docs.map(function (doc) {
  return new Promise(function (resolve) {
    if (doc.defaultView && doc.defaultView.axe) return resolve();
    var s = doc.createElement('script');
    s.src = url;
    s.setAttribute('data-councilsite-audit', '');
    s.onload = s.onerror = function () { resolve(); };
    (doc.head || doc.documentElement).appendChild(s);
  });
})).then(function () { done(window.axe && window.axe.version || null); });
"""


class AxeRunner:
    def __init__(self, browser: Browser, script: Path):
        self.browser = browser
        self.script = script
        self.axe = Axe(browser.driver, script_url=str(script))

    def ensure_loaded(self, url: str | None) -> str:
        if url:
            version = self.browser.driver.execute_async_script(_LOAD_JS, url)
        else:
            version = self.browser.js("return window.axe && window.axe.version || null")
        if not version:
            # A Content-Security-Policy can refuse the script tag; WebDriver's own script
            # injection is not subject to it.
            self.axe.inject()
            version = self.browser.js("return window.axe && window.axe.version || null")
        return str(version)

    def run(self, url: str | None = None) -> dict:
        self.ensure_loaded(url)
        # Axe.run() pastes options into JavaScript source: they must be a JSON string.
        return self.axe.run(options=json.dumps(RUN_OPTIONS))


def findings_from_results(results: dict, page: str, state: str) -> list[Finding]:
    out = []
    for v in results.get("violations", []):
        tags = v.get("tags", [])
        for node in v.get("nodes", []):
            target = node.get("target") or []
            selector = " >>> ".join(_flatten(target)) if target else "html"
            out.append(Finding(
                rule=v["id"],
                source=SOURCE_AXE,
                severity=severity_from_tags(tags),
                criteria=criteria_from_tags(tags),
                page=page,
                state=state,
                selector=selector,
                snippet=node.get("html", ""),
                message=(node.get("failureSummary") or v.get("description") or "").strip(),
                help=v.get("help", ""),
                help_url=v.get("helpUrl"),
                impact=node.get("impact") or v.get("impact"),
                group=group_from_tags(tags),
            ))
    return out


_CANONICAL_JS = page_js.script("canonical")


def name_elements(browser: Browser, findings: list[Finding]) -> None:
    """Set `element` to our path for the element axe found (not inside frames or shadows)."""
    plain = [f for f in findings if " >>> " not in f.selector and f.selector != "html"]
    if not plain:
        return
    paths = browser.js(_CANONICAL_JS, [f.selector for f in plain])
    for f, path in zip(plain, paths):
        if path:
            f.element = path


def needs_review(results: dict) -> list[str]:
    return sorted({i["id"] for i in results.get("incomplete", [])})


def _flatten(target) -> list[str]:
    # Nodes inside iframes or shadow roots come as nested lists of selectors.
    out = []
    for part in target:
        if isinstance(part, list):
            out.append(" ".join(str(p) for p in part))
        else:
            out.append(str(part))
    return out
