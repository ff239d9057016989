"""Small pieces: allow-list rules, WCAG tags, evidence insertion, sampling, console output."""
from __future__ import annotations

import datetime as dt
import io
from pathlib import Path

import pytest

from councilsite.accessibility import allowlist, cli, console, evidence, states, templates
from councilsite.accessibility.config import PACKAGE_DIR
from councilsite.accessibility.findings import (Finding, criteria_from_tags,
                                                severity_from_tags)
from councilsite.accessibility.static_checks import PageFacts

TODAY = dt.date(2026, 11, 22)


def finding(rule="color-contrast", page="news/a/index.html", selector=".promo > a",
            severity="error") -> Finding:
    return Finding(rule=rule, source="axe", severity=severity, criteria=["1.4.3"], page=page,
                   state="desktop/light", selector=selector, snippet="<a>", message="m",
                   help="h")


def write(tmp_path: Path, text: str) -> Path:
    path = tmp_path / "allow.yml"
    path.write_text(text)
    return path


def test_wcag_criteria_and_severity_from_axe_tags():
    assert criteria_from_tags(["cat.color", "wcag2aa", "wcag143"]) == ["1.4.3"]
    assert criteria_from_tags(["wcag22aa", "wcag258"]) == ["2.5.8"]
    assert criteria_from_tags(["wcag2a", "wcag1410", "wcag2411"]) == ["1.4.10", "2.4.11"]
    assert criteria_from_tags(["best-practice"]) == []
    assert severity_from_tags(["wcag21aa", "wcag135"]) == "error"
    assert severity_from_tags(["best-practice", "cat.keyboard"]) == "warning"


def test_shipped_allowlist_is_empty():
    assert allowlist.load(PACKAGE_DIR / "allowlist.yml") == []


def test_allowlist_entry_covers_matching_findings_only(tmp_path):
    entries = allowlist.load(write(tmp_path, """
- rule: color-contrast
  page: "news/*"
  selector: ".promo > a"
  reason: Supplier widget, fix promised
  expires: 2027-01-31
"""))
    hit, other_page, other_sel, other_rule = (
        finding(), finding(page="about/index.html"), finding(selector="p"),
        finding(rule="image-alt"))
    problems = allowlist.apply(entries, [hit, other_page, other_sel, other_rule], TODAY)
    assert problems == []
    assert hit.allowed and hit.allowlist_reason == "Supplier widget, fix promised"
    assert hit.allowlist_expires == "2027-01-31" and not hit.blocking
    assert not any(f.allowed for f in (other_page, other_sel, other_rule))
    assert entries[0].used == 1


def test_page_glob_matches_url_paths_too(tmp_path):
    entries = allowlist.load(write(tmp_path, """
- {rule: color-contrast, page: "/news/*", reason: r, expires: 2027-01-01}
"""))
    f = finding()
    assert allowlist.apply(entries, [f], TODAY) == [] and f.allowed


def test_expired_and_unused_entries_fail_the_run(tmp_path):
    entries = allowlist.load(write(tmp_path, """
- rule: color-contrast
  page: "news/*"
  reason: old excuse
  expires: 2026-01-01
- rule: image-alt
  page: "*"
  reason: nothing matches this
  expires: 2027-01-01
"""))
    f = finding()
    problems = allowlist.apply(entries, [f], TODAY)
    assert [(p.kind, p.entry.rule) for p in problems] == [("expired", "color-contrast"),
                                                          ("unused", "image-alt")]
    assert not f.allowed and f.blocking  # an expired entry covers nothing
    assert "line 2" in problems[0].message and "2026-01-01" in problems[0].message


@pytest.mark.parametrize("text, message", [
    ("- rule: x\n  page: '*'\n  reason: r\n", "'expires' is required"),
    ("- rule: x\n  page: '*'\n  expires: 2027-01-01\n", "'reason' is required"),
    ("- rule: x\n  page: '*'\n  reason: r\n  expires: soon\n", "expires must be a date"),
    ("- rule: x\n  page: '*'\n  reason: r\n  expires: 2027-01-01\n  colour: red\n",
     "unknown field"),
    ("rule: [", "not valid YAML"),
])
def test_invalid_allowlist_is_rejected_with_its_line(tmp_path, text, message):
    with pytest.raises(allowlist.AllowlistError, match=message):
        allowlist.load(write(tmp_path, text))


def test_evidence_replaces_only_the_placeholder_contents():
    html = ('<main><div class="x"><p>keep</p></div>\n'
            '<div id="audit-evidence" class="box" data-audit-evidence>'
            '<div><p>placeholder</p></div></div>\n<p>after</p></main>')
    out = evidence.replace_in_html(html, "<h2>New</h2>")
    assert out == ('<main><div class="x"><p>keep</p></div>\n'
                   '<div id="audit-evidence" class="box" data-audit-evidence>\n<h2>New</h2>\n'
                   '</div>\n<p>after</p></main>')
    assert evidence.replace_in_html(out, "<h2>New</h2>") == out  # idempotent
    assert evidence.replace_in_html('<div id="audit-evidence">x</div>', "y") is None


def test_evidence_text_is_honest_and_structured():
    ev = {"date": "2026-11-22", "pages": 3, "widths": [1280, 320], "schemes": ["light"],
          "error_states": 1, "keyboard_pages": 2, "templates": 1,
          "tools": {"axe_core": "4.14.1", "chromium": "156.0", "checker": "1"},
          "result": {"passed": True, "errors": 0, "warnings": 0, "allowed": 0,
                     "pages_with_errors": 0},
          "known_issues": [{"rule": "color-contrast", "page": "news/*", "selector": None,
                            "reason": "Supplier widget", "expires": "2027-01-31", "used": 1}],
          "caveat": evidence.CAVEAT}
    html = evidence.render(ev)
    assert html.startswith('<h2 id="audit-evidence-heading">How this website was last tested</h2>')
    assert "22 November 2026" in html and "axe-core 4.14.1" in html and "156.0" in html
    assert "Supplier widget" in html and "31 January 2027" in html
    assert "only some accessibility problems" in html
    assert "<h1" not in html


def test_keyboard_sample_takes_a_few_per_template_and_every_form():
    pages = [f"p{i:02}.html" for i in range(10)] + ["contact.html", "other.html"]
    facts = {p: PageFacts(template="class:article") for p in pages}
    facts["other.html"] = PageFacts(template="class:home")
    facts["contact.html"] = PageFacts(template="class:article", forms=["f1"])
    facts["p05.html"] = PageFacts(template="class:article", forms=["f1"])
    # First, middle and last of the 11 article pages; contact.html also covers form f1.
    assert templates.keyboard_pages(pages, facts, 3) == {
        "contact.html", "p04.html", "p09.html", "other.html"}
    facts["p07.html"] = PageFacts(template="class:article", forms=["f2"])
    assert "p07.html" in templates.keyboard_pages(pages, facts, 3)
    assert templates.keyboard_pages(pages, facts, 0) == set(pages)


def test_state_ids_and_schemes():
    plan = states.plan((1280, 320), ("light", "dark"))
    assert [s.id for s in plan] == ["desktop/light", "320px/light", "desktop/dark", "320px/dark"]
    assert states.State(320, "light", "error").id == "error:320px/light"
    assert states.parse_schemes("light, dark") == ("light", "dark")
    with pytest.raises(ValueError):
        states.parse_schemes("sepia")


def test_progress_prints_tenths_when_not_a_terminal():
    out = io.StringIO()
    p = console.Progress(20, "Pages", stream=out)
    for _ in range(20):
        p.advance()
    lines = out.getvalue().splitlines()
    assert 10 <= len(lines) <= 11
    assert lines[-1].startswith("Pages [" + "#" * 30 + "] 20/20")


def test_summary_table():
    table = console.summary_table([{"rule": "color-contrast", "source": "axe",
                                    "severity": "error", "criteria": ["1.4.3"], "findings": 3,
                                    "pages": 2, "allowed": 1}])
    lines = table.splitlines()
    assert lines[0].split() == ["Rule", "Source", "Severity", "WCAG", "Findings", "Pages",
                                "Allowed"]
    assert lines[2].split() == ["color-contrast", "axe", "error", "1.4.3", "3", "2", "1"]


def test_cli_arguments_become_a_config():
    import argparse
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    args = parser.parse_args(["site", "--schemes", "dark", "--workers", "3", "--incremental",
                              "--widths", "1280,320", "--keyboard-sample", "0"])
    config = cli.config_from_args(args)
    assert config.schemes == ("dark",) and config.workers == 3 and config.incremental
    assert config.widths == (1280, 320) and config.keyboard_sample == 0
    assert str(config.report_dir) == "build/reports"
    assert str(config.cache_dir) == "build/cache/audit"


def test_profiles_turn_best_practice_into_errors_only_when_strict():
    from councilsite.accessibility import profiles
    from councilsite.accessibility.rules import own_finding
    bp = own_finding("heading-one", page="p.html", state="html", selector="h1", snippet="",
                     message="m")
    wcag = own_finding("img-alt", page="p.html", state="html", selector="img", snippet="",
                       message="m")
    profiles.apply([bp, wcag], "wcag")
    assert (bp.severity, wcag.severity) == ("warning", "error")
    profiles.apply([bp, wcag], "strict")
    assert (bp.severity, wcag.severity) == ("error", "error")
    with pytest.raises(ValueError):
        profiles.apply([bp], "lenient")
    import argparse
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    assert cli.config_from_args(parser.parse_args(["s"])).profile == "wcag"
    assert cli.config_from_args(parser.parse_args(["s", "--profile", "strict"])).profile == "strict"
