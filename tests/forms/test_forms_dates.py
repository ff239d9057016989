"""Date rules: before/after (today or a date), within_days, earliest and latest year, with GOV.UK's
messages, checked the same way on the server as in the browser; bad rules are file:line:field errors;
every demo form's date has sensible bounds."""
from __future__ import annotations

import datetime as dt
import textwrap

import pytest

from formsite import REPO, demo_form_ids

from councilsite.forms.dates import example
from councilsite.forms.definition import load_form
from councilsite.forms.rules import form_rules
from councilsite.forms.validate import check_submission

TODAY = dt.date(2026, 11, 22)

HEAD = """\
title: Dates
intro: A form to try date rules.
privacy: {what: Dates., why: To test., how_long: We keep them for 1 year., keep_for: 1 year}
what_happens_next: Nothing.
timescale: Never.
questions:
  - id: day
    type: date
    label: When?
    name_in_errors: the date your bin was missed
"""


def form(rules: str):
    text = HEAD + textwrap.indent(textwrap.dedent(rules), "    ")
    return load_form("dates", text, "forms/dates.yml")


def error(rules: str, day: dt.date | None, today: dt.date = TODAY) -> str | None:
    loaded, problems = form(rules)
    assert not problems, [str(p) for p in problems]
    fields = {"day-day": [str(day.day)], "day-month": [str(day.month)], "day-year": [str(day.year)]} if day else {}
    result = check_submission(form_rules(loaded), fields, {}, today)
    return result.errors[0].message if result.errors else None


@pytest.mark.parametrize("rules, day, message", [
    ("before: today\n", TODAY, None),
    ("before: today\n", TODAY + dt.timedelta(days=1), "The date your bin was missed must be today or in the past"),
    ("after: today\n", TODAY - dt.timedelta(days=1), "The date your bin was missed must be today or in the future"),
    ("after: today\n", TODAY, None),
    ("before: 2027-03-31\n", dt.date(2027, 3, 31), None),
    ("before: 2027-03-31\n", dt.date(2027, 4, 1),
     "The date your bin was missed must be the same as or before 31 March 2027"),
    ("after: '2026-04-01'\n", dt.date(2026, 3, 31),
     "The date your bin was missed must be the same as or after 1 April 2026"),
    ("before: today\nwithin_days: 14\n", TODAY - dt.timedelta(days=14), None),
    ("before: today\nwithin_days: 14\n", TODAY - dt.timedelta(days=15),
     "The date your bin was missed must be within the last 14 days"),
    ("before: today\nwithin_days: 14\n", dt.date(1899, 11, 22),
     "The date your bin was missed must be within the last 14 days"),
    ("after: today\nwithin_days: 60\n", TODAY + dt.timedelta(days=61),
     "The date your bin was missed must be within the next 60 days"),
    ("within_days: 365\n", TODAY - dt.timedelta(days=366),
     "The date your bin was missed must be within 365 days of today"),
    ("within_days: 365\n", TODAY + dt.timedelta(days=366),
     "The date your bin was missed must be within 365 days of today"),
    ("when: past\nwithin_days: 7\n", TODAY, "The date your bin was missed must be in the past"),
    ("earliest_year: 1900\n", dt.date(1899, 12, 31), "The date your bin was missed must be in 1900 or later"),
    ("earliest_year: 1900\n", dt.date(1900, 1, 1), None),
    ("latest_year: 2030\n", dt.date(2031, 1, 1), "The date your bin was missed must be in 2030 or earlier"),
    ("before: today\nerrors: {before: Tell us a day that has already happened}\n", TODAY + dt.timedelta(days=3),
     "Tell us a day that has already happened"),
])
def test_each_rule_gives_its_gov_uk_message(rules, day, message):
    assert error(rules, day) == message


def test_year_0001_is_caught_by_the_bounds():
    # "0001" has 4 numbers, so only a bound can turn it away
    loaded, _ = form("before: today\nwithin_days: 14\n")
    fields = {"day-day": ["20"], "day-month": ["11"], "day-year": ["0001"]}
    [problem] = check_submission(form_rules(loaded), fields, {}, TODAY).errors
    assert problem.message == "The date your bin was missed must be within the last 14 days"


def test_today_is_the_day_of_the_check_not_the_build():
    rules = "before: today\nwithin_days: 14\n"
    assert error(rules, dt.date(2026, 12, 20), today=dt.date(2026, 12, 25)) is None
    assert error(rules, dt.date(2026, 12, 20), today=dt.date(2027, 1, 5)) is not None


@pytest.mark.parametrize("rules, field, words", [
    ("before: tomorrow\n", "before", "expected 'today' or a date such as 2027-03-31"),
    ("before: 2027-02-30\n", "before", "expected 'today' or a date"),
    ("when: past\nbefore: today\n", "when", "use either 'when' or 'before'/'after'"),
    ("after: 2027-01-01\nbefore: 2026-01-01\n", "after", "no date could be right"),
    ("earliest_year: 2030\nlatest_year: 2020\n", "earliest_year", "is after latest_year"),
    ("earliest_year: 99\n", "earliest_year", "must be 1000 or more"),
    ("within_days: 0\n", "within_days", "must be 1 or more"),
    ("after: 1800-01-01\nearliest_year: 1900\n", "after", "outside earliest_year and latest_year"),
])
def test_bad_rules_are_errors_naming_file_line_and_field(rules, field, words):
    _, problems = form(rules)
    assert problems, rules
    [problem] = [p for p in problems if p.field and p.field.endswith(field)]
    assert problem.path == "forms/dates.yml" and words in problem.message
    first = len(HEAD.splitlines()) + 1
    assert problem.line >= first, "the line of the rule itself"


def test_the_hint_example_is_a_date_the_question_takes():
    for rules in ("before: today\nwithin_days: 14\n", "after: today\nwithin_days: 60\n", "within_days: 365\n",
                  "when: future\n", "before: today\n", "after: 2027-06-01\nbefore: 2027-06-30\n"):
        loaded, _ = form(rules)
        day = example(loaded.questions[0].settings, TODAY)
        assert error(rules, day) is None, (rules, day)


def test_the_browser_gets_the_same_bounds_as_the_server():
    loaded, _ = form("before: today\nwithin_days: 14\nearliest_year: 2000\n")
    [rule] = form_rules(loaded)["questions"]
    assert [(b["kind"], b["side"], b["date"], b["days"]) for b in rule["bounds"]] == [
        ("earliest_year", "min", "2000-01-01", 0), ("before", "max", "today", 0), ("within_days", "min", "today", -14)]
    assert rule["bounds"][1]["message"] == "The date your bin was missed must be today or in the past"


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_every_demo_date_has_a_sensible_earliest_and_latest_day(form_id):
    loaded, problems = load_form(form_id, (REPO / "forms" / f"{form_id}.yml").read_text(), f"forms/{form_id}.yml")
    assert not problems
    for rule in form_rules(loaded)["questions"]:
        if rule["kind"] != "date":
            continue
        sides = {b["side"] for b in rule["bounds"]}
        assert sides == {"min", "max"}, f"{form_id}: {rule['id']} needs both an earliest and a latest date"
        result = check_submission(form_rules(loaded), {f"{rule['id']}-day": ["1"], f"{rule['id']}-month": ["1"],
                                                       f"{rule['id']}-year": ["1900"]}, {}, TODAY)
        assert rule["id"] in {e.question for e in result.errors}, f"{form_id}: 1 January 1900 is refused"
