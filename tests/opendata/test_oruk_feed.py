"""The Open Referral UK 3.0 feed of a tiny real site: every file checked against the official
compiled schemas with jsonschema, the endpoints and their pagination, stable ids, schedules,
the facilities taxonomy, and a build that stops when the feed would not match the standard."""
import hashlib
import json
import re
import uuid
from pathlib import Path

import jsonschema
import pytest
from mkdocs.exceptions import Abort

from councilsite.opendata import oruk, validate, vocabulary
from councilsite.places import facilities as vocab
from opendatasite import build, place, read_json

SCHEMAS = validate.SCHEMAS
OFFICIAL = Path("/work/shared/standards/openreferral-uk-3.0/schema/compiled")
# The official files as published (OpenReferralUK/uk-profile at ecdfabf78944), so the copies we
# ship are known to be unchanged even where the standard's repository is not at hand.
OFFICIAL_SHA256 = {
    "organization.json": "c2b5c4c7507979478af360181f97f05de783e2e02d5cbfda3ec768c156785898",
    "organization_list.json": "0a4a0629cc1ed6692343149cfc5d7239d896d69b7acff3fc14185bd07203ea2f",
    "service.json": "b1e9bbad36af549fccafa408911fcdd36b378eed06fc9cf403cd00cc68ba4516",
    "service_at_location_list.json": "1c6c210ce3fc9a1172a25397d9df494944773c62a1bf56df24692993d19c1917",
    "service_list.json": "225223c8e4028fe8670b8eec1ab6c95917fe47d01d7482b912aa0d2f95da7459",
    "service_with_definitions.json": "e5a0d8fa3ef80285ed48a9aa6460a25e7993398703d18a7a311502d58d0050d5",
}
UUID = r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}"

CHRISTMAS = [
    {"date": "2026-12-24", "hours": "9am to 1pm", "reason": "Christmas Eve"},
    {"date": "2026-12-25", "until": "2026-12-28", "hours": "closed", "reason": "Christmas"},
]
PLACES = {
    "central-library": place("Central Library", address="Station Road", postcode="TE2 3CD", latitude=52.4,
                             longitude=-1.5, facilities=["free-wifi", "public-computers", "step-free-access"],
                             opening_hours={"monday to friday": "9am to 12:30pm, 1:30pm to 7pm",
                                            "saturday": "10am to 4pm"}, exceptions=CHRISTMAS),
    "civic-centre": place("Civic Centre", type="customer service centre", facilities=["free-wifi", "blue-badge-parking"],
                          email=None),
    "northgate-hub": place("Northgate Hub", type="community-hub", area="Northgate", phone=None,
                           facilities=["assisted-digital"]),
    "millbrook-centre": place("Millbrook Centre", type="community centre", area="Northgate", phone=None, email=None),
    "eastgate-library": place("Eastgate Library", area="Northgate", facilities=["printing", "lift"]),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("COUNCILSITE_NOW", "2026-12-24 10:00")
        yield build(tmp_path_factory.mktemp("feed"), PLACES, places_options={"page_size": 2})


def api(site) -> Path:
    return site.out / "openreferral"


# -- the schemas the tests read ----------------------------------------------------------------

def official(name: str) -> dict:
    return json.loads((SCHEMAS / name).read_text(encoding="utf-8"))


def test_shipped_schemas_are_the_official_files_unchanged():
    for name, digest in OFFICIAL_SHA256.items():
        assert hashlib.sha256((SCHEMAS / name).read_bytes()).hexdigest() == digest, name
        if OFFICIAL.is_dir():
            assert (SCHEMAS / name).read_bytes() == (OFFICIAL / name).read_bytes()
    licence = (SCHEMAS / "LICENSE").read_text(encoding="utf-8")
    assert "Creative Commons Attribution Share-Alike 4.0" in licence
    assert "CC BY-SA 4.0" in (SCHEMAS / "README.md").read_text(encoding="utf-8") or \
        "Attribution-ShareAlike 4.0" in (SCHEMAS / "README.md").read_text(encoding="utf-8")


def item_schema(endpoint: str, single: bool) -> dict:
    """The official schema for one endpoint's answer, chosen here by address, not by the generator."""
    if endpoint == "":
        return official("root.json")
    if endpoint in ("taxonomies", "taxonomy_terms"):
        definitions = official("service_with_definitions.json")["definitions"]
        name = "taxonomy" if endpoint == "taxonomies" else "taxonomy_term"
        return {"definitions": definitions, "allOf": [{"$ref": f"#/definitions/{name}"}]}
    names = {("services", True): "service.json", ("services", False): "service_list.json",
             ("service_at_locations", False): "service_at_location_list.json",
             ("organizations", True): "organization.json", ("organizations", False): "organization_list.json"}
    return official(names[endpoint, single])


def page_schema(item: dict) -> dict:
    item = dict(item)
    definitions = item.pop("definitions", {})
    return {"definitions": definitions, "allOf": [
        official("page.json"),
        {"required": ["total_items", "total_pages", "page_number", "size", "first_page", "last_page", "empty",
                      "contents"],
         "properties": {"contents": {"type": "array", "items": item}}}]}


def schema_errors(data, schema) -> list[str]:
    checker = jsonschema.Draft7Validator.FORMAT_CHECKER
    validator = jsonschema.Draft7Validator(schema, format_checker=checker)
    return [f"{list(e.absolute_path)}: {e.message}" for e in validator.iter_errors(data)]


def classify(relative: str) -> tuple[str, str]:
    """'services/page/2/index.json' -> ('services', 'page'); 'services/<uuid>/index.json' -> ('services', 'one')."""
    parts = relative.removesuffix("index.json").strip("/").split("/")
    if parts == [""]:
        return "", "root"
    if len(parts) == 1 or (len(parts) == 3 and parts[1] == "page"):
        return parts[0], "page"
    assert len(parts) == 2 and re.fullmatch(UUID, parts[1]), relative
    return parts[0], "one"


def every_file(site) -> dict[str, dict]:
    root = api(site)
    found = {p.relative_to(root).as_posix(): read_json(p) for p in sorted(root.rglob("*"))
             if p.is_file()}
    assert all(name.endswith("index.json") for name in found), "every endpoint is a folder with an index.json"
    return found


def test_every_response_matches_the_official_schema(site):
    files = every_file(site)
    assert len(files) >= 30
    for relative, data in files.items():
        endpoint, shape = classify(relative)
        if shape == "root":
            errors = schema_errors(data, item_schema("", False))
        elif shape == "page":
            errors = schema_errors(data, page_schema(item_schema(endpoint, False)))
        else:
            errors = schema_errors(data, item_schema(endpoint, True))
        assert errors == [], relative
        # The standard's words for dates, times and ids, which its schema leaves as plain strings.
        assert validate.problems(data, {"root": "root", "page": "page:" + {
            "services": "service_list_item", "service_at_locations": "service_at_location_list_item",
            "organizations": "organization_list_item", "taxonomies": "taxonomy",
            "taxonomy_terms": "taxonomy_term"}.get(endpoint, "")}.get(shape, {
            "services": "service", "organizations": "organization", "taxonomies": "taxonomy",
            "taxonomy_terms": "taxonomy_term"}.get(endpoint))) == [], relative


def test_the_root_gives_the_version_and_profile(site):
    root = read_json(api(site) / "index.json")
    assert root == {"version": "3.0", "profile": "https://github.com/openreferral/uk-profile",
                    "openapi_url": "https://raw.githubusercontent.com/openreferral/uk-profile/main/openapi.json"}


def test_services_are_paginated_as_the_spec_says(site):
    pages = [read_json(api(site) / "services" / "index.json")] + [
        read_json(api(site) / "services" / "page" / str(n) / "index.json") for n in (2, 3)]
    assert not (api(site) / "services" / "page" / "1").exists(), "page 1 is the list's own address"
    assert not (api(site) / "services" / "page" / "4").exists()
    meta = [{k: v for k, v in page.items() if k != "contents"} for page in pages]
    assert meta == [
        {"total_items": 5, "total_pages": 3, "page_number": 1, "size": 2, "first_page": True, "last_page": False, "empty": False},
        {"total_items": 5, "total_pages": 3, "page_number": 2, "size": 2, "first_page": False, "last_page": False, "empty": False},
        {"total_items": 5, "total_pages": 3, "page_number": 3, "size": 1, "first_page": False, "last_page": True, "empty": False},
    ]
    listed = [s["id"] for page in pages for s in page["contents"]]
    folders = {p.name for p in (api(site) / "services").iterdir() if re.fullmatch(UUID, p.name)}
    assert len(listed) == 5 and set(listed) == folders
    # The list has only one-to-one fields; the service's own file is fully nested.
    first = pages[0]["contents"][0]
    assert "schedules" not in first and first["organization"]["name"] == "Testham Borough Council"
    full = read_json(api(site) / "services" / first["id"] / "index.json")
    assert {"schedules", "service_at_locations", "attributes"} <= set(full)
    sal = [read_json(api(site) / "service_at_locations" / "index.json")] + [
        read_json(api(site) / "service_at_locations" / "page" / str(n) / "index.json") for n in (2, 3)]
    assert [s["service"]["id"] for page in sal for s in page["contents"]] == listed


def test_a_list_with_nothing_in_it_is_one_empty_page(tmp_path):
    site = build(tmp_path, {})
    page = read_json(site.out / "openreferral" / "services" / "index.json")
    assert page == {"total_items": 0, "total_pages": 1, "page_number": 1, "size": 0, "first_page": True,
                    "last_page": True, "empty": True, "contents": []}


def library(site) -> dict:
    for page in [api(site) / "services"]:
        for folder in page.iterdir():
            if re.fullmatch(UUID, folder.name):
                data = read_json(folder / "index.json")
                if data["name"] == "Get online at Central Library":
                    return data
    raise AssertionError("no library")


def test_the_library_in_detail(site):
    service = library(site)
    assert service["url"] == "https://www.testham.example/get-online/places/central-library/"
    assert service["status"] == "active" and service["email"] == "library@testham.example"
    link = service["service_at_locations"][0]
    location = link["location"]
    assert link["service_id"] == service["id"] and link["location_id"] == location["id"]
    assert location["location_type"] == "physical" and (location["latitude"], location["longitude"]) == (52.4, -1.5)
    address = location["addresses"][0]
    assert {k: address[k] for k in ("address_1", "city", "postal_code", "country", "address_type")} == {
        "address_1": "Station Road", "city": "Testham", "postal_code": "TE2 3CD", "country": "GB",
        "address_type": "physical"}
    assert [a["accessibility"] for a in location["accessibility"]] == ["wheelchair"]
    assert service["phones"][0]["number"] == "01632 960 101"
    assert service["organization"]["website"] == "https://www.testham.example/"


def test_schedules_give_weekly_hours_with_offsets_and_dated_exceptions(site):
    schedules = library(site)["schedules"]
    weekly = [s for s in schedules if s["valid_from"] != s["valid_to"] and s.get("byday") == "MO,TU,WE,TH,FR"]
    # GMT from the last clock change (25 October 2026) until the clocks go forward on 28 March 2027,
    # then BST until 30 October 2027, then GMT again.
    assert [(s["valid_from"], s["valid_to"], s["opens_at"], s["closes_at"]) for s in weekly[:4]] == [
        ("2026-10-25", "2027-03-27", "09:00+00:00", "12:30+00:00"),
        ("2026-10-25", "2027-03-27", "13:30+00:00", "19:00+00:00"),
        ("2027-03-28", "2027-10-30", "09:00+01:00", "12:30+01:00"),
        ("2027-03-28", "2027-10-30", "13:30+01:00", "19:00+01:00"),
    ]
    assert all(s["freq"] == "WEEKLY" and s["interval"] == 1 and s["dtstart"] == s["valid_from"] for s in weekly)
    assert all("Europe/London" in s["notes"] for s in schedules)
    dated = [s for s in schedules if s["valid_from"] in ("2026-12-24", "2026-12-25")]
    assert [(s["valid_from"], s["valid_to"], s.get("byday"), s.get("opens_at"), s.get("closes_at")) for s in dated] == [
        ("2026-12-24", "2026-12-24", "TH", "09:00+00:00", "13:00+00:00"),
        ("2026-12-25", "2026-12-28", None, None, None),
    ]
    assert dated[1]["description"] == "Christmas: closed all day (2026-12-25 to 2026-12-28)"
    ids = [s["id"] for s in schedules]
    assert len(ids) == len(set(ids))
    link = library(site)["service_at_locations"][0]["id"]
    assert all(s["service_at_location_id"] == link and s["service_id"] == library(site)["id"] for s in schedules)


def test_every_facility_is_a_term_of_the_published_vocabulary(site):
    taxonomies = read_json(api(site) / "taxonomies" / "index.json")["contents"]
    assert [t["id"] for t in taxonomies] == [vocabulary.TAXONOMY_ID]
    taxonomy = read_json(api(site) / "taxonomies" / vocabulary.TAXONOMY_ID / "index.json")
    assert taxonomy["uri"] == f"https://www.testham.example/openreferral/taxonomies/{vocabulary.TAXONOMY_ID}/"
    codes = {t["term"] for t in taxonomy["taxonomy_terms"]}
    assert {f.id for f in vocab.FACILITIES} <= codes, "the whole vocabulary, not only the terms in use"
    terms = {t["id"]: t for t in taxonomy["taxonomy_terms"]}
    listed = read_json(api(site) / "taxonomy_terms" / "index.json")
    pages = [listed] + [read_json(api(site) / "taxonomy_terms" / "page" / str(n) / "index.json")
                        for n in range(2, listed["total_pages"] + 1)]
    assert {t["id"] for page in pages for t in page["contents"]} == set(terms)
    for term in terms.values():
        assert term["taxonomy_id"] == taxonomy["id"]
        assert read_json(api(site) / "taxonomy_terms" / term["id"] / "index.json") == term
        path = term["term_uri"].removeprefix("https://www.testham.example/")
        assert (site.out / path / "index.json").is_file(), "each term's address answers"
        if term.get("parent_id"):
            assert terms[term["parent_id"]]["term"] in ("getting-online", "getting-in-and-around")
    service = library(site)
    assert [(a["link_id"], terms[a["taxonomy_term_id"]]["term"], a["taxonomy_term"]) for a in service["attributes"]] \
        == [(service["id"], code, terms[a["taxonomy_term_id"]])
            for code, a in zip(["free-wifi", "public-computers", "step-free-access"], service["attributes"])]


def test_the_organisation_has_every_service(site):
    orgs = read_json(api(site) / "organizations" / "index.json")["contents"]
    assert len(orgs) == 1
    org = read_json(api(site) / "organizations" / orgs[0]["id"] / "index.json")
    assert org["name"] == "Testham Borough Council" and len(org["services"]) == 5
    assert {s["id"] for s in org["services"]} == {
        p.name for p in (api(site) / "services").iterdir() if re.fullmatch(UUID, p.name)}


def test_ids_stay_the_same_from_build_to_build(site, tmp_path, monkeypatch):
    # Another day in the same run of GMT, and the library renamed: same file name, same ids, and
    # the files of places that did not change are byte for byte the same.
    monkeypatch.setenv("COUNCILSITE_NOW", "2027-01-05 09:00")
    renamed = {**PLACES, "central-library": PLACES["central-library"].replace("Central Library", "Town Library")}
    again = build(tmp_path, renamed, places_options={"page_size": 2})
    first = {p.name for p in (api(site) / "services").iterdir() if re.fullmatch(UUID, p.name)}
    second = {p.name for p in (api(again) / "services").iterdir() if re.fullmatch(UUID, p.name)}
    assert first == second
    civic = next(n for n in first if read_json(api(site) / "services" / n / "index.json")["name"] ==
                 "Get online at Civic Centre")
    assert (api(site) / "services" / civic / "index.json").read_bytes() == \
        (api(again) / "services" / civic / "index.json").read_bytes()
    ids = {uuid.UUID(n).version for n in first}
    assert ids == {5}


def test_another_council_gets_other_ids():
    from councilsite.places.model import load_place
    one, _ = load_place("get-online/places/central-library.md", PLACES["central-library"], "/x/", None)
    import datetime as dt
    a = oruk.Api([one], oruk.Organisation("A", "https://a.example/"), lambda p: "https://a.example/x/", dt.date(2026, 12, 1))
    b = oruk.Api([one], oruk.Organisation("B", "https://b.example/"), lambda p: "https://b.example/x/", dt.date(2026, 12, 1))
    assert a.service(one)["id"] != b.service(one)["id"]
    assert a.service(one)["attributes"][0]["taxonomy_term_id"] == b.service(one)["attributes"][0]["taxonomy_term_id"]


# -- the checks catch what the standard forbids --------------------------------------------------

def test_the_checks_catch_real_violations(site):
    service = library(site)
    assert validate.problems(service, "service") == []
    broken = json.loads(json.dumps(service))
    del broken["service_at_locations"][0]["location"]["location_type"]
    broken["status"] = "open"
    broken["id"] = "central-library"
    broken["schedules"][0]["opens_at"] = "9am"
    broken["schedules"][0]["valid_from"] = "25/10/2026"
    broken["schedules"][0]["interval"] = "1"
    broken["phones"][0].pop("number")
    found = validate.problems(broken, "service")
    expected = ["service_at_locations[0].location: 'location_type' is a required property",
                "status: 'open' is not one of", "id: 'central-library' is not a 'uuid'",
                "schedules[0].opens_at: '9am' is not a time", "schedules[0].valid_from: '25/10/2026' is not a date",
                "schedules[0].interval: '1' is not of type 'number'", "phones[0]: 'number' is a required property"]
    for words in expected:
        assert any(words in problem for problem in found), (words, found)
    # And the same by the official schema alone, as the test reads it.
    assert schema_errors(broken, item_schema("services", True))
    page = read_json(api(site) / "services" / "index.json")
    del page["page_number"]
    page["contents"] = page["contents"] + [{"name": "No id"}]
    found = validate.problems(page, "page:service_list_item")
    assert any("'page_number' is a required property" in p for p in found)
    assert any(p.startswith("contents[2]: 'id' is a required property") for p in found)


def test_a_build_whose_feed_breaks_the_standard_stops_with_a_clear_error(tmp_path, monkeypatch, caplog):
    original = oruk.Api._location

    def no_location_type(self, place, full):
        data = original(self, place, full)
        data.pop("location_type")
        return data

    monkeypatch.setattr(oruk.Api, "_location", no_location_type)
    with pytest.raises(Abort):
        build(tmp_path, {"central-library": PLACES["central-library"]})
    message = caplog.text
    assert "The Open Referral UK 3.0 feed does not match the official schemas" in message
    assert re.search(rf"openreferral/services/{UUID}/index.json: service_at_locations\[0\]\.location: "
                     "'location_type' is a required property", message)
    assert "contents[0].location: 'location_type' is a required property" in message
    assert not (tmp_path / "out" / "openreferral").exists(), "nothing of the feed is written"


def test_a_council_can_validate_a_built_feed_folder(site, tmp_path, capsys):
    assert validate.main([str(site.out)]) == 0
    assert "all match the official schemas" in capsys.readouterr().out
    import shutil
    copy = tmp_path / "openreferral"
    shutil.copytree(api(site), copy)
    service = next(p for p in (copy / "services").iterdir() if re.fullmatch(UUID, p.name)) / "index.json"
    data = read_json(service)
    data["status"] = "open"
    service.write_text(json.dumps(data), encoding="utf-8")
    (copy / "locations").mkdir()
    (copy / "locations" / "index.json").write_text("{}", encoding="utf-8")
    assert validate.main([str(copy)]) == 1
    out = capsys.readouterr().out
    assert f"services/{service.parent.name}/index.json: status: 'open' is not one of" in out
    assert "locations/index.json: not an address the Open Referral UK 3.0 API names" in out
    assert "2 problems" in out


def test_the_demo_feed_matches_the_official_schemas(tmp_path):
    from mkdocs.commands.build import build as mkdocs_build
    from mkdocs.config import load_config
    repo = Path(__file__).resolve().parents[2]
    mkdocs_build(load_config(str(repo / "mkdocs.yml"), strict=True, site_dir=str(tmp_path / "demo")))
    feed = tmp_path / "demo" / "openreferral"
    assert validate.check_folder(feed) == []
    services = read_json(feed / "services" / "index.json")
    assert services["total_items"] == 13 and len(services["contents"]) == 13
    for item in services["contents"]:
        full = read_json(feed / "services" / item["id"] / "index.json")
        assert schema_errors(full, item_schema("services", True)) == []
        assert all(link["location"]["location_type"] == "physical" for link in full["service_at_locations"])
        assert full["schedules"], item["name"]
