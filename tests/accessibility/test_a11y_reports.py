"""The reports: report.json's documented shape, the HTML report, JUnit XML and the evidence."""
from __future__ import annotations

import json
import re
import shutil
import xml.etree.ElementTree as ET

import pytest
from bs4 import BeautifulSoup

from councilsite.accessibility.audit import run_audit

from a11y_support import audit_config, clean_page, write_site

pytestmark = pytest.mark.browser

FINDING_KEYS = {"id", "rule", "source", "severity", "impact", "criteria", "selector", "snippet",
                "message", "help", "help_url", "allowed", "allowlist_reason",
                "allowlist_expires", "has_screenshot"}
ENTRY_KEYS = {"page", "url", "state", "variant", "width", "scheme", "checks", "viewport",
              "reused", "needs_review", "findings"}


@pytest.fixture(scope="module")
def report(fixture_audit):
    return json.loads(fixture_audit.reports["json"].read_text())


def test_report_json_has_the_documented_shape(report, fixture_audit):
    assert report["schema"] == "councilsite-accessibility-report/1"
    assert set(report) >= {"schema", "generated_at", "site", "passed", "tools", "config",
                           "summary", "allowlist", "entries", "issues"}
    assert report["passed"] is False
    assert report["tools"]["axe_core"].startswith("4.")
    assert report["config"]["axe_tags"]["errors"] == ["wcag2a", "wcag2aa", "wcag21a",
                                                      "wcag21aa", "wcag22aa"]
    assert report["config"]["axe_tags"]["warnings"] == ["best-practice"]
    # One entry per page and state.
    keys = [(e["page"], e["state"]) for e in report["entries"]]
    assert len(keys) == len(set(keys))
    for entry in report["entries"]:
        assert set(entry) == ENTRY_KEYS
        for f in entry["findings"]:
            assert set(f) == FINDING_KEYS
            assert f["source"] in ("axe", "councilsite")
            assert f["severity"] in ("error", "warning")
            assert all(re.fullmatch(r"\d\.\d\.\d+", c) for c in f["criteria"])
    for issue in report["issues"]:
        assert set(issue) == FINDING_KEYS | {"page", "element", "states", "rules", "sources"}
        assert issue["states"] and len(issue["rules"]) == len(issue["sources"])
    summary = report["summary"]
    # Counted once per element, criterion and cause, not once per state or per tool.
    assert summary["errors"] == sum(1 for f in fixture_audit.issues if f.blocking)
    assert summary["errors"] == sum(1 for i in report["issues"]
                                    if i["severity"] == "error" and not i["allowed"])
    assert summary["raw_findings"] == len(fixture_audit.findings) > summary["issues"]
    assert summary["issues"] == len(report["issues"])
    assert summary["pages"] == len({e["page"] for e in report["entries"]})


def test_axe_criteria_come_from_its_tags(report):
    contrast = [f for e in report["entries"] for f in e["findings"] if f["rule"] == "color-contrast"]
    assert contrast and all(f["criteria"] == ["1.4.3"] for f in contrast)
    assert all("dequeuniversity.com" in f["help_url"] for f in contrast)


def test_html_report_is_by_page_and_by_rule_with_screenshots(fixture_audit):
    html = fixture_audit.reports["html"].read_text()
    soup = BeautifulSoup(html, "html.parser")
    assert soup.html["lang"]
    assert [h.get_text() for h in soup.find_all("h1")] == ["Accessibility report"]
    ids = {h.get("id") for h in soup.find_all("h2")}
    assert {"summary", "by-page", "by-rule"} <= ids
    assert soup.find("h3", string="low-contrast.html")
    imgs = soup.find_all("img")
    assert imgs and all(i["src"].startswith("data:image/png;base64,") for i in imgs)
    assert all(i["alt"].startswith("Screenshot of the element") for i in imgs)
    # By-rule entries link to the finding in the by-page section.
    for a in soup.select("#by-rule ~ section li a"):
        assert soup.find(id=a["href"][1:]) is not None


def test_html_report_passes_its_own_checks(pool, tmp_path):
    # A small failing audit gives a report with every kind of part: findings with
    # screenshots, an allowed finding, an allow-list problem, tables and a clean-page list.
    site = write_site(tmp_path / "site", {
        "index.html": clean_page("Home", '<p style="color: #999">Faint</p>'),
        "alt.html": clean_page("Alt", '<img src="/style.css" width="40" height="20">'),
        "ok.html": clean_page("Fine"),
    })
    allow = tmp_path / "allow.yml"
    allow.write_text("- {rule: color-contrast, page: index.html, reason: Redesign, "
                     "expires: 2027-01-01}\n- {rule: region, page: '*', reason: Old, "
                     "expires: 2027-01-01}\n")
    audited = run_audit(audit_config(site, tmp_path / "a", allowlist=allow), pool=pool)
    assert audited.problems and any(f.allowed for f in audited.findings)
    report_site = tmp_path / "report-site"
    report_site.mkdir()
    shutil.copy(audited.reports["html"], report_site / "index.html")
    result = run_audit(audit_config(report_site, tmp_path / "b"), pool=pool)
    found = [(f.rule, f.state, f.selector, f.message) for f in result.findings]
    assert found == []


def test_junit_lists_each_issue_once_with_its_states(fixture_audit):
    root = ET.parse(fixture_audit.reports["junit"]).getroot()
    assert root.tag == "testsuites"
    assert int(root.get("failures")) == fixture_audit.summary["errors"]
    suite = root.find("testsuite[@name='low-contrast.html']")
    failing = [c for c in suite.findall("testcase") if c.find("failure") is not None]
    assert failing and all(c.get("name").startswith("color-contrast at ") for c in failing)
    for case in failing:  # seen at both widths, reported once
        assert case.find("failure").get("message") == "2 state(s): desktop/light, 320px/light"
    clean = root.find("testsuite[@name='index.html']")
    assert clean.get("failures") == "0"
    assert [c.get("name") for c in clean.findall("testcase")] == ["page"]


def test_axe_and_our_rule_on_one_element_are_one_issue(fixture_audit):
    (issue,) = [i for i in fixture_audit.issues if i.page == "missing-alt.html"
                and "1.1.1" in i.criteria]
    assert sorted(issue.sources) == ["axe", "councilsite"]
    assert sorted(issue.rules) == ["image-alt", "img-alt"]
    assert issue.severity == "error" and len(issue.states) >= 3  # html plus browser states
    raw = [f for f in fixture_audit.findings if f.page == "missing-alt.html"
           and "1.1.1" in f.criteria]
    assert len(raw) > 1
    html = fixture_audit.reports["html"].read_text()
    assert html.count(f'id="{issue.id}"') == 1


def test_evidence_is_written_into_the_statement_and_rechecked(fixture_audit):
    statement = fixture_audit.site.path("statement.html").read_text()
    soup = BeautifulSoup(statement, "html.parser")
    box = soup.find(id="audit-evidence")
    assert box.find("h2").get_text() == "How this website was last tested"
    text = box.get_text(" ")
    assert "22 November 2026" in text
    assert "axe-core " + fixture_audit.tools["axe_core"] in text
    assert "Chromium" in text and fixture_audit.tools["chromium"] in text
    assert "only some accessibility problems" in text
    assert "placeholder" not in text and "will appear here" not in text
    # The statement was re-checked with the evidence in it, and is still clean.
    assert not [f for r in fixture_audit.results if r.page == "statement.html" for f in r.findings]
    ev = json.loads(fixture_audit.reports["evidence"].read_text())
    assert ev["date"] == "2026-11-22"
    assert ev["pages"] == fixture_audit.summary["pages"]
    assert ev["tools"]["axe_core"] == fixture_audit.tools["axe_core"]
    assert ev["result"]["passed"] is False
    assert ev["known_issues"] == []
