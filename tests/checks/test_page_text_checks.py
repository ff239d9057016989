"""Checks for slips a machine can catch: unlinkable phone numbers, contradictory hours, "12pm",
a term in two cases. Each fires on the slip and stays quiet on correct text."""
import textwrap

import pytest

from councilsite.checks.markdown import parse
from councilsite.checks.rules import CHECKS, PageText, Settings, run


def findings(body, check):
    page = PageText("content/bins/test.md", "bins/test.md", parse(textwrap.dedent(body), first_line=6),
                    {"owner": "Web team"}, "service", {"bins/test.md"})
    levels = {name: ("warning" if name == check else "off") for name in CHECKS}
    return [(f.line, f.text) for f in run(page, Settings(), levels)]


def test_phone_number_written_so_it_cannot_be_linked():
    assert findings("Intro.\n\nCall 01632 960 / 005 today.\n", "phone-number") == [(8, "01632 960 / 005")]
    assert findings("Call 01632 96 000.\n", "phone-number") == [(6, "01632 96 000")]


def test_phone_number_is_quiet_on_good_numbers_and_in_code():
    assert findings("Call 01632 960 005 or +44 20 7946 0000. Dial 18001 first. `01632 960 / 005`\n",
                    "phone-number") == []


@pytest.mark.parametrize("text", [
    "Lines are open Monday to Friday, 9am to 5pm, and on Wednesdays from 10am to 5pm.",
    "We are open weekdays 9am to 5pm. On Friday we are open 9am to 4pm.",
    "Open Monday, Tuesday and Thursday, 9am to 4pm, and Tuesdays 10am to 3pm.",
])
def test_hours_that_contradict_each_other(text):
    found = findings(text + "\n", "hours")
    assert len(found) == 1 and found[0][0] == 6


@pytest.mark.parametrize("text", [
    "Lines are open Monday to Friday, 9am to 5pm, except Wednesday, 10am to 5pm.",
    "Monday to Friday, 9am to 5pm (Wednesday 10am to 5pm).",
    "Monday to Thursday, 9am to 5pm. Friday, 9am to 4:30pm. Saturday 10am to 1pm.",
    "Monday to Friday, 9am to 5pm. Lines are open Monday to Friday 09:00 to 17:00.",
])
def test_hours_are_quiet_when_each_day_has_one_time_or_the_exception_is_marked(text):
    assert findings(text + "\n", "hours") == []


@pytest.mark.parametrize("text, found, plain", [
    ("Drop in from 10am to 12pm.", "12pm", "midday"),
    ("The line closes at 12am.", "12am", "midnight"),
    ("Open 9am to 12:00pm.", "12:00pm", "midday"),
    ("Open until 12 p.m. on Sundays.", "12 p.m.", "midday"),
    ("Tell us by 12 noon.", "12 noon", "midday"),
])
def test_twelve_oclock_is_midday_or_midnight(text, found, plain):
    page = findings(text + "\n", "midday")
    assert page == [(6, found)]


def test_midday_is_quiet_on_other_times():
    assert findings("Open 9am to midday and 1pm to 5pm. Collections start at 7am. It costs £12. Bin 12, 2pm.\n",
                    "midday") == []


def test_a_name_written_in_two_cases_on_one_page():
    body = "Pay your Council Tax online.\n\nIf you cannot pay your council tax, tell us.\n"
    assert findings(body, "term-case") == [(8, "council tax")]
    # A sentence that starts with the name still counts as lower case when its next word is.
    assert findings("Pay your Council Tax.\n\nCouncil tax pays for bins.\n", "term-case") == [(8, "Council tax")]


def test_a_name_in_the_front_matter_counts_too():
    page = PageText("content/t.md", "t.md", parse("Ask the council tax team.\n", first_line=6),
                    {"title": "Pay your Council Tax"}, "service", set())
    levels = {name: ("warning" if name == "term-case" else "off") for name in CHECKS}
    assert [(f.line, f.text) for f in run(page, Settings(), levels)] == [(6, "council tax")]


@pytest.mark.parametrize("body", [
    "Pay your Council Tax. Council Tax Support can help. Council Tax is due monthly.\n",
    "Visit Eastmere Central Library. The central library is on Station Road.\n",
    "The (Websites and Mobile Applications) (No. 2) Accessibility Regulations 2018 apply. "
    "We follow the accessibility regulations.\n",
    "Housing Benefit helps with rent. You can apply for it online.\n",
])
def test_term_case_is_quiet_on_consistent_pages_and_longer_titles(body):
    assert findings(body, "term-case") == []
