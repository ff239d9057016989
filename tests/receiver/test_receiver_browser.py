"""The receiver's pages in a real browser: every page it answers with passes axe-core (WCAG 2.0,
2.1 and 2.2 A/AA) at 320 and 1280 CSS pixels wide, in the light and dark colour schemes, and the
whole journey works with the keyboard alone.

    error page      each demo form sent empty, past forms.js: the receiver's 422 page
    check page      valid answers posted: "Check your answers"; Tab to Send, Enter
    confirmation    the reference number, shown
    change          a "Change" link followed by keyboard: the form comes back filled in, and
                    sending it again leads back to "Check your answers"
    message pages   a bot caught by the honeypot (400), a form sent as text/plain (415), too many
                    forms from one place (429), an expired or unknown draft (404), a form that
                    does not exist (404): each with other ways to get help

The demo site is built once and served with the receiver, as `councilsite serve` does, on
loopback; one headless Chromium drives every page.

RECEIVER_SHOTS=/tmp/receiver-shots also saves full-page screenshots of the pages, at both widths
and in both colour schemes, to look at by eye (they are not checked).
"""
from __future__ import annotations

import http.client
import json
import os
import re
from pathlib import Path
from urllib.parse import urlencode, urlsplit

import pytest

from axe_selenium_python import Axe  # noqa: E402
from selenium.webdriver.common.action_chains import ActionChains  # noqa: E402
from selenium.webdriver.common.by import By  # noqa: E402
from selenium.webdriver.common.keys import Keys  # noqa: E402
from selenium.webdriver.support.ui import WebDriverWait  # noqa: E402

from browsing import axe_script, demo_form_ids  # noqa: E402
from browsing import browser as start_browser  # noqa: E402
from receiversite import build_demo, demo_settings, multipart, run_in_thread, valid_fields  # noqa: E402

TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
VIEWS = [(width, scheme) for width in (1280, 320) for scheme in ("light", "dark")]
REFERENCE = re.compile(r"^[A-Z2-9]{5}-[A-Z2-9]{5}$")
FORM = "form[data-module=form]"
SEND_BUTTON = "form[action$='/send'] button[type=submit]"
CHANGE_LINK = ".check-answers__actions a"
SHOTS = os.environ.get("RECEIVER_SHOTS")


# -- The site and its receiver, served together ------------------------------------------------


class Served:
    def __init__(self, root: str, settings, forms: dict):
        self.root, self.settings, self.forms = root, settings, forms

    def post(self, form_id: str, fields: dict[str, list[str]], files: dict | None = None) -> tuple[int, str]:
        """Answers posted as the browser posts them, without following the redirect."""
        if self.forms[form_id].has_file:
            body, content_type = multipart(fields, files)
        else:
            body = urlencode([(name, value) for name, values in fields.items() for value in values]).encode()
            content_type = "application/x-www-form-urlencoded"
        address = urlsplit(self.root)
        connection = http.client.HTTPConnection(address.hostname, address.port, timeout=30)
        try:
            connection.request("POST", f"{self.settings.prefix}/{form_id}", body, {"Content-Type": content_type})
            response = connection.getresponse()
            response.read()
            cookie = response.getheader("Set-Cookie") or ""
            self.token = cookie.split(";", 1)[0].split("=", 1)[1] if cookie else None
            return response.status, response.getheader("Location") or ""
        finally:
            connection.close()


@pytest.fixture(scope="module")
def served(tmp_path_factory):
    from councilsite.receiver.app import create_app
    from councilsite.receiver.server import SiteAndReceiver, StaticSite
    from councilsite.receiver.store import open_store

    folder = tmp_path_factory.mktemp("receiver-browser")
    with pytest.MonkeyPatch.context() as patch:
        patch.setenv("COUNCILSITE_NOW", "2026-11-22 12:00")  # as tests/conftest.py fixes it for each test
        site_dir = build_demo(folder / "site")
    settings = demo_settings(site_dir, rate_limit=0)
    store = open_store("sqlite:///" + str(folder / "receiver.sqlite3"))
    receiver = create_app(settings, store)
    root, stop = run_in_thread(SiteAndReceiver(StaticSite(site_dir), receiver))
    yield Served(root, settings, settings.forms)
    stop()
    store.close()


# -- The browser, with axe in every page ---------------------------------------------------------


class Browser:
    def __init__(self, driver, root: str):
        self.driver, self.root = driver, root
        self.axe = Axe(driver, script_url=str(axe_script()))

    def emulate(self, width: int = 1280, scheme: str = "light", height: int = 800) -> None:
        self.driver.execute_cdp_cmd("Emulation.setEmulatedMedia",
                                    {"features": [{"name": "prefers-color-scheme", "value": scheme}]})
        self.driver.execute_cdp_cmd("Emulation.setDeviceMetricsOverride",
                                    {"width": width, "height": height, "deviceScaleFactor": 1, "mobile": width < 600})

    def adopt(self, token: str) -> None:
        """Take over a journey posted outside the browser: its session cookie, as the receiver set it."""
        self.open("/")
        self.driver.add_cookie({"name": "councilsite_session", "value": token, "path": "/submit/",
                                "httpOnly": True, "sameSite": "Lax"})

    def open(self, path: str) -> None:
        self.emulate()
        self.driver.get(self.root + path)
        self.loaded()

    def loaded(self, path_contains: str = "") -> None:
        """Wait for the navigation a form's submission started to finish."""
        WebDriverWait(self.driver, 15).until(
            lambda d: path_contains in urlsplit(d.current_url).path
            and d.execute_script("return document.readyState") == "complete")
        self.driver.find_element(By.TAG_NAME, "main")

    def status(self) -> int:
        """The HTTP status of the page on show, as the browser received it."""
        return self.driver.execute_script(
            "var n = performance.getEntriesByType('navigation')[0]; return n ? n.responseStatus : 0;")

    def path(self) -> str:
        return urlsplit(self.driver.current_url).path

    def audit(self) -> dict[str, str]:
        """axe on the page on show, in each width and colour scheme: the violations found, described."""
        if not self.driver.execute_script("return !!window.axe"):
            self.axe.inject()
        found = {}
        options = json.dumps({"runOnly": {"type": "tag", "values": TAGS}, "resultTypes": ["violations"]})
        for width, scheme in VIEWS:
            self.emulate(width, scheme)
            violations = self.axe.run(options=options)["violations"]
            if violations:
                found[f"{width}px {scheme}"] = describe(violations)
        self.emulate()
        blocked = self.driver.execute_script("return window.__cspViolations || []")
        if blocked:
            found["Content-Security-Policy"] = "; ".join(blocked)
        return found

    def press(self, key: str) -> None:
        """A key pressed in whatever has focus, as a person presses it. (WebElement.send_keys would
        type into a file input as a file's path, not press Tab.)"""
        ActionChains(self.driver).send_keys(key).perform()

    def tab_to(self, selector: str, limit: int = 400) -> str:
        """Press Tab until an element matching `selector` has focus; returns its outerHTML."""
        for _ in range(limit):
            self.press(Keys.TAB)
            focused = self.driver.execute_script(
                "var el = document.activeElement; return el.matches(arguments[0]) ? el.outerHTML : null", selector)
            if focused:
                return focused
        pytest.fail(f"{limit} presses of Tab never reached {selector} on {self.path()}")

    def shoot(self, name: str) -> None:
        """Full-page screenshots at both widths and in both schemes, when RECEIVER_SHOTS is set."""
        if not SHOTS:
            return
        out = Path(SHOTS)
        out.mkdir(parents=True, exist_ok=True)
        for width, scheme in VIEWS:
            self.emulate(width, scheme)
            height = self.driver.execute_script("return document.documentElement.scrollHeight")
            self.emulate(width, scheme, min(height, 8000))
            self.driver.save_screenshot(str(out / f"{name}-{width}-{scheme}.png"))
        self.emulate()


def describe(violations: list[dict]) -> str:
    return "\n".join(f"{v['id']} ({v['impact']}): {v['help']} at "
                     + ", ".join(str(n["target"]) for n in v["nodes"][:5]) for v in violations)


# Collects any Content-Security-Policy violation (a blocked script or style) on every page.
WATCH_CSP = """
window.__cspViolations = [];
document.addEventListener("securitypolicyviolation", function (e) {
  window.__cspViolations.push(e.violatedDirective + " blocked " + (e.blockedURI || "inline"));
});
"""


@pytest.fixture(scope="module")
def browser(served):
    script = axe_script()
    driver = start_browser()
    # axe and the CSP watcher go into every page before its own scripts run.
    for source in (script.read_text(encoding="utf-8"), WATCH_CSP):
        driver.execute_cdp_cmd("Page.addScriptToEvaluateOnNewDocument", {"source": source})
    yield Browser(driver, served.root)
    driver.quit()


# -- 1. A form sent empty, past the browser's checks: the receiver's error page -------------------


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_error_page(browser, served, form_id):
    form = served.forms[form_id]
    browser.open(form.url)
    title = browser.driver.title
    # submit() fires no submit event, so forms.js never sees it: the receiver must do the checking.
    browser.driver.execute_script(f"document.querySelector('{FORM}').submit()")
    browser.loaded(f"{served.settings.prefix}/{form_id}")
    driver = browser.driver

    assert browser.path() == f"{served.settings.prefix}/{form_id}"
    assert browser.status() == 422, "the error page should be the receiver's own answer"
    assert driver.title == f"Error: {title}", driver.title
    links = driver.find_elements(By.CSS_SELECTOR, ".error-summary a")
    messages = driver.find_elements(By.CSS_SELECTOR, f"{FORM} .error-message")
    assert links, "the error summary lists no errors"
    assert messages and all(m.is_displayed() for m in messages)
    assert len(links) >= len(messages)
    for link in links:
        target = link.get_attribute("href").split("#", 1)[1]
        assert driver.find_elements(By.ID, target), f"{link.text!r} links to #{target}, which is not on the page"
    assert driver.execute_script("return document.querySelectorAll('.error-summary').length") == 1
    # The form posts back to the receiver, to be sent again once put right.
    assert driver.find_element(By.CSS_SELECTOR, FORM).get_attribute("action").endswith(
        f"{served.settings.prefix}/{form_id}")

    found = browser.audit()
    assert not found, found
    browser.shoot(f"error-{form_id}")


# -- 2. Check your answers, sent by keyboard: the confirmation -------------------------------------


@pytest.mark.parametrize("form_id", demo_form_ids())
def test_check_answers_then_send_by_keyboard(browser, served, form_id):
    form = served.forms[form_id]
    fields, files = valid_fields(form)
    status, location = served.post(form_id, fields, files)
    assert status == 303, (status, location)
    assert location == f"{served.settings.prefix}/{form_id}/check", location

    browser.adopt(served.token)
    browser.open(location)
    driver = browser.driver
    assert browser.status() == 200
    assert driver.find_element(By.TAG_NAME, "h1").text == "Check your answers before sending your form"
    assert driver.title.startswith("Check your answers - ")
    rows = driver.find_elements(By.CSS_SELECTOR, ".check-answers__row")
    assert rows and all(row.find_elements(By.CSS_SELECTOR, CHANGE_LINK) for row in rows)
    found = browser.audit()
    assert not found, found
    browser.shoot(f"check-{form_id}")

    browser.tab_to(SEND_BUTTON)
    browser.press(Keys.ENTER)
    browser.loaded(f"{served.settings.prefix}/{form_id}/sent")
    assert browser.status() == 200
    reference = driver.find_element(By.CSS_SELECTOR, "[data-reference]")
    assert reference.is_displayed()
    assert driver.execute_script("return document.querySelector('[data-reference-slot]').hidden") is False
    assert REFERENCE.match(reference.text), reference.text
    assert driver.find_element(By.TAG_NAME, "h1").text == form.confirmation_title
    found = browser.audit()
    assert not found, found
    browser.shoot(f"sent-{form_id}")


def test_change_link_by_keyboard_keeps_the_answers(browser, served):
    """From a check page, a "Change" link followed with Enter brings the form back filled in, its
    files kept; Enter on its button sends it back to "Check your answers"."""
    form_id = "apply-for-a-parking-permit"  # sections, revealed questions and two files kept
    form = served.forms[form_id]
    fields, files = valid_fields(form)
    status, location = served.post(form_id, fields, files)
    assert status == 303
    browser.adopt(served.token)
    browser.open(location)
    driver = browser.driver

    browser.tab_to(CHANGE_LINK)
    href = driver.execute_script("return document.activeElement.href")
    browser.press(Keys.ENTER)
    browser.loaded(f"{served.settings.prefix}/{form_id}/change")
    assert browser.status() == 200
    target = urlsplit(href).fragment
    assert target and driver.find_elements(By.ID, target), href

    kept = driver.execute_script("""
        var form = document.querySelector(arguments[0]), out = {};
        Array.prototype.forEach.call(form.elements, function (el) {
          if (!el.name || el.type === "file" || el.type === "submit") { return; }
          if ((el.type === "radio" || el.type === "checkbox") && !el.checked) { return; }
          (out[el.name] = out[el.name] || []).push(el.value);
        });
        return out;""", FORM)
    for name, values in fields.items():
        assert kept.get(name) == values, f"{name}: sent {values}, the form came back with {kept.get(name)}"
    assert "_draft" not in kept and served.token not in driver.page_source, "nothing of the session in the page"
    hints = " ".join(h.text for h in driver.find_elements(By.CSS_SELECTOR, f"{FORM} .hint"))
    for filename, _ in files.values():
        assert f"You sent {filename}" in hints
    found = browser.audit()
    assert not found, found
    browser.shoot(f"change-{form_id}")

    browser.tab_to(f"{FORM} button[type=submit]")
    browser.press(Keys.ENTER)
    browser.loaded(f"{served.settings.prefix}/{form_id}/check")
    assert driver.find_element(By.TAG_NAME, "h1").text == "Check your answers before sending your form"
    assert len(driver.find_elements(By.CSS_SELECTOR, ".check-answers__row")) >= len(files)


# -- 3. Pages that turn a resident away, each with other ways to get help ---------------------------


def assert_message_page(browser, status: int, heading: str, title: str) -> None:
    driver = browser.driver
    assert browser.status() == status
    assert driver.find_element(By.TAG_NAME, "h1").text == heading
    assert driver.title.startswith(title + " - "), driver.title
    other_ways = driver.find_element(By.CSS_SELECTOR, "main .other-ways")
    assert other_ways.find_element(By.TAG_NAME, "h2").text == "Other ways to get help"
    assert other_ways.find_elements(By.CSS_SELECTOR, "a[href^='tel:']"), "no phone number to call"
    assert other_ways.find_elements(By.CSS_SELECTOR, "a[href^='mailto:']"), "no address to email"
    found = browser.audit()
    assert not found, found


def test_honeypot_filled_is_turned_away_kindly(browser, served):
    form = served.forms["contact-us"]
    browser.open(form.url)
    honeypot = served.settings.honeypot
    browser.driver.execute_script(
        f"document.getElementById(arguments[0]).value = 'https://spam.example/';"
        f"document.querySelector('{FORM}').submit();", honeypot)
    browser.loaded(f"{served.settings.prefix}/contact-us")
    assert_message_page(browser, 400, "Sorry, we could not accept your form", "Form not accepted")
    back = browser.driver.find_element(By.LINK_TEXT, f"Go back to the form: {form.title}")
    assert urlsplit(back.get_attribute("href")).path == form.url
    browser.shoot("message-honeypot")


def test_too_many_forms_is_turned_away_kindly(browser, served):
    """The page a resident sees past the rate limit (the served receiver has it off otherwise)."""
    form = served.forms["contact-us"]
    served.settings.rate_limit = 1
    try:
        for expected in (422, 429):  # the first post counts (and is sent empty); the second is over
            browser.open(form.url)
            browser.driver.execute_script(f"document.querySelector('{FORM}').submit();")
            browser.loaded(f"{served.settings.prefix}/contact-us")
            assert browser.status() == expected
    finally:
        served.settings.rate_limit = 0
    assert_message_page(browser, 429, "You have sent too many forms in a short time", "Too many forms sent")
    browser.shoot("message-too-many")


def test_a_form_sent_as_plain_text_is_turned_away_kindly(browser, served):
    form = served.forms["contact-us"]
    browser.open(form.url)
    browser.driver.execute_script(
        f"var form = document.querySelector('{FORM}'); form.enctype = 'text/plain'; form.submit();")
    browser.loaded(f"{served.settings.prefix}/contact-us")
    assert_message_page(browser, 415, "Sorry, we could not accept your form", "Form not accepted")


def test_unknown_draft_has_expired(browser, served):
    browser.driver.delete_all_cookies()
    browser.open(f"{served.settings.prefix}/contact-us/check")
    assert_message_page(browser, 404, "Your answers have been deleted", "Your answers have been deleted")
    browser.shoot("message-expired")


def test_no_such_form(browser, served):
    browser.open(f"{served.settings.prefix}/no-such-form/check/x")
    assert_message_page(browser, 404, "Page not found", "Page not found")
    assert browser.driver.find_element(By.LINK_TEXT, "See everything you can do online")
    browser.shoot("message-not-found")


def test_the_check_does_find_violations(browser, served):
    """So that zero violations above means something: axe runs in the receiver's pages, under
    their Content-Security-Policy."""
    browser.open(f"{served.settings.prefix}/no-such-form")
    browser.driver.execute_script(
        "var p = document.createElement('p'); p.textContent = 'Hard to read';"
        "p.style.cssText = 'color:#777;background:#888'; document.querySelector('main').appendChild(p);"
        "var i = document.createElement('input'); i.type = 'text'; document.querySelector('main').appendChild(i);"
        "var s = document.createElement('script'); s.textContent = 'window.ran = true'; document.body.appendChild(s);")
    WebDriverWait(browser.driver, 5).until(lambda d: d.execute_script("return window.__cspViolations.length"))
    found = browser.audit()
    assert "color-contrast" in found.get("1280px light", "") and "label" in found.get("1280px light", "")
    assert "script-src" in found.get("Content-Security-Policy", ""), found
    assert not browser.driver.execute_script("return window.ran === true")
