"""What the templates show for a place, worked out in Python so templates only loop and print.

Nothing here says "open now": a static page cannot know. Listings show the hours on the day the
site was built, with that day's date, and places.js replaces them with today's in the browser.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from councilsite.places.hours import Change, DayHours
from councilsite.places.jsonld import place_jsonld, script_json
from councilsite.places.model import Place
from councilsite.places.text import DAY_NAMES, day_month, long_date


def hours_attribute(place: Place, today: dt.date) -> str:
    """The opening hours as compact JSON for a data-place-hours attribute."""
    return json.dumps(place.hours.for_browser(today), separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class PlaceCard:
    """A place in the directory or a filter page."""

    place: Place
    today: dt.date

    @property
    def day(self) -> DayHours:
        return self.place.hours.day(self.today)

    @property
    def day_label(self) -> str:
        return day_month(self.today)

    @property
    def hours_json(self) -> str:
        return hours_attribute(self.place, self.today)

    @property
    def online_texts(self) -> list[str]:
        return [self.place.facility_text(f) for f in self.place.online]

    @property
    def access_texts(self) -> list[str]:
        return [f.label for f in self.place.access]


@dataclass(frozen=True)
class ChangeRow:
    change: Change

    @property
    def dates(self) -> str:
        return self.change.dates_text()

    @property
    def hours(self) -> str:
        return self.change.hours_text()

    @property
    def reason(self) -> str:
        return self.change.reason or ""

    @property
    def start(self) -> str:
        return self.change.start.isoformat()

    @property
    def end(self) -> str:
        return self.change.end.isoformat()


@dataclass(frozen=True)
class PlacePage:
    place: Place
    today: dt.date
    absolute_url: str

    @property
    def week(self) -> list[tuple[str, str]]:
        """Every weekday with its regular hours, Monday first."""
        return [(DAY_NAMES[i], self.place.hours.day_text(i)) for i in range(7)]

    @property
    def changes(self) -> list[ChangeRow]:
        return [ChangeRow(c) for c in self.place.hours.upcoming(self.today)]

    @property
    def built_on(self) -> str:
        return long_date(self.today)

    @property
    def hours_json(self) -> str:
        return hours_attribute(self.place, self.today)

    @property
    def jsonld(self) -> str:
        return script_json(place_jsonld(self.place, self.absolute_url, self.today))

    @property
    def online_texts(self) -> list[str]:
        return [self.place.facility_text(f) for f in self.place.online]

    @property
    def access_texts(self) -> list[str]:
        return [f.label for f in self.place.access]
