"""The directory's filter with JavaScript: a clear empty state that suggests only what would help,
and "Clear filters" that brings every place back; cards add today's hours only in the browser."""
from __future__ import annotations

import shutil
import sys
from pathlib import Path

import pytest

from placesite import GET_ONLINE, place, places_config
from sitebuilder import REPO, make_site

if not (shutil.which("chromium") or Path("/usr/bin/chromium").exists()) or not Path("/usr/bin/chromedriver").exists():
    pytest.skip("needs Chromium and chromedriver", allow_module_level=True)

sys.path.insert(0, str(REPO / "scripts"))
from screenshots import browser, serve  # noqa: E402

from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.support.ui import Select  # noqa: E402

pytestmark = pytest.mark.browser

FILES = {
    "get-online/index.md": GET_ONLINE,
    "get-online/places/central-library.md": place(
        "Central Library", facilities=["free-wifi", "printing"], opening_hours={"monday to friday": "9am to 5pm"}),
    "get-online/places/northgate-hub.md": place(
        "Northgate Hub", type="community-hub", area="Northgate", facilities=["free-wifi"],
        opening_hours={"monday": "9am to 4pm"}),
}


@pytest.fixture(scope="module")
def page():
    import tempfile
    site = make_site(Path(tempfile.mkdtemp(prefix="places-empty-")), FILES, places_config())
    chrome = browser()
    chrome.get(serve(site.out) + "get-online/places/")
    yield chrome
    chrome.quit()


def shown(driver):
    return [a.text for a in driver.find_elements(By.CSS_SELECTOR, ".place-card__title a") if a.is_displayed()]


def test_no_match_says_so_and_suggests_only_the_filters_chosen(page):
    empty = page.find_element(By.CSS_SELECTOR, "[data-places-empty]")
    assert not empty.is_displayed()
    Select(page.find_element(By.ID, "places-facility")).select_by_value("printing")
    Select(page.find_element(By.ID, "places-area")).select_by_value("northgate")
    assert shown(page) == []
    assert empty.is_displayed()
    assert "No places match what you chose" in empty.text
    hint = page.find_element(By.CSS_SELECTOR, "[data-places-empty-hint]").text
    assert "Anything" in hint and "All areas" in hint and "Open now" not in hint
    clear = page.find_element(By.CSS_SELECTOR, ".places-filter__clear")
    assert clear.is_displayed() and clear.text == "Clear filters"


def test_clear_filters_brings_every_place_back(page):
    page.find_element(By.CSS_SELECTOR, ".places-filter__clear").click()
    assert shown(page) == ["Central Library", "Northgate Hub"]
    assert not page.find_element(By.CSS_SELECTOR, "[data-places-empty]").is_displayed()
    assert not page.find_element(By.CSS_SELECTOR, ".places-filter__clear").is_displayed()
    assert page.find_element(By.ID, "places-area").get_attribute("value") == ""
    assert "?" not in page.current_url


def test_cards_add_todays_hours_in_the_browser_and_keep_the_week(page):
    today = page.find_elements(By.CSS_SELECTOR, "[data-place-today]")
    assert today and all(line.is_displayed() and line.text.startswith("Hours today, ") for line in today)
    assert page.find_elements(By.CSS_SELECTOR, ".place-card__week li")
