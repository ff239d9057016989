"""The directory as a CSV file: one row per place, for spreadsheets and for anyone without a JSON tool.

Hours are written per weekday in the 24-hour clock ("09:00-12:30, 13:30-17:00" or "closed"), so
they read back into exactly the same opening hours (`week_from_row`). The file starts with a
byte order mark, so Excel opens it as UTF-8.
"""
from __future__ import annotations

import csv
import datetime as dt
import io

from councilsite.places.hours import DAY_IDS, clock, parse_periods
from councilsite.places.model import Place

COLUMNS = ["id", "name", "type", "area", "address", "town", "postcode", "phone", "email", "web_page",
           "latitude", "longitude", "facilities", "public_computers", "booking", *DAY_IDS, "changes_to_hours"]
BOM = "\ufeff"


def _periods(periods) -> str:
    return ", ".join(f"{clock(p.opens)}-{clock(p.closes)}" for p in periods) if periods else "closed"


def _change(change) -> str:
    dates = change.start.isoformat() if change.start == change.end else f"{change.start} to {change.end}"
    reason = f" ({change.reason})" if change.reason else ""
    return f"{dates}: {_periods(change.periods)}{reason}"


def row(place: Place, page_url: str, today: dt.date) -> dict[str, str]:
    values = {
        "id": place.slug,
        "name": place.name,
        "type": place.type.label,
        "area": place.area,
        "address": place.address,
        "town": place.town,
        "postcode": place.postcode,
        "phone": place.phone or "",
        "email": place.email or "",
        "web_page": page_url,
        "latitude": "" if place.latitude is None else f"{place.latitude}",
        "longitude": "" if place.longitude is None else f"{place.longitude}",
        "facilities": "; ".join(f.id for f in place.facilities),
        "public_computers": str(place.computers or ""),
        "booking": place.booking or "",
        "changes_to_hours": "; ".join(_change(c) for c in place.hours.upcoming(today)),
    }
    for index, day in enumerate(DAY_IDS):
        values[day] = _periods(place.hours.week[index])
    return {column: values[column] for column in COLUMNS}


def rows(places: list[Place], url_of, today: dt.date) -> list[dict[str, str]]:
    return [row(p, url_of(p), today) for p in places]


def to_csv(table: list[dict[str, str]]) -> str:
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(table)
    return BOM + out.getvalue()


def from_csv(text: str) -> list[dict[str, str]]:
    """Read the file back: the same list of rows `to_csv` was given."""
    return list(csv.DictReader(io.StringIO(text.removeprefix(BOM), newline="")))


def week_from_row(values: dict[str, str]) -> tuple:
    """A row's weekday columns back as opening hours (the same value as Place.hours.week)."""
    return tuple(parse_periods(values[day]) for day in DAY_IDS)
