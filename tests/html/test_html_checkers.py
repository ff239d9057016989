"""vnu and HTML_CodeSniffer: each catches the kind of mistake it is there for and passes a correct
page; the demo's places directory and a form with its error state have no errors. `make test`
runs both on every page of the built demo (tests/html/checkers.py)."""
from __future__ import annotations

import sys
from pathlib import Path

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

import checkers

pytestmark = pytest.mark.browser

if checkers.missing():
    pytest.skip(checkers.missing(), allow_module_level=True)

sys.path.insert(0, str(checkers.REPO / "scripts"))
from screenshots import browser, serve  # noqa: E402

PAGE = """<!doctype html>
<html lang="en-GB"><head><meta charset="utf-8"><title>Places</title></head>
<body><main><h1>Places</h1>{form}</main></body></html>
"""
BAD_FORM = ('<form method="get" action=""><label for="area">Area</label>'
            '<select id="area" name="area"><option value="">All areas</option></select></form>')
GOOD_FORM = ('<form method="get" action="./"><label for="area">Area</label>'
             '<select id="area" name="area"><option value="">All areas</option></select>'
             '<button type="submit">Apply filters</button></form>')


@pytest.fixture(scope="module")
def fixtures(tmp_path_factory):
    site = tmp_path_factory.mktemp("html-fixtures")
    (site / "bad").mkdir()
    (site / "good").mkdir()
    (site / "bad" / "index.html").write_text(PAGE.format(form=BAD_FORM), encoding="utf-8")
    (site / "good" / "index.html").write_text(PAGE.format(form=GOOD_FORM), encoding="utf-8")
    return site


@pytest.fixture(scope="module")
def driver():
    chrome = browser()
    yield chrome
    chrome.quit()


def test_vnu_finds_an_empty_form_action_and_passes_a_valid_page(fixtures):
    found = checkers.vnu(fixtures)
    assert [(p.page, "action" in p.message) for p in found] == [("bad/index.html", True)], found


def test_htmlcs_finds_a_form_with_no_submit_button_and_passes_one_with(fixtures, driver):
    found = checkers.htmlcs(fixtures, driver, serve(fixtures))
    assert {p.page for p in found} == {"bad/index.html"}, found
    assert any("submit button" in p.message for p in found)


@pytest.fixture(scope="module")
def demo(tmp_path_factory):
    out = tmp_path_factory.mktemp("html-demo")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")
        build(load_config(str(checkers.REPO / "mkdocs.yml"), strict=True, site_dir=str(out)))
    return out


SAMPLE = ["get-online/places/index.html", "get-online/places/with-free-wifi/index.html", "index.html",
          "forms/report-a-missed-bin/index.html", "forms/report-a-missed-bin/error/index.html",
          "accessibility-statement/index.html"]


def test_the_demos_places_directory_and_a_form_have_no_errors(demo, driver):
    files = [demo / path for path in SAMPLE]
    problems = checkers.vnu(demo, files) + checkers.htmlcs(demo, driver, serve(demo), files, widths=(320, 1280))
    assert problems == [], "\n".join(map(str, problems))
