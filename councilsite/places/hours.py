"""Opening hours: what editors write, what it means on a given day, and whether a place is open now.

Times are UK wall-clock times (Europe/London), kept as minutes after midnight, so a place that
opens at 9am opens at 9am in winter (GMT) and in summer (BST) alike. `theme/assets/places.js`
mirrors `Hours.day`, `Hours.status_at` and `Status.text` in the browser; tests check the two agree.

Editors write a day's hours as `9am to 5pm`, `09:00-17:00`, `9am to 12:30pm, 1:30pm to 5pm`
(a split day, closed for lunch), a YAML list of ranges, or `closed`.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from councilsite.clock import LONDON
from councilsite.places.text import DAY_NAMES, day_month, join_words, long_date

DAY_IDS = tuple(d.lower() for d in DAY_NAMES)
ICAL_DAYS = ("MO", "TU", "WE", "TH", "FR", "SA", "SU")
END_OF_DAY = 24 * 60
LOOK_AHEAD_DAYS = 60  # how far ahead "Opens on ..." looks for the next opening


class HoursError(ValueError):
    """A problem with what an editor wrote, in words they can act on."""


# ---------------------------------------------------------------------------------------------
# Reading times and ranges

_TIME = re.compile(r"(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>[ap])\.?\s*m\.?", re.I)
_CLOCK = re.compile(r"(?P<h>\d{1,2})[:.](?P<m>\d{2})")
_RANGE_SPLIT = re.compile(r"\s*(?:\bto\b|\buntil\b|\btill\b|–|—|-)\s*", re.I)
_PERIOD_SPLIT = re.compile(r"\s*(?:,|;|\band\b|\n)\s*", re.I)
CLOSED_WORDS = {"closed", "closed all day", "shut"}


def parse_time(text: str, closing: bool = False) -> int:
    """'9am', '9:30am', '5.30pm', 'midday', '17:00' -> minutes after midnight.

    'midnight' (or 24:00) is the end of the day when closing and the start of it when opening."""
    words = text.strip().lower()
    if words in ("midday", "noon", "12 noon"):
        return 12 * 60
    if words == "midnight":
        return END_OF_DAY if closing else 0
    match = _TIME.fullmatch(words)
    if match:
        hour, minute = int(match["h"]), int(match["m"] or 0)
        if not 1 <= hour <= 12 or minute > 59:
            raise HoursError(f"'{text.strip()}' is not a time")
        if hour == 12 and match["ampm"].lower() == "a":
            return END_OF_DAY if closing else 0
        hour = hour % 12 + (12 if match["ampm"].lower() == "p" else 0)
        return hour * 60 + minute
    match = _CLOCK.fullmatch(words)
    if match:
        hour, minute = int(match["h"]), int(match["m"])
        if (hour, minute) == (24, 0) and closing:
            return END_OF_DAY
        if hour > 23 or minute > 59:
            raise HoursError(f"'{text.strip()}' is not a time")
        return hour * 60 + minute
    if re.fullmatch(r"\d{1,2}", words):
        raise HoursError(f"'{text.strip()}' could be morning or evening: write {words}am, {words}pm "
                         f"or the 24-hour time, such as {int(words):02d}:00")
    raise HoursError(f"'{text.strip()}' is not a time. Write times like 9am, 5:30pm or 17:30")


def format_time(minutes: int) -> str:
    """GOV.UK style: 9am, 5:30pm, midday, midnight."""
    if minutes in (0, END_OF_DAY):
        return "midnight"
    if minutes == 12 * 60:
        return "midday"
    hour, minute = divmod(minutes, 60)
    suffix = "am" if hour < 12 else "pm"
    hour = hour % 12 or 12
    return f"{hour}{suffix}" if minute == 0 else f"{hour}:{minute:02d}{suffix}"


def clock(minutes: int) -> str:
    """24-hour 'HH:MM' (midnight at the end of a day is 24:00), as the CSV file writes it."""
    return f"{minutes // 60:02d}:{minutes % 60:02d}"


def iso_time(minutes: int) -> str:
    """'HH:MM' for schema.org and Open Referral, where a day ends at 23:59."""
    return clock(min(minutes, END_OF_DAY - 1))


@dataclass(frozen=True, order=True)
class Period:
    opens: int  # minutes after midnight
    closes: int

    def text(self) -> str:
        return f"{format_time(self.opens)} to {format_time(self.closes)}"

    def contains(self, minute: int) -> bool:
        return self.opens <= minute < self.closes


def parse_period(text: str) -> Period:
    parts = [p for p in _RANGE_SPLIT.split(text.strip()) if p]
    if len(parts) != 2:
        raise HoursError(f"'{text.strip()}' is not an opening time. Write it like '9am to 5pm' or '09:00 to 17:00'")
    opens, closes = parse_time(parts[0]), parse_time(parts[1], closing=True)
    if closes == opens:
        raise HoursError(f"'{text.strip()}' opens and closes at the same time")
    if closes < opens:
        raise HoursError(f"'{text.strip()}' closes before it opens. Check am and pm, or use the 24-hour clock")
    return Period(opens, closes)


def parse_periods(value) -> tuple[Period, ...]:
    """A day's hours: 'closed', '9am to 5pm', '9am to 1pm, 2pm to 5pm' or a list of ranges.

    Raises HoursError for a bad time, a range that closes before it opens, and ranges that overlap."""
    if isinstance(value, bool) or value is None or isinstance(value, (int, float)):
        raise HoursError("give the opening times, such as '9am to 5pm', or write 'closed'")
    pieces = value if isinstance(value, list) else [value]
    texts: list[str] = []
    for piece in pieces:
        if not isinstance(piece, str):
            raise HoursError("give each opening time as text, such as '9am to 5pm'")
        texts += [t for t in _PERIOD_SPLIT.split(piece.strip()) if t]
    if not texts:
        raise HoursError("give the opening times, such as '9am to 5pm', or write 'closed'")
    if any(t.lower() in CLOSED_WORDS for t in texts):
        if len(texts) > 1:
            raise HoursError("write either 'closed' or opening times, not both")
        return ()
    periods = sorted(parse_period(t) for t in texts)
    for earlier, later in zip(periods, periods[1:]):
        if later.opens < earlier.closes:
            raise HoursError(f"'{earlier.text()}' and '{later.text()}' overlap")
        if later.opens == earlier.closes:
            raise HoursError(f"'{earlier.text()}' and '{later.text()}' run into each other: "
                             f"write them as one, '{format_time(earlier.opens)} to {format_time(later.closes)}'")
    return tuple(periods)


def parse_days(key: str) -> list[int]:
    """'Monday' -> [0]; 'Monday to Friday' -> [0..4]; 'Saturday and Sunday' -> [5, 6]."""
    words = str(key).strip().lower()
    ranged = re.fullmatch(r"(\w+)\s*(?:to|-|–)\s*(\w+)", words)
    if ranged:
        first, last = _day(ranged[1], key), _day(ranged[2], key)
        if last < first:
            raise HoursError(f"'{key}' runs backwards: write the days in order, such as 'Monday to Friday'")
        return list(range(first, last + 1))
    return [_day(part, key) for part in re.split(r"\s*(?:,|\band\b)\s*", words) if part]


def _day(word: str, key: str) -> int:
    word = word.strip().lower()
    for index, day in enumerate(DAY_IDS):
        if word == day or (len(word) >= 3 and day.startswith(word)):
            return index
    import difflib

    close = difflib.get_close_matches(word, DAY_IDS, n=1, cutoff=0.6)
    hint = f" Did you mean '{close[0].title()}'?" if close else ""
    raise HoursError(f"'{key}' is not a day of the week.{hint} Use the day's name, such as 'Monday' "
                     "or 'Monday to Friday'")


# ---------------------------------------------------------------------------------------------
# A week, its exceptions, and what they mean on a day


@dataclass(frozen=True)
class Change:
    """Different hours on a date or run of dates: a bank holiday, a closure, a late opening."""

    start: dt.date
    end: dt.date  # the last day, inclusive
    periods: tuple[Period, ...] = ()  # () means closed
    reason: str | None = None

    @property
    def closed(self) -> bool:
        return not self.periods

    def covers(self, day: dt.date) -> bool:
        return self.start <= day <= self.end

    def dates_text(self) -> str:
        if self.start == self.end:
            return long_date(self.start)
        return f"{long_date(self.start)} to {long_date(self.end)}"

    def hours_text(self) -> str:
        return periods_text(self.periods)


@dataclass(frozen=True)
class DayHours:
    day: dt.date
    periods: tuple[Period, ...]
    change: Change | None = None

    @property
    def closed(self) -> bool:
        return not self.periods

    def text(self) -> str:
        """'9am to 1pm and 2pm to 5pm', 'Closed', or with a reason: 'Closed (Christmas Day)'."""
        words = periods_text(self.periods)
        if self.change and self.change.reason:
            words += f" ({self.change.reason})"
        return words


def periods_text(periods) -> str:
    return join_words([p.text() for p in periods]) if periods else "Closed"


@dataclass(frozen=True)
class Status:
    """Open or closed at a moment, and the next change."""

    open: bool
    today: dt.date
    closes: int | None = None  # when open: minutes after midnight today
    next_day: dt.date | None = None  # when closed: the next day it opens
    next_opens: int | None = None

    def text(self) -> str:
        """The words the browser shows, such as 'Open now. Closes at 7pm.'"""
        if self.open:
            return f"Open now. Closes at {format_time(self.closes)}."
        if self.next_day is None:
            return "Closed now."
        when = format_time(self.next_opens)
        days = (self.next_day - self.today).days
        if days == 0:
            return f"Closed now. Opens today at {when}."
        if days == 1:
            return f"Closed now. Opens tomorrow at {when}."
        if days < 7:
            return f"Closed now. Opens on {DAY_NAMES[self.next_day.weekday()]} at {when}."
        return f"Closed now. Opens on {day_month(self.next_day)} at {when}."


@dataclass(frozen=True)
class Hours:
    week: tuple[tuple[Period, ...], ...]  # Monday first
    changes: tuple[Change, ...] = field(default_factory=tuple)  # in date order, never overlapping

    def day(self, day: dt.date) -> DayHours:
        for change in self.changes:
            if change.covers(day):
                return DayHours(day, change.periods, change)
        return DayHours(day, self.week[day.weekday()])

    def status_at(self, moment: dt.datetime) -> Status:
        """Open or closed at `moment` (an aware datetime), judged by the clock in London."""
        local = moment.astimezone(LONDON)
        today, minute = local.date(), local.hour * 60 + local.minute
        for period in self.day(today).periods:
            if period.contains(minute):
                return Status(True, today, closes=period.closes)
        for offset in range(LOOK_AHEAD_DAYS + 1):
            day = today + dt.timedelta(days=offset)
            for period in self.day(day).periods:
                if offset > 0 or period.opens > minute:
                    return Status(False, today, next_day=day, next_opens=period.opens)
        return Status(False, today)

    def day_text(self, weekday: int) -> str:
        """A weekday's regular hours in words: '9am to 1pm and 2pm to 5pm' or 'Closed'."""
        return periods_text(self.week[weekday])

    def upcoming(self, today: dt.date) -> list[Change]:
        """Changes that have not finished by `today`."""
        return [c for c in self.changes if c.end >= today]

    def is_always_closed(self) -> bool:
        return not any(self.week)

    def summary(self) -> list[tuple[str, str]]:
        """The regular week in a few lines: [('Monday to Friday', '9am to 5pm'), ('Saturday and Sunday', 'Closed')]."""
        groups: dict[tuple[Period, ...], list[int]] = {}
        for index, periods in enumerate(self.week):
            groups.setdefault(periods, []).append(index)
        return [(days_text(days), periods_text(periods)) for periods, days in groups.items()]

    def regular_groups(self) -> list[tuple[Period, list[int]]]:
        """Each distinct opening period with the weekdays it applies to (for schema.org and Open Referral)."""
        groups: dict[Period, list[int]] = {}
        for index, periods in enumerate(self.week):
            for period in periods:
                groups.setdefault(period, []).append(index)
        return sorted(groups.items(), key=lambda item: (item[1][0], item[0]))

    def for_browser(self, today: dt.date) -> dict:
        """The data places.js needs, small enough for a data attribute."""
        return {
            "week": [[[p.opens, p.closes] for p in periods] for periods in self.week],
            "changes": [{"from": c.start.isoformat(), "to": c.end.isoformat(),
                         "periods": [[p.opens, p.closes] for p in c.periods], "reason": c.reason or ""}
                        for c in self.upcoming(today)],
        }


def days_text(days: list[int]) -> str:
    """[0,1,2,3,4] -> 'Monday to Friday'; [1,3,4] -> 'Tuesday, Thursday and Friday'."""
    if len(days) >= 3 and days == list(range(days[0], days[-1] + 1)):
        return f"{DAY_NAMES[days[0]]} to {DAY_NAMES[days[-1]]}"
    return join_words([DAY_NAMES[d] for d in days])


def utc_offset(day: dt.date) -> str:
    """'+00:00' in winter, '+01:00' in summer: London's offset at midday on `day`."""
    offset = dt.datetime.combine(day, dt.time(12), LONDON).utcoffset()
    hours, rest = divmod(int(offset.total_seconds()) // 60, 60)
    return f"{'+' if offset.total_seconds() >= 0 else '-'}{abs(hours):02d}:{rest:02d}"


def offset_windows(start: dt.date, days: int = 366) -> list[tuple[dt.date, dt.date, str]]:
    """Runs of days sharing one UTC offset from `start`: [(first, last, '+00:00'), ...]."""
    windows: list[tuple[dt.date, dt.date, str]] = []
    for n in range(days):
        day = start + dt.timedelta(days=n)
        offset = utc_offset(day)
        if windows and windows[-1][2] == offset:
            windows[-1] = (windows[-1][0], day, offset)
        else:
            windows.append((day, day, offset))
    return windows
