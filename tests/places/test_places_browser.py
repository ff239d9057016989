"""The places pages in a real browser (headless Chromium): places.js says what hours.py says, the
filter works from the keyboard, and axe-core finds nothing at 320 and 1280 px, light and dark."""
from __future__ import annotations

import datetime as dt
import json
import shutil
import sys
from pathlib import Path

import pytest

from councilsite.places.hours import Change, Hours, Period
from placesite import GET_ONLINE, place, places_config
from sitebuilder import REPO, make_site

AXE = REPO / "accessibility" / "vendor" / "axe-core" / "axe.min.js"
if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()) or not Path("/usr/bin/chromedriver").exists():
    pytest.skip("needs Chromium and chromedriver", allow_module_level=True)

sys.path.insert(0, str(REPO / "scripts"))
from screenshots import browser, serve  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402

FILES = {
    "get-online/index.md": GET_ONLINE,
    "get-online/places/central-library.md": place(
        "Central Library", facilities=["free-wifi", "public-computers", "printing"], computers=8,
        opening_hours={"monday to friday": "9am to 12:30pm, 1:30pm to 7pm", "saturday": "10am to 4pm"},
        exceptions=[{"date": "2026-12-25", "until": "2026-12-28", "hours": "closed", "reason": "Christmas"}]),
    "get-online/places/civic-centre.md": place(
        "Civic Centre", type="customer-service-centre", facilities=["free-wifi", "assisted-digital"],
        opening_hours={"monday to friday": "9am to 4pm"}),
    "get-online/places/northgate-hub.md": place(
        "Northgate Hub", type="community-hub", area="Northgate", facilities=["free-wifi", "assisted-digital"],
        opening_hours={"monday": "9am to 4pm", "tuesday": "9am to 4pm"}),
    "get-online/places/late-lab.md": place(
        "Late Lab", type="community-centre", area="Millbrook", facilities=["free-wifi", "public-computers"],
        opening_hours={"monday to sunday": "midnight to midnight"}),  # always open: "open now" is certain
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    return make_site(tmp_path_factory.mktemp("places-browser"), FILES, places_config())


@pytest.fixture(scope="module")
def driver():
    chrome = browser()
    yield chrome
    chrome.quit()


@pytest.fixture(scope="module")
def root(site):
    return serve(site.out)


@pytest.fixture(scope="module")
def roots(site, root, tmp_path_factory):
    """The site as served, and a copy whose places.js does nothing: the pages as they are without JavaScript."""
    plain = tmp_path_factory.mktemp("places-no-js") / "site"
    shutil.copytree(site.out, plain)
    (plain / "assets" / "places.js").write_text("", encoding="utf-8")
    return {"script": root, "no script": serve(plain)}


def utc(text: str) -> dt.datetime:
    return dt.datetime.fromisoformat(text).replace(tzinfo=dt.timezone.utc)


# Split days, a closed weekday, a late night, a three-day closure and a special day.
HOURS = Hours(
    (
        (Period(540, 750), Period(810, 1020)), (Period(540, 750), Period(810, 1020)), (),
        (Period(540, 750), Period(810, 1140)), (Period(540, 1020),), (Period(600, 780),), (),
    ),
    (
        Change(dt.date(2026, 12, 24), dt.date(2026, 12, 24), (Period(540, 780),), "Christmas Eve"),
        Change(dt.date(2026, 12, 25), dt.date(2026, 12, 28), (), "Christmas"),
        Change(dt.date(2027, 1, 4), dt.date(2027, 1, 15), (), "Refurbishment"),
    ),
)
MOMENTS = [
    "2026-11-23T08:59:00", "2026-11-23T09:00:00", "2026-11-23T12:45:00", "2026-11-23T16:59:00",
    "2026-11-24T17:30:00", "2026-11-26T18:30:00", "2026-11-28T12:59:00", "2026-11-28T13:00:00",
    "2026-11-29T23:59:00", "2026-12-24T10:00:00", "2026-12-24T13:00:00", "2026-12-25T00:00:00",
    "2026-12-28T23:59:59", "2027-01-02T12:00:00", "2027-03-27T23:30:00", "2027-03-28T08:30:00",
    "2027-03-29T07:59:00", "2027-03-29T08:00:00", "2027-06-26T23:30:00", "2026-10-25T00:30:00",
    "2026-10-25T01:30:00", "2026-10-26T08:30:00", "2026-10-26T09:00:00",
]


def test_the_browser_script_says_what_python_says(site, driver, root):
    driver.get(root + "get-online/places/central-library/")
    data = HOURS.for_browser(dt.date(2026, 1, 1))
    for moment in MOMENTS:
        when = utc(moment)
        ms = int(when.timestamp() * 1000)
        in_browser = driver.execute_script("return window.councilPlaces.statusAt(arguments[0], arguments[1])", data, ms)
        assert in_browser == HOURS.status_at(when).text(), moment
        day = driver.execute_script("return window.councilPlaces.dayTextAt(arguments[0], arguments[1])", data, ms)
        assert day == HOURS.day(HOURS.status_at(when).today).text(), moment


def test_the_place_page_says_open_or_closed_now_once_the_script_runs(site, driver, root):
    driver.get(root + "get-online/places/late-lab/")
    status = driver.find_element(By.CSS_SELECTOR, "[data-place-status]")
    assert status.is_displayed() and status.text == "Open now. Closes at midnight."
    today = driver.find_element(By.CSS_SELECTOR, "tr.hours-table__today")
    assert "(today)" in today.text and "midnight to midnight" in today.text


def test_the_directory_shows_todays_hours(site, driver, root):
    driver.get(root + "get-online/places/")
    labels = driver.find_elements(By.CSS_SELECTOR, "[data-place-day-label]")
    assert labels and all(label.text.startswith("Hours today, ") for label in labels)
    statuses = [s.text for s in driver.find_elements(By.CSS_SELECTOR, "[data-place-status]")]
    assert all(s.startswith(("Open now.", "Closed now.")) for s in statuses), statuses


def visible_names(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".place-card__title a") if a.is_displayed()]


def test_the_filter_works_with_the_keyboard_alone(site, driver, root):
    driver.get(root + "get-online/places/")
    assert not driver.find_element(By.CSS_SELECTOR, "[data-places-links]").is_displayed()
    body = driver.find_element(By.TAG_NAME, "body")
    body.click()
    for _ in range(60):
        active = driver.switch_to.active_element
        if active.get_attribute("id") == "places-facility":
            break
        active.send_keys(Keys.TAB)
    else:
        pytest.fail("Tab never reached the 'What you need' filter")
    count = driver.find_element(By.CSS_SELECTOR, "[data-places-count]")
    assert count.text == "Showing all 4 places."
    active.send_keys(Keys.ARROW_DOWN)  # Free WiFi
    active.send_keys(Keys.ARROW_DOWN)  # Public computers
    assert visible_names(driver) == ["Central Library", "Late Lab"]
    assert count.text == "Showing 2 of 4 places."
    active.send_keys(Keys.TAB)
    area = driver.switch_to.active_element
    assert area.get_attribute("id") == "places-area"
    area.send_keys(Keys.ARROW_DOWN)  # Town centre
    assert visible_names(driver) == ["Central Library"]
    assert "facility=public-computers" in driver.current_url and "area=town-centre" in driver.current_url
    area.send_keys(Keys.ARROW_UP)  # All areas
    area.send_keys(Keys.TAB)
    box = driver.switch_to.active_element
    assert box.get_attribute("id") == "places-open-now"
    box.send_keys(Keys.SPACE)
    assert "Late Lab" in visible_names(driver), "the always-open place is open now"
    headings = [h.text for h in driver.find_elements(By.CSS_SELECTOR, "section[data-places-area] h2") if h.is_displayed()]
    assert "Millbrook" in headings
    # A shared link with the filters in it opens with them chosen.
    driver.get(driver.current_url)
    assert driver.find_element(By.ID, "places-open-now").is_selected()
    assert driver.find_element(By.ID, "places-facility").get_attribute("value") == "public-computers"


def test_without_javascript_the_filter_pages_are_plain_links(site):
    page = site.html("get-online/places/")
    assert page.select_one("[data-places-form]").has_attr("hidden")
    assert not page.select_one("[data-places-links]").has_attr("hidden")


@pytest.mark.skipif(not AXE.exists(), reason="needs axe-core (npm ci --prefix accessibility)")
@pytest.mark.parametrize("scheme", ["light", "dark"])
@pytest.mark.parametrize("width", [320, 1280])
@pytest.mark.parametrize("js", ["script", "no script"])
def test_axe_finds_nothing_on_the_places_pages(site, driver, roots, scheme, width, js):
    root = roots[js]
    from axe_selenium_python import Axe

    driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                           {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": 800, "deviceScaleFactor": 1, "mobile": width < 600})
    try:
        for path in ["get-online/places/", "get-online/places/with-assisted-digital/", "get-online/places/in-northgate/",
                     "get-online/places/central-library/", "get-online/"]:
            driver.get(root + path)
            axe = Axe(driver, script_url=str(AXE))
            axe.inject()
            results = axe.run(options=json.dumps(
                {"runOnly": {"type": "tag", "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]}}))
            found = [(v["id"], [n["target"] for n in v["nodes"]]) for v in results["violations"]]
            assert found == [], (path, found)
            assert driver.execute_script("return document.documentElement.scrollWidth") <= width, path
    finally:
        driver.execute_cdp_cmd("Emulation.clearDeviceMetricsOverride", {})
        driver.execute_cdp_cmd("Emulation.setEmulatedMedia", {"features": []})
