"""One audit of a built site, start to finish: discover, check, gate, report.

Order matters: the HTML checks run first because their facts decide the colour schemes,
which pages get a keyboard walk and what the incremental cache may reuse; the browser
work comes next; the allow-list is applied last, over old and new results alike.
"""
from __future__ import annotations

import importlib.metadata
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import selenium

from . import allowlist, evidence, report_html, report_json, report_junit, site_checks, states
from . import merge, profiles, static_checks, templates
from .axe_runner import axe_script_path, declared_version
from .cache import AuditCache, FileHashes, checker_fingerprint, page_key, sha256_bytes
from .config import AuditConfig
from .console import Progress, say
from .findings import ERROR, WARNING, Finding, StateResult
from .pool import BrowserPool
from .rules import own_finding
from .serve import SiteServer
from .site import Site, page_url
from .static_checks import PageFacts
from .worker import PageJob, PageOutcome

CHECKER_VERSION = "3"


def checker_version() -> str:
    try:
        return importlib.metadata.version("councilsite") + "+checks." + CHECKER_VERSION
    except importlib.metadata.PackageNotFoundError:
        return "unknown"


@dataclass
class AuditResult:
    config: AuditConfig
    site: Site
    results: list[StateResult]
    entries: list[allowlist.Entry]
    problems: list[allowlist.Problem]
    summary: dict
    tools: dict
    evidence: dict | None = None
    reports: dict[str, Path] = field(default_factory=dict)
    # One per element, criterion and cause, with the states and sources that saw it.
    issues: list[Finding] = field(default_factory=list)
    audited_pages: list[str] = field(default_factory=list)  # re-checked in the browser this run

    @property
    def findings(self) -> list[Finding]:
        return [f for r in self.results for f in r.findings]

    @property
    def passed(self) -> bool:
        return self.summary["passed"]

    @property
    def exit_code(self) -> int:
        return 0 if self.passed else 1


@dataclass
class _Page:
    """Everything known about one page during a run; becomes its cache entry."""

    name: str
    html_hash: str
    facts: PageFacts
    static: list[Finding]
    variant_file: str | None = None
    variant_hash: str | None = None
    variant_facts: PageFacts | None = None
    variant_static: list[Finding] = field(default_factory=list)
    site_findings: list[Finding] = field(default_factory=list)
    key: str = ""
    browser: list[StateResult] = field(default_factory=list)
    shots: dict[str, str | None] = field(default_factory=dict)  # "variant\0selector" -> png
    reused: bool = False

    def to_cache(self) -> dict:
        return {
            "html": self.html_hash, "facts": self.facts.to_dict(),
            "static": [f.to_dict(False) for f in self.static],
            "variant_file": self.variant_file, "variant_html": self.variant_hash,
            "variant_facts": self.variant_facts.to_dict() if self.variant_facts else None,
            "variant_static": [f.to_dict(False) for f in self.variant_static],
            "key": self.key, "browser": [r.to_dict() for r in self.browser],
            "shots": self.shots,
        }


def run_audit(config: AuditConfig, pool: BrowserPool | None = None) -> AuditResult:
    site = Site.discover(config.site_dir)
    if not site.pages:
        raise FileNotFoundError(f"no HTML pages in {site.root}: is the site built?")
    axe_script = axe_script_path(config.axe_script)
    entries = allowlist.load(config.allowlist_path())  # a broken list stops us before work
    run_key = checker_fingerprint(axe_script)
    store = AuditCache(config.cache_dir)
    cached = store.load(run_key, site.root) if config.incremental else {}
    hashes = FileHashes(site.root)
    chatty = config.progress

    pages = _static_pass(site, cached, chatty)
    schemes = config.schemes or _detect_schemes(site, pages)
    plan = states.plan(tuple(config.widths), tuple(schemes))
    names = sorted(pages)
    walk = templates.keyboard_pages(names, {n: p.facts for n, p in pages.items()},
                                    config.keyboard_sample)
    _site_pass(site, pages)

    for page in pages.values():
        page.key = _key(site, page, hashes, plan, page.name in walk)
        old = cached.get(page.name)
        if old and old.get("key") == page.key:
            page.browser = [StateResult.from_dict(r) for r in old.get("browser", [])]
            for r in page.browser:
                r.reused = True
            page.shots = dict(old.get("shots", {}))
            page.reused = True

    todo = [p for p in (pages[n] for n in names) if not p.reused]
    # Versions come from the browsers that ran; a run that reuses every page keeps the last.
    last = next((e["tools"] for e in cached.values() if e.get("tools")), {})
    tools = {"axe_core": None, "axe_core_declared": declared_version(axe_script),
             "chromium": None, "chromedriver": None, "checker": checker_version(),
             "selenium": selenium.__version__}
    own_pool = pool is None
    pool = pool or BrowserPool(config.workers, axe_script)
    try:
        with SiteServer(site.root, tool_files={"axe.min.js": axe_script}) as server:
            if todo:
                _browser_pass(server, pool, todo, plan, walk, tools, chatty)
            ev = None
            if config.evidence:
                ev = _evidence_pass(config, site, server, pool, pages, plan, walk, hashes,
                                    entries, tools, schemes, last)
        _fill_tools(tools, pool, last)
    finally:
        if own_pool:
            pool.close()
    results = _assemble(pages, names)
    profiles.apply([f for r in results for f in r.findings], config.profile)
    problems = allowlist.apply(entries, [f for r in results for f in r.findings], config.day())
    issues = merge.merge(results)
    summary = _summary(results, issues, pages, names, plan, walk, problems, schemes, config)
    if ev is not None:
        ev = evidence.build(summary, tools, entries, config.day(), [s.id for s in plan])
    result = AuditResult(config=config, site=site, results=results, entries=entries,
                         problems=problems, summary=summary, tools=tools, evidence=ev,
                         issues=issues, audited_pages=[p.name for p in todo])
    store.save(run_key, site.root, {n: p.to_cache() | {"tools": tools} for n, p in pages.items()})
    _write_reports(result)
    return result


def _static_pass(site: Site, cached: dict, chatty: bool) -> dict[str, _Page]:
    progress = Progress(len(site.pages), "HTML checks   ", enabled=chatty)
    facts_by_file: dict[str, tuple[str, PageFacts, list[Finding]]] = {}
    for name in site.pages:
        raw = site.read(name)
        digest = sha256_bytes(raw)
        old = cached.get(name)
        if old and old.get("html") == digest:
            facts = PageFacts.from_dict(old["facts"])
            found = [Finding.from_dict(f) for f in old["static"]]
        else:
            found, facts = static_checks.check_page(raw, name)
        facts_by_file[name] = (digest, facts, found)
        progress.advance()

    # A page linked as another page's error state is that page's state, not a page of its own.
    variants: dict[str, str] = {}
    broken: dict[str, Finding] = {}
    for name, (_, facts, _) in facts_by_file.items():
        if facts.error_state_href:
            target = site.resolve(name, facts.error_state_href)
            if target is not None and target.exists and target.page in facts_by_file:
                variants[name] = target.page
            else:
                broken[name] = own_finding(
                    "link-broken", page=name, state="html",
                    selector='link[data-councilsite-state="error"]',
                    snippet=f'<link rel="alternate" data-councilsite-state="error" '
                            f'href="{facts.error_state_href}">',
                    message=f"The form's error state '{facts.error_state_href}' does not exist.")
    variant_files = set(variants.values())
    pages: dict[str, _Page] = {}
    for name, (digest, facts, found) in facts_by_file.items():
        if name in variant_files:
            continue
        page = _Page(name=name, html_hash=digest, facts=facts, static=list(found))
        if name in broken:
            page.static.append(broken[name])
        if facts.post_forms and not facts.error_state_href:
            page.static.append(own_finding(
                "form-error-state", page=name, state="html",
                selector=facts.post_form_selector or "form", snippet="", message="This page has a form that posts data but declares no "
                                    "error state, so its error messages are not checked."))
        if name in variants:
            vfile = variants[name]
            vdigest = facts_by_file[vfile][0]
            old = cached.get(name)
            # The error state is judged against its form page: a change to either redoes it.
            if old and old.get("variant_html") == vdigest and old.get("html") == digest and \
                    old.get("variant_facts"):
                page.variant_facts = PageFacts.from_dict(old["variant_facts"])
                page.variant_static = [Finding.from_dict(f) for f in old["variant_static"]]
            else:
                page.variant_static, page.variant_facts = static_checks.check_page(
                    site.read(vfile), name, state=states.html_state("error"),
                    is_error_state=True, form_html=site.read(name))
            page.variant_file, page.variant_hash = vfile, vdigest
        pages[name] = page
    return pages


def _site_pass(site: Site, pages: dict[str, _Page]) -> None:
    facts = {n: p.facts for n, p in pages.items()}
    variants = {}
    for n, p in pages.items():
        if p.variant_file and p.variant_facts:
            facts[p.variant_file] = p.variant_facts
            variants[n] = p.variant_file
    for p in pages.values():
        p.site_findings = []
    for f in site_checks.check_site(site, facts, sorted(pages), variants):
        pages[f.page].site_findings.append(f)


def _detect_schemes(site: Site, pages: dict[str, _Page]) -> tuple[str, ...]:
    css: set[str] = set()
    inline_dark = False
    for p in pages.values():
        inline_dark = inline_dark or p.facts.dark_scheme
        for href in p.facts.assets:
            target = site.resolve(p.name, href)
            if target is not None and target.exists and target.path.endswith(".css"):
                css.add(target.path)
    dark = states.site_has_dark_scheme(site.root, sorted(css), inline_dark)
    return ("light", "dark") if dark else ("light",)


def _key(site: Site, page: _Page, hashes: FileHashes, plan, keyboard: bool) -> str:
    assets = {}
    for facts, origin in ((page.facts, page.name), (page.variant_facts, page.variant_file)):
        if facts is None:
            continue
        for href in facts.assets:
            target = site.resolve(origin, href)
            if target is not None and target.exists:
                assets[target.path] = hashes.get(target.path)
    return page_key({"html": page.html_hash, "variant": page.variant_hash, "assets": assets,
                     "states": [s.id for s in plan], "keyboard": keyboard})


def _job(server: SiteServer, page: _Page, plan, keyboard: bool) -> PageJob:
    def photographable(findings):
        sels = []
        for f in findings:
            if f.selector and not f.selector.startswith(("html", "head")) and f.selector not in sels:
                sels.append(f.selector)
        return sels

    return PageJob(
        page=page.name, url=server.url(page_url(page.name)), states=list(plan), keyboard=keyboard,
        axe_url=server.tool_url("axe.min.js"),
        reload_per_scheme=page.facts.scripts or bool(
            page.variant_facts and page.variant_facts.scripts),
        static_selectors=photographable(
            page.static + [f for f in page.site_findings if f.state == "html"]),
        error_url=server.url(page_url(page.variant_file)) if page.variant_file else None,
        error_static_selectors=photographable(
            page.variant_static + [f for f in page.site_findings if f.state == "error:html"]))


def _browser_pass(server: SiteServer, pool: BrowserPool, todo: list[_Page], plan, walk,
                  tools: dict, chatty: bool) -> None:
    by_name = {p.name: p for p in todo}
    say(f"Browser checks: {len(todo)} page(s) x {len(plan)} state(s) on "
        f"{min(pool.size, len(todo))} worker(s)", chatty)
    progress = Progress(len(todo), "Browser checks", enabled=chatty)

    def done(outcome: PageOutcome) -> None:
        page = by_name[outcome.page]
        page.browser = outcome.results
        page.shots = {f"{v}\0{s}": png for (v, s), png in outcome.static_screenshots.items()}
        page.reused = False
        if outcome.axe_version:
            tools["axe_core"] = outcome.axe_version
        progress.advance(note=outcome.page[-40:])

    pool.run([_job(server, p, plan, p.name in walk) for p in todo], done)


def _evidence_pass(config, site, server, pool, pages, plan, walk, hashes, entries, tools,
                   schemes, last) -> dict | None:
    targets = [p for p in pages.values() if p.facts.evidence]
    if not targets:
        return None
    ev = None
    names = sorted(pages)
    for _ in range(3):
        results = _assemble(pages, names)
        profiles.apply([f for r in results for f in r.findings], config.profile)
        problems = allowlist.apply(entries, [f for r in results for f in r.findings], config.day())
        summary = _summary(results, merge.merge(results), pages, names, plan, walk, problems,
                           schemes, config)
        _fill_tools(tools, pool, last)
        ev = evidence.build(summary, tools, entries, config.day(), [s.id for s in plan])
        inner = evidence.render(ev)
        changed = []
        for page in targets:
            path = site.path(page.name)
            before = path.read_bytes()
            if evidence.write_into(path, inner) and path.read_bytes() != before:
                changed.append(page)
        if not changed:
            break
        # The statement page changed: check it again, as it now is.
        for page in changed:
            raw = site.read(page.name)
            page.html_hash = sha256_bytes(raw)
            page.static, page.facts = static_checks.check_page(raw, page.name)
        _site_pass(site, pages)
        for page in changed:
            page.key = _key(site, page, hashes, plan, page.name in walk)
        _browser_pass(server, pool, changed, plan, walk, tools, config.progress)
    return ev


def _fill_tools(tools: dict, pool: BrowserPool, last: dict) -> None:
    if pool.browser_version:
        tools["chromium"] = pool.browser_version
        tools["chromedriver"] = pool.driver_version
    for key in ("axe_core", "chromium", "chromedriver"):
        tools[key] = tools[key] or last.get(key)


def _assemble(pages: dict[str, _Page], names: list[str]) -> list[StateResult]:
    out: list[StateResult] = []
    for name in names:
        page = pages[name]
        url = page_url(name)
        static = StateResult(page=name, url=url, state="html", checks=["static"],
                             findings=[_copy(f) for f in page.static + [
                                 f for f in page.site_findings if f.state == "html"]],
                             reused=page.reused)
        for f in static.findings:
            f.screenshot = page.shots.get(f"default\0{f.selector}")
        out.append(static)
        if page.variant_file:
            vstatic = StateResult(
                page=name, url=page_url(page.variant_file), state="error:html", variant="error",
                checks=["static"],
                findings=[_copy(f) for f in page.variant_static + [
                    f for f in page.site_findings if f.state == "error:html"]],
                reused=page.reused)
            for f in vstatic.findings:
                f.screenshot = page.shots.get(f"error\0{f.selector}")
            out.append(vstatic)
        out += page.browser
    return out


def _copy(f: Finding) -> Finding:
    return Finding.from_dict(f.to_dict())


def _summary(results: list[StateResult], issues: list[Finding], pages: dict[str, _Page],
             names: list[str], plan, walk, problems, schemes, config: AuditConfig) -> dict:
    """Counts are of issues (merge.py), never of raw per-state findings."""
    findings = [f for r in results for f in r.findings]
    errors = [i for i in issues if i.blocking]
    by_rule: dict[tuple, dict] = {}
    pages_per_rule: dict[tuple, set] = defaultdict(set)
    for i in issues:
        k = (tuple(i.sources), tuple(i.rules))
        row = by_rule.setdefault(k, {"rule": " + ".join(i.rules), "source": " + ".join(i.sources),
                                     "severity": i.severity, "criteria": list(i.criteria),
                                     "findings": 0, "pages": 0, "allowed": 0})
        row["findings"] += 1
        row["allowed"] += int(i.allowed)
        if i.severity == ERROR:
            row["severity"] = ERROR
        pages_per_rule[k].add(i.page)
    for k, row in by_rule.items():
        row["pages"] = len(pages_per_rule[k])
    rows = sorted(by_rule.values(), key=lambda r: (r["severity"] != ERROR, -r["findings"],
                                                   r["rule"]))
    browser_states = [r for r in results if r.width is not None]
    return {
        "pages": len(names),
        "page_states": len(browser_states),
        "states": [s.id for s in plan],
        "widths": list(config.widths),
        "schemes": list(schemes),
        "error_states": sum(1 for n in names if pages[n].variant_file),
        "keyboard_pages": len(walk),
        "templates": len(templates.templates_of(names, {n: pages[n].facts for n in names})),
        "errors": len(errors),
        "warnings": sum(1 for i in issues if i.severity == WARNING),
        "allowed": sum(1 for i in issues if i.allowed),
        "issues": len(issues),
        "raw_findings": len(findings),
        "pages_with_errors": len({f.page for f in errors}),
        "allowlist_problems": len(problems),
        "passed": not errors and not problems,
        "reused_pages": sum(1 for n in names if pages[n].reused),
        "rules": rows,
    }


def _write_reports(result: AuditResult) -> None:
    out = Path(result.config.report_dir)
    out.mkdir(parents=True, exist_ok=True)
    result.reports["json"] = report_json.write(result, out / "report.json")
    result.reports["html"] = report_html.write(result, out / "report.html")
    result.reports["junit"] = report_junit.write(result, out / "junit.xml")
    if result.evidence is not None:
        result.reports["evidence"] = evidence.save_json(result.evidence, out)
