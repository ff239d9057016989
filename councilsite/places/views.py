"""What the templates show for a place, worked out in Python so templates only loop and print.

Nothing here says "open now" or "today": a static page cannot know, and a page built on
Wednesday is still read on Thursday. Listings show each place's regular week; places.js adds
today's hours and whether it is open now, in the browser.
"""
from __future__ import annotations

import datetime as dt
import json
from dataclasses import dataclass

from councilsite.places.hours import Change
from councilsite.places.jsonld import place_jsonld, script_json
from councilsite.places.model import Place
from councilsite.places.text import DAY_NAMES, long_date


def in_a_list(label: str) -> str:
    """'Free WiFi' -> 'free WiFi', 'Step-free access' -> 'step-free access': list items in lower
    case, as GOV.UK writes them, keeping words such as 'WiFi' and 'BSL' as they are."""
    first, _, rest = label.partition(" ")
    if len(first) > 1 and first[1:].islower() or len(first) == 1:
        first = first.lower()
    return f"{first} {rest}".rstrip() if rest else first


def hours_attribute(place: Place, today: dt.date) -> str:
    """The opening hours as compact JSON for a data-place-hours attribute."""
    return json.dumps(place.hours.for_browser(today), separators=(",", ":"), ensure_ascii=False)


@dataclass(frozen=True)
class PlaceCard:
    """A place in the directory or a filter page."""

    place: Place
    today: dt.date

    @property
    def week(self) -> list[tuple[str, str]]:
        """The regular week in a few lines: [('Monday to Friday', '9am to 5pm'), ('Sunday', 'Closed')]."""
        return self.place.hours.summary()

    @property
    def hours_json(self) -> str:
        return hours_attribute(self.place, self.today)

    @property
    def online_texts(self) -> list[str]:
        return [in_a_list(self.place.facility_text(f)) for f in self.place.online]

    @property
    def access_texts(self) -> list[str]:
        return [in_a_list(f.label) for f in self.place.access]


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
