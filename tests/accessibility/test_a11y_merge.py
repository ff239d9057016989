"""Honest counts (merge.py) and the small pieces the browser checks rely on."""
from __future__ import annotations

import urllib.request

from councilsite.accessibility import merge, page_js
from councilsite.accessibility.findings import Finding, StateResult
from councilsite.accessibility.serve import SiteServer, without_timed_refresh


def f(rule, source, state, selector, criteria=("1.1.1",), severity="error", element="",
      allowed=False) -> Finding:
    return Finding(rule=rule, source=source, severity=severity, criteria=list(criteria),
                   page="p.html", state=state, selector=selector, snippet="<img>",
                   message=f"{rule} says so", help="h", element=element, allowed=allowed)


def results(*findings) -> list[StateResult]:
    by_state: dict[str, StateResult] = {}
    for x in findings:
        by_state.setdefault(x.state, StateResult(page="p.html", url="/p.html", state=x.state))
        by_state[x.state].findings.append(x)
    return list(by_state.values())


def test_one_issue_per_element_criterion_and_cause_across_states_and_tools():
    issues = merge.merge(results(
        f("img-alt", "councilsite", "html", "#main > img:nth-of-type(1)"),
        f("image-alt", "axe", "desktop/light", "img", element="#main > img:nth-of-type(1)"),
        f("image-alt", "axe", "320px/light", "img", element="#main > img:nth-of-type(1)"),
        f("image-alt", "axe", "desktop/dark", "img", element="#main > img:nth-of-type(1)"),
    ))
    (issue,) = issues
    assert issue.sources == ["councilsite", "axe"] and issue.rules == ["img-alt", "image-alt"]
    assert issue.states == ["html", "desktop/light", "320px/light", "desktop/dark"]
    assert issue.element == "#main > img:nth-of-type(1)"
    assert "img-alt says so" in issue.message and "image-alt says so" in issue.message


def test_different_elements_causes_or_criteria_stay_apart():
    issues = merge.merge(results(
        f("img-alt", "councilsite", "html", "#a"),
        f("img-alt", "councilsite", "html", "#b"),
        f("img-alt-filename", "councilsite", "html", "#a"),  # same source: another cause
        f("color-contrast", "axe", "desktop/light", "#a", criteria=("1.4.3",)),
        f("region", "axe", "desktop/light", "#a", criteria=(), severity="warning"),
    ))
    assert len(issues) == 5


def test_an_issue_is_an_error_if_any_part_is_and_allowed_only_if_all_are():
    (issue,) = merge.merge(results(
        f("img-alt", "councilsite", "html", "#a", allowed=True),
        f("image-alt", "axe", "desktop/light", "#a", severity="warning"),
    ))
    assert issue.severity == "error" and not issue.allowed and issue.blocking
    (allowed,) = merge.merge(results(
        f("image-alt", "axe", "desktop/light", "#a", allowed=True),
        f("image-alt", "axe", "320px/light", "#a", allowed=True),
    ))
    assert allowed.allowed and not allowed.blocking


def test_issue_ids_do_not_depend_on_the_state():
    one = merge.merge(results(f("img-alt", "councilsite", "desktop/light", "#a")))[0]
    two = merge.merge(results(f("img-alt", "councilsite", "320px/light", "#a")))[0]
    assert one.id == two.id


def test_timed_refresh_is_served_without_it(tmp_path):
    page = ('<html><head><meta http-equiv="refresh" content="5; url=x.html">'
            '<meta http-equiv="Refresh" content="0; url=now.html"></head><body>Hi</body></html>')
    (tmp_path / "p.html").write_text(page)
    assert b"content=\"5" not in without_timed_refresh(page.encode())
    assert b"now.html" in without_timed_refresh(page.encode())  # an instant redirect stays
    with SiteServer(tmp_path) as server:
        body = urllib.request.urlopen(server.url("/p.html")).read()
    assert b"Hi" in body and b"x.html" not in body and b"now.html" in body


def test_browser_scripts_ship_as_files():
    for name in ("keyboard_setup", "keyboard_step", "reflow", "clipped_text", "orientation",
                 "hover_triggers", "arrow_widgets", "canonical"):
        assert (page_js.JS_DIR / f"{name}.js").is_file()
        assert page_js.script(name).startswith(page_js.source("helpers"))
