"""Every fixture page has one known failure; the checker must report it, and nothing else.

A checker that never fails is worthless, and one that cries wolf gets switched off, so
both directions are asserted: the expected rule and criterion appear in the expected
states, no other finding appears, and the clean pages produce nothing at all.
"""
from __future__ import annotations

import pytest

pytestmark = pytest.mark.browser

DESKTOP_LIGHT, NARROW_LIGHT = "desktop/light", "320px/light"
DESKTOP_DARK, NARROW_DARK = "desktop/dark", "320px/dark"
ALL = {DESKTOP_LIGHT, NARROW_LIGHT, DESKTOP_DARK, NARROW_DARK}
LIGHT = {DESKTOP_LIGHT, NARROW_LIGHT}
DARK = {DESKTOP_DARK, NARROW_DARK}
NARROW = {NARROW_LIGHT, NARROW_DARK}
HTML = {"html"}

# page -> {(source, rule): (criterion it must cite, states it must appear in)}
EXPECTED = {
    "missing-alt.html": {("axe", "image-alt"): ("1.1.1", ALL),
                         ("councilsite", "img-alt"): ("1.1.1", HTML)},
    "low-contrast.html": {("axe", "color-contrast"): ("1.4.3", LIGHT)},
    "dark-contrast.html": {("axe", "color-contrast"): ("1.4.3", DARK)},
    "unlabelled-input.html": {("axe", "label"): ("4.1.2", ALL)},
    "empty-link.html": {("axe", "link-name"): ("2.4.4", ALL)},
    "empty-button.html": {("axe", "button-name"): ("4.1.2", ALL)},
    "skipped-heading.html": {("councilsite", "heading-skipped"): ("1.3.1", HTML),
                             ("axe", "heading-order"): (None, ALL)},
    "missing-lang.html": {("axe", "html-has-lang"): ("3.1.1", ALL),
                          ("councilsite", "html-lang"): ("3.1.1", HTML)},
    "invalid-aria.html": {("axe", "aria-valid-attr-value"): ("4.1.2", ALL)},
    "duplicate-id.html": {("councilsite", "duplicate-id"): ("1.3.1", HTML)},
    "table-no-headers.html": {("councilsite", "table-headers"): ("1.3.1", HTML)},
    "click-here.html": {("councilsite", "link-text"): ("2.4.4", HTML)},
    "unlabelled-pdf.html": {("councilsite", "document-link"): ("2.4.4", HTML)},
    "horizontal-scroll.html": {("councilsite", "reflow"): ("1.4.10", NARROW)},
    "missing-skip-target.html": {("councilsite", "skip-link"): ("2.4.1", LIGHT),
                                 ("councilsite", "link-anchor-missing"): ("2.4.1", HTML),
                                 ("axe", "skip-link"): (None, ALL),
                                 # with its target gone, axe no longer sees a skip link
                                 ("axe", "region"): (None, ALL)},
    "no-skip-link.html": {("councilsite", "skip-link"): ("2.4.1", LIGHT)},
    "invisible-focus.html": {("councilsite", "focus-visible"): ("2.4.7", LIGHT)},
    "focus-hidden.html": {("councilsite", "focus-hidden"): ("2.4.7", LIGHT)},
    # a visually hidden checkbox whose label shows no focus either
    "hidden-control-focus.html": {("councilsite", "focus-hidden"): ("2.4.7", LIGHT)},
    "focus-obscured.html": {("councilsite", "focus-obscured"): ("2.4.11", LIGHT)},
    "focus-order.html": {("councilsite", "focus-order"): ("2.4.3", LIGHT)},
    "keyboard-trap.html": {("councilsite", "keyboard-trap"): ("2.1.2", LIGHT)},
    "keyboard-unreachable.html": {("councilsite", "keyboard-unreachable"): ("2.1.1", LIGHT)},
    "positive-tabindex.html": {("councilsite", "tabindex-positive"): ("2.4.3", HTML),
                               ("axe", "tabindex"): (None, ALL)},
    "missing-autocomplete.html": {("councilsite", "autocomplete"): ("1.3.5", HTML)},
    "broken-link.html": {("councilsite", "link-broken"): ("2.4.4", HTML)},
    "duplicate-title-a.html": {("councilsite", "page-title-unique"): ("2.4.2", HTML)},
    "duplicate-title-b.html": {("councilsite", "page-title-unique"): ("2.4.2", HTML)},
    "error-state-bad.html": {("councilsite", "error-identification"): ("3.3.1", {"error:html"})},
}
CLEAN = ["index.html", "clean-form.html", "statement.html", "clean-custom-checkbox.html"]


def findings_of(result, page):
    return [f for r in result.results if r.page == page for f in r.findings]


def test_every_fixture_page_was_audited(fixture_audit):
    pages = {r.page for r in fixture_audit.results}
    assert pages == set(EXPECTED) | set(CLEAN)
    # Error states are states of their form page, never pages of their own.
    assert "clean-form-error.html" not in pages


@pytest.mark.parametrize("page", sorted(EXPECTED))
def test_known_failure_is_reported_with_rule_and_criterion(fixture_audit, page):
    found = findings_of(fixture_audit, page)
    by_rule = {}
    for f in found:
        by_rule.setdefault((f.source, f.rule), []).append(f)
    for (source, rule), (criterion, states) in EXPECTED[page].items():
        hits = by_rule.get((source, rule))
        assert hits, f"{page}: expected {source}:{rule}, got {sorted(by_rule)}"
        if criterion is not None:
            assert all(criterion in f.criteria for f in hits), [f.criteria for f in hits]
        # WCAG failures are errors; house conventions (ours or axe's best-practice) warnings
        # under the default wcag profile.
        for f in hits:
            assert f.severity == ("warning" if f.group == "best-practice" else "error"), f.rule
        if criterion is None:
            assert all(f.group == "best-practice" for f in hits)
        assert {f.state for f in hits} == states, (page, rule)
        for f in hits:
            assert f.page == page and f.selector and f.message
            assert f.help and f.help_url
    unexpected = sorted(set(by_rule) - set(EXPECTED[page]))
    assert not unexpected, f"{page}: unexpected findings {unexpected}"


@pytest.mark.parametrize("page", CLEAN)
def test_clean_pages_have_zero_findings(fixture_audit, page):
    found = findings_of(fixture_audit, page)
    assert found == [], [(f.rule, f.state, f.selector, f.message) for f in found]


def test_clean_pages_were_checked_in_every_state(fixture_audit):
    states = {r.state for r in fixture_audit.results if r.page == "clean-form.html"}
    assert states == ALL | HTML | {"error:html", "error:desktop/light", "error:320px/light",
                                   "error:desktop/dark", "error:320px/dark"}
    checks = {r.state: r.checks for r in fixture_audit.results if r.page == "index.html"}
    assert "keyboard" in checks[DESKTOP_LIGHT] and "keyboard" in checks[NARROW_LIGHT]
    assert "reflow" in checks[NARROW_LIGHT] and "reflow" not in checks[DESKTOP_LIGHT]


def test_narrow_state_is_a_real_320px_viewport(fixture_audit):
    for r in fixture_audit.results:
        if r.width == 320:
            assert r.viewport["client_width"] == 320, (r.page, r.viewport)
        elif r.width == 1280:
            assert r.viewport["client_width"] == 1280


def test_dark_scheme_detected_from_the_css(fixture_audit):
    assert fixture_audit.summary["schemes"] == ["light", "dark"]


def test_the_axe_that_ran_is_current(fixture_audit):
    version = fixture_audit.tools["axe_core"]
    assert version.startswith("4."), version
    assert version == fixture_audit.tools["axe_core_declared"]
    assert fixture_audit.tools["chromium"]


def test_findings_carry_screenshots_of_visible_elements(fixture_audit):
    f = next(f for f in findings_of(fixture_audit, "low-contrast.html"))
    assert f.screenshot and len(f.screenshot) > 100
    reflow = next(f for f in findings_of(fixture_audit, "horizontal-scroll.html"))
    assert reflow.screenshot


def test_the_audit_fails(fixture_audit):
    assert not fixture_audit.passed
    assert fixture_audit.exit_code == 1
