"""Date rules: the earliest and latest date a date question takes, with GOV.UK's messages.

An editor writes them on the question:

    before: today          on or before today: "... must be today or in the past"
    after: 2026-04-01      on or after a date: "... must be the same as or after 1 April 2026"
    within_days: 14        with before: today, no more than 14 days ago ("within the last 14 days");
                           with after: today, no more than 14 days ahead ("within the next 14 days");
                           alone, 14 days either side ("within 14 days of today")
    earliest_year: 1900    "... must be in 1900 or later"
    latest_year: 2030      "... must be in 2030 or earlier"

(`when: past`, `future` and their "today or" forms still work, and are bounds too.)

Each becomes a bound in the form's rules (councilsite.forms.rules): a side (min or max), a date
(`today` or YYYY-MM-DD) and a number of days from it, and its message. The browser
(theme/assets/forms.js) and the server (councilsite.forms.validate) resolve `today` each on their
own day and check the bounds in the same order, so both say the same thing.
"""
from __future__ import annotations

import datetime as dt

from councilsite.content.schema import Invalid

MONTH_NAMES = ("January", "February", "March", "April", "May", "June", "July", "August", "September",
               "October", "November", "December")
WHEN = {  # when: -> (side, days from today, kind)
    "past": ("max", -1, "in the past"),
    "today_or_past": ("max", 0, "today or in the past"),
    "future": ("min", 1, "in the future"),
    "today_or_future": ("min", 0, "today or in the future"),
}
KEYS = ("when", "before", "after", "within_days", "earliest_year", "latest_year")


class DateBoundKind:
    """`today`, or a date written YYYY-MM-DD (YAML reads an unquoted one as a date: both are fine)."""

    def check(self, value):
        if isinstance(value, dt.datetime):
            value = value.date()
        if isinstance(value, dt.date):
            return value.isoformat()
        if isinstance(value, str):
            text = value.strip().lower()
            if text == "today":
                return "today"
            try:
                return dt.date.fromisoformat(text).isoformat()
            except ValueError:
                pass
        raise Invalid(f"expected 'today' or a date such as 2027-03-31, got '{value}'")


def long_date(day: dt.date) -> str:
    """1 April 2026, as GOV.UK writes dates."""
    return f"{day.day} {MONTH_NAMES[day.month - 1]} {day.year}"


def bounds(settings: dict, subject: str, custom: dict | None = None) -> list[dict]:
    """The question's bounds, in the order they are checked, each with its message."""
    custom = custom or {}
    out: list[dict] = []

    def add(kind: str, side: str, date: str, days: int, text: str) -> None:
        out.append({"kind": kind, "side": side, "date": date, "days": days,
                    "message": custom.get(kind) or f"{subject} must be {text}"})

    if settings.get("earliest_year"):
        year = settings["earliest_year"]
        add("earliest_year", "min", f"{year:04d}-01-01", 0, f"in {year} or later")
    if settings.get("latest_year"):
        year = settings["latest_year"]
        add("latest_year", "max", f"{year:04d}-12-31", 0, f"in {year} or earlier")
    when = settings.get("when")
    if when in WHEN:
        side, days, text = WHEN[when]
        add("when", side, "today", days, text)
    for key, side, today_text, date_text in (("before", "max", "today or in the past", "the same as or before"),
                                             ("after", "min", "today or in the future", "the same as or after")):
        value = settings.get(key)
        if value:
            text = today_text if value == "today" else f"{date_text} {long_date(dt.date.fromisoformat(value))}"
            add(key, side, value, 0, text)
    within = settings.get("within_days")
    if within:
        side = within_side(settings)
        days = f"{within} day{'' if within == 1 else 's'}"
        if side == "max":  # the latest is today: the earliest is `within` days ago
            add("within_days", "min", "today", -within, f"within the last {days}")
        elif side == "min":
            add("within_days", "max", "today", within, f"within the next {days}")
        else:
            add("within_days", "min", "today", -within, f"within {days} of today")
            add("within_days", "max", "today", within, f"within {days} of today")
    return out


def within_side(settings: dict) -> str | None:
    """Which side of the date today bounds, for within_days to count from: 'max', 'min' or None."""
    when = settings.get("when")
    if settings.get("before") == "today" or (when in WHEN and WHEN[when][0] == "max"):
        return "max"
    if settings.get("after") == "today" or (when in WHEN and WHEN[when][0] == "min"):
        return "min"
    return None


def resolve(bound: dict, today: dt.date) -> dt.date:
    base = today if bound["date"] == "today" else dt.date.fromisoformat(bound["date"])
    return base + dt.timedelta(days=bound["days"])


def broken(bounds_: list[dict], day: dt.date, today: dt.date) -> dict | None:
    """The first bound `day` breaks, or None."""
    for bound in bounds_:
        limit = resolve(bound, today)
        if (bound["side"] == "min" and day < limit) or (bound["side"] == "max" and day > limit):
            return bound
    return None


def problems(settings: dict) -> list[tuple[str, str]]:
    """What is wrong with a date question's rules, as (key, message) for the form's error report."""
    found = []
    if settings.get("when") and (settings.get("before") or settings.get("after")):
        found.append(("when", "use either 'when' or 'before'/'after', not both"))
    early, late = settings.get("earliest_year"), settings.get("latest_year")
    if early and late and early > late:
        found.append(("earliest_year", f"earliest_year ({early}) is after latest_year ({late})"))
    before, after = settings.get("before"), settings.get("after")
    if before and after and before != "today" and after != "today" and after > before:
        found.append(("after", f"'after' ({after}) is later than 'before' ({before}): no date could be right"))
    for key in ("before", "after"):
        value = settings.get(key)
        if value and value != "today":
            year = int(value[:4])
            if (early and year < early) or (late and year > late):
                found.append((key, f"{value} is outside earliest_year and latest_year"))
    return found


def example(settings: dict, today: dt.date) -> dt.date:
    """A date the question takes, for GOV.UK's "For example, 27 3 2007" hint."""
    rules = bounds(settings, "")
    lows = [resolve(b, today) for b in rules if b["side"] == "min"]
    highs = [resolve(b, today) for b in rules if b["side"] == "max"]
    low, high = (max(lows) if lows else None), (min(highs) if highs else None)
    future = low is not None and low >= today
    candidate = dt.date(today.year + 1, 3, 27) if future else dt.date(2007, 3, 27)
    if (low is None or candidate >= low) and (high is None or candidate <= high):
        return candidate
    if low is not None and high is not None:
        return low + (high - low) / 2
    return low + dt.timedelta(days=30) if low is not None else high - dt.timedelta(days=30)
