"""Forms in real headless Chromium: the GOV.UK error journey with JavaScript, and plain HTML without it.

One browser for the module. The demo site and the every-question form are served from
127.0.0.1 by a server that records what forms send to /submit/<id>, as a receiver would.
"""
from __future__ import annotations

import datetime as dt
import json
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.support.ui import Select, WebDriverWait

from formsite import REPO, browser, serve

from councilsite.forms.definition import load_form
from councilsite.forms.validate import check_submission
from councilsite.forms.view import build_page


@pytest.fixture(scope="module")
def driver():
    d = browser()
    yield d
    d.quit()


@pytest.fixture(scope="module")
def demo(demo_site):
    root, submissions, stop = serve(demo_site)
    yield root, submissions
    stop()


@pytest.fixture(scope="module")
def every(every_question_site):
    root, submissions, stop = serve(every_question_site.out)
    yield root, submissions
    stop()


@pytest.fixture(autouse=True)
def javascript_on(driver):
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
    yield


def open_form(driver, root: str, form_id: str, state: str = ""):
    driver.get(f"{root}forms/{form_id}/{state}")
    WebDriverWait(driver, 10).until(lambda d: d.find_element(By.CSS_SELECTOR, "form.form--enhanced"))


def submit(driver):
    driver.find_element(By.CSS_SELECTOR, "form[data-module=form] button[type=submit]").click()


def summary(driver) -> list[tuple[str, str]]:
    return [(a.get_attribute("href").split("#", 1)[1], a.text)
            for a in driver.find_elements(By.CSS_SELECTOR, ".error-summary a")]


def fill(driver, values: dict):
    """Answer questions as a resident would: type, tick and choose."""
    for name, value in values.items():
        fields = driver.find_elements(By.NAME, name)
        kind = fields[0].get_attribute("type")
        if kind in ("radio", "checkbox"):
            wanted = value if isinstance(value, list) else [value]
            for field in fields:
                if (field.get_attribute("value") in wanted) != field.is_selected():
                    driver.find_element(By.CSS_SELECTOR, f"label[for='{field.get_attribute('id')}']").click()
        elif fields[0].tag_name == "select":
            Select(fields[0]).select_by_value(value)
        elif kind == "file":
            fields[0].send_keys(value)
        else:
            driver.execute_script("arguments[0].value = ''", fields[0])
            fields[0].send_keys(value)


def form_values(driver) -> dict[str, list[str]]:
    """What the form would send now, as a server would read it (files left out)."""
    return driver.execute_script("""
        var out = {};
        new FormData(document.querySelector("form[data-module=form]")).forEach(function (v, k) {
            if (typeof v !== "string") { return; }
            (out[k] = out[k] || []).push(v);
        });
        return out;""")


def server_summary(driver, form_id: str) -> list[tuple[str, str]]:
    """The error summary the server would render for what the form holds now (no files)."""
    rules = json.loads(driver.find_element(By.ID, "form-rules").get_attribute("textContent"))
    values = form_values(driver)
    result = check_submission(rules, values, {}, today=dt.date.today())
    form, _ = load_form(form_id, form_source(form_id), f"forms/{form_id}.yml")
    page = build_page(form, "/submit", values, result.errors)
    return [(link.href[1:], link.text) for link in page.errors]


def form_source(form_id: str) -> str:
    path = REPO / "forms" / f"{form_id}.yml"
    if not path.exists():
        path = Path(__file__).parent / "every-question.yml"
    return path.read_text(encoding="utf-8")


def active_id(driver) -> str:
    return driver.switch_to.active_element.get_attribute("id")


# -- With JavaScript --------------------------------------------------------------------------------


def test_sending_an_empty_form_shows_the_error_summary_with_focus_and_an_error_title(driver, demo):
    root, submissions = demo
    before = len(submissions)
    open_form(driver, root, "report-a-missed-bin")
    title = driver.title
    submit(driver)
    assert driver.title == "Error: " + title
    focused = driver.switch_to.active_element
    assert "error-summary" in focused.get_attribute("class")
    assert focused.find_element(By.CSS_SELECTOR, "[role=alert] h2").text == "There is a problem"
    assert summary(driver) == [
        ("bin", "Select which bin we missed"),
        ("collection_day", "Enter the date your bin was missed"),
        ("address", "Enter address line 1, typically the building and street"),
        ("address-town", "Enter town or city"),
        ("address-postcode", "Enter your postcode"),
        ("updates", "Select how we should tell you when we have emptied your bin"),
    ]
    assert len(submissions) == before, "nothing is sent while there are problems"
    summary_box = driver.find_element(By.CSS_SELECTOR, ".error-summary")
    heading = driver.find_element(By.CSS_SELECTOR, "main h1")
    assert driver.execute_script("return arguments[0].nextElementSibling === arguments[1]", summary_box, heading)


def test_each_summary_link_moves_focus_to_its_field(driver, demo):
    root, _ = demo
    open_form(driver, root, "report-a-missed-bin")
    submit(driver)
    for index, (target, _) in enumerate(summary(driver)):
        driver.find_elements(By.CSS_SELECTOR, ".error-summary a")[index].click()
        assert active_id(driver) == target


def test_inline_errors_are_joined_to_their_fields(driver, demo):
    root, _ = demo
    open_form(driver, root, "report-a-missed-bin")
    submit(driver)
    fieldset = driver.find_element(By.CSS_SELECTOR, "#bin").find_element(By.XPATH, "ancestor::fieldset")
    assert fieldset.get_attribute("aria-describedby") == "bin-error"
    assert fieldset.get_attribute("aria-invalid") == "true"
    assert driver.find_element(By.ID, "bin-error").get_attribute("textContent") == "Error: Select which bin we missed"
    day = driver.find_element(By.ID, "collection_day")
    assert day.get_attribute("aria-invalid") == "true" and "input--error" in day.get_attribute("class")
    hint_then_error = driver.find_element(By.ID, "collection_day").find_element(By.XPATH, "ancestor::fieldset")
    assert hint_then_error.get_attribute("aria-describedby") == "collection_day-hint collection_day-error"
    postcode = driver.find_element(By.ID, "address-postcode")
    assert postcode.get_attribute("aria-describedby") == "address-postcode-error"
    group = postcode.find_element(By.XPATH, "ancestor::div[contains(@class,'form-group')][1]")
    assert "form-group--error" in group.get_attribute("class")


def test_the_summary_matches_what_the_server_check_would_say(driver, demo, every):
    tomorrow = dt.date.today() + dt.timedelta(days=1)  # date rules: the browser's today, as the server's
    cases = [
        (demo[0], "report-a-missed-bin", {}),
        (demo[0], "report-a-missed-bin", {"bin": "food", "collection_day-day": "31", "collection_day-month": "2",
                                          "collection_day-year": "2025", "address-postcode": "nowhere",
                                          "updates": "text", "mobile": "12345"}),
        (demo[0], "report-a-missed-bin", {"collection_day-month": "dec", "collection_day-year": "26",
                                          "updates": "email", "email": "not an email"}),
        (demo[0], "report-a-missed-bin", {"collection_day-day": "1", "collection_day-month": "1",
                                          "collection_day-year": "1900"}),
        (demo[0], "report-a-missed-bin", {"collection_day-day": str(tomorrow.day),
                                          "collection_day-month": str(tomorrow.month),
                                          "collection_day-year": str(tomorrow.year)}),
        (demo[0], "apply-for-a-parking-permit", {"start_date-day": "1", "start_date-month": "1",
                                                 "start_date-year": str(tomorrow.year + 1)}),
        (every[0], "every-question", {}),
        (every[0], "every-question", {
            "reference": "1234", "nickname": "x", "story": "y" * 51, "email": "a@b", "phone": "12",
            "bags": "2.5", "bin": "green-bin", "items": ["other"], "missed_on-day": "1",
            "missed_on-month": "January", "missed_on-year": "2999", "birthday-year": "1980",
            "owner-first": "Sam", "address-line1": "1 High Street", "address-postcode": "EM1 1AA"}),
        (every[0], "every-question", {
            "reference": "40012345", "nickname": "Sam", "story": "It was 🗑️ " + "x" * 38, "email": "sam@example.com",
            "phone": "+44 808 157 0192", "bags": "11", "full_name": "Sam Smith", "bin": "grey", "items": ["paper"],
            "area": "north", "assisted": "no", "missed_on-day": "3", "missed_on-month": "13", "missed_on-year": "2020",
            "address-line1": "1 High Street", "address-town": "Eastmere", "address-postcode": "EM11AA"}),
    ]
    for root, form_id, values in cases:
        open_form(driver, root, form_id)
        fill(driver, values)
        submit(driver)
        assert summary(driver) == server_summary(driver, form_id), (form_id, values)


def test_the_error_markup_matches_the_published_error_state(driver, demo):
    """The browser's errors use exactly the markup the templates render: same ids, classes and links."""
    root, _ = demo

    def error_markup():
        return driver.execute_script("""
            var form = document.querySelector("form[data-module=form]"), out = [];
            form.querySelectorAll("[id], .form-group, fieldset").forEach(function (el) {
                out.push([el.tagName, el.id, el.className, el.getAttribute("aria-describedby"),
                          el.getAttribute("aria-invalid"), el.classList.contains("error-message") ? el.textContent : null]);
            });
            var links = Array.prototype.map.call(document.querySelectorAll(".error-summary a"), function (a) {
                return [a.getAttribute("href"), a.textContent]; });
            return [out, links];""")

    open_form(driver, root, "report-a-missed-bin", "error/")
    published = error_markup()
    open_form(driver, root, "report-a-missed-bin")
    fill(driver, {"crew_notes": "x" * 501, "full_name": "y" * 201, "updates": "email"})
    submit(driver)
    mine = error_markup()
    assert mine[1] == published[1]
    for a, b in zip(mine[0], published[0]):
        assert a == b
    assert len(mine[0]) == len(published[0])


def test_the_error_state_page_focuses_its_summary(driver, demo):
    root, _ = demo
    open_form(driver, root, "report-fly-tipping", "error/")
    assert "error-summary" in driver.switch_to.active_element.get_attribute("class")
    assert driver.title.startswith("Error: Report fly-tipping")


def test_fixing_and_resending_posts_the_answers_as_ordinary_fields(driver, demo):
    root, submissions = demo
    before = len(submissions)
    open_form(driver, root, "report-a-missed-bin")
    submit(driver)
    assert summary(driver)
    missed = dt.date.today() - dt.timedelta(days=2)  # the browser checks against its own today
    day, month, year = str(missed.day), str(missed.month), str(missed.year)
    fill(driver, {"bin": "recycling", "collection_day-day": day, "collection_day-month": month,
                  "collection_day-year": year, "address-line1": "12 Mill Lane", "address-town": "Eastmere",
                  "address-postcode": "em1 1aa", "full_name": "Sam Smith", "updates": "email",
                  "email": "sam@example.com", "crew_notes": "Behind the side gate"})
    submit(driver)
    WebDriverWait(driver, 10).until(lambda d: "/confirmation/" in d.current_url)
    assert len(submissions) == before + 1
    sent = submissions[-1]
    assert sent.path == "/submit/report-a-missed-bin"
    assert sent.content_type == "application/x-www-form-urlencoded"
    assert sent.fields == {
        "bin": ["recycling"], "collection_day-day": [day], "collection_day-month": [month],
        "collection_day-year": [year], "crew_notes": ["Behind the side gate"], "address-line1": ["12 Mill Lane"],
        "address-line2": [""], "address-town": ["Eastmere"], "address-county": [""], "address-postcode": ["em1 1aa"],
        "full_name": ["Sam Smith"], "updates": ["email"], "email": ["sam@example.com"], "mobile": [""],
        "website": [""],  # the honeypot, left empty as people leave it
    }
    assert not driver.title.startswith("Error")
    assert driver.find_element(By.CSS_SELECTOR, ".panel__title").text == "Missed bin reported"
    reference = driver.find_element(By.CSS_SELECTOR, "[data-reference-slot]")
    assert reference.is_displayed() and reference.find_element(By.CSS_SELECTOR, "strong").text.startswith("EM-")


def test_a_form_with_a_file_question_posts_multipart_with_the_file(driver, demo, tmp_path):
    root, submissions = demo
    photo = tmp_path / "rubbish.jpg"
    photo.write_bytes(b"\xff\xd8\xff\xe0 a tiny test photo")
    open_form(driver, root, "report-fly-tipping")
    fill(driver, {"location": "Behind the shops on Mill Lane", "waste_type": ["bags-of-rubbish", "tyres"],
                  "amount": "car-boot", "photo": str(photo)})
    submit(driver)
    WebDriverWait(driver, 10).until(lambda d: "/confirmation/" in d.current_url)
    sent = submissions[-1]
    assert sent.path == "/submit/report-fly-tipping"
    assert sent.content_type.startswith("multipart/form-data")
    assert sent.fields["waste_type"] == ["bags-of-rubbish", "tyres"]
    assert sent.file("photo") == ("rubbish.jpg", photo.read_bytes())


def test_the_browser_checks_file_type_and_size(driver, demo, tmp_path):
    root, _ = demo
    document = tmp_path / "notes.txt"
    document.write_text("not a photo")
    open_form(driver, root, "report-fly-tipping")
    fill(driver, {"location": "Mill Lane", "waste_type": ["tyres"], "amount": "single", "photo": str(document)})
    submit(driver)
    assert summary(driver) == [("photo", "The selected file must be a JPG, PNG or HEIC")]
    big = tmp_path / "big.png"
    big.write_bytes(b"\x89PNG" + b"0" * (10 * 1024 * 1024))
    fill(driver, {"photo": str(big)})
    submit(driver)
    assert summary(driver) == [("photo", "The selected file must be smaller than 10MB")]


def test_revealed_questions_show_and_hide_with_aria_controls_and_expanded(driver, every):
    root, _ = every
    open_form(driver, root, "every-question")
    green = driver.find_element(By.ID, "bin-3")
    lid = driver.find_element(By.ID, "conditional-bin-3")
    assert green.get_attribute("aria-controls") == "conditional-bin-3"
    assert green.get_attribute("data-aria-controls") is None
    assert not lid.is_displayed()
    fill(driver, {"bin": "green-bin"})
    assert lid.is_displayed()
    fill(driver, {"bin": "grey"})
    assert not lid.is_displayed()
    other = driver.find_element(By.ID, "items-3")
    assert other.get_attribute("aria-expanded") == "false"
    fill(driver, {"items": ["other"]})
    assert other.get_attribute("aria-expanded") == "true"
    assert driver.find_element(By.ID, "conditional-items-3").is_displayed()
    # A hidden question is not checked: no error for the lid colour while grey is chosen.
    submit(driver)
    assert "colour_other" not in [target for target, _ in summary(driver)]
    assert "other_item" in [target for target, _ in summary(driver)]


def test_character_count_counts_down_and_over(driver, every):
    root, _ = every
    open_form(driver, root, "every-question")
    status = driver.find_element(By.CSS_SELECTOR, "#story ~ .character-count__status")
    assert status.text == "You have 50 characters remaining"
    assert "visually-hidden" in driver.find_element(By.ID, "story-info").get_attribute("class")
    fill(driver, {"story": "x" * 49})
    assert status.text == "You have 1 character remaining"
    fill(driver, {"story": "x" * 52})
    assert status.text == "You have 2 characters too many"
    assert "character-count__status--error" in status.get_attribute("class")
    spoken = driver.find_element(By.CSS_SELECTOR, ".character-count__sr-status")
    assert spoken.get_attribute("aria-live") == "polite"
    WebDriverWait(driver, 5).until(lambda d: spoken.get_attribute("textContent") == "You have 2 characters too many")


def test_the_whole_journey_works_with_the_keyboard_alone(driver, demo):
    root, submissions = demo
    before = len(submissions)
    open_form(driver, root, "book-a-digital-skills-class")
    keys = ActionChains(driver)
    driver.find_element(By.TAG_NAME, "body").click()
    first = driver.find_element(By.ID, "course")
    for _ in range(40):
        keys.send_keys(Keys.TAB).perform()
        if active_id(driver) == "course":
            break
    assert driver.switch_to.active_element == first
    keys.send_keys(Keys.SPACE).perform()  # choose the first class
    keys.send_keys(Keys.TAB).perform()
    assert active_id(driver) == "venue"
    keys.send_keys(Keys.ARROW_DOWN).perform()  # radios move with the arrow keys
    assert driver.find_element(By.ID, "venue-2").is_selected()
    keys.send_keys(Keys.TAB).perform()
    assert active_id(driver) == "borrow_tablet"
    keys.send_keys(Keys.SPACE).perform()
    keys.send_keys(Keys.TAB).send_keys(Keys.TAB).perform()  # past the optional question
    assert active_id(driver) == "full_name"
    keys.send_keys("Pat Jones").send_keys(Keys.TAB).send_keys("01632 960 071").perform()
    keys.send_keys(Keys.TAB).perform()
    assert active_id(driver) == "email"
    keys.send_keys(Keys.ENTER).perform()  # Enter in a box sends the form
    WebDriverWait(driver, 10).until(lambda d: "/confirmation/" in d.current_url)
    assert submissions[-1].fields["course"] == ["getting-started"] and len(submissions) == before + 1
    assert submissions[-1].fields["venue"] == ["northgate-hub"]
    assert submissions[-1].fields["phone"] == ["01632 960 071"]


def test_a_second_press_does_not_send_the_form_twice(driver, demo):
    root, submissions = demo
    open_form(driver, root, "contact-us")
    fill(driver, {"topic": "council-tax", "message": "When is my bill due?", "full_name": "Sam Smith",
                  "reply_by": "email", "email": "sam@example.com"})
    before = len(submissions)
    driver.execute_script("""
        var button = document.querySelector("form[data-module=form] button[type=submit]");
        button.click(); button.click();""")
    WebDriverWait(driver, 10).until(lambda d: "/confirmation/" in d.current_url)
    time.sleep(0.3)
    assert len(submissions) == before + 1


# -- Without JavaScript -----------------------------------------------------------------------------


def test_without_javascript_the_form_posts_as_html_without_checks(driver, demo):
    root, submissions = demo
    driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": True})
    try:
        driver.get(f"{root}forms/report-a-missed-bin/")
        assert "form--enhanced" not in driver.find_element(By.CSS_SELECTOR, "form").get_attribute("class")
        # Every revealed question is shown, so it can be answered without JavaScript.
        assert driver.find_element(By.ID, "conditional-updates-2").is_displayed()
        before = len(submissions)
        fill(driver, {"address-line1": "3 Station Road"})
        submit(driver)
        WebDriverWait(driver, 10).until(lambda d: "/confirmation/" in d.current_url)
        assert len(submissions) == before + 1
        sent = submissions[-1]
        assert sent.content_type == "application/x-www-form-urlencoded"
        assert sent.fields["address-line1"] == ["3 Station Road"]
        assert sent.fields["collection_day-day"] == [""]
        assert "bin" not in sent.fields, "an unanswered radio is not sent"
        # No reference without JavaScript unless the receiver fills it in: the slot stays hidden.
        assert not driver.find_element(By.CSS_SELECTOR, "[data-reference-slot]").is_displayed()
    finally:
        driver.execute_cdp_cmd("Emulation.setScriptExecutionDisabled", {"value": False})
