"""Eastmere's demo places: enough of them, in enough areas, with the mix of hours a real directory has."""
import datetime as dt
import re

import pytest
import yaml

from councilsite.places.model import load_place
from sitebuilder import REPO, plugin_options

CONFIG = yaml.safe_load((REPO / "mkdocs.yml").read_text(encoding="utf-8"))
OPTIONS = plugin_options(CONFIG, "council/places")
FOLDER = REPO / "content" / OPTIONS["folder"]
TODAY = dt.date(2026, 11, 22)  # the tests' fixed clock
BANK_HOLIDAYS = {dt.date(2026, 12, 25), dt.date(2026, 12, 28), dt.date(2027, 1, 1), dt.date(2027, 3, 26),
                 dt.date(2027, 3, 29)}


@pytest.fixture(scope="module")
def places():
    found = []
    for path in sorted(FOLDER.glob("*.md")):
        rel = path.relative_to(REPO / "content").as_posix()
        place, problems = load_place(rel, path.read_text(encoding="utf-8"), "/" + rel[:-3] + "/", OPTIONS["areas"])
        assert problems == [], problems
        found.append(place)
    return found


def test_the_demo_has_at_least_12_places_in_at_least_4_areas(places):
    assert len(places) >= 12
    assert len({p.area for p in places}) >= 4
    assert {p.type.id for p in places} >= {"library", "customer-service-centre", "community-hub"}


def test_the_places_named_elsewhere_in_the_demo_are_there(places):
    by_name = {p.name: p for p in places}
    assert by_name["Civic Centre"].address_line == "Market Street, Eastmere, EM1 1AA"
    assert by_name["Eastmere Central Library"].postcode == "EM2 3CD"
    assert by_name["Northgate Community Hub"].postcode == "EM4 7GH"
    assert {"Eastmere Hill Library", "Millbrook Library"} <= set(by_name)


def test_contact_details_use_the_demo_ranges(places):
    for place in places:
        assert re.fullmatch(r"EM[1-9] \d[A-Z]{2}", place.postcode), place.name
        assert place.phone is None or re.fullmatch(r"01632 960 1\d\d", place.phone), place.name
        assert place.email is None or place.email.endswith("@eastmere.example"), place.name


def test_the_hours_have_a_realistic_mix(places):
    weeks = [p.hours.week for p in places]
    assert any(len(day) > 1 for week in weeks for day in week), "a split day, closed for lunch"
    assert any(period.closes >= 19 * 60 for week in weeks for day in week for period in day), "a late night"
    assert any(not week[d] and any(week[:5]) for week in weeks for d in range(5)), "closed on a weekday"
    upcoming = [c for p in places for c in p.hours.upcoming(TODAY)]
    assert any(c.closed and any(c.covers(d) for d in BANK_HOLIDAYS) for c in upcoming), "bank holiday closures"
    assert any(not c.closed for c in upcoming), "special hours on a day"
    assert any(c.start != c.end for c in upcoming), "a closure over several days"


def test_the_facilities_cover_what_residents_look_for(places):
    offered = {f.id for p in places for f in p.facilities}
    assert {"free-wifi", "public-computers", "printing", "scanning", "assisted-digital", "digital-skills-courses",
            "step-free-access", "accessible-toilet", "hearing-loop", "parking"} <= offered
    assert sum(p.has("public-computers") for p in places) >= 8
    assert not all(p.has("public-computers") for p in places), "a mix: not every place has computers"
