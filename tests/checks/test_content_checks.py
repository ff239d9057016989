"""Each content check fires on a bad example, stays quiet on a good one, and points at the right line."""
import textwrap

import pytest

from councilsite.checks.markdown import parse
from councilsite.checks.rules import CHECKS, PageText, Settings, run

HEAD = "---\ntitle: Test page\nsummary: A test.\nowner: Web team\n---\n"


def findings(body, check=None, existing=frozenset({"bins/days.md", "bins/test.md", "bins/prices.pdf"}), meta=None, kind="service"):
    text = textwrap.dedent(body)
    page = PageText("content/bins/test.md", "bins/test.md", parse(text, first_line=6), {"owner": "Web team"} if meta is None else meta,
                    kind, set(existing))
    levels = {name: ("warning" if check in (None, name) else "off") for name in CHECKS}
    return [(f.check, f.line, f.text) for f in run(page, Settings(acronyms={"NHS"}), levels)]


GOOD = """\
You can report a missed bin online. We will come back within 2 working days.

## What you need

- your address
- which bin we missed

See [your bin collection day](days.md) and our [price list (PDF, 120 KB)](prices.pdf).

| Bin | Day |
| --- | --- |
| Grey | Monday |
"""


def test_a_plain_page_passes_every_check():
    assert findings(GOOD) == []


CASES = [
    # (check, body, expected line (file line; the body starts on line 6), offending text)
    ("words-to-avoid", "We utilise the bin.\n", 6, "utilise"),
    ("words-to-avoid", "Read this.\n\nIn order to pay, go online.\n", 8, "In order to"),
    ("words-to-avoid", "Going forward we will deliver better services.\n", 6, "Going forward"),
    ("long-sentence", "This sentence goes on and on with far too many words in it so that a reader who is busy "
                      "and tired will lose track of what it is really trying to say to them.\n", 6, None),
    ("link-text", "To pay, [click here](days.md).\n", 6, "click here"),
    ("link-text", "Find it [here](days.md).\n", 6, "here"),
    ("link-text", "[Read more](days.md)\n", 6, "Read more"),
    ("link-text", "Go to https://www.example.com/pay today.\n", 6, "https://www.example.com/pay"),
    ("link-text", "Go to [https://www.example.com](https://www.example.com).\n", 6, "https://www.example.com"),
    ("document-link", "\nDownload the [price list](prices.pdf).\n", 7, "price list"),
    ("broken-link", "See [missing page](nowhere.md).\n", 6, "nowhere.md"),
    ("headings", "# Big title\n\nText.\n", 6, "Big title"),
    ("headings", "## Start\n\nText.\n\n#### Too deep\n", 10, "Too deep"),
    ("headings", "## Same\n\nText.\n\n## Same\n", 10, "Same"),
    ("headings", "##\n", 6, "##"),
    ("image-alt", "![](bin.png)\n", 6, "bin.png"),
    ("table-header", "|  |  |\n|--|--|\n| a | b |\n", 6, "| | |"),
    ("capitals", "Put your bin out by 6am. DO NOT put it out early.\n", 6, "DO NOT"),
    ("capitals", "This is URGENT.\n", 6, "URGENT"),
    ("emphasis", "**Put your bin out by 6:30am on the day of collection or we cannot empty it.**\n", 6, None),
    ("abbreviations", "Bring ID, e.g. a passport.\n", 6, "e.g."),
    ("abbreviations", "Paper, card etc.\n", 6, "etc."),
]


@pytest.mark.parametrize("check, body, line, text", CASES, ids=[f"{c[0]}-{i}" for i, c in enumerate(CASES)])
def test_each_check_fires_on_a_bad_example_at_the_right_line(check, body, line, text):
    found = [f for f in findings(body, check) if f[0] == check]
    assert found, f"{check} did not fire"
    assert found[0][1] == line
    if text:
        assert found[0][2] == text


def test_reading_level_fires_on_dense_writing_and_not_on_plain_writing():
    dense = ("Notwithstanding the aforementioned considerations, applicants must demonstrate eligibility "
             "through comprehensive documentation substantiating residential circumstances. "
             "Consequently, determinations regarding entitlement necessitate administrative verification "
             "procedures, occasionally requiring supplementary information. Furthermore, organisational "
             "responsibilities concerning accommodation necessitate considerable interdepartmental consultation.\n")
    assert [f[0] for f in findings(dense, "reading-level")] == ["reading-level", "reading-level"]
    plain = ("You can get help with your rent. Tell us who lives with you. Send us your last two payslips. "
             "We will write to you in two weeks. We will tell you how much you get and when.\n")
    assert findings(plain, "reading-level") == []


@pytest.mark.parametrize("body", [
    "```\nWe utilise IN ORDER TO e.g. click here https://example.com\n```\n",
    "For example:\n\n    indented code: utilise, e.g., https://example.com\n",
    "Type `utilise` or `e.g.` or `https://example.com` in the box.\n",
    "> We utilise a robust approach, e.g. going forward.\n",
    "The sign says \"DO NOT UTILISE THIS ENTRANCE\".\n",
    "Contact Robust Homes Ltd or the Facilitate Trust about your repair.\n",
    "Bring proof from the NHS or the DVLA.\n",
    "Our office is at Market Street, EM1 1AA.\n",
    "<!-- utilise e.g. click here -->\n",
])
def test_checks_stay_quiet_on_code_quotes_and_the_names_of_things(body):
    assert findings(body) == []


def test_a_page_with_no_owner_is_flagged():
    assert ("owner", 1, "no owner") in findings("Text.\n", "owner", meta={})
    assert findings("Text.\n", "owner", meta={}, kind=None) == [], "pages outside the content model have no owner field"


def test_line_numbers_follow_multi_line_paragraphs():
    body = "First line of a paragraph\nsecond line mentions utilise\nthird line.\n"
    assert findings(body, "words-to-avoid") == [("words-to-avoid", 7, "utilise")]


def test_foster_care_is_a_service_not_jargon():
    assert findings("Become a foster carer. Fostering changes lives.\n", "words-to-avoid") == []
    assert findings("We foster a culture of openness.\n", "words-to-avoid")[0][2] == "foster a culture"
