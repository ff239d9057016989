"""Everything the browser does for one page: every state, the keyboard walk, the screenshots."""
from __future__ import annotations

import time
import traceback
from dataclasses import dataclass, field

from . import axe_runner, keyboard, page_checks, reflow, screenshots, states
from .axe_runner import AxeRunner
from .browser import Browser
from .findings import StateResult
from .rules import own_finding
from .states import State


def viewport_height(width: int) -> int:
    return states.DESKTOP[1] if width >= 1024 else states.NARROW_HEIGHT


@dataclass
class PageJob:
    page: str  # site-relative file: the page's name in every report
    url: str
    states: list[State]
    keyboard: bool = False
    # Selectors of the page's static findings, to picture them in the first state.
    static_selectors: list[str] = field(default_factory=list)
    error_url: str | None = None
    error_static_selectors: list[str] = field(default_factory=list)
    axe_url: str | None = None  # axe.min.js as served next to the site
    # Without scripts, a page shows another colour scheme by CSS alone, no reload needed.
    reload_per_scheme: bool = True


@dataclass
class PageOutcome:
    page: str
    results: list[StateResult]
    # (variant, selector) -> base64 PNG, for findings from the HTML source checks
    static_screenshots: dict[tuple[str, str], str | None]
    axe_version: str | None
    seconds: float
    crashed: bool = False


class Slot:
    """One worker's browser with axe ready in it."""

    def __init__(self, axe_script):
        self.browser = Browser()
        self.axe = AxeRunner(self.browser, axe_script)

    def close(self) -> None:
        self.browser.quit()


def audit_page(slot: Slot, job: PageJob) -> PageOutcome:
    started = time.monotonic()
    results: list[StateResult] = []
    shots: dict[tuple[str, str], str | None] = {}
    version = None
    variants = [("default", job.url, job.static_selectors)]
    if job.error_url:
        variants.append(("error", job.error_url, job.error_static_selectors))
    for variant, url, static_selectors in variants:
        try:
            version = _audit_variant(slot, job, variant, url, static_selectors, results, shots)
        except Exception as exc:  # one broken page must not stop the audit of the site
            detail = "".join(traceback.format_exception_only(type(exc), exc)).strip()
            state = states.html_state(variant).replace("html", "browser")
            results.append(StateResult(
                page=job.page, url=url, state=state, variant=variant, checks=["browser"],
                findings=[own_finding("page-audit-failed", page=job.page, state=state,
                                      selector="html", snippet="",
                                      message=f"The browser checks failed: {detail[:500]}")]))
            return PageOutcome(job.page, results, shots, version,
                               time.monotonic() - started, crashed=True)
    return PageOutcome(job.page, results, shots, version, time.monotonic() - started)


def _audit_variant(slot: Slot, job: PageJob, variant: str, url: str,
                   static_selectors: list[str], results: list[StateResult],
                   shots: dict) -> str | None:
    browser = slot.browser
    schemes = list(dict.fromkeys(s.scheme for s in job.states))
    widths = list(dict.fromkeys(s.width for s in job.states))
    version = None
    by_state: dict[tuple[int, str], StateResult] = {}
    fresh_needed = True
    for scheme in schemes:
        # Scheme first, then load: theme scripts often read matchMedia only at start-up.
        states.apply_scheme(browser, scheme)
        if fresh_needed or job.reload_per_scheme:
            states.prepare_width(browser, widths[0])
            browser.get(url)
        fresh_needed = False
        for width in widths:
            state = State(width, scheme, variant)
            viewport = states.apply_width(browser, width)
            raw = slot.axe.run(job.axe_url)
            version = (raw.get("testEngine") or {}).get("version") or version
            findings = axe_runner.findings_from_results(raw, job.page, state.id)
            axe_runner.name_elements(browser, findings)
            checks = ["axe"]
            if state.narrow:
                findings += reflow.check(browser, job.page, state.id)
                checks.append("reflow")
            if job.keyboard and variant == "default" and scheme == schemes[0] and \
                    width == widths[0]:
                # Once per page: spacing, zoom and orientation are the same in any scheme.
                found, touched = page_checks.check(browser, job.page, state.id, url, width,
                                                   viewport_height(width))
                findings += found
                if touched:  # keys pressed and pointer moved: later checks get a fresh page
                    screenshots.attach(browser, findings)
                    states.prepare_width(browser, width)
                    browser.get(url)
                states.apply_width(browser, width)
                checks.append("page")
            screenshots.attach(browser, findings)
            result = StateResult(page=job.page, url=url, state=state.id, variant=variant,
                                 width=width, scheme=scheme, checks=checks, findings=findings,
                                 needs_review=axe_runner.needs_review(raw), viewport=viewport)
            results.append(result)
            by_state[(width, scheme)] = result
            if scheme == schemes[0] and width == widths[0]:
                for sel in static_selectors:
                    if (variant, sel) not in shots:
                        shots[(variant, sel)] = screenshots.capture(browser, sel)
        if scheme == schemes[0] and job.keyboard:
            # The last width is already laid out on an untouched page; later walks need a
            # fresh load, since a walk moves focus and the URL fragment.
            for n, width in enumerate(reversed(widths)):
                if n:
                    states.prepare_width(browser, width)
                    browser.get(url)
                    states.apply_width(browser, width)
                state = State(width, scheme, variant)
                walked = keyboard.walk(browser, job.page, state.id, backwards=n == 0)
                if walked.findings:
                    browser.get(url)
                    states.apply_width(browser, width)
                    screenshots.attach(browser, walked.findings)
                target = by_state[(width, scheme)]
                target.findings += walked.findings
                target.checks.append("keyboard")
            fresh_needed = True
    return version
