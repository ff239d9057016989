"""Invalid front matter fails the build with a message naming the file, line and field."""
import pytest
from mkdocs.exceptions import Abort

from sitebuilder import make_site, service

from councilsite.content.model import load_page

CATS = {"bins": object()}


def errors(text, kind="service"):
    page, problems = load_page("bins/x.md", text, "/bins/x/", kind, CATS, "content/bins/x.md")
    assert page is None
    return [str(p) for p in problems]


GOOD = """---
title: Report a missed bin
summary: Tell us if we missed your bin.
category: bins
review_by: 2027-05-01
do_it_online:
  label: Report a missed bin
  link: https://online.testham.example/missed-bin
  priority: 1
other_ways:
  phone:
    number: "01632 960 010"
    hours: Monday to Friday, 9am to 5pm
---
Body.
"""


def test_a_good_page_is_accepted():
    page, problems = load_page("bins/x.md", GOOD, "/bins/x/", "service", CATS)
    assert problems == []
    assert page.title == "Report a missed bin"
    assert page.task.priority == 1
    assert page.other_ways["phone"]["number"] == "01632 960 010"
    assert str(page.review_by) == "2027-05-01"


@pytest.mark.parametrize(
    "change, expected",
    [
        (("summary: Tell us if we missed your bin.", "summry: Tell us if we missed your bin."),
         ["content/bins/x.md:3: summry: unknown field. Did you mean 'summary'?",
          "content/bins/x.md:2: summary: this field is missing."]),
        (("priority: 1", "priority: first"), ["content/bins/x.md:9: do_it_online.priority: expected a whole number, got 'first'"]),
        (("review_by: 2027-05-01", "review_by: 2027-02-30"), ["content/bins/x.md:5: review_by: '2027-02-30' is not a real date"]),
        (("review_by: 2027-05-01", "review_by: 1 May 2027"), ["content/bins/x.md:5: review_by: expected a date written as YYYY-MM-DD"]),
        (('number: "01632 960 010"', "number: 1632960010"), ["content/bins/x.md:12: other_ways.phone.number: expected a phone number"]),
        (("category: bins", "category: rubbish"), ["content/bins/x.md:4: category: 'rubbish' is not a category. Use one of: bins"]),
        (("title: Report a missed bin", "title: [Report"), ["content/bins/x.md:", "not valid YAML"]),
        (("  link: https://online.testham.example/missed-bin\n", ""),
         ["content/bins/x.md:6: do_it_online: give either 'link' (a web address) or 'form' (a form id)"]),
    ],
)
def test_each_mistake_names_file_line_and_field(change, expected):
    found = errors(GOOD.replace(*change))
    for want in expected:
        assert any(want in line for line in found), (want, found)


def test_missing_front_matter_names_every_required_field():
    found = errors("Just a body.\n")
    assert any("title: this field is missing" in e for e in found)
    assert any("category: this field is missing" in e for e in found)


def test_unclosed_front_matter_is_reported():
    assert "no closing '---'" in errors("---\ntitle: x\n")[0]


def test_general_pages_have_no_category_but_may_choose_a_template():
    page, problems = load_page("help.md", "---\ntitle: Help\nsummary: Help.\ntemplate: home.html\n---\n", "/help/",
                               "general", CATS)
    assert problems == [] and page.kind == "general"
    assert "category: unknown field" in errors("---\ntitle: Help\nsummary: Help.\ncategory: bins\n---\n", "general")[0]


def build_error(tmp_path, files, caplog) -> str:
    """mkdocs logs a plugin's error, then aborts: return what the editor sees."""
    with pytest.raises(Abort):
        make_site(tmp_path, files)
    return "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")


def test_the_build_fails_and_names_the_file(tmp_path, caplog):
    message = build_error(tmp_path, {"bins/bad.md": "---\ntitle: Bad\nsummary: [oops\ncategory: bins\n---\n"}, caplog)
    assert "content/bins/bad.md:3:" in message and "not valid YAML" in message


def test_every_bad_file_is_reported_at_once(tmp_path, caplog):
    files = {"bins/one.md": "---\ntitle: One\n---\n", "tax/two.md": service("Two", category="nope")}
    message = build_error(tmp_path, files, caplog)
    assert "3 problems" in message
    assert "content/bins/one.md:2: summary: this field is missing" in message
    assert "content/tax/two.md:4: category: 'nope' is not a category" in message
    assert not (tmp_path / "out" / "bins").exists(), "nothing is half-written when content is bad"


def test_overdue_review_warns_with_the_page_name_and_fails_strict(tmp_path, caplog):
    files = {"bins/old.md": service("Old page", review_by="2026-01-31")}
    with pytest.raises(Abort):
        make_site(tmp_path, files)
    assert any("bins/old.md: the review date 31 January 2026 has passed" in r.getMessage() for r in caplog.records)


def test_future_review_date_is_quiet(tmp_path, caplog):
    make_site(tmp_path, {"bins/new.md": service("New page", review_by="2027-01-31")})
    assert not [r for r in caplog.records if r.levelname == "WARNING"]
