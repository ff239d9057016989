"""Two HTML checkers besides axe-core, run on every page of a built site.

- The Nu Html Checker (vnu, the W3C's validator) on the system Java: invalid HTML, such as
  `action=""` on a form, that browsers forgive and assistive technology may not.
- HTML_CodeSniffer's WCAG2AA sniffs in headless Chromium (Debian's, through Selenium): it finds
  some problems axe-core does not look for, such as a form with no submit button.

Both are pinned by tests/html/package-lock.json and installed by `scripts/setup --test`.

    .venv/bin/python tests/html/checkers.py build/site    # exits 1 on any error, listing them
"""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

HERE = Path(__file__).resolve().parent
REPO = HERE.parents[1]
VNU_JAR = HERE / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"
HTMLCS_JS = HERE / "node_modules" / "html_codesniffer" / "build" / "HTMLCS.js"
JAVA = Path("/usr/bin/java")


@dataclass(frozen=True)
class Problem:
    checker: str
    page: str  # the page's path in the site, such as get-online/places/index.html
    where: str  # line, or the element's code
    message: str

    def __str__(self) -> str:
        return f"{self.checker}: {self.page}: {self.where}: {self.message}"


def pages(site: Path) -> list[Path]:
    """Every HTML page a resident can reach (the receiver's private manifest folder aside)."""
    return sorted(p for p in site.rglob("*.html") if ".councilsite" not in p.relative_to(site).parts)


def missing() -> str | None:
    """Why the checkers cannot run here, or None."""
    if not JAVA.exists():
        return "needs Java at /usr/bin/java (apt-get install default-jre-headless)"
    if not VNU_JAR.exists() or not HTMLCS_JS.exists():
        return "needs vnu-jar and html_codesniffer: npm ci --prefix tests/html"
    return None


def vnu(site: Path, files: list[Path] | None = None) -> list[Problem]:
    """vnu's errors (not its warnings) on every page, in one run of the JVM."""
    files = files if files is not None else pages(site)
    if not files:
        return []
    run = subprocess.run([str(JAVA), "-jar", str(VNU_JAR), "--format", "json", "--errors-only", "--exit-zero-always",
                          *map(str, files)], capture_output=True, text=True, timeout=900)
    try:
        messages = json.loads(run.stderr or "{}").get("messages", [])
    except json.JSONDecodeError:
        raise RuntimeError(f"vnu gave no report: {run.stderr[:500]}") from None
    found = []
    for m in messages:
        if m.get("type") != "error" and m.get("subType") != "fatal":
            continue
        url = m.get("url", "").removeprefix("file:")
        page = Path(url).relative_to(site.resolve()).as_posix() if url.startswith(str(site.resolve())) else url
        found.append(Problem("vnu", page, f"line {m.get('lastLine', '?')}", m.get("message", "")))
    return found


_RUN_HTMLCS = """
var done = arguments[arguments.length - 1];
HTMLCS.process('WCAG2AA', document, function () {
  done(HTMLCS.getMessages().filter(function (m) { return m.type === HTMLCS.ERROR; }).map(function (m) {
    var el = m.element, where = el && el.outerHTML ? el.outerHTML.slice(0, 120) : '';
    return {code: m.code, msg: m.msg, where: where};
  }));
}, function () { done([{code: 'HTMLCS', msg: 'HTML_CodeSniffer failed to run', where: ''}]); });
"""


def htmlcs(site: Path, driver, root_url: str, files: list[Path] | None = None,
           widths: tuple[int, ...] = (1280,)) -> list[Problem]:
    """HTML_CodeSniffer's WCAG2AA errors on every page, loaded over HTTP in Chromium with its
    scripts running (the page a resident sees)."""
    script = HTMLCS_JS.read_text(encoding="utf-8")
    found = []
    driver.set_script_timeout(60)
    for file in files if files is not None else pages(site):
        path = file.relative_to(site).as_posix()
        for width in widths:
            driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                   {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
            driver.get(root_url + path.removesuffix("index.html"))
            driver.execute_script(script)
            for m in driver.execute_async_script(_RUN_HTMLCS):
                found.append(Problem("HTML_CodeSniffer", path, m["where"] or m["code"], f"{m['msg']} ({m['code']})"))
    return found


def main(argv: list[str]) -> int:
    site = Path(argv[1] if len(argv) > 1 else "build/site")
    reason = missing()
    if reason:
        print(f"HTML checks: {reason}", file=sys.stderr)
        return 2
    sys.path.insert(0, str(REPO / "scripts"))
    from screenshots import browser, serve

    problems = vnu(site)
    driver = browser()
    try:
        problems += htmlcs(site, driver, serve(site))
    finally:
        driver.quit()
    for problem in problems:
        print(problem)
    print(f"HTML checks: {len(pages(site))} pages, {len(problems)} errors (vnu and HTML_CodeSniffer WCAG2AA)")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
