"""schema.org JSON-LD, parsed from the built HTML: the council as a GovernmentOrganization on every
page, breadcrumbs as a BreadcrumbList, and each service page as a GovernmentService with a
ServiceChannel for each way to use it."""
import json

import pytest
from bs4 import BeautifulSoup

from councilsite.opendata.jsonld import postal_address, script_tags
from opendatasite import build, place, service

SITE = "https://www.testham.example/"
PAGES = {
    "bins/report-a-missed-bin.md": service(
        "Report a missed bin", "bins", do_it_online={"label": "Report a missed bin", "form": "report-a-missed-bin"},
        other_ways={"phone": {"number": "01632 960 010", "hours": "Monday to Friday, 9am to 5pm"},
                    "email": "bins@testham.example",
                    "in_person": {"place": "Town Hall", "address": "High Street, Testham, TE1 1AA", "hours": "9am to 4pm"},
                    "post": "Waste Services, Town Hall, Testham, TE1 1AA"}),
    "tax/pay.md": service("Pay your Council Tax", "tax",
                          do_it_online={"label": "Pay your Council Tax", "link": "https://pay.testham.example/tax"}),
    "parking/permits.md": service("Parking permits", "parking"),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return build(tmp_path_factory.mktemp("jsonld"), {"central-library": place("Central Library")}, PAGES)


def blocks(site, path: str) -> dict[str, dict]:
    """Every JSON-LD block of a page, by @type (each type once)."""
    soup = BeautifulSoup((site.out / path / "index.html").read_text(encoding="utf-8"), "html.parser")
    found = {}
    for script in soup.head.find_all("script", type="application/ld+json"):
        data = json.loads(script.string)
        assert data["@context"] == "https://schema.org"
        assert data["@type"] not in found, f"two {data['@type']} blocks on {path}"
        found[data["@type"]] = data
    return found


def test_a_service_page_is_a_government_service_with_every_channel(site):
    data = blocks(site, "bins/report-a-missed-bin")
    svc = data["GovernmentService"]
    url = SITE + "bins/report-a-missed-bin/"
    assert (svc["name"], svc["url"], svc["@id"]) == ("Report a missed bin", url, url + "#service")
    assert svc["description"] == "Summary of report a missed bin."
    assert svc["serviceType"] == "Bins and recycling"
    assert svc["provider"] == {"@type": "GovernmentOrganization", "@id": SITE + "#organisation",
                               "name": "Testham Borough Council"}
    channels = {c["name"]: c for c in svc["availableChannel"]}
    assert list(channels) == ["Online: Report a missed bin", "By phone", "By email", "In person", "By post"]
    assert all(c["@type"] == "ServiceChannel" for c in channels.values())
    assert channels["Online: Report a missed bin"]["serviceUrl"] == SITE + "forms/report-a-missed-bin/"
    assert channels["By phone"]["servicePhone"] == {"@type": "ContactPoint", "telephone": "01632 960 010",
                                                    "description": "Phone lines: Monday to Friday, 9am to 5pm"}
    assert channels["By email"]["serviceUrl"] == "mailto:bins@testham.example"
    assert channels["In person"]["serviceLocation"] == {
        "@type": "Place", "name": "Town Hall",
        "address": {"@type": "PostalAddress", "streetAddress": "High Street, Testham", "postalCode": "TE1 1AA",
                    "addressCountry": "GB"}}
    assert channels["By post"]["servicePostalAddress"]["postalCode"] == "TE1 1AA"
    assert svc["potentialAction"]["target"] == SITE + "forms/report-a-missed-bin/"


def test_an_outside_link_and_the_councils_own_contact_details(site):
    svc = blocks(site, "tax/pay")["GovernmentService"]
    channels = {c["name"]: c for c in svc["availableChannel"]}
    assert channels["Online: Pay your Council Tax"]["serviceUrl"] == "https://pay.testham.example/tax"
    # No other_ways on the page: the council's main contact details, as the page shows them.
    assert channels["By phone"]["servicePhone"]["telephone"] == "01632 960 500"
    assert channels["By email"]["serviceUrl"] == "mailto:hello@testham.example"
    assert channels["By post"]["servicePostalAddress"]["streetAddress"] == "Town Hall, Testham"
    # A page with no online task still describes the other ways, and has no online channel.
    permits = blocks(site, "parking/permits")["GovernmentService"]
    assert [c["name"] for c in permits["availableChannel"]] == ["By phone", "By email", "By post"]
    assert "potentialAction" not in permits


def test_the_council_is_a_government_organisation_on_every_page(site):
    pages = [p for p in site.out.rglob("index.html") if "<main" in p.read_text(encoding="utf-8")]
    assert len(pages) > 10
    for page in pages:
        path = page.parent.relative_to(site.out).as_posix()
        org = blocks(site, "" if path == "." else path)["GovernmentOrganization"]
        assert org["@id"] == SITE + "#organisation" and org["url"] == SITE
    org = blocks(site, "")["GovernmentOrganization"]
    assert org["name"] == "Testham Borough Council" and org["telephone"] == "01632 960 500"
    assert org["address"] == {"@type": "PostalAddress", "streetAddress": "Town Hall, Testham", "postalCode": "TE1 1AA",
                              "addressCountry": "GB"}
    assert org["contactPoint"]["url"] == SITE + "contact-us/"


def test_breadcrumbs_as_a_breadcrumb_list_ending_with_the_page(site):
    trail = blocks(site, "bins/report-a-missed-bin")["BreadcrumbList"]["itemListElement"]
    assert trail == [
        {"@type": "ListItem", "position": 1, "name": "Home", "item": SITE},
        {"@type": "ListItem", "position": 2, "name": "Bins and recycling", "item": SITE + "bins/"},
        {"@type": "ListItem", "position": 3, "name": "Report a missed bin", "item": SITE + "bins/report-a-missed-bin/"},
    ]
    # It says what the visible trail says.
    soup = BeautifulSoup((site.out / "bins/report-a-missed-bin/index.html").read_text(encoding="utf-8"), "html.parser")
    assert [a.get_text() for a in soup.select(".breadcrumbs a")] == ["Home", "Bins and recycling"]
    place_trail = blocks(site, "get-online/places/central-library")
    assert [i["name"] for i in place_trail["BreadcrumbList"]["itemListElement"]] == \
        ["Home", "Get online", "Places to get online", "Central Library"]
    assert place_trail["Library"]["name"] == "Central Library", "the place's own block is kept"
    assert "BreadcrumbList" not in blocks(site, ""), "the home page has no trail"


def test_json_ld_cannot_close_its_script_element():
    text = script_tags([{"@context": "https://schema.org", "name": "</script><script>alert(1)</script>"}])
    assert "</script><script>" not in text.removesuffix("</script>")
    assert json.loads(text.split(">", 1)[1].removesuffix("</script>"))["name"] == "</script><script>alert(1)</script>"


def test_postal_addresses_pick_out_the_postcode():
    assert postal_address("Civic Centre, Market Street, Eastmere, EM1 1AA") == {
        "@type": "PostalAddress", "streetAddress": "Civic Centre, Market Street, Eastmere", "postalCode": "EM1 1AA",
        "addressCountry": "GB"}
    assert postal_address("PO Box 12, Eastmere") == {"@type": "PostalAddress", "streetAddress": "PO Box 12, Eastmere",
                                                     "addressCountry": "GB"}
