"""The accessibility statement after GOV.UK's model: one heading, honest about JavaScript and
testing, the enforcement paragraph worded correctly, and never a placeholder."""
import re
from pathlib import Path

import pytest

from sitebuilder import make_site

REPO = Path(__file__).resolve().parents[1]
STATEMENT = ("---\ntitle: Accessibility statement\nsummary: How accessible this site is.\nowner: Web team\n"
             "template: accessibility-statement.html\n{extra}---\n## Feedback\n\nEmail us.\n")


def evidence(site):
    page = site.html("accessibility-statement/")
    return page, page.find(id="audit-evidence")


def test_an_untested_site_says_so_and_how_to_ask(tmp_path):
    site = make_site(tmp_path, {"accessibility-statement.md": STATEMENT.format(extra="")})
    page, box = evidence(site)
    assert box.has_attr("data-audit-evidence"), "the audit still finds where to write its evidence"
    words = box.get_text(" ", strip=True)
    assert "has not been tested for accessibility yet" in words
    assert box.find("a", href="mailto:hello@testham.example")
    assert "will appear here" not in page.get_text()


def test_a_tested_site_gives_the_date_of_the_last_test_and_how_to_get_the_results(tmp_path):
    extra = "last_tested: 2026-11-18\naccessibility_contact: access@testham.example\n"
    site = make_site(tmp_path, {"accessibility-statement.md": STATEMENT.format(extra=extra)})
    page, box = evidence(site)
    assert box.find("time")["datetime"] == "2026-11-18"
    assert "18 November 2026" in box.get_text()
    assert box.find("a", href="mailto:access@testham.example")
    assert "will appear here" not in page.get_text()


def test_a_bad_test_date_names_the_file_line_and_field(tmp_path, caplog):
    from mkdocs.exceptions import Abort
    with pytest.raises(Abort):
        make_site(tmp_path, {"accessibility-statement.md": STATEMENT.format(extra="last_tested: 2026-02-30\n")})
    assert any("content/accessibility-statement.md:6: last_tested: '2026-02-30' is not a real date" in r.getMessage()
               for r in caplog.records)


@pytest.mark.parametrize("path", ["content/accessibility-statement.md",
                                  "councilsite/starter/files/content/accessibility-statement.md"])
def test_statement_text_is_honest_and_worded_correctly(path):
    text = (REPO / path).read_text(encoding="utf-8")
    body = text.split("---", 2)[2]
    assert not re.search(r"^## Accessibility statement", body, re.M), "the h1 says it once"
    assert "## What needs JavaScript" in body and "search does not show results" in body
    assert "- use the website without JavaScript" not in body
    assert ("The Equality and Human Rights Commission (EHRC) is responsible for enforcing the Public Sector "
            "Bodies (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018") in body
    assert "Their full name is" not in body


def test_the_starter_never_claims_full_compliance_untested():
    body = (REPO / "councilsite/starter/files/content/accessibility-statement.md").read_text(encoding="utf-8")
    assert "fully compliant" not in body
    assert "last_tested" not in body, "a new site has not been tested"
