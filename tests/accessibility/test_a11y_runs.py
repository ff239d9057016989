"""Whole runs: gating and the allow-list, incremental re-audits, and the command line."""
from __future__ import annotations

import argparse
import json
import subprocess
import sys

import pytest

from councilsite.accessibility import cli
from councilsite.accessibility.audit import run_audit

from a11y_support import audit_config, clean_page, write_site

pytestmark = pytest.mark.browser

LOW_CONTRAST = '<p style="color: #999">Faint text.</p>'


def test_clean_site_passes(tmp_path, pool):
    site = write_site(tmp_path / "site", {"index.html": clean_page("Home")})
    result = run_audit(audit_config(site, tmp_path), pool=pool)
    assert result.passed and result.exit_code == 0
    assert result.summary["schemes"] == ["light"]  # no dark CSS, no dark state
    assert result.findings == []


def test_allowlist_entry_lets_a_known_issue_ship_but_keeps_it_visible(tmp_path, pool):
    site = write_site(tmp_path / "site", {"index.html": clean_page("Home", LOW_CONTRAST)})
    failing = run_audit(audit_config(site, tmp_path), pool=pool)
    assert failing.exit_code == 1
    allow = tmp_path / "allow.yml"
    allow.write_text("- rule: color-contrast\n  page: index.html\n  reason: Being redesigned\n"
                     "  expires: 2027-01-31\n")
    result = run_audit(audit_config(site, tmp_path, allowlist=allow, evidence=False), pool=pool)
    assert result.exit_code == 0
    contrast = [f for f in result.findings if f.rule == "color-contrast"]
    assert contrast and all(f.allowed for f in contrast)
    report = json.loads(result.reports["json"].read_text())
    flagged = [f for e in report["entries"] for f in e["findings"]]
    assert flagged and all(f["allowed"] and f["allowlist_reason"] == "Being redesigned"
                           for f in flagged)
    assert "allowed" in result.reports["html"].read_text()
    # The same entry after its end date fails the run, as does an entry that matches nothing.
    expired = run_audit(audit_config(site, tmp_path, allowlist=allow,
                                     today=__import__("datetime").date(2027, 2, 1)), pool=pool)
    assert expired.exit_code == 1 and expired.problems[0].kind == "expired"
    allow.write_text(allow.read_text().replace("color-contrast", "image-alt"))
    unused = run_audit(audit_config(site, tmp_path, allowlist=allow), pool=pool)
    assert unused.exit_code == 1
    assert {p.kind for p in unused.problems} == {"unused"}


def test_incremental_reaudits_only_what_changed(tmp_path, pool):
    site = write_site(tmp_path / "site", {
        "index.html": clean_page("Home", '<p><a href="/b.html">Page B</a> '
                                         '<a href="/c.html">Page C</a></p>'),
        "b.html": clean_page("Page B", head='<link rel="stylesheet" href="/extra.css">'),
        "c.html": clean_page("Page C"),
        "extra.css": "p { margin: 1em 0; }",
    })
    cfg = audit_config(site, tmp_path, incremental=True)
    first = run_audit(cfg, pool=pool)
    assert sorted(first.audited_pages) == ["b.html", "c.html", "index.html"]
    again = run_audit(cfg, pool=pool)
    assert again.audited_pages == [] and again.summary["reused_pages"] == 3
    assert again.passed and again.tools["chromium"] and again.tools["axe_core"]
    browser_states = [r for r in again.results if r.width]
    assert browser_states and all(r.reused for r in browser_states)

    (site / "b.html").write_text(clean_page("Page B", LOW_CONTRAST,
                                            head='<link rel="stylesheet" href="/extra.css">'))
    changed = run_audit(cfg, pool=pool)
    assert changed.audited_pages == ["b.html"]
    assert {f.page for f in changed.findings if f.rule == "color-contrast"} == {"b.html"}

    (site / "extra.css").write_text("p { margin: 2em 0; }")  # shared CSS: its pages again
    assert run_audit(cfg, pool=pool).audited_pages == ["b.html"]

    (site / "c.html").unlink()  # index.html is unchanged but its link now goes nowhere
    gone = run_audit(cfg, pool=pool)
    assert gone.audited_pages == []
    assert "c.html" not in {r.page for r in gone.results}
    assert [(f.page, f.rule) for f in gone.findings if f.rule == "link-broken"] == [
        ("index.html", "link-broken")]
    # Unchanged findings from earlier runs stay in the report.
    assert any(f.page == "b.html" and f.rule == "color-contrast" for f in gone.findings)


def test_scheme_override_and_error_state_convention(tmp_path, pool):
    form = ('<form method="post" action="/form.html"><label for="e">Email address</label>'
            '<input id="e" name="email" type="email" autocomplete="email">'
            '<button>Send</button></form>')
    error = form.replace('autocomplete="email"',
                         'autocomplete="email" aria-invalid="true" aria-describedby="e-err"'
                         ).replace('<input', '<p id="e-err">Enter your email address</p><input')
    site = write_site(tmp_path / "site", {
        "form.html": clean_page("Form", form, head='<link rel="alternate" '
                                'data-councilsite-state="error" href="/form-error/">'),
        "form-error/index.html": clean_page("Error: Form", error),
        "bare.html": clean_page("Bare form", form),
        "index.html": clean_page("Home"),
    })
    result = run_audit(audit_config(site, tmp_path, schemes=("dark",)), pool=pool)
    states = {(r.page, r.state) for r in result.results}
    assert ("form.html", "error:desktop/dark") in states
    assert ("form.html", "error:320px/dark") in states
    assert not any(s.endswith("light") for _, s in states)
    assert "form-error/index.html" not in {p for p, _ in states}
    warnings = [(f.page, f.rule, f.severity) for f in result.findings]
    assert warnings == [("bare.html", "form-error-state", "warning")]
    assert result.passed  # warnings never fail the run


def run_cli(argv):
    parser = argparse.ArgumentParser()
    cli.add_arguments(parser)
    return cli.run(parser.parse_args(argv))


def test_cli_refuses_what_it_cannot_check(tmp_path, capsys):
    assert run_cli([str(tmp_path / "missing"), "--quiet"]) == cli.EXIT_UNUSABLE
    assert "site folder not found" in capsys.readouterr().err
    site = write_site(tmp_path / "site", {"index.html": clean_page("Home")})
    bad = tmp_path / "bad.yml"
    bad.write_text("- rule: x\n")
    assert run_cli([str(site), "--allowlist", str(bad), "--quiet"]) == cli.EXIT_UNUSABLE
    assert run_cli([str(site), "--allowlist", str(tmp_path / "nope.yml")]) == cli.EXIT_UNUSABLE
    assert run_cli([str(site), "--schemes", "sepia"]) == cli.EXIT_UNUSABLE


def test_python_dash_m_audits_and_fails_on_errors(tmp_path):
    site = write_site(tmp_path / "site", {"index.html": clean_page("Home", LOW_CONTRAST)})
    reports = tmp_path / "reports"
    proc = subprocess.run(
        [sys.executable, "-m", "councilsite.accessibility", str(site), "--report-dir",
         str(reports), "--cache-dir", str(tmp_path / "cache"), "--workers", "1"],
        capture_output=True, text=True, timeout=120, cwd=tmp_path)
    assert proc.returncode == 1, proc.stderr
    assert "color-contrast" in proc.stdout and "FAILED" in proc.stdout
    assert "Browser checks [" in proc.stderr  # progress bar
    for name in ("report.json", "report.html", "junit.xml"):
        assert (reports / name).is_file()


def test_cli_refuses_an_empty_site(tmp_path, capsys):
    (tmp_path / "empty").mkdir()
    assert run_cli([str(tmp_path / "empty"), "--quiet"]) == cli.EXIT_UNUSABLE
    assert "no HTML pages" in capsys.readouterr().err
