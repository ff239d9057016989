"""Opening hours: reading what editors write, the hours on a day, and "open now" with a fixed clock,
across midnight, the clocks changing, and bank holidays."""
import datetime as dt

import pytest

from councilsite.clock import LONDON, parse_local
from councilsite.places.hours import (
    Change, Hours, HoursError, Period, days_text, format_time, offset_windows, parse_days, parse_periods,
    parse_time,
)

D = dt.date


def periods(*pairs):
    return tuple(Period(parse_time(a), parse_time(b, closing=True)) for a, b in pairs)


# A library with a lunch break on weekdays, a late night on Thursday, Saturday mornings and
# closed on Sundays.
WEEK = (
    periods(("9am", "12:30pm"), ("1:30pm", "5pm")),  # Monday
    periods(("9am", "12:30pm"), ("1:30pm", "5pm")),
    (),  # Wednesday: closed
    periods(("9am", "12:30pm"), ("1:30pm", "7pm")),  # Thursday: late
    periods(("9am", "12:30pm"), ("1:30pm", "5pm")),
    periods(("10am", "1pm")),  # Saturday
    (),  # Sunday
)
CHRISTMAS = (
    Change(D(2026, 12, 24), D(2026, 12, 24), periods(("9am", "1pm")), "Christmas Eve"),
    Change(D(2026, 12, 25), D(2026, 12, 28), (), "Christmas bank holidays"),
)
LIBRARY = Hours(WEEK, CHRISTMAS)


def at(text: str) -> dt.datetime:
    """A moment written in UK time, or in UTC with a Z."""
    if text.endswith("Z"):
        return dt.datetime.fromisoformat(text[:-1]).replace(tzinfo=dt.timezone.utc)
    return parse_local(text)


def status(hours: Hours, moment: str) -> str:
    return hours.status_at(at(moment)).text()


# -- reading times and ranges --------------------------------------------------------------------

@pytest.mark.parametrize("text, minutes", [
    ("9am", 540), ("9 am", 540), ("9:30am", 570), ("5.30pm", 1050), ("5:30 p.m.", 1050), ("12pm", 720),
    ("midday", 720), ("noon", 720), ("12:30pm", 750), ("17:00", 1020), ("09:00", 540), ("9:00", 540),
    ("00:00", 0),
])
def test_times_are_read_in_the_ways_people_write_them(text, minutes):
    assert parse_time(text) == minutes


def test_midnight_ends_the_day_when_closing():
    assert parse_time("midnight", closing=True) == 1440
    assert parse_time("24:00", closing=True) == 1440
    assert parse_time("midnight") == 0


@pytest.mark.parametrize("text, words", [
    ("9", "could be morning or evening: write 9am, 9pm or the 24-hour time, such as 09:00"),
    ("13pm", "'13pm' is not a time"),
    ("25:00", "'25:00' is not a time"),
    ("nine", "'nine' is not a time. Write times like 9am, 5:30pm or 17:30"),
])
def test_a_time_that_makes_no_sense_says_why(text, words):
    with pytest.raises(HoursError, match=words):
        parse_time(text)


@pytest.mark.parametrize("minutes, text", [
    (540, "9am"), (570, "9:30am"), (720, "midday"), (750, "12:30pm"), (1140, "7pm"), (0, "midnight"),
    (1440, "midnight"), (61, "1:01am"),
])
def test_times_are_written_in_govuk_style(minutes, text):
    assert format_time(minutes) == text


@pytest.mark.parametrize("value", [
    "9am to 12:30pm, 1:30pm to 5pm", "9am to 12:30pm and 1:30pm to 5pm", "09:00-12:30, 13:30-17:00",
    ["9am to 12:30pm", "1:30pm to 5pm"], "1:30pm to 5pm; 9am - 12:30pm", "9am – 12:30pm, 13:30 until 17:00",
])
def test_a_split_day_can_be_written_several_ways(value):
    assert parse_periods(value) == periods(("9am", "12:30pm"), ("1:30pm", "5pm"))


@pytest.mark.parametrize("value", ["closed", "Closed", "closed all day"])
def test_closed_means_no_opening_periods(value):
    assert parse_periods(value) == ()


@pytest.mark.parametrize("value, words", [
    ("5pm to 9am", "'5pm to 9am' closes before it opens. Check am and pm"),
    ("9am to 9am", "opens and closes at the same time"),
    ("9am to 1pm, 12pm to 5pm", "'9am to 1pm' and 'midday to 5pm' overlap"),
    ("9am to 1pm, 1pm to 5pm", "run into each other: write them as one, '9am to 5pm'"),
    ("9am", "'9am' is not an opening time. Write it like '9am to 5pm'"),
    ("closed, 9am to 5pm", "write either 'closed' or opening times, not both"),
    ("", "give the opening times"),
    (True, "give the opening times"),
])
def test_bad_hours_are_explained(value, words):
    with pytest.raises(HoursError, match=words):
        parse_periods(value)


@pytest.mark.parametrize("key, days", [
    ("Monday", [0]), ("monday", [0]), ("mon", [0]), ("Monday to Friday", [0, 1, 2, 3, 4]),
    ("monday-wednesday", [0, 1, 2]), ("Saturday and Sunday", [5, 6]), ("Tuesday, Thursday and Friday", [1, 3, 4]),
])
def test_days_and_runs_of_days(key, days):
    assert parse_days(key) == days


@pytest.mark.parametrize("key, words", [
    ("Wedensday", "'Wedensday' is not a day of the week. Did you mean 'Wednesday'?"),
    ("weekdays", "'weekdays' is not a day of the week"),
    ("Friday to Monday", "runs backwards"),
])
def test_an_unknown_weekday_is_an_error(key, words):
    with pytest.raises(HoursError, match=words):
        parse_days(key)


def test_days_text_groups_runs():
    assert days_text([0, 1, 2, 3, 4]) == "Monday to Friday"
    assert days_text([1, 3, 4]) == "Tuesday, Thursday and Friday"
    assert days_text([5, 6]) == "Saturday and Sunday"


# -- the hours on a day ----------------------------------------------------------------------------

def test_the_regular_week_in_words():
    assert LIBRARY.day_text(0) == "9am to 12:30pm and 1:30pm to 5pm"
    assert LIBRARY.day_text(2) == "Closed"
    assert LIBRARY.summary() == [
        ("Monday, Tuesday and Friday", "9am to 12:30pm and 1:30pm to 5pm"),
        ("Wednesday and Sunday", "Closed"),
        ("Thursday", "9am to 12:30pm and 1:30pm to 7pm"),
        ("Saturday", "10am to 1pm"),
    ]


def test_a_change_replaces_the_regular_hours_on_its_dates():
    assert LIBRARY.day(D(2026, 12, 24)).text() == "9am to 1pm (Christmas Eve)"  # a Thursday
    for day in (25, 26, 27, 28):
        assert LIBRARY.day(D(2026, 12, day)).text() == "Closed (Christmas bank holidays)"
    assert LIBRARY.day(D(2026, 12, 29)).text() == "9am to 12:30pm and 1:30pm to 5pm"
    assert LIBRARY.day(D(2026, 12, 23)).change is None


def test_upcoming_changes_leave_out_those_that_have_ended():
    assert [c.reason for c in LIBRARY.upcoming(D(2026, 11, 22))] == ["Christmas Eve", "Christmas bank holidays"]
    assert [c.reason for c in LIBRARY.upcoming(D(2026, 12, 26))] == ["Christmas bank holidays"]
    assert LIBRARY.upcoming(D(2026, 12, 29)) == []
    assert [c["from"] for c in LIBRARY.for_browser(D(2026, 12, 25))["changes"]] == ["2026-12-25"]


# -- open now ------------------------------------------------------------------------------------------

@pytest.mark.parametrize("moment, words", [
    ("2026-11-23 08:59", "Closed now. Opens today at 9am."),  # Monday, just before opening
    ("2026-11-23 09:00", "Open now. Closes at 12:30pm."),  # opening time is open
    ("2026-11-23 12:29", "Open now. Closes at 12:30pm."),
    ("2026-11-23 12:30", "Closed now. Opens today at 1:30pm."),  # closing time is closed: lunch
    ("2026-11-23 13:30", "Open now. Closes at 5pm."),
    ("2026-11-23 17:00", "Closed now. Opens tomorrow at 9am."),
    ("2026-11-24 17:30", "Closed now. Opens on Thursday at 9am."),  # Tuesday evening: Wednesday closed
    ("2026-11-26 18:59", "Open now. Closes at 7pm."),  # Thursday late night
    ("2026-11-28 13:00", "Closed now. Opens on Monday at 9am."),  # Saturday after closing
])
def test_open_now_through_a_week(moment, words):
    assert status(LIBRARY, moment) == words


def test_open_now_across_midnight():
    # Sunday 23:59 and Monday 00:00 are different days with different hours.
    assert status(LIBRARY, "2026-11-22 23:59") == "Closed now. Opens tomorrow at 9am."
    assert status(LIBRARY, "2026-11-23 00:00") == "Closed now. Opens today at 9am."
    late = Hours(((Period(1200, 1440),),) * 7)  # 8pm to midnight every day
    assert status(late, "2026-11-23 23:59") == "Open now. Closes at midnight."
    assert status(late, "2026-11-24 00:00") == "Closed now. Opens today at 8pm."


def test_open_now_uses_uk_time_when_the_clocks_go_forward():
    # Clocks go forward at 01:00 UTC on Sunday 28 March 2027. Open 9am to 5pm on Sundays.
    sundays = Hours(((),) * 6 + ((Period(540, 1020),),))
    assert status(sundays, "2027-03-21T08:30:00Z") == "Closed now. Opens today at 9am."  # 8:30am GMT
    assert status(sundays, "2027-03-28T08:30:00Z") == "Open now. Closes at 5pm."  # 9:30am BST
    assert status(sundays, "2027-03-28T16:30:00Z") == "Closed now. Opens on Sunday 4 April at 9am."  # 5:30pm BST
    assert status(sundays, "2027-03-28T00:30:00Z") == "Closed now. Opens today at 9am."  # 00:30 GMT


def test_open_now_uses_uk_time_when_the_clocks_go_back():
    # Clocks go back at 01:00 UTC on Sunday 25 October 2026. Open 9am to 5pm on Saturdays and Sundays.
    weekend = Hours(((),) * 5 + ((Period(540, 1020),),) * 2)
    assert status(weekend, "2026-10-24T08:30:00Z") == "Open now. Closes at 5pm."  # 9:30am BST, Saturday
    assert status(weekend, "2026-10-25T08:30:00Z") == "Closed now. Opens today at 9am."  # 8:30am GMT, Sunday
    assert status(weekend, "2026-10-25T16:30:00Z") == "Open now. Closes at 5pm."  # 4:30pm GMT


def test_a_utc_moment_late_on_saturday_is_sunday_in_summer():
    moment = at("2027-06-26T23:30:00Z")  # 00:30 BST on Sunday 27 June
    assert LIBRARY.status_at(moment).today == D(2027, 6, 27)
    assert status(LIBRARY, "2027-06-26T23:30:00Z") == "Closed now. Opens tomorrow at 9am."
    assert status(LIBRARY, "2027-01-09T23:30:00Z") == "Closed now. Opens on Monday at 9am."  # 23:30 GMT, Saturday


@pytest.mark.parametrize("moment, words", [
    ("2026-12-24 10:00", "Open now. Closes at 1pm."),  # Christmas Eve: special hours
    ("2026-12-24 14:00", "Closed now. Opens on Tuesday at 9am."),  # not 1:30pm: the change replaces the day
    ("2026-12-24 23:59", "Closed now. Opens on Tuesday at 9am."),
    ("2026-12-25 00:00", "Closed now. Opens on Tuesday at 9am."),
    ("2026-12-25 10:00", "Closed now. Opens on Tuesday at 9am."),  # Christmas Day, a Friday
    ("2026-12-28 10:00", "Closed now. Opens tomorrow at 9am."),  # bank holiday Monday
    ("2026-12-23 18:00", "Closed now. Opens tomorrow at 9am."),
])
def test_open_now_with_bank_holidays_and_special_hours(moment, words):
    assert status(LIBRARY, moment) == words


def test_a_long_closure_names_the_date_it_reopens():
    hours = Hours(WEEK, (Change(D(2026, 12, 19), D(2027, 1, 4), (), "Christmas break"),))
    assert status(hours, "2026-12-21 10:00") == "Closed now. Opens on Tuesday 5 January at 9am."


def test_a_place_never_open_is_just_closed():
    assert status(Hours(((),) * 7), "2026-11-23 10:00") == "Closed now."


def test_offset_windows_follow_the_clock_changes():
    windows = offset_windows(D(2026, 11, 22), days=366)
    assert windows[0] == (D(2026, 11, 22), D(2027, 3, 27), "+00:00")
    assert windows[1] == (D(2027, 3, 28), D(2027, 10, 30), "+01:00")
    assert windows[2] == (D(2027, 10, 31), D(2027, 11, 22), "+00:00")


def test_status_is_judged_in_london_whatever_the_moment_s_zone():
    new_york = dt.datetime(2026, 11, 23, 4, 0, tzinfo=dt.timezone(dt.timedelta(hours=-5)))  # 9am in London
    assert LIBRARY.status_at(new_york).text() == "Open now. Closes at 12:30pm."
    assert LIBRARY.status_at(new_york).today == D(2026, 11, 23)
    assert new_york.astimezone(LONDON).hour == 9
