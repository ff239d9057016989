"""Form pages look like GOV.UK Forms: a plain header with the council's name and the form's title,
no site navigation, header search or breadcrumbs, a Back link to the page before, and the first
question a few Tab presses from the skip link."""
from __future__ import annotations

import os
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from formsite import EVERY_QUESTION, browser, forms_site, serve
from sitebuilder import service

PAGES = {
    "bins/missed.md": service("Report a missed bin", "bins", do_it_online={"label": "Report a missed bin",
                                                                          "form": "every-question"}),
}


@pytest.fixture(scope="module")
def site(tmp_path_factory):
    os.environ["COUNCILSITE_NOW"] = "2026-11-22 12:00"
    linked = re.sub(r"^priority:.*\n", "", EVERY_QUESTION, flags=re.M)  # the service page lists it instead
    return forms_site(tmp_path_factory.mktemp("layout"), {"every-question.yml": linked}, PAGES)


@pytest.mark.parametrize("path", ["forms/every-question/", "forms/every-question/error/",
                                  "forms/every-question/confirmation/"])
def test_form_pages_have_the_plain_form_header(site, path):
    page = site.html(path)
    header = page.select_one("header.site-header")
    assert "form-header" in header["class"]
    assert header.select_one(".site-header__name").get_text(" ", strip=True).startswith("Testham Borough Council")
    assert header.select_one(".form-header__title").get_text(strip=True) == "Every question type"
    assert not page.select("nav[aria-label=Main]") and not page.select(".search-form")
    assert not page.select(".breadcrumbs")


def test_other_pages_keep_the_site_header(site):
    page = site.html("bins/missed/")
    assert page.select(".search-form") and not page.select(".form-header")


def test_the_back_link_leads_to_the_service_page_that_starts_the_form(site):
    for path in ("forms/every-question/", "forms/every-question/error/"):
        back = site.html(path).select_one("main a.back-link")
        assert back.get_text() == "Back" and back["href"].endswith("bins/missed/"), path
    assert not site.html("forms/every-question/confirmation/").select(".back-link")


def test_the_first_question_is_within_3_tab_presses_of_the_skip_link(site):
    root, _, stop = serve(site.out)
    driver = browser()
    try:
        for width in (320, 1280):
            driver.set_window_size(width, 900)
            driver.get(f"{root}forms/every-question/")
            body = driver.find_element(By.TAG_NAME, "body")
            body.send_keys(Keys.TAB)
            assert driver.switch_to.active_element.get_attribute("class") == "skip-link"
            first = driver.find_element(By.CSS_SELECTOR, "form.form input:not([type=hidden]):not([tabindex='-1'])")
            presses = 0
            while driver.switch_to.active_element != first and presses < 10:
                driver.switch_to.active_element.send_keys(Keys.TAB)
                presses += 1
            assert presses <= 3, f"{presses} Tab presses from the skip link to the first question at {width}px"
    finally:
        driver.quit()
        stop()
