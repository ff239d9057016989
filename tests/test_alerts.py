"""Alert banners appear inside their window and not outside it (with a fixed clock)."""
import pytest
from mkdocs.exceptions import Abort

from sitebuilder import make_site, service

from councilsite import alerts, clock
from councilsite.errors import ContentErrors

ALERTS = """\
alerts:
  - id: snow
    title: Bin collections suspended
    message: Snow has closed some roads.
    link:
      text: Check which collections are affected
      url: /bins/days/
    start: 2026-11-20 06:00
    end: 2026-11-23 18:00
"""
FILES = {"alerts.yml": ALERTS, "bins/days.md": service("Bin days"), "bins/missed.md": service("Missed bin"),
         "tax/pay.md": service("Pay", "tax")}


def banner(site, path=""):
    return site.html(path).select_one("section.notification-banner")


@pytest.mark.parametrize("now", ["2026-11-20 06:00", "2026-11-22 12:00", "2026-11-23 17:59"])
def test_banner_shows_inside_its_window(tmp_path, monkeypatch, now):
    monkeypatch.setenv("COUNCILSITE_NOW", now)
    site = make_site(tmp_path, FILES)
    for path in ["", "bins/days/"]:  # the home page and the page the alert links to
        found = banner(site, path)
        assert found is not None and not found.has_attr("hidden"), path
    found = banner(site)
    heading = found.find(id=found["aria-labelledby"])
    assert heading.name == "h2" and heading.get_text(strip=True) == "Important"
    assert "Bin collections suspended" in found.get_text()
    assert found.find("a")["href"] == "bins/days/"
    assert found.find_parent("main"), "the banner sits at the top of the main content, where the skip link lands"


def test_banner_is_sent_hidden_before_its_window_for_the_browser_to_reveal(tmp_path, monkeypatch):
    monkeypatch.setenv("COUNCILSITE_NOW", "2026-11-19 23:59")
    site = make_site(tmp_path, FILES)
    found = banner(site)
    assert found.has_attr("hidden")
    assert found["data-alert-start"] == "2026-11-20T06:00:00+00:00"
    assert site.html("").find("script", src=lambda s: s and s.endswith("assets/alerts.js"))


@pytest.mark.parametrize("now", ["2026-11-23 18:00", "2027-01-01 09:00"])
def test_banner_is_gone_after_its_window(tmp_path, monkeypatch, now):
    monkeypatch.setenv("COUNCILSITE_NOW", now)
    site = make_site(tmp_path, FILES)
    assert banner(site) is None
    assert not site.html("").find("script", src=lambda s: s and "alerts" in s)


def test_alert_file_is_not_published(tmp_path):
    site = make_site(tmp_path, FILES)
    assert not (site.out / "alerts.yml").exists()


def test_summer_time_is_uk_local_time():
    [alert] = alerts.parse_alerts(ALERTS.replace("2026-11-20 06:00", "2026-07-01 09:00"), "alerts.yml")
    assert alert.start.isoformat() == "2026-07-01T09:00:00+01:00"
    assert alert.state(clock.parse_local("2026-07-01 08:30")) == "scheduled"
    assert alert.state(clock.parse_local("2026-07-01 09:00")) == "live"


@pytest.mark.parametrize(
    "change, expected",
    [
        (("end: 2026-11-23 18:00", "end: 2026-11-19 18:00"), "alerts.yml:9: alerts[0].end: the alert ends before it starts"),
        (("start: 2026-11-20 06:00", "start: tomorrow"), "alerts.yml:8: alerts[0].start: expected a date and time"),
        (("    message: Snow has closed some roads.\n", ""), "alerts.yml:2: alerts[0].message: this field is missing"),
        (("title:", "titel:"), "alerts.yml:3: alerts[0].titel: unknown field. Did you mean 'title'?"),
        (("url: /bins/days/", "url: bins"), "alerts.yml:7: alerts[0].link.url: expected a web address"),
    ],
)
def test_bad_alerts_name_file_line_and_field(change, expected):
    with pytest.raises(ContentErrors) as caught:
        alerts.parse_alerts(ALERTS.replace(*change), "alerts.yml")
    assert expected in caught.value.report()


def test_a_bad_alert_file_fails_the_build(tmp_path, caplog):
    with pytest.raises(Abort):
        make_site(tmp_path, {**FILES, "alerts.yml": ALERTS.replace("start: 2026-11-20 06:00", "start: soon")})
    assert any("content/alerts.yml:8: alerts[0].start" in r.getMessage() for r in caplog.records)


def test_an_alert_shows_only_on_the_pages_it_is_about_by_default(tmp_path):
    site = make_site(tmp_path, FILES)
    for path in ["bins/missed/", "tax/pay/", "a-to-z/", "404.html"]:
        assert banner(site, path) is None, path
    assert not site.html("a-to-z/").find("script", src=lambda s: s and "alerts" in s)


def test_an_alert_names_the_pages_and_sections_it_applies_to(tmp_path):
    listed = ALERTS + "    pages: [/bins/, /contact-us/]\n"
    site = make_site(tmp_path, {**FILES, "alerts.yml": listed})
    for path in ["", "bins/days/", "bins/missed/", "bins/", "contact-us/"]:
        found = banner(site, path)
        assert found is not None and "notification-banner--compact" not in found["class"], path
    assert banner(site, "tax/pay/") is None


def test_a_site_wide_alert_is_one_compact_line_elsewhere(tmp_path):
    wide = ALERTS + "    site_wide: true\n"
    site = make_site(tmp_path, {**FILES, "alerts.yml": wide})
    assert "notification-banner--compact" not in banner(site, "")["class"]
    for path in ["tax/pay/", "a-to-z/", "404.html"]:
        found = banner(site, path)
        assert "notification-banner--compact" in found["class"], path
        assert "Snow has closed" not in found.get_text(), "the message is on the pages the alert is about"
        assert found.find("a")["href"].endswith("bins/days/")
        heading = found.find(id=found["aria-labelledby"])
        assert heading.get_text(strip=True) == "Important"
        assert found.find("strong").get_text(strip=True) == "Bin collections suspended."


def test_shown_on_matches_pages_sections_and_the_link():
    [alert] = alerts.parse_alerts(ALERTS + "    pages: [/tax/, /contact-us]\n", "alerts.yml")
    assert alert.shown_on("/") == "full"
    assert alert.shown_on("/bins/days/") == "full"
    assert alert.shown_on("/tax/pay/") == "full" and alert.shown_on("/tax/") == "full"
    assert alert.shown_on("/contact-us/") == "full"
    assert alert.shown_on("/taxi/") is None and alert.shown_on("/bins/missed/") is None


@pytest.mark.parametrize(
    "extra, expected",
    [
        ("    pages: [bins]\n", "alerts.yml:10: alerts[0].pages[0]: expected a path on this website starting with /"),
        ("    site_wide: sometimes\n", "alerts.yml:10: alerts[0].site_wide: expected yes or no"),
    ],
)
def test_bad_scopes_name_file_line_and_field(extra, expected):
    with pytest.raises(ContentErrors) as caught:
        alerts.parse_alerts(ALERTS + extra, "alerts.yml")
    assert expected in caught.value.report()


def test_a_message_too_long_for_a_phone_is_refused():
    with pytest.raises(ContentErrors) as caught:
        alerts.parse_alerts(ALERTS.replace("Snow has closed some roads.", "Snow has closed some roads. " * 8), "alerts.yml")
    assert "alerts.yml:4: alerts[0].message" in caught.value.report()


def test_an_alert_naming_a_page_the_site_does_not_have_fails_the_build(tmp_path, caplog):
    with pytest.raises(Abort):
        make_site(tmp_path, {**FILES, "alerts.yml": ALERTS + "    pages:\n      - /bins/\n      - /bins/dayz/\n"})
    assert any("content/alerts.yml:12: alerts[0].pages[1]: no page or section has the address '/bins/dayz/'"
               in r.getMessage() for r in caplog.records)
