"""Another council adopts the generator through config alone; its colours must pass WCAG contrast."""
import copy

import pytest
from mkdocs.exceptions import Abort

from sitebuilder import base_config, make_site, plugin_options, service

from councilsite.brand import contrast, palette


def test_contrast_matches_known_wcag_values():
    assert contrast("#000000", "#ffffff") == pytest.approx(21.0)
    assert contrast("#ffffff", "#ffffff") == pytest.approx(1.0)
    assert contrast("#767676", "#ffffff") == pytest.approx(4.54, abs=0.01)


def test_default_palette_passes_in_both_schemes():
    assert palette().problems() == []


def test_a_pale_brand_colour_is_refused_with_the_ratio():
    problems = palette({"brand": "#7fb2e5"}).problems()
    assert any("colours.light: the header (brand-text #ffffff on brand #7fb2e5)" in p and "needs at least 4.5:1" in p
               for p in problems)
    assert any("colours.dark" in p for p in palette(dark={"link": "#333333"}).problems())


def adopter_config(tmp_path, **brand_changes):
    cfg = base_config(tmp_path)
    brand = plugin_options(cfg, "council/brand")
    brand.update(copy.deepcopy(brand_changes))
    return cfg


def test_another_council_brings_its_own_name_logo_colours_and_links(tmp_path):
    cfg = adopter_config(
        tmp_path, name="Ravensholt District Council",
        logo="assets/crest.svg",
        colours={"light": {"brand": "#5a1d6e", "link": "#5a1d6e"}},
        contact={"phone": "01632 960 900", "email": "help@ravensholt.example", "address": "Guildhall, Ravensholt",
                 "page": "/contact-us/"},
        footer_links=[{"text": "Privacy", "url": "/privacy/"}, {"text": "Jobs", "url": "https://jobs.ravensholt.example/"}],
    )
    svg = '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 10 10"><circle cx="5" cy="5" r="5"/></svg>'
    site = make_site(tmp_path, {"assets/crest.svg": svg, "bins/days.md": service("Bin days")}, cfg)
    page = site.html("bins/days/")
    assert page.title.get_text() == "Bin days - Ravensholt District Council"
    assert page.select_one(".site-header__name").get_text(strip=True).startswith("Ravensholt District Council")
    assert page.select_one(".site-header__logo")["alt"] == "", "the logo is decorative next to the council's name"
    footer = page.select_one("footer")
    assert [a.get_text() for a in footer.select(".site-footer__links a")] == ["Privacy", "Jobs"]
    assert "01632 960 900" in footer.get_text()
    css = next((site.out / "assets").glob("council.*.css")).read_text()
    assert "--c-brand:#5a1d6e" in css


def test_inaccessible_colours_fail_the_build(tmp_path, caplog):
    cfg = adopter_config(tmp_path, colours={"light": {"button": "#66cc66"}})
    with pytest.raises(Abort):
        make_site(tmp_path, {"bins/days.md": service("Bin days")}, cfg)
    assert any("the Start now button" in r.getMessage() for r in caplog.records)


def test_a_missing_logo_file_is_reported(tmp_path, caplog):
    with pytest.raises(Abort):
        make_site(tmp_path, {"bins/days.md": service("Bin days")}, adopter_config(tmp_path, logo="crest.png"))
    assert any("logo: no file 'crest.png'" in r.getMessage() for r in caplog.records)


def test_defaults_belong_to_no_council():
    colours = {**palette().light, **{f"dark-{k}": v for k, v in palette().dark.items()}}
    assert "#1d4f91" not in colours.values(), "the Eastmere demo's blue is not a default"


def test_a_council_that_sets_only_light_colours_gets_its_own_dark_scheme():
    chosen = palette({"brand": "#6a1b4d", "link": "#6a1b4d"})
    assert chosen.problems() == []
    assert chosen.dark["brand"] == "#6a1b4d", "the header keeps the council's colour in the dark"
    assert chosen.light["alert"] == "#6a1b4d", "the alert banner wears the brand"
    # Links on the dark background are the council's colour, lightened until they read.
    link = chosen.dark["link"]
    assert link != palette().dark["link"] and contrast(link, chosen.dark["background"]) >= 4.5
    red, green, blue = (int(link[i:i + 2], 16) for i in (1, 3, 5))
    assert red > green and blue > green, "still the council's purple, not the default blue"


def test_a_derived_dark_scheme_is_still_checked():
    # A pale brand with dark header text passes in light; derived for dark, it is checked again.
    chosen = palette({"brand": "#ffdd00", "brand-text": "#0b0c0c"})
    assert chosen.dark["brand"] == "#ffdd00" and chosen.dark["brand-text"] == "#0b0c0c"
    assert chosen.problems() == []
    assert any("colours.dark" in p for p in palette({"brand": "#ffdd00", "brand-text": "#0b0c0c"},
                                                    {"brand-text": "#ffffff"}).problems())


def test_the_dark_scheme_a_council_writes_wins_over_the_derived_one():
    assert palette({"link": "#6a1b4d"}, {"link": "#ffc2e8"}).dark["link"] == "#ffc2e8"
