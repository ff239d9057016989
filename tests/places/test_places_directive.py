"""The `{{ places ... }}` line editors put in pages, and the audit's own checks on the places pages."""
import pytest

from councilsite.places import directive
from placesite import GET_ONLINE, place, places_config
from sitebuilder import make_site

AREAS = ["Town centre", "Northgate"]


def check(text):
    return [str(e) for e in directive.check(text, "content/x.md", AREAS)]


@pytest.mark.parametrize("line, kinds", [
    ('{{ places facility="public-computers" }}', [("facility", "public-computers")]),
    ("{{ places facility='Free WiFi' }}", [("facility", "free-wifi")]),
    ("{{places facility=wifi area=northgate}}", [("facility", "free-wifi"), ("area", "Northgate")]),
    ('{{ places type="customer service centre" }}', [("type", "customer-service-centre")]),
    ("{{ places }}", []),
])
def test_the_directive_is_forgiving_about_how_it_is_written(line, kinds):
    match = directive.LINE.match(line)
    embed = directive.parse(match["name"], match["args"], AREAS)
    assert [(f.kind, f.value) for f in embed.filters] == kinds


@pytest.mark.parametrize("line, message", [
    ('{{ places facilty="wifi" }}', "content/x.md:3: places: 'facilty' is not an option. Did you mean 'facility'?"),
    ('{{ places facility="fax" }}', "content/x.md:3: places: 'fax' is not a facility we know"),
    ('{{ places area="Southgate" }}', "content/x.md:3: places: 'Southgate' is not an area with places. Did you mean 'Northgate'?"),
    ('{{ places type="museum" }}', "content/x.md:3: places: 'museum' is not a type of place we know"),
    ('{{ place facility="wifi" }}', "content/x.md:3: places: '{{ place ... }}' is not something we know: did you mean '{{ places ... }}'?"),
    ('{{ places facility="wifi" facility="printing" }}', "content/x.md:3: places: 'facility' is given twice"),
    ('{{ places public computers }}', "content/x.md:3: places: cannot read 'public computers'. Write options like"),
])
def test_a_wrong_directive_names_the_file_and_line(line, message):
    found = check(f"---\ntitle: X\n{line}\n")
    assert len(found) == 1 and found[0].startswith(message), found


def test_directives_in_code_are_left_alone():
    text = "Intro\n\n```\n{{ places facility=\"fax\" }}\n```\n\n~~~md\n{{ place }}\n~~~\n"
    assert check(text) == []
    assert directive.expand(text, AREAS, lambda embed: "<p>list</p>") == text


def test_expand_replaces_only_the_directive_line():
    text = 'Before\n{{ places facility="wifi" }}\nAfter\n'
    out = directive.expand(text, AREAS, lambda embed: "<div>\n\n<p>list</p>\n</div>")
    assert out == "Before\n\n<div>\n<p>list</p>\n</div>\n\nAfter\n"


# -- the audit's HTML checks on the built pages ----------------------------------------------------

def test_places_pages_pass_the_audit_html_and_link_checks(tmp_path):
    static_checks = pytest.importorskip("councilsite.accessibility.static_checks")
    site_checks = pytest.importorskip("councilsite.accessibility.site_checks")
    site_module = pytest.importorskip("councilsite.accessibility.site")
    files = {
        "get-online/index.md": GET_ONLINE,
        "get-online/places/a-library.md": place("A Library", facilities=["free-wifi", "public-computers"],
                                                exceptions=[{"date": "2026-12-25", "hours": "closed"}]),
        "get-online/places/b-hub.md": place("B Hub", type="community-hub", area="Northgate",
                                            facilities=["free-wifi", "assisted-digital", "hearing-loop"]),
        "get-online/places/c-centre.md": place("C Centre", type="community-centre", area="Millbrook",
                                               facilities=["free-wifi"], latitude=52.1, longitude=-1.2),
    }
    out = make_site(tmp_path, files, places_config()).out
    site = site_module.Site.discover(out)
    ours = [p for p in site.pages if p.startswith("get-online/")]
    assert len(ours) >= 10
    facts, findings = {}, []
    for page in site.pages:
        found, facts[page] = static_checks.check_page(site.read(page), page)
        if page in ours:
            findings += found
    findings += [f for f in site_checks.check_site(site, facts, site.pages) if f.page in ours]
    assert [(f.rule, f.page, f.message) for f in findings] == []
