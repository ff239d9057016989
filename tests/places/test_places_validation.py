"""A place file that is wrong stops the build with the file, the line and the field."""
import pytest
from mkdocs.exceptions import Abort

from councilsite.places.model import check_together, load_place
from placesite import AREAS, GET_ONLINE, place, places_config
from sitebuilder import make_site

GOOD = """---
name: Central Library
type: library
address: Station Road
town: Testham
postcode: te2 3cd
area: town centre
phone: "01632 960 101"
email: library@testham.example
facilities: [free-wifi, Public computers, wifi-printing, step-free]
computers: 12
opening_hours:
  monday to friday: 9am to 12:30pm, 1:30pm to 7pm
  saturday: 10am to 4pm
exceptions:
  - date: 2026-12-25
    hours: closed
    reason: Christmas Day
latitude: 52.4
longitude: -1.5
---

A library.
"""
GOOD = GOOD.replace("wifi-printing", "printing")


def load(text):
    return load_place("get-online/places/central-library.md", text, "/get-online/places/central-library/", AREAS,
                      "content/get-online/places/central-library.md")


def errors(*changes):
    text = GOOD
    for old, new in changes:
        assert old in text, old
        text = text.replace(old, new)
    found, problems = load(text)
    assert found is None
    return [str(p) for p in problems]


def test_a_good_place_is_read_and_tidied():
    found, problems = load(GOOD)
    assert problems == []
    assert found.postcode == "TE2 3CD"
    assert found.area == "Town centre"  # as written in mkdocs.yml
    assert [f.id for f in found.facilities] == ["free-wifi", "public-computers", "printing", "step-free-access"]
    assert found.facility_text(found.facilities[1]) == "12 public computers"
    assert found.hours.day_text(0) == "9am to 12:30pm and 1:30pm to 7pm"
    assert found.hours.day_text(6) == "Closed"  # days not given are closed
    assert found.hours.changes[0].closed and found.hours.changes[0].reason == "Christmas Day"
    assert found.slug == "central-library" and found.type.schema_type == "Library"


PATH = "content/get-online/places/central-library.md"


@pytest.mark.parametrize("change, expected", [
    (("postcode: te2 3cd", "postcode: TE2 3C"),
     f"{PATH}:6: postcode: 'TE2 3C' is not a UK postcode. Write it like 'AB1 2CD'"),
    (("postcode: te2 3cd", "postcode: 12345"), f"{PATH}:6: postcode: expected a postcode"),
    (("monday to friday: 9am to 12:30pm, 1:30pm to 7pm", "monday to friday: 9am to 1pm, 12pm to 7pm"),
     f"{PATH}:13: opening_hours.monday to friday: '9am to 1pm' and 'midday to 7pm' overlap"),
    (("saturday: 10am to 4pm", "saturday: 4pm to 10am"),
     f"{PATH}:14: opening_hours.saturday: '4pm to 10am' closes before it opens"),
    (("saturday: 10am to 4pm", "satruday: 10am to 4pm"),
     f"{PATH}:14: opening_hours.satruday: 'satruday' is not a day of the week. Did you mean 'Saturday'?"),
    (("saturday: 10am to 4pm", "friday: 10am to 4pm"),
     f"{PATH}:14: opening_hours.friday: Friday is given twice (also in 'monday to friday')"),
    (("Public computers", "photocopier"),
     f"{PATH}:10: facilities[1]: 'photocopier' is not a facility we know. Use one of: free-wifi, public-computers"),
    (("step-free", "step-fre-acess"),
     f"{PATH}:10: facilities[3]: 'step-fre-acess' is not a facility we know. Did you mean 'step-free-access'?"),
    (("  - date: 2026-12-25\n    hours: closed", "  - hours: closed"),
     f"{PATH}:16: exceptions[0].date: this field is missing. Give the date as YYYY-MM-DD"),
    (("    hours: closed\n", ""),
     f"{PATH}:16: exceptions[0].hours: this field is missing"),
    (("  - date: 2026-12-25\n", "  - date: 25 December\n"),
     f"{PATH}:16: exceptions[0].date: expected a date written as YYYY-MM-DD"),
    (("hours: closed", "hours: shut early"),
     f"{PATH}:17: exceptions[0].hours: 'shut early' is not an opening time"),
    (("type: library", "type: museum"),
     f"{PATH}:3: type: 'museum' is not a type of place we know. Use one of: library, customer-service-centre"),
    (("area: town centre", "area: Northgat"),
     f"{PATH}:7: area: 'Northgat' is not one of the areas. Did you mean 'Northgate'? Use one of: Town centre, Northgate, Millbrook"),
    (("computers: 12", "computers: lots"), f"{PATH}:11: computers: expected a whole number"),
    (("latitude: 52.4\nlongitude: -1.5", "latitude: -1.5\nlongitude: 52.4"),
     f"{PATH}:19: latitude: -1.5 is outside the UK"),
    (("longitude: -1.5\n", ""), f"{PATH}:19: latitude: give the longitude as well, or neither"),
    (("Public computers, ", ""), f"{PATH}:11: computers: add 'public-computers' to the facilities"),
    (("name: Central Library", "nmae: Central Library"), f"{PATH}:2: nmae: unknown field. Did you mean 'name'?"),
    (("opening_hours:\n  monday to friday: 9am to 12:30pm, 1:30pm to 7pm\n  saturday: 10am to 4pm\n", ""),
     f"{PATH}:2: opening_hours: this field is missing."),
])
def test_mistakes_name_the_file_line_and_field(change, expected):
    found = errors(change)
    assert any(e.startswith(expected) for e in found), found


def test_an_exception_that_ends_before_it_starts():
    found = errors(("    hours: closed\n", "    until: 2026-12-20\n    hours: closed\n"))
    assert found == [f"{PATH}:17: exceptions[0].until: 2026-12-20 is before the date it starts (2026-12-25)"]


def test_overlapping_exceptions():
    found = errors(("    reason: Christmas Day\n",
                    "    reason: Christmas Day\n  - date: 2026-12-24\n    until: 2026-12-26\n    hours: closed\n"))
    assert found == [f"{PATH}:16: exceptions[0].date: 2026-12-25 is already covered by the change starting 2026-12-24"]


def test_every_problem_is_reported_at_once():
    found = errors(("postcode: te2 3cd", "postcode: nope"), ("saturday: 10am", "saturdy: 10am"),
                   ("Public computers", "fax"))
    assert len(found) == 3


def test_two_places_with_one_name_and_reserved_file_names():
    one, _ = load(GOOD)
    two, _ = load_place("get-online/places/with-free-wifi.md", GOOD, "/x/", AREAS, "content/x.md")
    problems = [str(e) for e in check_together([one, two], {}, {"with-free-wifi"})]
    assert problems[0].startswith("get-online/places/with-free-wifi.md:2: name: 'Central Library' is also the name of")
    assert "the file name 'with-free-wifi.md' is used by a generated page" in problems[1]


def test_the_build_stops_with_every_problem(tmp_path, caplog):
    files = {
        "get-online/index.md": GET_ONLINE,
        "get-online/places/a.md": place("A", postcode="NOT A POSTCODE"),
        "get-online/places/b.md": place("B", facilities=["free-wifi", "jacuzzi"]),
        "get-online/places/c.md": place("C", exceptions=[{"hours": "closed"}]),
        "bins/help.md": "---\ntitle: Help\nsummary: Help.\ncategory: bins\n---\n\n{{ places facility=\"fax\" }}\n",
    }
    with pytest.raises(Abort):
        make_site(tmp_path, files, places_config())
    message = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert "4 problems in the content" in message
    assert "get-online/places/a.md:6: postcode: 'NOT A POSTCODE' is not a UK postcode" in message
    assert "get-online/places/b.md:12: facilities[1]: 'jacuzzi' is not a facility we know" in message
    assert "get-online/places/c.md:15: exceptions[0].date: this field is missing" in message
    assert not (tmp_path / "out" / "get-online").exists(), "nothing is half-written when a place is wrong"
    assert "bins/help.md:7: places: 'fax' is not a facility we know" in message


def test_the_content_plugin_must_leave_the_place_files_alone(tmp_path, caplog):
    config = places_config()
    config["plugins"][0]["council/content"]["ignore"] = []
    with pytest.raises(Abort):
        make_site(tmp_path, {"get-online/index.md": GET_ONLINE}, config)
    message = "\n".join(r.getMessage() for r in caplog.records if r.levelname == "ERROR")
    assert 'council/content ignore: add "get-online/places/*"' in message


def test_a_section_with_no_places_yet_still_builds(tmp_path):
    site = make_site(tmp_path, {"get-online/index.md": GET_ONLINE,
                                "bins/help.md": "---\ntitle: Help\nsummary: Help.\ncategory: bins\n---\n\n"
                                                "{{ places facility=\"free-wifi\" }}\n"}, places_config())
    assert "0 places" in site.html("get-online/places/").main.get_text()
    assert "There are no places with free WiFi at the moment." in site.html("bins/help/").main.get_text()
