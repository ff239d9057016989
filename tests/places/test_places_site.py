"""The places section of a tiny real site: directory, filter pages, place pages, embeds and open data."""
import csv
import io
import json
import os
import posixpath
import re

import pytest

from councilsite.places import csv_export
from councilsite.places.directory import human_size
from councilsite.places.model import load_place
from placesite import AREAS, GET_ONLINE, place, places_config
from sitebuilder import make_site, service

CHRISTMAS = [
    {"date": "2026-11-02", "hours": "closed", "reason": "Staff training"},  # in the past: never shown
    {"date": "2026-12-24", "hours": "9am to 1pm", "reason": "Christmas Eve"},
    {"date": "2026-12-25", "until": "2026-12-28", "hours": "closed", "reason": "Christmas"},
]
PLACES = {
    "central-library": place(
        "Central Library", type="library", address="Station Road", postcode="TE2 3CD",
        facilities=["free-wifi", "public-computers", "printing", "step-free-access", "hearing-loop"], computers=12,
        opening_hours={"monday to friday": "9am to 12:30pm, 1:30pm to 7pm", "saturday": "10am to 4pm"},
        exceptions=CHRISTMAS, latitude=52.4, longitude=-1.5, booking="Book at the desk or by phone.",
        getting_there="Buses 2 and 5 stop outside."),
    "civic-centre": place(
        "Civic Centre", type="customer service centre", address="Market Street", postcode="TE1 1AA",
        facilities=["free-wifi", "scanning", "assisted-digital", "blue-badge-parking"], phone="01632 960 100",
        opening_hours={"monday": "9am to 4pm", "tuesday": "9am to 4pm", "wednesday": "10am to 4pm",
                       "thursday": "9am to 4pm", "friday": "9am to 4pm"}),
    "northgate-hub": place(
        "Northgate Hub", type="community-hub", area="Northgate", address="Chapel Lane", postcode="TE4 7GH",
        facilities=["free-wifi", "assisted-digital", "digital-skills-courses"], email="hub@testham.example",
        opening_hours={"monday": "9am to 4pm", "tuesday": "9am to 4pm", "thursday": "9am to 4pm"}),
    "millbrook-centre": place(
        "Millbrook Centre", type="community centre", area="millbrook", address="Mill Lane", postcode="TE5 8QT",
        facilities=["free-wifi"], phone=None, email=None, opening_hours={"tuesday": "6pm to 8pm"}),
}
HELP = service("Get help with bins") + """
## Where to get help

{{ places facility="assisted-digital" }}

## For editors

```
{{ places facility="assisted-digital" }}
```

## In Northgate

{{ places area="Northgate" type="community hub" }}

## Nowhere

{{ places facility="lift" }}
"""
FILES = {
    "get-online/index.md": GET_ONLINE,
    "bins/help.md": HELP,
    **{f"get-online/places/{name}.md": text for name, text in PLACES.items()},
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    # Thursday 24 December 2026, Christmas Eve: the library has special hours today.
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COUNCILSITE_NOW", "2026-12-24 10:00")
        yield make_site(tmp_path_factory.mktemp("places"), FILES, places_config())


def text(element) -> str:
    """The words as a reader meets them (inline elements run on, as in the browser)."""
    return " ".join(element.get_text().split())


def words(element) -> str:
    """Every piece of text, with a space between elements (for text split by <br>)."""
    return " ".join(element.get_text(" ", strip=True).split())


def names(page) -> list[str]:
    return [text(a) for a in page.select(".place-card__title a")]


def resolve(page_path: str, href: str) -> str:
    """Where a relative link on `page_path` (such as 'get-online/places/') goes, as a site folder."""
    return posixpath.normpath(posixpath.join(page_path, href)).strip("./") + "/"


# -- the directory and its filters -------------------------------------------------------------

def test_directory_lists_every_place_by_area_in_the_configured_order(site):
    page = site.html("get-online/places/")
    assert text(page.h1) == "Places to get online"
    groups = {text(s.h2): names(s) for s in page.select("section[data-places-area]")}
    assert list(groups) == ["Town centre", "Northgate", "Millbrook"]
    assert groups == {"Town centre": ["Central Library", "Civic Centre"], "Northgate": ["Northgate Hub"],
                      "Millbrook": ["Millbrook Centre"]}
    assert "4 places across 3 areas." in text(page.main)


def test_cards_show_facilities_in_lower_case_words_and_the_weekly_hours_never_a_dated_today(site):
    page = site.html("get-online/places/")
    card = page.find("a", string="Central Library").find_parent("li")
    assert text(card.select_one(".place-card__uses")) == "You can use free WiFi, 12 public computers, printing."
    assert text(card.select_one(".place-card__access")) == "Access: step-free access, hearing loop."
    week = [text(li) for li in card.select(".place-card__week li")]
    assert week and all(": " in line for line in week), week
    assert not re.search(r"\b(today|Hours on)\b", text(card), re.I), "a built page cannot know what today is"
    assert card.select_one("[data-place-today]").has_attr("hidden")
    # One bold line: only the name is a heading; nothing else on the card is strong or bold.
    assert not card.select("strong, b, .place-card__hours, .place-card__label")
    hub = page.find("a", string="Northgate Hub").find_parent("li")
    assert hub["data-facilities"] == "assisted-digital digital-skills-courses free-wifi"
    assert hub["data-area"] == "northgate"


def test_no_page_claims_open_or_closed_now(site):
    for path in ["get-online/places/", "get-online/places/with-free-wifi/", "get-online/places/central-library/"]:
        page = site.html(path)
        for status in page.select("[data-place-status]"):
            assert status.has_attr("hidden") and not text(status)
        visible = text(page.main)
        assert "Closed now" not in visible and "Open now." not in visible and "closes at" not in visible.lower()


@pytest.mark.parametrize("path, title, expected", [
    ("with-free-wifi", "Places with free WiFi", ["Central Library", "Civic Centre", "Northgate Hub", "Millbrook Centre"]),
    ("with-public-computers", "Places with public computers", ["Central Library"]),
    ("with-assisted-digital", "Places with staff to help you use online services", ["Civic Centre", "Northgate Hub"]),
    ("with-digital-skills-courses", "Places with free digital skills courses", ["Northgate Hub"]),
    ("with-blue-badge-parking", "Places with Blue Badge parking", ["Civic Centre"]),
    ("in-town-centre", "Places in Town centre", ["Central Library", "Civic Centre"]),
    ("in-northgate", "Places in Northgate", ["Northgate Hub"]),
    ("in-millbrook", "Places in Millbrook", ["Millbrook Centre"]),
])
def test_filter_pages_list_exactly_the_right_places(site, path, title, expected):
    page = site.html(f"get-online/places/{path}/")
    assert text(page.h1) == title
    assert page.title.string.startswith(title + " - ")
    assert names(page) == expected
    current = page.select('.places-filter a[aria-current="page"]')
    assert len(current) == 1 and resolve(f"get-online/places/{path}/", current[0]["href"]) == f"get-online/places/{path}/"


def test_only_facilities_and_areas_with_places_get_a_filter_page(site):
    made = sorted(p.name for p in (site.out / "get-online" / "places").iterdir()
                  if p.name.startswith(("with-", "in-")))
    assert made == ["in-millbrook", "in-northgate", "in-town-centre", "with-assisted-digital",
                    "with-blue-badge-parking", "with-digital-skills-courses", "with-free-wifi", "with-hearing-loop",
                    "with-printing", "with-public-computers", "with-scanning", "with-step-free-access"]


def test_the_filter_works_without_javascript_as_links_with_counts(site):
    page = site.html("get-online/places/")
    links = page.select("[data-places-links] a")
    assert [text(a) for a in links[:3]] == ["Free WiFi (4 places)", "Public computers (1 place)", "Printing (1 place)"]
    for a in links:
        assert (site.out / resolve("get-online/places/", a["href"]) / "index.html").exists(), a["href"]
    form = page.select_one("form[data-places-form]")
    assert form.has_attr("hidden"), "the instant filter form needs JavaScript, so it starts hidden"
    for control in form.select("select, input"):
        label = page.find("label", attrs={"for": control["id"]})
        assert label and text(label)
    assert [o["value"] for o in form.select("#places-area option")] == ["", "town-centre", "northgate", "millbrook"]


def test_filter_pages_offer_a_way_back_to_every_place(site):
    page = site.html("get-online/places/in-northgate/")
    back = page.find("a", string=re.compile("Show all 4 places"))
    assert resolve("get-online/places/in-northgate/", back["href"]) == "get-online/places/"
    assert page.select_one("form[data-places-form]") is None
    assert text(page.select_one(".lead")) == "1 place in Northgate, out of 4 in all."


def test_breadcrumbs_lead_back_through_the_get_online_section(site):
    page = site.html("get-online/places/central-library/")
    crumbs = page.select(".breadcrumbs a")
    assert [text(a) for a in crumbs] == ["Home", "Get online", "Places to get online"]
    assert [resolve("get-online/places/central-library/", a["href"]) for a in crumbs][1:] == \
        ["get-online/", "get-online/places/"]
    assert [text(a) for a in site.html("get-online/places/").select(".breadcrumbs a")] == ["Home", "Get online"]


# -- place pages --------------------------------------------------------------------------------

def test_place_page_has_a_proper_weekly_hours_table(site):
    page = site.html("get-online/places/central-library/")
    assert text(page.h1) == "Central Library"
    table = page.select("table")[0]
    assert text(table.caption) == "Regular opening hours"
    assert [th["scope"] for th in table.thead.select("th")] == ["col", "col"]
    rows = [(text(tr.th), text(tr.td)) for tr in table.tbody.select("tr")]
    assert all(tr.th["scope"] == "row" for tr in table.tbody.select("tr"))
    assert rows == [
        ("Monday", "9am to 12:30pm and 1:30pm to 7pm"), ("Tuesday", "9am to 12:30pm and 1:30pm to 7pm"),
        ("Wednesday", "9am to 12:30pm and 1:30pm to 7pm"), ("Thursday", "9am to 12:30pm and 1:30pm to 7pm"),
        ("Friday", "9am to 12:30pm and 1:30pm to 7pm"), ("Saturday", "10am to 4pm"), ("Sunday", "Closed"),
    ]


def test_place_page_lists_the_changes_coming_up(site):
    page = site.html("get-online/places/central-library/")
    table = page.select_one("table[data-changes]")
    assert text(table.caption) == "Dates with different opening hours"
    rows = [(text(tr.th), text(tr.td)) for tr in table.tbody.select("tr")]
    assert rows == [
        ("Thursday 24 December 2026", "9am to 1pm (Christmas Eve)"),
        ("Friday 25 December 2026 to Monday 28 December 2026", "Closed (Christmas)"),
    ]
    assert "Staff training" not in text(page.main), "changes that have passed are left out"
    none = site.html("get-online/places/civic-centre/").select_one("[data-changes-none]")
    assert not none.has_attr("hidden") and "no changes" in text(none)


def test_place_page_has_address_facilities_booking_and_contact(site):
    page = site.html("get-online/places/central-library/")
    main = words(page.main)
    assert "Station Road Testham TE2 3CD" in main
    assert "Buses 2 and 5 stop outside." in main
    assert [text(li) for li in page.select("#what-you-can-use + ul li")] == ["Free WiFi", "12 public computers", "Printing"]
    assert [text(li) for li in page.select("#access + ul li")] == ["Step-free access", "Hearing loop"]
    assert text(page.select_one("#booking").find_next("p")) == "Book at the desk or by phone."
    assert page.find("a", href="tel:01632960101") and page.find("a", href="mailto:library@testham.example")
    osm = page.find("a", string=re.compile("on a map"))
    assert osm["href"].startswith("https://www.openstreetmap.org/?mlat=52.40000&mlon=-1.50000")
    assert site.html("get-online/places/civic-centre/").find("a", string=re.compile("on a map")) is None
    assert site.html("get-online/places/millbrook-centre/").find(id="contact") is None


def test_place_page_carries_schema_org_json_ld(site):
    data = {}
    for name, kind in [("central-library", "Library"), ("civic-centre", "GovernmentOffice"),
                       ("northgate-hub", "CivicStructure"), ("millbrook-centre", "CivicStructure")]:
        script = site.html(f"get-online/places/{name}/").find("script", type="application/ld+json")
        data[name] = json.loads(script.string)
        assert data[name]["@context"] == "https://schema.org" and data[name]["@type"] == kind
    library = data["central-library"]
    assert library["url"] == "https://www.testham.example/get-online/places/central-library/"
    assert library["address"] == {"@type": "PostalAddress", "streetAddress": "Station Road",
                                  "addressLocality": "Testham", "postalCode": "TE2 3CD", "addressCountry": "GB"}
    assert library["geo"] == {"@type": "GeoCoordinates", "latitude": 52.4, "longitude": -1.5}
    weekday = [f"https://schema.org/{d}" for d in ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday")]
    assert library["openingHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekday, "opens": "09:00", "closes": "12:30"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": weekday, "opens": "13:30", "closes": "19:00"},
        {"@type": "OpeningHoursSpecification", "dayOfWeek": ["https://schema.org/Saturday"],
         "opens": "10:00", "closes": "16:00"},
    ]
    assert library["specialOpeningHoursSpecification"] == [
        {"@type": "OpeningHoursSpecification", "opens": "09:00", "closes": "13:00",
         "validFrom": "2026-12-24", "validThrough": "2026-12-24"},
        {"@type": "OpeningHoursSpecification", "opens": "00:00", "closes": "00:00",
         "validFrom": "2026-12-25", "validThrough": "2026-12-28"},
    ]
    features = {f["name"]: f["value"] for f in library["amenityFeature"]}
    assert all(f["@type"] == "LocationFeatureSpecification" for f in library["amenityFeature"])
    assert features == {"Free WiFi": True, "Public computers": 12, "Printing": True, "Step-free access": True,
                        "Hearing loop": True}
    assert "specialOpeningHoursSpecification" not in data["civic-centre"]
    assert data["civic-centre"]["telephone"] == "01632 960 100"


def test_places_js_is_loaded_only_where_it_is_used(site):
    def scripts(path):
        return [s["src"] for s in site.html(path).find_all("script", src=True)]

    assert any(s.endswith("assets/places.js") for s in scripts("get-online/places/"))
    assert any(s.endswith("assets/places.js") for s in scripts("get-online/places/with-free-wifi/"))
    assert any(s.endswith("assets/places.js") for s in scripts("get-online/places/central-library/"))
    for path in ["", "bins/help/", "get-online/", "a-to-z/"]:
        assert not any("places.js" in s for s in scripts(path)), path
    assert (site.out / "assets" / "places.js").exists()


# -- embeds in other pages ----------------------------------------------------------------------

def embeds(site, path):
    return site.html(path).select(".place-list")


def test_a_service_page_embeds_places_by_facility(site):
    first = embeds(site, "bins/help/")[0]
    items = first.select(".place-list__item")
    assert [text(i.select_one(".place-list__name")) for i in items] == ["Civic Centre", "Northgate Hub"]
    assert resolve("bins/help/", items[0].a["href"]) == "get-online/places/civic-centre/"
    civic = [words(p) for p in items[0].select("p")]
    assert civic[0] == "Market Street, Testham, TE1 1AA"
    assert civic[1] == "Monday, Tuesday, Thursday and Friday: 9am to 4pm Wednesday: 10am to 4pm Saturday and Sunday: Closed"
    assert "Phone 01632 960 100" in civic
    more = first.find_all("a")[-1]
    assert text(more) == "See all places to get online"
    assert resolve("bins/help/", more["href"]) == "get-online/places/"


def test_embeds_combine_options_and_say_when_nothing_matches(site):
    lists = embeds(site, "bins/help/")
    assert len(lists) == 3, "the directive inside a code block is left alone"
    assert [text(a) for a in lists[1].select(".place-list__name")] == ["Northgate Hub"]
    assert text(lists[2].p) == "There are no places with a lift to all floors at the moment."
    code = site.html("bins/help/").find("code")
    assert text(code) == '{{ places facility="assisted-digital" }}'


# -- open data ----------------------------------------------------------------------------------

UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}")
TIME = re.compile(r"([01]\d|2[0-3]):[0-5]\d[+-]\d\d:\d\d")
DATE = re.compile(r"\d{4}-\d\d-\d\d")
ICAL = {"MO", "TU", "WE", "TH", "FR", "SA", "SU"}
ORUK_ACCESSIBILITY = {"cd", "deaf_interpreter", "disabled_parking", "elevator", "ramp", "restroom", "tape_braille",
                      "tty", "wheelchair", "wheelchair_van"}


def check_oruk_service(service: dict) -> None:
    """The structure of an Open Referral UK service, as its JSON schema requires."""
    assert isinstance(service["id"], str) and service["name"] and service["status"] == "active"
    org = service["organization"]
    assert UUID.fullmatch(org["id"]) and org["name"] and org["description"]
    assert org["url"].startswith("https://")
    for link in service["service_at_locations"]:
        assert link["id"] and link["location"]["id"]
        for address in link["location"]["physical_addresses"]:
            assert {"id", "city", "state_province", "postal_code", "country"} <= set(address)
            assert address["country"] == "GB"
        for item in link["location"]["accessibility_for_disabilities"]:
            assert item["id"] and item["accessibility"] in ORUK_ACCESSIBILITY
    for contact in service["contacts"]:
        assert contact["id"] and all(p["id"] and p["number"] for p in contact["phones"])
    for schedule in service["regular_schedules"]:
        assert schedule["id"] and schedule["freq"] == "WEEKLY" and schedule["interval"] == "1"
        assert DATE.fullmatch(schedule["valid_from"]) and DATE.fullmatch(schedule["valid_to"])
        assert schedule["valid_from"] <= schedule["valid_to"]
        assert set(schedule["byday"].split(",")) <= ICAL
        assert TIME.fullmatch(schedule["opens_at"]) and TIME.fullmatch(schedule["closes_at"])
        assert "Europe/London" in schedule["description"]
        assert schedule["service_at_location"]["id"] == service["service_at_locations"][0]["id"]
    for holiday in service["holiday_schedules"]:
        assert holiday["id"] and isinstance(holiday["closed"], bool)
        assert DATE.fullmatch(holiday["start_date"]) and DATE.fullmatch(holiday["end_date"])
        if not holiday["closed"]:
            assert TIME.fullmatch(holiday["opens_at"]) and TIME.fullmatch(holiday["closes_at"])
    for term in service["service_taxonomys"]:
        assert term["id"] and term["taxonomy"]["id"] and term["taxonomy"]["name"]


@pytest.fixture(scope="module")
def oruk(site):
    return json.loads((site.out / "get-online" / "places" / "places.json").read_text(encoding="utf-8"))


def test_open_referral_json_is_a_page_of_services(site, oruk):
    assert {k: oruk[k] for k in ("total_items", "total_pages", "number", "size", "first_page", "last_page", "empty")} == \
        {"total_items": 4, "total_pages": 1, "number": 1, "size": 4, "first_page": True, "last_page": True, "empty": False}
    for service_ in oruk["content"]:
        check_oruk_service(service_)
    assert len({s["id"] for s in oruk["content"]}) == 4
    assert len({s["organization"]["id"] for s in oruk["content"]}) == 1


def test_open_referral_library_in_detail(oruk):
    library = next(s for s in oruk["content"] if s["name"] == "Get online at Central Library")
    assert library["url"] == "https://www.testham.example/get-online/places/central-library/"
    location = library["service_at_locations"][0]["location"]
    assert location["name"] == "Central Library" and (location["latitude"], location["longitude"]) == (52.4, -1.5)
    assert location["physical_addresses"][0] | {"id": None} == {
        "id": None, "address_1": "Station Road", "city": "Testham", "state_province": "Testham",
        "postal_code": "TE2 3CD", "country": "GB"}
    assert [a["accessibility"] for a in location["accessibility_for_disabilities"]] == ["wheelchair"]
    assert [t["taxonomy"]["name"] for t in library["service_taxonomys"]] == \
        ["Free WiFi", "Public computers", "Printing", "Step-free access", "Hearing loop"]
    # Winter (GMT) until the clocks go forward on 28 March 2027, then summer time (BST).
    weekdays = [s for s in library["regular_schedules"] if s["byday"] == "MO,TU,WE,TH,FR"]
    assert [(s["valid_from"], s["valid_to"], s["opens_at"], s["closes_at"]) for s in weekdays[:4]] == [
        ("2026-12-24", "2027-03-27", "09:00+00:00", "12:30+00:00"),
        ("2026-12-24", "2027-03-27", "13:30+00:00", "19:00+00:00"),
        ("2027-03-28", "2027-10-30", "09:00+01:00", "12:30+01:00"),
        ("2027-03-28", "2027-10-30", "13:30+01:00", "19:00+01:00"),
    ]
    assert [(h["start_date"], h["end_date"], h["closed"], h.get("opens_at")) for h in library["holiday_schedules"]] == [
        ("2026-12-24", "2026-12-24", False, "09:00+00:00"), ("2026-12-25", "2026-12-28", True, None)]
    civic = next(s for s in oruk["content"] if s["name"] == "Get online at Civic Centre")
    assert civic["contacts"][0]["phones"][0]["number"] == "01632 960 100"
    assert [a["accessibility"] for a in civic["service_at_locations"][0]["location"]["accessibility_for_disabilities"]] \
        == ["disabled_parking"]


def test_csv_lists_every_place_and_round_trips(site):
    raw = (site.out / "get-online" / "places" / "places.csv").read_bytes()
    assert raw.startswith("\ufeff".encode("utf-8")), "a byte order mark, so Excel reads UTF-8"
    decoded = raw.decode("utf-8-sig")
    rows = list(csv.DictReader(io.StringIO(decoded, newline="")))
    assert list(rows[0]) == csv_export.COLUMNS
    assert [r["name"] for r in rows] == ["Central Library", "Civic Centre", "Millbrook Centre", "Northgate Hub"]
    library = rows[0]
    assert library["monday"] == "09:00-12:30, 13:30-19:00" and library["sunday"] == "closed"
    assert library["facilities"] == "free-wifi; public-computers; printing; step-free-access; hearing-loop"
    assert library["public_computers"] == "12" and library["latitude"] == "52.4"
    assert library["changes_to_hours"] == "2026-12-24: 09:00-13:00 (Christmas Eve); 2026-12-25 to 2026-12-28: closed (Christmas)"
    # Written out again with the csv module, the rows give back the very same file.
    assert csv_export.to_csv(rows).encode("utf-8") == raw
    assert csv_export.from_csv(decoded) == rows
    # And the hours read back into exactly the editors' opening hours.
    for name, source in PLACES.items():
        original, problems = load_place(f"get-online/places/{name}.md", source, "/", AREAS)
        assert not problems
        row = next(r for r in rows if r["id"] == name)
        assert csv_export.week_from_row(row) == original.hours.week


def test_directory_links_the_open_data_with_format_and_size(site):
    page = site.html("get-online/places/")
    links = {a["href"]: text(a) for a in page.select(".open-data a[href$='.json'], .open-data a[href$='.csv']")}
    folder = site.out / "get-online" / "places"
    services = site.out / "openreferral" / "services" / "index.json"
    assert links == {
        "../../openreferral/services/index.json":
            f"Places data in Open Referral UK 3.0 format (JSON, {human_size(services.stat().st_size)})",
        "places.json": f"Places data in the older Open Referral UK 1.0 format (JSON, "
                       f"{human_size((folder / 'places.json').stat().st_size)})",
        "places.csv": f"Places data as a spreadsheet (CSV, {human_size((folder / 'places.csv').stat().st_size)})",
    }
    assert re.search(r"\(JSON, \d+ KB\)", links["places.json"])


def test_human_sizes():
    assert human_size(0) == "0 bytes" and human_size(1023) == "1023 bytes"
    assert human_size(1024) == "1 KB" and human_size(1025) == "2 KB" and human_size(14 * 1024) == "14 KB"
    assert human_size(1024 * 1024 + 1) == "1.1 MB"


def test_places_are_in_the_search_index(site):
    from councilsite.search.engine import SiteSearch

    search = SiteSearch(site.out)
    by_url = {r[1]: r for r in search.records}
    assert len(by_url) == len(search.records), "nothing is listed twice"
    title, _, _, section, _ = by_url["get-online/places/central-library/"]
    assert title == "Central Library" and section == "Get online"
    # Its keywords are searched: its area and postcode find it.
    for query in ("Town centre", "TE2 3CD", "public computers"):
        assert "get-online/places/central-library/" in [r.url for r in search.search(query).results], query
    assert by_url["get-online/places/with-free-wifi/"][0] == "Places with free WiFi"
    assert by_url["get-online/places/"][0] == "Places to get online"
    assert by_url["get-online/"][0] == "Get online"


def test_home_page_get_online_link_goes_to_the_section(site):
    link = site.html("").find("a", string="Find free WiFi, computers and help to get online")
    assert link["href"] == "get-online/"


def test_clock_is_restored_after_the_module_fixture():
    assert os.environ["COUNCILSITE_NOW"] == "2026-11-22 12:00"


def test_directory_has_a_clear_empty_state_and_clear_filters(site):
    page = site.html("get-online/places/")
    empty = page.select_one("[data-places-empty]")
    assert empty.has_attr("hidden")
    assert text(empty.h2) == "No places match what you chose"
    assert "fewer filters" not in text(empty) and "another area" not in text(empty)
    clears = page.select("[data-places-clear]")
    assert clears and all(resolve("get-online/places/", a["href"]) == "get-online/places/" for a in clears)
    assert all(text(a) == "Clear filters" for a in clears)


def test_directory_form_has_an_action_and_a_submit_button(site):
    form = site.html("get-online/places/").select_one("form[data-places-form]")
    assert form["action"] and resolve("get-online/places/", form["action"]) == "get-online/places/"
    assert form.find("button", attrs={"type": "submit"})
