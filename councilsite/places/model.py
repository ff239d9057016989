"""A place to get online: what an editor writes in its Markdown file, checked, and what it means.

Problems come back as ContentErrors naming the file, the line and the field, like page front matter.
"""
from __future__ import annotations

import datetime as dt
import re
from dataclasses import dataclass, field

from councilsite.content.frontmatter import FrontMatterError, split
from councilsite.content.model import EMAIL, PHONE
from councilsite.content.schema import Date, Field, Integer, Invalid, Record, Text, errors_for, validate
from councilsite.errors import ContentError
from councilsite.places import facilities as vocab
from councilsite.places.hours import Change, Hours, HoursError, parse_days, parse_periods
from councilsite.places.text import DAY_NAMES, join_words, slug

# The shape of a UK postcode (outward code, space, inward code). Stricter letter rules would reject
# the made-up postcodes demo councils use, so this checks the shape only.
POSTCODE = re.compile(r"([A-Z]{1,2}[0-9][A-Z0-9]?) ?([0-9][A-Z]{2})")
# Roughly the United Kingdom, to catch swapped or mistyped coordinates.
UK_LATITUDE, UK_LONGITUDE = (49.8, 60.9), (-8.7, 1.8)


# ---------------------------------------------------------------------------------------------
# Field kinds for the schema toolkit (councilsite.content.schema)


class Postcode:
    def check(self, value):
        if not isinstance(value, str) or not value.strip():
            raise Invalid("expected a postcode, such as 'AB1 2CD'")
        match = POSTCODE.fullmatch(re.sub(r"\s+", " ", value.strip().upper()))
        if not match:
            raise Invalid(f"'{value.strip()}' is not a UK postcode. Write it like 'AB1 2CD'")
        return f"{match[1]} {match[2]}"


class Number:
    def __init__(self, minimum: float, maximum: float, what: str):
        self.minimum, self.maximum, self.what = minimum, maximum, what

    def check(self, value):
        if isinstance(value, bool) or not isinstance(value, (int, float)):
            raise Invalid(f"expected the {self.what} as a number in decimal degrees, such as 52.123")
        if not self.minimum <= value <= self.maximum:
            raise Invalid(f"{value} is outside the UK ({self.what} runs from {self.minimum} to {self.maximum} "
                          "here). Check it is not swapped with the other coordinate")
        return float(value)


class PlaceTypeKind:
    def check(self, value):
        found = vocab.find_type(str(value)) if isinstance(value, str) else None
        if not found:
            raise Invalid(vocab.unknown_type_message(str(value)))
        return found


class FacilityList:
    """A list of facilities (ids, labels or aliases), or one line separated by commas."""

    def check(self, value):
        if isinstance(value, str):
            value = [part.strip() for part in value.split(",") if part.strip()]
        if not isinstance(value, list) or not value:
            raise Invalid("expected a list of facilities, such as [free-wifi, public-computers]")
        problems, found, seen = [], [], {}
        for index, item in enumerate(value):
            facility = vocab.find_facility(item) if isinstance(item, str) else None
            if facility is None:
                problems.append((f"[{index}]", vocab.unknown_facility_message(str(item))))
            elif facility.id in seen:
                problems.append((f"[{index}]", f"'{item}' is listed twice (see item {seen[facility.id] + 1})"))
            else:
                seen[facility.id] = index
                found.append(facility)
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return tuple(sorted(found, key=lambda f: vocab.ORDER[f.id]))


class WeeklyHours:
    """`opening_hours`: a day (or 'Monday to Friday') per line. Days not given are closed."""

    def check(self, value):
        if not isinstance(value, dict) or not value:
            raise Invalid("expected the opening hours for each day, one day per line, such as 'monday: 9am to 5pm'")
        week: list[tuple | None] = [None] * 7
        given_by: dict[int, str] = {}
        problems = []
        for key, hours in value.items():
            try:
                days = parse_days(key)
            except HoursError as exc:
                problems.append((key, str(exc)))
                continue
            try:
                periods = parse_periods(hours)
            except HoursError as exc:
                problems.append((key, str(exc)))
                continue
            for day in days:
                if day in given_by:
                    problems.append((key, f"{DAY_NAMES[day]} is given twice (also in '{given_by[day]}')"))
                    continue
                given_by[day] = key
                week[day] = periods
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return tuple(periods or () for periods in week)


class ChangeKind:
    """One exception to the regular week: a date (or dates), the hours that day and why."""

    RECORD = Record({
        "date": Field(Date(), required=True, help="Give the date as YYYY-MM-DD, such as 2026-12-25."),
        "until": Field(Date()),
        "hours": Field(Text(), required=True, help="Write the hours that day, such as '10am to 2pm', or 'closed'."),
        "reason": Field(Text(max_length=80)),
    }, expected="a date, the hours that day and a reason")

    def check(self, value):
        if not isinstance(value, dict):
            raise Invalid("expected a date, the hours that day and a reason, such as "
                          "'- {date: 2026-12-25, hours: closed, reason: Christmas Day}'")
        problems: list[tuple[str, str]] = []
        data = validate(value, self.RECORD, collect=problems)
        periods = ()
        if "hours" in data:
            try:
                periods = parse_periods(value["hours"])
            except HoursError as exc:
                problems.append(("hours", str(exc)))
        if "date" in data and "until" in data and data["until"] < data["date"]:
            problems.append(("until", f"{data['until']} is before the date it starts ({data['date']})"))
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return Change(data["date"], data.get("until") or data["date"], periods, data.get("reason"))


class ChangeList:
    def check(self, value):
        if not isinstance(value, list):
            raise Invalid("expected a list of dates, each starting with '- date:'")
        problems, changes = [], []
        for index, item in enumerate(value):
            try:
                changes.append((index, ChangeKind().check(item)))
            except Invalid as exc:
                problems += [(f"[{index}]" + (f".{sub}" if sub and not sub.startswith("[") else sub), message)
                             for sub, message in exc.problems]
        ordered = sorted(changes, key=lambda pair: pair[1].start)
        for (_, earlier), (index, later) in zip(ordered, ordered[1:]):
            if later.start <= earlier.end:
                problems.append((f"[{index}].date", f"{later.start} is already covered by the change "
                                                    f"starting {earlier.start}"))
        if problems:
            raise Invalid(problems[0][1], problems[0][0], problems)
        return tuple(change for _, change in ordered)


def _coordinates_together(data: dict) -> None:
    if ("latitude" in data) != ("longitude" in data):
        given, missing = ("latitude", "longitude") if "latitude" in data else ("longitude", "latitude")
        raise Invalid(f"give the {missing} as well, or neither", given)
    if "computers" in data and not any(f.id == "public-computers" for f in data.get("facilities", ())):
        raise Invalid("add 'public-computers' to the facilities, or remove the number of computers", "computers")


PLACE = Record(
    {
        "name": Field(Text(max_length=80), required=True, help="Give the place's name, such as 'Central Library'."),
        "type": Field(PlaceTypeKind(), required=True,
                      help=f"Say what kind of place it is: {', '.join(t.id for t in vocab.TYPES)}."),
        "summary": Field(Text(max_length=200)),
        "address": Field(Text(max_length=120), required=True,
                         help="Give the street address without the town and postcode, such as 'Station Road'."),
        "town": Field(Text(max_length=60), required=True, help="Give the town or village the place is in."),
        "postcode": Field(Postcode(), required=True, help="Give the postcode, such as 'AB1 2CD'."),
        "area": Field(Text(max_length=60), required=True, help="Give the area or ward, as listed in mkdocs.yml."),
        "phone": Field(PHONE),
        "email": Field(EMAIL),
        "facilities": Field(FacilityList(), required=True,
                            help="List what people can use there, such as [free-wifi, public-computers]."),
        "computers": Field(Integer(minimum=1, maximum=500)),
        "booking": Field(Text(max_length=400)),
        "getting_there": Field(Text(max_length=600)),
        "latitude": Field(Number(*UK_LATITUDE, "latitude")),
        "longitude": Field(Number(*UK_LONGITUDE, "longitude")),
        "opening_hours": Field(WeeklyHours(), required=True,
                               help="Give the hours for each day, such as 'monday: 9am to 5pm'. Days you leave out are closed."),
        "exceptions": Field(ChangeList()),
        "owner": Field(Text()),
        "review_by": Field(Date()),
        "last_reviewed": Field(Date()),
    },
    rule=_coordinates_together,
)


@dataclass
class Place:
    """A validated place."""

    src_path: str
    slug: str
    url: str  # site path, such as /get-online/places/central-library/
    name: str
    type: vocab.PlaceType
    address: str
    town: str
    postcode: str
    area: str
    facilities: tuple[vocab.Facility, ...]
    hours: Hours
    body: str = ""
    summary_text: str | None = None
    phone: str | None = None
    email: str | None = None
    computers: int | None = None
    booking: str | None = None
    getting_there: str | None = None
    latitude: float | None = None
    longitude: float | None = None
    owner: str | None = None
    review_by: dt.date | None = None
    last_reviewed: dt.date | None = None
    line: dict[str, int] = field(default_factory=dict)

    # -- words residents read ------------------------------------------------------------------

    @property
    def area_slug(self) -> str:
        return slug(self.area)

    @property
    def address_line(self) -> str:
        return f"{self.address}, {self.town}, {self.postcode}"

    @property
    def facility_ids(self) -> set[str]:
        return {f.id for f in self.facilities}

    def has(self, facility_id: str) -> bool:
        return facility_id in self.facility_ids

    def facility_text(self, facility: vocab.Facility) -> str:
        """'12 public computers' when we know how many, else the facility's label."""
        if facility.id == "public-computers" and self.computers:
            return f"{self.computers} public computer{'s' if self.computers != 1 else ''}"
        return facility.label

    def online_phrases(self, limit: int | None = None) -> str:
        """'free WiFi, 20 public computers and printing', for a sentence."""
        return join_words([self.facility_text(f) if f.id == "public-computers" and self.computers else f.phrase
                           for f in self.online[:limit]])

    @property
    def online(self) -> list[vocab.Facility]:
        return [f for f in self.facilities if f.group == vocab.ONLINE]

    @property
    def access(self) -> list[vocab.Facility]:
        return [f for f in self.facilities if f.group == vocab.ACCESS]

    @property
    def summary(self) -> str:
        if self.summary_text:
            return self.summary_text
        what = f" with {self.online_phrases(3)}" if self.online else ""
        return f"{self.type.label} in {self.area}{what}."

    @property
    def phone_link(self) -> str | None:
        return "tel:" + re.sub(r"[^0-9+]", "", self.phone) if self.phone else None

    @property
    def map_url(self) -> str | None:
        if self.latitude is None:
            return None
        return (f"https://www.openstreetmap.org/?mlat={self.latitude:.5f}&mlon={self.longitude:.5f}"
                f"#map=17/{self.latitude:.5f}/{self.longitude:.5f}")

    def description_text(self) -> str:
        """The body as plain text, for open data: Markdown links and emphasis reduced to their words."""
        text = re.sub(r"!\[[^\]]*\]\([^)]*\)", "", self.body)
        text = re.sub(r"\[([^\]]+)\]\([^)]*\)", r"\1", text)
        text = re.sub(r"^#+\s*", "", text, flags=re.M)
        text = re.sub(r"[*_`]", "", text)
        return re.sub(r"\n{3,}", "\n\n", text).strip()

    def is_overdue(self, today: dt.date) -> bool:
        return self.review_by is not None and self.review_by < today


def load_place(src_path: str, text: str, url: str, areas: list[str] | None = None,
               display_path: str | None = None) -> tuple[Place | None, list[ContentError]]:
    """Parse and check one place file. `areas` (if given) are the only areas allowed.

    Returns the place, or None and every problem found."""
    shown = display_path or src_path
    try:
        fm = split(text, shown)
    except FrontMatterError as exc:
        return None, [exc.error]
    problems: list[tuple[str, str]] = []
    data = validate(fm.data, PLACE, collect=problems)
    area = data.get("area")
    if area and areas:
        canonical = {slug(a): a for a in areas}
        if slug(area) in canonical:
            data["area"] = canonical[slug(area)]
        else:
            close = vocab.closest(area, canonical)
            hint = f" Did you mean '{canonical[close]}'?" if close else ""
            problems.append(("area", f"'{area}' is not one of the areas.{hint} Use one of: {', '.join(areas)}"))
    if problems:
        return None, errors_for(shown, problems, fm.line)
    name = src_path.rsplit("/", 1)[-1].removesuffix(".md")
    place = Place(
        src_path=src_path, slug=name, url=url, name=data["name"], type=data["type"], address=data["address"],
        town=data["town"], postcode=data["postcode"], area=data["area"], facilities=data["facilities"],
        hours=Hours(data["opening_hours"], data.get("exceptions", ())), body=fm.body.strip(),
        summary_text=data.get("summary"), phone=data.get("phone"), email=data.get("email"),
        computers=data.get("computers"), booking=data.get("booking"), getting_there=data.get("getting_there"),
        latitude=data.get("latitude"), longitude=data.get("longitude"), owner=data.get("owner"),
        review_by=data.get("review_by"), last_reviewed=data.get("last_reviewed"), line=fm.lines,
    )
    return place, []


def check_together(places: list[Place], shown: dict[str, str], reserved: set[str]) -> list[ContentError]:
    """Problems only visible across files: two places with one name, a file name a generated page needs."""
    errors = []
    seen: dict[str, Place] = {}
    for place in places:
        where = shown.get(place.src_path, place.src_path)
        key = place.name.casefold()
        if key in seen:
            errors.append(ContentError(where, place.line.get("name"), "name",
                                       f"'{place.name}' is also the name of {shown.get(seen[key].src_path, seen[key].src_path)}. "
                                       "Each place needs its own name"))
        else:
            seen[key] = place
        if place.slug in reserved:
            errors.append(ContentError(where, None, None,
                                       f"the file name '{place.slug}.md' is used by a generated page. Rename the file"))
    return errors
