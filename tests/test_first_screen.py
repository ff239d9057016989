"""What residents came for is on the first screen of a phone: in Chromium at 320×640, with the demo's
site-wide snow alert live, every page type shows its h1 without scrolling (the home page its first
"Do it online" task too), the header stays compact and primary buttons fill the width."""
from __future__ import annotations

import sys

import pytest
from mkdocs.commands.build import build
from mkdocs.config import load_config

from browsing import REPO, browser

pytestmark = pytest.mark.browser

# One of every template, each with an alert: in full (home, the bins pages it is about) or as one line.
PAGES = {
    "home": "",
    "service with Start now, alert in full": "bins-and-recycling/report-a-missed-bin/",
    "service, alert compact": "housing/report-a-repair/",
    "category": "council-tax/",
    "A to Z": "a-to-z/",
    "general page": "contact-us/",
    "help page": "help/get-help-getting-online/",
    "do it online": "do-it-online/",
    "search": "search/",
    "sitemap": "sitemap/",
    "accessibility statement": "accessibility-statement/",
    "places directory": "get-online/places/",
    "places filter page": "get-online/places/with-free-wifi/",
    "place": "get-online/places/eastmere-central-library/",
    "form": "forms/report-a-missed-bin/",
    "form confirmation": "forms/report-a-missed-bin/confirmation/",
    "page not found": "404.html",
}
WIDTH, HEIGHT = 320, 640


@pytest.fixture(scope="module")
def root(tmp_path_factory):
    out = tmp_path_factory.mktemp("first-screen")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")  # the snow alert is live
        build(load_config(str(REPO / "mkdocs.yml"), strict=True, site_dir=str(out)))
    sys.path.insert(0, str(REPO / "scripts"))
    try:
        from screenshots import serve
    finally:
        sys.path.pop(0)
    return serve(out)


@pytest.fixture(scope="module")
def driver():
    chrome = browser()
    yield chrome
    chrome.quit()


def viewport(driver, width, height=HEIGHT):
    driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                           {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})


def box(driver, selector):
    return driver.execute_script(
        "const el = document.querySelector(arguments[0]); if (!el) return null;"
        "const r = el.getBoundingClientRect(); return {top: r.top, bottom: r.bottom, width: r.width, height: r.height};",
        selector)


@pytest.mark.parametrize("name", list(PAGES))
def test_h1_is_on_the_first_screen_with_an_alert(driver, root, name):
    viewport(driver, WIDTH)
    driver.get(root + PAGES[name])
    assert driver.find_elements("css selector", "section.notification-banner:not([hidden])"), \
        f"{name}: the demo's snow alert is site-wide, so every page shows it"
    h1 = box(driver, "h1")
    assert h1 and 0 <= h1["top"] and h1["bottom"] <= HEIGHT, f"{name}: h1 at {h1}"
    header = box(driver, "header.site-header")
    assert header["height"] <= 60, f"{name}: header is {header['height']}px tall"
    assert driver.execute_script("return document.documentElement.scrollWidth") <= WIDTH


def test_form_error_state_shows_the_error_summary_first(driver, root):
    """GOV.UK puts the error summary above the h1, so on a form with mistakes "There is a problem"
    is what must be on the first screen (forms.js also moves focus to it)."""
    viewport(driver, WIDTH)
    driver.get(root + "forms/report-a-missed-bin/error/")
    summary = box(driver, ".error-summary h2, [role=alert] h2")
    assert summary and 0 <= summary["top"] and summary["bottom"] <= HEIGHT, summary
    assert box(driver, "header.site-header")["height"] <= 60


def test_home_page_first_task_is_on_the_first_screen(driver, root):
    viewport(driver, WIDTH)
    driver.get(root)
    task = box(driver, "#do-it-online-title ~ .task-list .task-list__link")
    assert task and task["bottom"] <= HEIGHT, task
    # The full alert is here, above the heading: it is the page it is about.
    assert not driver.find_elements("css selector", ".notification-banner--compact")


def test_home_task_boxes_line_up_with_equal_heights_and_the_services_grid(driver, root):
    viewport(driver, 1280, 900)
    driver.get(root)
    tasks = driver.execute_script(
        "return [...document.querySelectorAll('#do-it-online-title ~ .task-list .task-list__link')]"
        ".map(a => {const r = a.getBoundingClientRect(); return [Math.round(r.left), Math.round(r.top), Math.round(r.height)]})")
    cards = driver.execute_script(
        "return [...document.querySelectorAll('.card-list__item')].map(li => Math.round(li.getBoundingClientRect().left))")
    rows = {}
    for left, top, height in tasks:
        rows.setdefault(top, set()).add(height)
    assert all(len(heights) == 1 for heights in rows.values()), rows
    assert {left for left, _, _ in tasks} <= set(cards), (tasks, cards)


@pytest.mark.parametrize("path, selector", [
    ("bins-and-recycling/report-a-missed-bin/", "a.start-button"),
    ("forms/report-a-missed-bin/", "form .button"),
    ("get-online/places/", "form .button"),
])
def test_primary_buttons_fill_the_width_on_a_phone_only(driver, root, path, selector):
    viewport(driver, WIDTH)
    driver.get(root + path)
    button = box(driver, selector)
    assert button, f"{path}: no {selector}"
    # The width the button has to fill: its form's content box, or the page's.
    room = driver.execute_script(
        "const el = document.querySelector(arguments[0]); const box = el.closest('form') || el.closest('main');"
        "const style = getComputedStyle(box);"
        "return box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);", selector)
    assert abs(button["width"] - room) <= 1, (button, room)
    viewport(driver, 1280, 900)
    driver.get(root + path)
    assert box(driver, selector)["width"] < box(driver, "main")["width"] / 2


def test_header_is_one_row_on_desktop(driver, root):
    viewport(driver, 1280, 900)
    driver.get(root + "bins-and-recycling/report-a-missed-bin/")
    name, nav, search = box(driver, ".site-header__name"), box(driver, ".site-header__nav"), box(driver, ".site-header__search")
    assert box(driver, "header.site-header")["height"] <= 70
    for part in (nav, search):
        assert part["top"] < name["bottom"] and part["bottom"] > name["top"], "name, navigation and search share a row"


def test_menu_opens_navigation_and_search_with_javascript(driver, root):
    viewport(driver, WIDTH)
    driver.get(root + "contact-us/")
    toggle = driver.find_element("css selector", "button.site-header__toggle")
    assert toggle.get_attribute("aria-expanded") == "false"
    assert not driver.find_element("id", "site-menu").is_displayed()
    toggle.click()
    assert toggle.get_attribute("aria-expanded") == "true"
    assert driver.find_element("id", "header-search").is_displayed()
    assert driver.find_element("link text", "A to Z").is_displayed()
    toggle.click()
    assert not driver.find_element("id", "site-menu").is_displayed()


def test_menu_opens_without_javascript(driver, root):
    viewport(driver, WIDTH)
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(root + "contact-us/")
        link = driver.find_element("css selector", "a.site-header__toggle")
        assert not driver.find_element("id", "site-menu").is_displayed()
        link.click()
        assert driver.find_element("id", "header-search").is_displayed()
        assert driver.find_element("link text", "Do it online").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
